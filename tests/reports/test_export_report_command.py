import errno
import json
import os
import subprocess
import sys
from io import StringIO

import pypdf
import pytest
from django.core.management import CommandError, call_command

from tests.builders import build_comparison
from tests.conftest import REPO


def _export(*args) -> str:
    out = StringIO()
    call_command("export_report", *args, stdout=out)
    return out.getvalue()


def test_it_lists_the_seed_comparisons_right_after_import_seeds(seed_comparison):
    data = json.loads(_export("--all", "--format", "json"))
    assert data["schema"] == "newsdrift.report/1.1"
    # The seed pair and the five copies of the demo story.
    assert len(data["reports"]) == 6
    [report] = [r for r in data["reports"] if r["comparison"]["id"] == seed_comparison.pk]
    assert report["comparison"]["id"] == seed_comparison.pk
    assert "Mutual bombing between US forces" in report["comparison"]["title"]
    assert len(report["units"]) == seed_comparison.units.count() > 10
    flags = [f for u in report["units"] for f in u["flags"]]
    assert flags and {f["origin"] for f in flags} == {"auto"}
    assert {f["status"] for f in flags} == {"suggested"}


def test_it_writes_one_comparison_to_stdout(reviewed):
    markdown = _export(str(reviewed.pk), "--format", "md")
    assert markdown.startswith("# Review report: Mutual bombing")
    single = json.loads(_export(str(reviewed.pk), "--format", "json"))
    assert single["comparison"]["id"] == reviewed.pk and "reports" not in single


def test_it_writes_a_filtered_selection_to_a_file(reviewed, tmp_path, db):
    build_comparison([("One.", "Two.")], title="Quiet story")
    target = tmp_path / "report.csv"
    said = _export("--status", "in_review", "--format", "csv", "-o", str(target))
    assert said.strip() == f"Wrote the csv report to {target} ({target.stat().st_size} bytes)."
    text = target.read_text(encoding="utf-8-sig")
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == {str(reviewed.pk)}


def test_it_writes_a_pdf_to_a_file(reviewed, tmp_path):
    target = tmp_path / "report.pdf"
    _export(str(reviewed.pk), "--format", "pdf", "-o", str(target))
    reader = pypdf.PdfReader(target)
    assert "Maroto" in reader.pages[0].extract_text()


def test_it_filters_by_outlet_and_dates(reviewed, db):
    reviewed.source.outlet = "Regional news site"
    reviewed.source.save()
    build_comparison([("One.", "Two.")], title="Quiet story")
    data = json.loads(_export("--outlet", "regional", "--since", "2000-01-01", "--format", "json"))
    assert [r["comparison"]["id"] for r in data["reports"]] == [reviewed.pk]


def test_it_selects_by_the_dashboards_search(reviewed, db):
    quiet = build_comparison([("The council met on Monday.", "It met on Tuesday.")], title="Quiet")

    def found(words: str) -> list[int]:
        data = json.loads(_export("--q", words, "--format", "json"))
        assert data["selection"]["q"] == words.strip()
        return [r["comparison"]["id"] for r in data["reports"]]

    assert found("TUESDAY") == [quiet.pk]  # the retranslation's text
    assert found("quiet ") == [quiet.pk]  # a title
    assert found("Maroto") == [reviewed.pk]
    assert found("earthquake") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999", "--format", "json"], "comparison 999: no such comparison"),
        (["--q", "x" * 201, "--format", "json"], "q: longer than 200 characters"),
        (["--q", "a\x00b", "--format", "json"], "q: holds a control character"),
        (["--all", "--since", "someday", "--format", "csv"], "since 'someday': not a date"),
        (["--format", "json"], "no selection: give comparison ids, --all"),
        (["--all", "--format", "pdf"], "pdf: give an output file with -o PATH"),
        (["--all", "--format", "docx"], "format 'docx': unknown format"),
        (["--all", "--status", "lost", "--format", "json"], "status 'lost': unknown status"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(reviewed, tmp_path, args, message):
    target = tmp_path / "out.file"
    extra = ["-o", str(target)] if "pdf" not in args else []
    with pytest.raises(CommandError) as error:
        _export(*args, *extra)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_directory_as_output_before_making_the_report(reviewed, tmp_path, monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("the report was made before the output was checked")

    monkeypatch.setattr("articles.management.commands.export_report.comparison_document", no_work)
    monkeypatch.setattr("articles.management.commands.export_report.selection_document", no_work)
    for args in ([str(reviewed.pk)], ["--all"]):
        with pytest.raises(CommandError) as error:
            _export(*args, "--format", "json", "-o", str(tmp_path))
        assert str(error.value) == f"{tmp_path}: is a directory; give a file name"
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_an_output_name_too_long_for_the_file_system(reviewed, tmp_path):
    target = tmp_path / ("r" * 300 + ".csv")
    with pytest.raises(CommandError) as error:
        _export(str(reviewed.pk), "--format", "csv", "-o", str(target))
    assert str(error.value) == f"{target}: cannot be written (File name too long)"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_is_one_line_and_leaves_no_temporary_file(reviewed, tmp_path, monkeypatch):
    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("articles.management.output_file.os.replace", full)
    target = tmp_path / "report.json"
    with pytest.raises(CommandError) as error:
        _export(str(reviewed.pk), "--format", "json", "-o", str(target))
    assert str(error.value) == f"{target}: cannot be written (No space left on device)"
    assert list(tmp_path.iterdir()) == []


def test_it_exits_non_zero_with_one_line_on_stderr(tmp_path):
    # A real process on its own database: the exit status and stderr are what a shell sees.
    env = {**os.environ, "DJANGO_DEBUG": "1", "NEWSDRIFT_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    assert manage("migrate", "--no-input").returncode == 0
    target = tmp_path / "out.json"
    result = manage("export_report", "12345", "--format", "json", "-o", str(target))
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip() == "CommandError: comparison 12345: no such comparison"
    assert not target.exists()


def test_it_writes_an_empty_archive_as_an_empty_reports_list(db):
    data = json.loads(_export("--all", "--format", "json"))
    assert data["reports"] == [] and data["schema"] == "newsdrift.report/1.1"
