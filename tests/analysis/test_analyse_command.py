"""`manage.py analyse`: one pair printed, or a JSON Lines file of pairs analysed, with no
database. No test here asks for the `db` fixture, so pytest-django refuses any query:
the command passing them is the proof that it needs no database."""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import REPO, SEED_RETRANSLATION, SEED_SOURCE

SOURCE = "Ceasefire holds in the north\n\nColonel Anna Varga said four rockets hit the depot.\n"
TARGET = "Ceasefire holds in the north\n\nColonel Anna Barga said five rockets hit the depot.\n"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("analyse", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def pair_files(tmp_path):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text(SOURCE, encoding="utf-8")
    target.write_text(TARGET, encoding="utf-8")
    return source, target


def write_pairs(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_it_prints_the_units_and_suggestions_of_one_pair(pair_files):
    output = run(*map(str, pair_files))
    assert "Colonel Anna Varga said four rockets" in output
    assert "[name.respelled] 'Varga' → 'Barga'" in output
    assert "[number.changed] 'four' → 'five'" in output
    assert "2 unit(s), 2 suggestion(s)" in output


def test_it_prints_the_json_record_of_one_pair(pair_files):
    record = json.loads(run(*map(str, pair_files), "--format", "json"))
    assert record["id"] == "source.txt / target.txt"
    [title, body] = record["units"]
    assert title["suggestions"] == []
    assert body["kind"] == "match"
    assert body["target_text"] == "Colonel Anna Barga said five rockets hit the depot."
    rules = {s["rule"] for s in body["suggestions"]}
    assert rules == {"name.respelled", "number.changed"}
    assert set(body["suggestions"][0]) == {
        "category", "severity", "rule", "source_span", "target_span", "reason",
    }  # fmt: skip
    assert record["ledger"] == [{"source_name": "Varga", "target_name": "Barga", "units": 1}]


def test_it_analyses_the_seed_pair_like_the_importer():
    record = json.loads(run(str(SEED_SOURCE), str(SEED_RETRANSLATION), "--format", "json"))
    spans = {
        (s["source_span"], s["target_span"]) for u in record["units"] for s in u["suggestions"]
    }
    assert ("Maroto", "Malotto") in spans
    assert ("Khatibzadeh", "Khatibzad") in spans


def test_it_writes_one_line_per_pair(tmp_path):
    pairs = write_pairs(
        tmp_path / "in.jsonl",
        {"id": "a", "source": "The mayor met nurses.", "retranslation": "The mayor met nurses."},
        {"id": 7, "source": "Prices rose 5% in May.", "retranslation": "Prices rose 7% in May."},
    )
    output = tmp_path / "out.jsonl"
    message = run("--pairs", str(pairs), "--output", str(output))
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "7"]
    assert lines[0]["units"][0]["suggestions"] == []
    [unit] = lines[1]["units"]
    assert unit["source_text"] == "Prices rose 5% in May."
    assert [(s["source_span"], s["target_span"]) for s in unit["suggestions"]] == [("5", "7")]
    assert "Analysed 2 pair(s)" in message and "1 with suggestions" in message


def test_a_multi_line_side_is_read_as_an_article_with_its_headline(tmp_path):
    pairs = write_pairs(
        tmp_path / "in.jsonl", {"id": "x", "source": SOURCE, "retranslation": TARGET}
    )
    output = tmp_path / "out.jsonl"
    run("--pairs", str(pairs), "--output", str(output))
    [record] = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [u["source_text"] for u in record["units"]] == [
        "Ceasefire holds in the north",
        "Colonel Anna Varga said four rockets hit the depot.",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "in.jsonl line 2: not valid JSON"),
        ('["a", "b"]', "in.jsonl line 2: must be a JSON object"),
        ('{"id": "b", "source": "A."}', "in.jsonl line 2: has no 'retranslation' field"),
        ('{"id": "a", "source": "A b.", "retranslation": "C d."}', "the id 'a' was used"),
        ('{"id": null, "source": "A.", "retranslation": "B."}', "'id' must be a string"),
        ('{"id": "b", "source": 3, "retranslation": "B."}', "'source' must be a string"),
        (
            '{"id": "b", "source": "A b.", "retranslation": "  "}',
            "line 2 (id 'b') retranslation: is empty",
        ),
    ],
)
def test_a_bad_line_stops_the_run_and_writes_nothing(tmp_path, line, message):
    pairs = tmp_path / "in.jsonl"
    good = json.dumps({"id": "a", "source": "One.", "retranslation": "Two."})
    pairs.write_text(good + "\n" + line + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    output.write_text("kept\n", encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        run("--pairs", str(pairs), "--output", str(output))
    assert output.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_it_refuses_a_side_over_the_article_limit(tmp_path, settings):
    settings.NEWSDRIFT_MAX_ARTICLE_BYTES = 100
    pairs = write_pairs(
        tmp_path / "in.jsonl", {"id": "big", "source": "Word " * 50, "retranslation": "Short."}
    )
    with pytest.raises(CommandError, match=re.escape("(id 'big') source: is larger than")):
        run("--pairs", str(pairs), "--output", str(tmp_path / "out.jsonl"))
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give SOURCE and RETRANSLATION files, or --pairs"),
        (("a.txt",), "give SOURCE and RETRANSLATION files"),
        (("a.txt", "b.txt", "--pairs", "in.jsonl", "--output", "o"), "not both"),
        (("--pairs", "in.jsonl"), "--pairs needs --output"),
        (("a.txt", "b.txt", "--output", "o.jsonl"), "--output goes with --pairs"),
    ],
)
def test_it_refuses_a_wrong_combination_of_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_it_names_a_missing_file(tmp_path, pair_files):
    with pytest.raises(CommandError, match="nothing.txt: no such file"):
        run(str(pair_files[0]), str(tmp_path / "nothing.txt"))
    with pytest.raises(CommandError, match="none.jsonl: no such file"):
        run("--pairs", str(tmp_path / "none.jsonl"), "--output", str(tmp_path / "o.jsonl"))


