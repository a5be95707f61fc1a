"""Fixtures of the admin tests: staff accounts, upload helpers and row counts."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import AlignmentUnit, Article, AuditEvent, Comparison, Flag, Sentence
from articles.roles import EDITORS
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE

SOURCE_TEXT = SEED_SOURCE.read_text(encoding="utf-8")
RETRANSLATION_TEXT = SEED_RETRANSLATION.read_text(encoding="utf-8")


@pytest.fixture
def importer_client(client, importer):
    client.force_login(importer)
    return client


@pytest.fixture
def staff_editor(db) -> User:
    """Staff who reviews but may not import."""
    user = User.objects.create_user(username="stan", password="pw-for-tests-only", is_staff=True)
    user.groups.add(*Group.objects.filter(name=EDITORS))
    return user


@pytest.fixture
def staff_editor_client(client, staff_editor):
    client.force_login(staff_editor)
    return client


def row_counts() -> dict[str, int]:
    """Rows of every table an import writes."""
    return {
        model.__name__: model.objects.count()
        for model in (Article, Comparison, Sentence, AlignmentUnit, Flag, AuditEvent)
    }


EMPTY_COUNTS = {
    "Article": 0,
    "Comparison": 0,
    "Sentence": 0,
    "AlignmentUnit": 0,
    "Flag": 0,
    "AuditEvent": 0,
}


def upload(name: str, data: bytes | str, content_type: str = "text/plain") -> SimpleUploadedFile:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return SimpleUploadedFile(name, data, content_type=content_type)


def article_json(title: str, body: str, **extra: str) -> str:
    return json.dumps({"title": title, "body": body, **extra})


def html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>"
        "<script>alert('x')</script></head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


def make_zip(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pair_line(source_title: str, source_body: str, target_title: str, target_body: str) -> str:
    return json.dumps(
        {
            "source": {"title": source_title, "body": source_body, "outlet": "Wire"},
            "retranslation": {"title": target_title, "body": target_body},
        }
    )
