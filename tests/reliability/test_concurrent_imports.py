"""The same pair imported by two processes at the same moment: one comparison, no error."""

from __future__ import annotations

from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE
from tests.reliability.figures import record


def test_it_stores_one_comparison_when_two_processes_import_the_same_pair(procs_db):
    answers = procs_db.together(
        [
            ["import", SEED_SOURCE, SEED_RETRANSLATION, procs_db.go_file],
            ["import", SEED_SOURCE, SEED_RETRANSLATION, procs_db.go_file],
        ]
    )

    assert len({a["comparison"] for a in answers}) == 1
    assert sorted(a["created"] for a in answers) == [False, True]
    stored = procs_db.worker("count")
    assert stored["comparisons"] == 1
    record(
        "simultaneous imports of one pair: comparisons stored",
        "2 imports, 1 comparison",
        backend=procs_db.vendor,
    )
