"""Databases of their own for the tests that run several OS processes at once.

pytest-django's test database lives inside the test process's transaction, so other
processes cannot see it. These tests instead migrate a separate database once per
session (an SQLite file, or a PostgreSQL database named after DATABASE_URL's with
`_procs_<pid>`), copy it fresh for each test, and point worker processes at it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/nd_reliability"


def base_env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=check,
    )


@dataclass
class ProcsDatabase:
    """A migrated database that worker processes share, and how to reach it."""

    vendor: str
    url: str
    path: Path | None = None  # the SQLite file
    go_file: Path = field(default_factory=Path)

    @property
    def env(self) -> dict[str, str]:
        return base_env(self.url)

    def worker(self, *args: object) -> dict:
        """Run one worker action to completion and return its JSON answer."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.worker", *map(str, args)],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, commands: list[list[object]]) -> Workers:
        """Start one worker per command; they wait at the starting line for `release`."""
        self.go_file.unlink(missing_ok=True)
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.worker", *map(str, args)],
                cwd=REPO,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in commands
        ]
        return Workers(processes, self.go_file)

    def together(self, commands: list[list[object]]) -> list[dict]:
        """Start one worker per command, release them at the same moment, collect answers."""
        workers = self.start(commands)
        workers.release()
        return workers.wait()


@dataclass
class Workers:
    processes: list[subprocess.Popen]
    go_file: Path

    def release(self) -> None:
        # Give every process time to set Django up and reach the starting line, so
        # that their writes overlap instead of following one another.
        time.sleep(2.5)
        self.go_file.touch()

    def wait(self) -> list[dict]:
        """Every worker's answer; fails with their tracebacks if any of them failed."""
        answers, failures = [], []
        for process in self.processes:
            out, err = process.communicate(timeout=300)
            if process.returncode != 0:
                failures.append(err)
            else:
                answers.append(json.loads(out.strip().splitlines()[-1]))
        assert not failures, "\n----\n".join(failures)
        return answers


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("procs-template") / "template.sqlite3"
    manage(base_env(f"sqlite:///{path}"), "migrate", "--no-input", "-v", "0")
    # One self-contained file to copy: fold the write-ahead log back in.
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    return path


@pytest.fixture
def sqlite_procs_db(_sqlite_template, tmp_path) -> ProcsDatabase:
    path = tmp_path / "shared.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    return ProcsDatabase("sqlite", f"sqlite:///{path}", path=path, go_file=tmp_path / "go")


def _postgres_urls() -> tuple[str, str, str]:
    """(maintenance URL, template name, per-test name) for the PostgreSQL worker databases."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = DEFAULT_POSTGRES_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "nd_reliability"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    # The process id keeps two test runs at once (two engineers, or CI) apart.
    procs = f"{name}_procs_{os.getpid()}"
    return maintenance, f"{procs}_tpl", procs


def _postgres_admin(maintenance: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture(scope="session")
def _postgres_template() -> tuple[str, str, str]:
    maintenance, template, name = _postgres_urls()
    _postgres_admin(
        maintenance,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
        f'CREATE DATABASE "{template}"',
    )
    template_url = urlunsplit(urlsplit(maintenance)._replace(path=f"/{template}"))
    manage(base_env(template_url), "migrate", "--no-input", "-v", "0")
    yield maintenance, template, name
    _postgres_admin(
        maintenance,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
    )


@pytest.fixture
def postgres_procs_db(_postgres_template, tmp_path) -> ProcsDatabase:
    maintenance, template, name = _postgres_template
    _postgres_admin(
        maintenance,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
    )
    url = urlunsplit(urlsplit(maintenance)._replace(path=f"/{name}"))
    return ProcsDatabase("postgresql", url, go_file=tmp_path / "go")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def procs_db(request) -> ProcsDatabase:
    """The shared database on each backend: SQLite always, PostgreSQL when marked."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_procs_db")
    return request.getfixturevalue("postgres_procs_db")