def test_it_refuses_to_overwrite_its_input(tmp_path):
    pairs = write_pairs(tmp_path / "in.jsonl", {"id": 1, "source": "A b.", "retranslation": "C d."})
    with pytest.raises(CommandError, match="would overwrite the input"):
        run("--pairs", str(pairs), "--output", str(pairs))


def test_it_refuses_a_directory_as_output_before_analysing(tmp_path, monkeypatch):
    def no_work(*args, **kwargs):
        raise AssertionError("a pair was analysed before the output was checked")

    monkeypatch.setattr("articles.management.commands.analyse.analyse_texts", no_work)
    folder = tmp_path / "results"
    folder.mkdir()
    pairs = write_pairs(tmp_path / "in.jsonl", {"id": 1, "source": SOURCE, "retranslation": TARGET})
    with pytest.raises(CommandError) as error:
        run("--pairs", str(pairs), "--output", str(folder))
    assert str(error.value) == f"{folder}: is a directory; give a file name"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "results"]
    assert list(folder.iterdir()) == []


def test_it_refuses_an_output_name_too_long_for_the_file_system(tmp_path):
    pairs = write_pairs(tmp_path / "in.jsonl", {"id": 1, "source": SOURCE, "retranslation": TARGET})
    output = tmp_path / ("o" * 300 + ".jsonl")
    with pytest.raises(CommandError) as error:
        run("--pairs", str(pairs), "--output", str(output))
    assert str(error.value) == f"{output}: cannot be written (File name too long)"
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def test_a_failed_write_is_one_line_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("articles.management.output_file.os.replace", full)
    pairs = write_pairs(tmp_path / "in.jsonl", {"id": 1, "source": SOURCE, "retranslation": TARGET})
    output = tmp_path / "out.jsonl"
    with pytest.raises(CommandError) as error:
        run("--pairs", str(pairs), "--output", str(output))
    assert str(error.value) == f"{output}: cannot be written (No space left on device)"
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def _command(tmp_path, *args: str) -> list[str]:
    return [sys.executable, "manage.py", "analyse", *args]


def _environment(tmp_path) -> dict[str, str]:
    # A database that cannot be reached: the command must not need one.
    return {
        "DJANGO_DEBUG": "1",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/unreachable",
    }


def test_it_draws_a_progress_bar_on_a_terminal_only(tmp_path):
    pairs = write_pairs(
        tmp_path / "in.jsonl",
        *({"id": n, "source": f"Line {n}.", "retranslation": f"Row {n}."} for n in range(3)),
    )
    args = _command(tmp_path, "--pairs", str(pairs), "--output", str(tmp_path / "out.jsonl"))
    piped = subprocess.run(
        args, cwd=REPO, capture_output=True, text=True, env=_environment(tmp_path)
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert "Analysed 3 pair(s)" in piped.stdout

    controller, terminal = pty.openpty()
    # A terminal of 100 columns and 30 lines, as a real one reports (a new pty has 0).
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    try:
        process = subprocess.run(
            args,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=terminal,
            env=_environment(tmp_path),
            timeout=120,
        )
        os.close(terminal)
        terminal = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal is closed: everything was read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    assert process.returncode == 0
    assert b"Analysing: 100%" in drawn and b"3/3" in drawn


def test_it_exits_non_zero_with_one_line_on_stderr(tmp_path):
    result = subprocess.run(
        _command(tmp_path, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")),
        cwd=REPO,
        capture_output=True,
        text=True,
        env=_environment(tmp_path),
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("a.txt: no such file")
    assert result.stdout == ""
