"""The `reanalyse` command: ids, --all or --stale; it says what it did."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.models import AuditEvent, Comparison, Job
from tests.builders import build_comparison
from tests.jobs_helpers import work_off_jobs


def run(*args: str) -> str:
    """The command's output, and the job it queued done (as a worker would)."""
    out = io.StringIO()
    call_command("reanalyse", *args, stdout=out)
    work_off_jobs()
    return out.getvalue()


def pair(n: int) -> Comparison:
    return build_comparison(
        [(f"The colonel spoke on day {n}.", f"The colonel talked on day {n}.")],
        title=f"Story {n}",
    )


def test_it_reanalyses_the_comparisons_given_by_id(db):
    first, second = pair(1), pair(2)
    output = run(str(first.pk))
    assert "re-analysis of 1 comparison(s)" in output
    job = Job.objects.get()
    assert output.startswith(f"Queued job {job.pk}:")
    assert job.items.get().message.startswith(f"Re-analysed comparison {first.pk}:")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.analysis_version == ANALYSIS_VERSION
    assert second.analysis_version == ""


def test_it_reanalyses_only_stale_comparisons(db):
    first, second = pair(1), pair(2)
    run(str(second.pk))
    run("--stale")
    stale = Job.objects.latest("pk")
    assert list(stale.items.values_list("label", flat=True)) == [f"comparison {first.pk}"]
    assert run("--stale") == "No comparison to re-analyse; nothing changed.\n"


def test_it_reanalyses_all_comparisons(db):
    pair(1), pair(2)
    assert "re-analysis of 2 comparison(s)" in run("--all")
    assert Job.objects.get().done == 2
    assert AuditEvent.objects.filter(action="comparison.reanalyse").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say which comparisons: give ids, --all or --stale"),
        (("999",), "no such comparison: 999"),
        (("1", "--all"), "give either ids or --all/--stale, not both"),
    ],
)
def test_it_refuses_unclear_requests(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_id_too_large_for_the_database_is_no_such_comparison(db):
    first = pair(1)
    huge = "99999999999999999999"
    with pytest.raises(CommandError) as error:
        run(str(first.pk), huge, str(2**63 - 1))
    assert str(error.value) == f"no such comparison: {2**63 - 1}, {huge}"
    assert not Job.objects.exists()


def test_comparisons_analysed_by_the_version_before_issue_13_are_stale(db):
    # Version 1 had no role reversals, meaning shifts or pronoun referents: every
    # comparison it analysed must be found by --stale and brought up to date.
    assert ANALYSIS_VERSION != "1"
    old = pair(1)
    Comparison.objects.filter(pk=old.pk).update(analysis_version="1")
    output = run("--stale")
    assert "re-analysis of 1 comparison(s)" in output
    assert Job.objects.get().items.get().message.startswith(f"Re-analysed comparison {old.pk}:")
    old.refresh_from_db()
    assert old.analysis_version == ANALYSIS_VERSION
