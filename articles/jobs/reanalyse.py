"""Re-analysis as a job: one item per comparison (the admin's action and `reanalyse`).

`reanalysis.reanalyse` runs the analysis outside its transaction and writes in one;
the item's result is recorded in that same transaction (`within`), so a worker killed
half-way leaves the comparison either re-analysed and counted, or untouched and still
waiting.
"""

from __future__ import annotations

from collections.abc import Iterable

from articles.jobs.kinds import Finish, Outcome, register
from articles.jobs.submit import submit
from articles.models import Comparison, Job, JobItem


def submit_reanalysis(comparison_ids: Iterable[int], *, user=None, title: str = "") -> Job:
    ids = list(comparison_ids)
    return submit(
        Job.Kind.REANALYSE,
        title=title or f"Re-analysis of {len(ids)} comparison(s)",
        items=((f"comparison {pk}", {"comparison": pk}) for pk in ids),
        user=user,
    )


@register(Job.Kind.REANALYSE)
def reanalyse_item(job: Job, item: JobItem, finish: Finish) -> Outcome | None:
    # The analysis, loaded when a worker needs it.
    from articles.reanalysis import ReanalysisRefused, reanalyse

    pk = int(item.payload["comparison"])
    comparison = Comparison.objects.select_related("source", "retranslation").filter(pk=pk).first()
    if comparison is None:
        return Outcome(JobItem.Outcome.FAILED, f"comparison {pk}: no longer exists")

    def within(summary) -> None:
        finish(Outcome(JobItem.Outcome.REANALYSED, f"Re-analysed {summary.describe()}", pk))

    try:
        reanalyse(comparison, user=job.created_by, within=within)
    except ReanalysisRefused as refusal:
        return Outcome(JobItem.Outcome.FAILED, f"{refusal}; nothing was changed")
    return None
