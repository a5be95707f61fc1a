"""The job worker's supervisor counts, on its own, the comparisons the review marked
stale for the analytics: on SQLite and PostgreSQL, in real worker processes, with
nobody opening the analytics page."""

from __future__ import annotations

from tests.reliability.conftest import manage
from tests.reliability.jobprocs import sql, start_workers, wait_until

# An editor marks a unit without suggestions OK, as the step view's button does.
DECIDE = """
from django.contrib.auth.models import Group, User
from articles.models import Comparison
from articles.review.units import mark_unit
from articles.roles import EDITORS
editor = User.objects.create_user("edna")
editor.groups.add(Group.objects.get(name=EDITORS))
comparison = Comparison.objects.order_by("pk").first()
unit = comparison.units.filter(flags__isnull=True).order_by("position").first()
mark_unit(user=editor, unit=unit, shown_version=unit.version, state="ok")
"""


def stale(db) -> int:
    return sql(db, "SELECT COUNT(*) FROM articles_comparison WHERE analytics_stale")[0][0]


def decided_units(db) -> int:
    return sql(db, "SELECT COALESCE(SUM(units), 0) FROM articles_dailydecisions")[0][0]


def test_it_counts_a_decision_in_the_analytics_within_a_sweep(procs_db, tmp_path):
    manage(procs_db.env, "import_seeds")
    manage(procs_db.env, "shell", "-c", DECIDE)
    assert stale(procs_db) == 1
    assert decided_units(procs_db) == 0

    log = tmp_path / "workers.log"
    workers = start_workers(procs_db.env, log)
    try:
        wait_until(
            lambda: stale(procs_db) == 0,
            timeout=60,
            what="the decision counted by the supervisor's sweep",
            log=log,
        )
    finally:
        workers.stop()
    assert decided_units(procs_db) == 1
    assert manage(procs_db.env, "rebuild_analytics", "--check").stdout.strip() == (
        "The analytics agree with a recomputation."
    )
