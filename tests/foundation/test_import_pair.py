"""`import_pair` on real files of each format, and every refusal."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE

pytestmark = pytest.mark.django_db

SOURCE_TEXT = (
    "Rockets hit US base in Syria\n\n"
    "US forces came under rocket fire in Syria on Monday, without casualties.\n"
    "“There are no casualties,” Colonel Wayne Maroto said.\n"
)
TARGET_TEXT = (
    "U.S. troops were hit by rockets in Syria on Monday but were not injured.\n"
    "“No one was injured,” said Colonel Wayne Malotto.\n"
)


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_pair", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, Sentence, Comparison, AlignmentUnit, Flag))


def test_it_imports_the_seed_pair_and_prints_the_comparison_id_and_url():
    output = _run(str(SEED_SOURCE), str(SEED_RETRANSLATION), "--source-outlet", "Agency")
    comparison = Comparison.objects.get()
    assert f"Imported comparison {comparison.pk}" in output
    assert f"http://127.0.0.1:8000/comparisons/{comparison.pk}/" in output
    assert comparison.source.outlet == "Agency"
    assert comparison.source.origin == SEED_SOURCE.name
    assert comparison.analysed_at is not None
    assert comparison.units.exists()


def test_it_changes_nothing_when_the_same_pair_is_imported_again():
    _run(str(SEED_SOURCE), str(SEED_RETRANSLATION))
    before = _counts()
    output = _run(str(SEED_SOURCE), str(SEED_RETRANSLATION))
    assert "Already imported" in output
    assert _counts() == before


def test_it_imports_text_files_with_a_title_override(tmp_path):
    (tmp_path / "s.txt").write_text(SOURCE_TEXT)
    (tmp_path / "t.txt").write_text(TARGET_TEXT)
    _run(str(tmp_path / "s.txt"), str(tmp_path / "t.txt"), "--retranslation-title", "Rocket fire")
    comparison = Comparison.objects.get()
    assert comparison.source.title == "Rockets hit US base in Syria"
    assert comparison.retranslation.title == "Rocket fire"


def test_it_imports_html_files(tmp_path):
    for name, text in (("s.html", SOURCE_TEXT), ("t.html", TARGET_TEXT)):
        lines = text.strip().split("\n")
        paragraphs = "".join(f"<p>{line}</p>" for line in lines if line)
        (tmp_path / name).write_text(
            f"<html><head><script>alert(1)</script></head><body><nav>Menu</nav>"
            f"<article>{paragraphs}</article></body></html>"
        )
    _run(str(tmp_path / "s.html"), str(tmp_path / "t.html"))
    source = Comparison.objects.get().source
    assert "Colonel Wayne Maroto said" in source.body
    assert "alert" not in source.body and "Menu" not in source.body


def test_it_imports_json_files_with_metadata(tmp_path):
    (tmp_path / "s.json").write_text(
        json.dumps(
            {
                "title": "Rockets hit US base",
                "body": SOURCE_TEXT.split("\n\n", 1)[1],
                "outlet": "Agency",
                "url": "https://example.org/s",
                "published_at": "2021-06-28",
            }
        )
    )
    (tmp_path / "t.json").write_text(
        json.dumps({"title": "Rocket fire", "body": TARGET_TEXT, "byline": "Phil Stewart"})
    )
    _run(str(tmp_path / "s.json"), str(tmp_path / "t.json"))
    comparison = Comparison.objects.get()
    assert comparison.source.url == "https://example.org/s"
    assert comparison.source.published_at.year == 2021
    assert comparison.retranslation.byline == "Phil Stewart"


def test_it_keeps_the_boilerplate_of_both_seeds_apart_in_the_right_kinds():
    _run(str(SEED_SOURCE), str(SEED_RETRANSLATION))
    comparison = Comparison.objects.get()

    def kinds(article):
        return {s.text: s.kind for s in article.sentences.exclude(kind__in=["title", "body"])}

    assert kinds(comparison.source) == {
        "Please enter your comment!": "boilerplate",
        "Please enter your name here": "boilerplate",
    }
    target = kinds(comparison.retranslation)
    assert target.pop("[ad_1]") == "boilerplate"
    assert target.pop("[ad_2]") == "boilerplate"
    assert target.pop("2/2") == "boilerplate"
    assert target.pop("Source link") == "boilerplate"
    assert target.pop("Authors: Phil Stewart and Idrees Ali") == "byline"
    (caption,) = [t for t, k in target.items() if k == "caption"]
    assert caption.startswith("© Reuters. On June 28, 2021")
    (credit,) = [t for t, k in target.items() if k == "credit"]
    assert credit.startswith("(Reporting by Phil Stewart in Washington")
    assert comparison.source.title.startswith("Mutual bombing")
    assert comparison.retranslation.byline == "Phil Stewart and Idrees Ali"
    assert comparison.retranslation.dateline == "WASHINGTON (Reuters)"
    assert comparison.source.dateline == "WASHINGTON/Damascus"


def test_it_never_aligns_boilerplate_captions_bylines_or_credits():
    _run(str(SEED_SOURCE), str(SEED_RETRANSLATION))
    comparison = Comparison.objects.get()
    aligned_kinds = {"title", "body"}
    for article, field in (
        (comparison.source, "source_positions"),
        (comparison.retranslation, "target_positions"),
    ):
        kinds = dict(article.sentences.values_list("position", "kind"))
        for unit in comparison.units.all():
            assert {kinds[p] for p in getattr(unit, field)} <= aligned_kinds


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"\n \n", "is empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "is a binary file"),
        ("broken.txt", b"\xff\xfe\x00\xd8A\x00", "cannot be decoded"),
        ("story.docx", b"PK\x03\x04 whatever", "unsupported type '.docx'"),
        ("nobody.json", b'{"title": "T"}', "has no 'body' field"),
    ],
)
def test_it_refuses_bad_input_with_one_line_naming_the_file_and_writes_nothing(
    tmp_path, name, content, reason
):
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        _run(str(SEED_SOURCE), str(bad))
    message = str(caught.value)
    assert name in message and reason in message and "\n" not in message
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_refuses_a_missing_file_and_writes_nothing(tmp_path):
    gone = tmp_path / "gone.txt"
    with pytest.raises(CommandError) as caught:
        _run(str(SEED_SOURCE), str(gone))
    assert str(caught.value) == f"retranslation ({gone}): no such file"
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_refuses_a_file_name_too_long_for_the_file_system_in_one_line(tmp_path):
    long = tmp_path / ("n" * 300 + ".txt")
    with pytest.raises(CommandError) as caught:
        _run(str(long), str(SEED_RETRANSLATION))
    assert str(caught.value) == f"source ({long}): cannot be read (File name too long)"
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_names_each_side_the_same_way_whatever_the_fault(tmp_path):
    # A missing file and an empty one are named alike (the path as given), with the side.
    empty, gone = tmp_path / "empty.txt", tmp_path / "gone.txt"
    empty.write_bytes(b"")
    messages = []
    for source, retranslation in ((gone, SEED_RETRANSLATION), (SEED_SOURCE, empty)):
        with pytest.raises(CommandError) as caught:
            _run(str(source), str(retranslation))
        messages.append(str(caught.value))
    assert messages == [f"source ({gone}): no such file", f"retranslation ({empty}): is empty"]
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_refuses_a_file_over_the_size_limit(tmp_path, settings):
    settings.NEWSDRIFT_MAX_ARTICLE_BYTES = 2_000
    with pytest.raises(CommandError, match="larger than the limit of 2,000 bytes"):
        _run(str(SEED_SOURCE), str(SEED_RETRANSLATION))
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_refuses_the_same_text_on_both_sides(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED_SOURCE, copy)
    with pytest.raises(CommandError, match="the source and the retranslation are the same text"):
        _run(str(SEED_SOURCE), str(copy))
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_exits_non_zero_with_the_message_on_stderr(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run(
        [sys.executable, "manage.py", "import_pair", str(SEED_SOURCE), str(tmp_path / "x.txt")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={
            "DJANGO_DEBUG": "1",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith(f"retranslation ({tmp_path / 'x.txt'}): no such file")
    assert result.stdout == ""