@pytest.fixture
def seeded(db, editor, viewer, importer) -> dict[str, object]:
    """One row of every kind a URL can name, for the URL walks."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import User
    from django.utils import timezone

    from articles.models import ArticleFetch, AuditEvent, NameSpelling
    from articles.stories.names_store import refresh_names
    from tests.builders import build_comparison

    comparison = build_comparison(
        [("The colonel, Maroto, spoke.", "The colonel, Malotto, spoke."), ("A caveat.", "")],
        flags={0: [{"category": "factual.name", "severity": "major"}]},
    )
    comparison.ledger = [{"source": "Maroto", "target": "Malotto", "units": [0]}]
    comparison.save(update_fields=["ledger"])
    refresh_names([comparison.pk])
    unit = comparison.units.order_by("position").first()
    flag = unit.flags.get()
    event = AuditEvent.objects.create(
        comparison=comparison, unit=unit, flag=flag, actor=editor, action="flag.confirm"
    )
    admin = User.objects.create_superuser("root", password="pw-for-tests-only")
    job = _seed_job(editor, comparison)
    token, endpoint, delivery = _seed_integration(editor)
    _seed_tuning(admin, comparison)
    fetch = ArticleFetch.objects.create(
        article=comparison.retranslation,
        url="https://news.example.org/story",
        final_url="https://news.example.org/story",
        fetched_at=timezone.now(),
        html="<p>The story.</p>",
    )
    double_review = _seed_double_review(admin, comparison)
    comment, notification = _seed_discussion(editor, viewer, comparison)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        values = {"username": "someone", "ip_address": "192.0.2.1", "user_agent": "walk"}
        if model is AccessAttempt:
            values["failures_since_start"] = 1
        if model is AccessFailureLog:
            values["locked_out"] = False
        model.objects.create(**values)
    return {
        "comparison": comparison,
        "unit": unit,
        "alignmentunit": unit,
        "flag": flag,
        "event": event,
        "auditevent": event,
        "article": comparison.source,
        "sentence": comparison.source.sentences.first(),
        "user": editor,
        "superuser": admin,
        "job": job,
        "apitoken": token,
        "webhookendpoint": endpoint,
        "webhookdelivery": delivery,
        "fetch": fetch,
        "doublereview": double_review,
        "name": NameSpelling.objects.get(source="Maroto"),
        "comment": comment,
        "notification": notification,
    }


def _seed_discussion(editor, viewer, comparison):
    """A comment mentioning the viewer, and the viewer's notification of it."""
    from articles.discussion.comments import add_comment

    saved = add_comment(user=editor, comparison=comparison, body="Over to you, @vera.")
    return saved.comment, saved.comment.notifications.get()


def _seed_double_review(superuser, comparison):
    """A blind double review of the comparison, both reviews handed in: the superuser
    is one of its two editors, so that its blind review and the side-by-side page
    answer them (nobody else opens a blind review)."""
    from articles.agreement import blind
    from articles.roles import EDITORS
    from tests.conftest import _user

    double_review = blind.request_double_review(
        user=superuser,
        comparison=comparison,
        first=superuser,
        second=_user("blind-two", EDITORS),
    )
    for review in double_review.reviews.all():
        for unit in comparison.units.all():
            for flag in unit.flags.all():
                blind.decide(review=review, unit=unit, flag=flag, decision="accept")
            blind.mark_unit(review=review, unit=unit, reviewed=True)
        blind.hand_in(review=review)
    return double_review


def _seed_integration(user):
    """An API token, a webhook endpoint and one of its deliveries (admin pages)."""
    from articles.api.models import ApiToken
    from articles.webhooks.models import WebhookDelivery, WebhookEndpoint

    token, _ = ApiToken.issue(user, "walk")
    endpoint = WebhookEndpoint.objects.create(
        name="receiver", url="https://receiver.example/hook", events=["comparison.done"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="comparison.done", payload={"comparison": {"id": 1}}
    )
    return token, endpoint, delivery


def _seed_tuning(admin, comparison) -> None:
    """An ignore-list entry, a rule setting, their audit and a suppression count."""
    from articles.models import IgnoreEntry, RuleSetting, TuningEffectCount, TuningEvent

    entry = IgnoreEntry.objects.create(left="Maroto", right="Malotto", created_by=admin)
    RuleSetting.objects.create(rule="meaning.term", muted=True, reason="walk", updated_by=admin)
    TuningEvent.objects.create(actor=admin, action="ignore.add", subject=str(entry))
    TuningEffectCount.objects.create(
        comparison=comparison, kind="ignored", entry=entry, label=str(entry), count=1
    )


def _seed_job(editor, comparison):
    """A finished export job with its file, an item, and the queued task of a runner."""
    from articles.jobs.files import write_file
    from articles.jobs.queue import run_job
    from articles.models import Job, JobItem

    job = Job.objects.create(
        kind=Job.Kind.EXPORT,
        state=Job.State.DONE,
        title="Report export: 1 comparison(s) as JSON",
        created_by=editor,
        total=1,
        done=1,
        result_ready=True,
        result_name="newsdrift-report.json",
    )
    JobItem.objects.create(
        job=job,
        position=0,
        label="report file",
        state=JobItem.State.FINISHED,
        outcome=JobItem.Outcome.EXPORTED,
        comparison=comparison,
    )
    write_file(job, ['{"reports": []}\n'])
    run_job.enqueue(job.pk)  # a row of the database queue (its admin pages are walked)
    return job


def snapshot() -> dict[str, list[tuple]]:
    """Every row newsdrift keeps (and the accounts), to show that nothing changed."""
    from django.apps import apps

    tables = {}
    for model in [*apps.get_app_config("articles").get_models(), apps.get_model("auth", "User")]:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        tables[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*fields))
    tables["auth.Group.permissions"] = sorted(
        apps.get_model("auth", "Group").permissions.through.objects.values_list(
            "group_id", "permission_id"
        )
    )
    return tables


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def hostile_comparisons(seeded, tmp_path, editor, importer) -> list:
    """The corpus imported through the command line in all three formats, and through
    the admin's import pages (an uploaded file, a pasted text and the form's fields; a
    bulk JSON Lines file)."""
    from django.core.management import call_command

    from articles.models import AuditEvent, Comparison, Flag
    from tests.reliability.hostile import (
        json_article,
        payloads,
        write_html_pair,
        write_text_pair,
    )

    items = payloads()
    call_command("import_pair", *map(str, write_text_pair(tmp_path)), stdout=_Quiet())
    call_command(
        "import_pair",
        *map(str, write_html_pair(tmp_path)),
        "--source-outlet",
        items[2].text,
        "--retranslation-title",
        items[11].text,
        stdout=_Quiet(),
    )
    source, target = tmp_path / "hostile-source.json", tmp_path / "hostile-retranslation.json"
    source.write_text(json.dumps(json_article("reported", "Monday")), encoding="utf-8")
    target.write_text(json.dumps(json_article("claimed", "Tuesday")), encoding="utf-8")
    call_command("import_pair", str(source), str(target), stdout=_Quiet())
    admin_pages = _import_through_the_admin(importer, items)
    comparisons = Hostile(Comparison.objects.exclude(pk=seeded["comparison"].pk).order_by("pk"))
    comparisons.admin_pages = admin_pages
    assert len(comparisons) == 5
    # What editors type is hostile too: notes, spans and an audit trail quoting payloads,
    # some of them whole cells of a CSV export (spreadsheet formulas).
    formulas = [p for p in items if p.id.startswith("csv-")]
    for comparison, item in zip(comparisons, items, strict=False):
        for formula in formulas:
            Flag.objects.create(
                unit=comparison.units.order_by("position").last(),
                category="attribution.quote",
                severity="minor",
                origin=Flag.Origin.EDITOR,
                status=Flag.Status.CONFIRMED,
                source_span=formula.text,
                target_span=formula.text,
                note=formula.text,
                author=editor,
            )
        unit = comparison.units.order_by("position").first()
        flag = Flag.objects.create(
            unit=unit,
            category="factual.name",
            severity="major",
            origin=Flag.Origin.EDITOR,
            status=Flag.Status.CONFIRMED,
            source_span=item.text,
            target_span=items[-1].text,
            note=f"Editor note {item.text}",
            author=editor,
        )
        AuditEvent.objects.create(
            comparison=comparison,
            unit=unit,
            flag=flag,
            actor=editor,
            action="flag.add",
            before={"note": item.text},
            after={"note": flag.note},
        )
    return comparisons


