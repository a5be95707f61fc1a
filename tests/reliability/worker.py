"""A separate OS process that runs Django against the database in DATABASE_URL.

The concurrency and durability tests start several of these at once, against a file
database (or a PostgreSQL database) of their own, to see what several server
processes writing at the same moment see. Each action prints one JSON line.

    python -m tests.reliability.worker seed UNITS
    python -m tests.reliability.worker flags UNIT_ID COUNT LABEL GO_FILE
    python -m tests.reliability.worker decide UNIT_ID VERSION STATE GO_FILE
    python -m tests.reliability.worker mark UNIT_ID VERSION STATE USERNAME GO_FILE
    python -m tests.reliability.worker import SOURCE RETRANSLATION GO_FILE
    python -m tests.reliability.worker count
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdrift.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402

from articles.models import AlignmentUnit, AuditEvent, Comparison, Flag  # noqa: E402


def wait_for(go_file: str) -> None:
    """Start together: every worker waits until the test creates the go file."""
    deadline = time.monotonic() + 60
    while not Path(go_file).exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{go_file}: never appeared")
        time.sleep(0.005)


def seed(units: str) -> dict:
    from tests.builders import build_comparison

    comparison = build_comparison(
        [(f"Source sentence {i}.", f"Target sentence {i}.") for i in range(int(units))]
    )
    return {
        "comparison": comparison.pk,
        "units": list(comparison.units.values_list("pk", flat=True)),
    }


def flags(unit_id: str, count: str, label: str, go_file: str) -> dict:
    """Write COUNT flags, each with its audit event in the same transaction."""
    unit = AlignmentUnit.objects.select_related("comparison").get(pk=int(unit_id))
    wait_for(go_file)
    started = time.time()
    written = 0
    for index in range(int(count)):
        with transaction.atomic():
            flag = Flag.objects.create(
                unit=unit,
                category="factual.name",
                severity="major",
                origin=Flag.Origin.EDITOR,
                status=Flag.Status.CONFIRMED,
                note=f"{label}-{index}",
            )
            AuditEvent.objects.create(
                comparison=unit.comparison,
                unit=unit,
                flag=flag,
                action="flag.add",
                after={"note": flag.note},
            )
        written += 1
    return {"label": label, "written": written, "started": started, "ended": time.time()}


def decide(unit_id: str, version: str, state: str, go_file: str) -> dict:
    """The optimistic-locking write: change the unit only if it is still at VERSION."""
    wait_for(go_file)
    with transaction.atomic():
        changed = AlignmentUnit.objects.filter(pk=int(unit_id), version=int(version)).update(
            review_state=state, version=F("version") + 1
        )
    unit = AlignmentUnit.objects.get(pk=int(unit_id))
    return {"changed": changed, "state": unit.review_state, "version": unit.version}


def mark(unit_id: str, version: str, state: str, username: str, go_file: str) -> dict:
    """The review's own action (articles.review.units.mark_unit), as a view calls it."""
    from django.contrib.auth import get_user_model

    from articles.review.errors import Conflict
    from articles.review.units import mark_unit

    user, _ = get_user_model().objects.get_or_create(username=username)
    unit = AlignmentUnit.objects.get(pk=int(unit_id))
    wait_for(go_file)
    try:
        with transaction.atomic():
            mark_unit(user=user, unit=unit, shown_version=int(version), state=state)
        changed, refusal = 1, ""
    except Conflict as conflict:
        changed, refusal = 0, str(conflict)
    unit = AlignmentUnit.objects.get(pk=int(unit_id))
    return {
        "changed": changed,
        "refusal": refusal,
        "state": unit.review_state,
        "version": unit.version,
    }


def import_(source: str, retranslation: str, go_file: str) -> dict:
    from articles.article_reader import read_article_file
    from articles.importer import import_pair

    left, right = read_article_file(source), read_article_file(retranslation)
    wait_for(go_file)
    outcome = import_pair(left, right)
    return {"comparison": outcome.comparison.pk, "created": outcome.created}


def count() -> dict:
    return {
        "flags": Flag.objects.count(),
        "events": AuditEvent.objects.count(),
        "comparisons": Comparison.objects.count(),
        "notes": sorted(Flag.objects.values_list("note", flat=True)),
    }


ACTIONS = {
    "seed": seed,
    "flags": flags,
    "decide": decide,
    "mark": mark,
    "import": import_,
    "count": count,
}

if __name__ == "__main__":
    action, *arguments = sys.argv[1:]
    print(json.dumps(ACTIONS[action](*arguments)))
