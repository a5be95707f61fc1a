"""`export_report --assignee NAME|none --stage … --due …`: the dashboard's queue filters
on the command line, read by the same code; `me` means no one there and is refused."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.team_helpers import queue_of_work, role_users


@pytest.fixture
def work(db):
    return queue_of_work(role_users())


def exported(*args) -> dict:
    out = StringIO()
    call_command("export_report", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def titles(*args) -> set[str]:
    return {r["comparison"]["title"] for r in exported(*args)["reports"]}


def test_it_selects_by_assignee_stage_and_due_date(work):
    assert titles("--assignee", "eddie") == {t for t in work if t.startswith("Mine")}
    assert titles("--assignee", "none") == {t for t in work if t.startswith("Nobody")}
    assert titles("--stage", "approval") == {"Mine awaiting approval", "Staff awaiting approval"}
    assert titles("--due", "overdue") == {"Mine late", "Mine awaiting approval"}
    assert titles("--assignee", "stella", "--due", "week") == {"Staff tomorrow"}
    assert titles("--assignee", "none", "--stage", "done") == {"Nobody's done"}
    assert titles("--status", "new", "--assignee", "eddie") == {"Mine late", "Mine next month"}


def test_it_records_them_in_the_reports_selection(work):
    selection = exported("--assignee", "eddie", "--stage", "review", "--due", "week")["selection"]
    assert (selection["assignee"], selection["stage"], selection["due"]) == (
        "eddie",
        "review",
        "week",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--assignee", "me"],
            "--assignee me: the command runs as no one; give a user name (or none)",
        ),
        (["--assignee", "ghost"], "assignee: “ghost” is not a user name (nor me or none)."),
        (["--stage", "shipping"], "stage: “shipping” is not a stage (one of review, approval"),
        (["--due", "soon"], "due: “soon” is not a due date filter (one of overdue, week)."),
    ],
)
def test_it_refuses_a_value_with_one_line_and_writes_nothing(work, tmp_path, args, message):
    target = tmp_path / "out.json"
    with pytest.raises(CommandError) as error:
        call_command("export_report", *args, "--format", "json", "-o", str(target))
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)
    assert not target.exists()


def test_its_help_names_the_options(capsys):
    with pytest.raises(SystemExit):
        call_command("export_report", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "--assignee NAME|none" in text and "its 'me' has no meaning here" in text
    assert "--stage review|approval|done" in text and "--due overdue|week" in text