class Hostile(list):
    """The hostile comparisons, and the admin import pages met on the way (url -> html)."""

    admin_pages: dict[str, str]


def _import_through_the_admin(importer, items) -> dict[str, str]:
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from tests.reliability.hostile import json_article

    client = Client()
    client.force_login(importer)
    pages = {}
    form_url = reverse("admin:articles_comparison_import")
    pasted = "\n".join(f"Aides claimed {p.text} on Thursday ({n})." for n, p in enumerate(items))
    upload = json.dumps(json_article("alleged", "Wednesday")).encode()
    posted = client.post(
        form_url,
        {
            "source_file": SimpleUploadedFile("hostile-admin.json", upload, "application/json"),
            "retranslation_text": f"{items[3].text}\n\n{pasted}",
            "source_title": f"Admin headline {items[0].text}",
            "source_outlet": items[5].text[:200],
            "source_byline": items[6].text,
            "retranslation_outlet": items[12].text,
            "retranslation_byline": items[22].text,
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    preview_url = posted["Location"]
    pages[preview_url] = client.get(preview_url).content.decode()
    token = preview_url.rstrip("/").rsplit("/", 1)[-1]
    confirmed = client.post(reverse("admin:articles_comparison_import_confirm"), {"token": token})
    assert confirmed.status_code == 302, confirmed.content.decode()[:2000]
    # A refused form shows the payloads back in its fields and errors.
    refused = client.post(
        form_url, {"source_text": items[1].text, "retranslation_text": items[1].text}
    )
    pages[f"{form_url} (refused)"] = refused.content.decode()
    pages[form_url] = client.get(form_url).content.decode()
    # Bulk import: one good pair, one refused line (its message quotes the input), and
    # one line that is not JSON at all.
    source, target = json_article("insisted", "Friday"), json_article("maintained", "Sunday")
    lines = [
        json.dumps({"source": source, "retranslation": target}),
        json.dumps({"source": {"title": items[0].text, "body": ""}, "retranslation": target}),
        items[3].text,
    ]
    bulk_url = reverse("admin:articles_comparison_bulk_import")
    bulk = client.post(
        bulk_url,
        {"file": SimpleUploadedFile("hostile.jsonl", "\n".join(lines).encode(), "text/plain")},
    )
    assert bulk.status_code == 302
    from articles.models import JobItem
    from tests.jobs_helpers import work_off_jobs

    work_off_jobs()
    outcomes = list(
        JobItem.objects.order_by("job_id", "position").values_list("outcome", flat=True)
    )
    assert outcomes[-3:] == ["imported", "rejected", "rejected"]
    # The job page shows each line's result, quoting the input in its message.
    pages[f"{bulk['Location']} (results)"] = client.get(bulk["Location"]).content.decode()
    return pages
