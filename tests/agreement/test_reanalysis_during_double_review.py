"""Re-running the analysis on a comparison with a blind double review under way is
refused, with one line saying why and nothing changed: replacing its suggestions and
units would delete the two editors' blind decisions (articles/reanalysis.py)."""

from __future__ import annotations

import pytest

from articles.agreement.models import BlindDecision, DoubleReview
from articles.jobs.reanalyse import submit_reanalysis
from articles.models import AuditEvent, Flag, JobItem
from articles.reanalysis import ReanalysisRefused, reanalyse
from tests.agreement.conftest import review_everything, side
from tests.jobs_helpers import work_off_jobs


def _decide_one(double_review, user) -> None:
    from articles.agreement import blind

    unit = next(u for u in double_review.comparison.units.order_by("position") if u.flags.all())
    blind.decide(
        review=side(double_review, user), unit=unit, flag=unit.flags.first(), decision="accept"
    )


def _state(comparison) -> tuple:
    return (
        list(comparison.units.order_by("position").values_list("pk", "version")),
        sorted(Flag.objects.filter(unit__comparison=comparison).values_list("pk", "status")),
        BlindDecision.objects.count(),
        AuditEvent.objects.filter(action="comparison.reanalyse").count(),
    )


@pytest.mark.parametrize("both_handed_in", [False, True], ids=["under way", "to adjudicate"])
def test_it_refuses_a_reanalysis_until_the_double_review_is_adjudicated(
    double_review, first, second, both_handed_in
):
    comparison = double_review.comparison
    if both_handed_in:
        review_everything(double_review, first, accept={1})
        review_everything(double_review, second)
    else:
        _decide_one(double_review, first)
    before = _state(comparison)

    with pytest.raises(ReanalysisRefused) as refusal:
        reanalyse(comparison)

    message = str(refusal.value)
    assert message.startswith(f"comparison {comparison.pk}: a blind double review is under way")
    assert "re-analyse it once it is adjudicated" in message and "\n" not in message
    assert _state(comparison) == before
    assert before[2] > 0  # the blind decisions are there, and stay


def test_a_reanalysis_job_reports_the_refusal_on_its_item(double_review, first):
    _decide_one(double_review, first)
    comparison = double_review.comparison

    job = submit_reanalysis([comparison.pk])
    work_off_jobs()

    item = job.items.get()
    assert item.outcome == JobItem.Outcome.FAILED
    assert item.message.startswith(f"comparison {comparison.pk}: a blind double review")
    assert item.message.endswith("; nothing was changed")
    assert BlindDecision.objects.count() == 1


def test_it_reanalyses_once_the_double_review_is_adjudicated(double_review):
    DoubleReview.objects.filter(pk=double_review.pk).update(state=DoubleReview.State.ADJUDICATED)

    summary = reanalyse(double_review.comparison)

    assert summary.comparison_id == double_review.comparison.pk
    assert AuditEvent.objects.filter(action="comparison.reanalyse").count() == 1
