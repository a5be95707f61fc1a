"""Object access is checked on every action: a unit or flag reached through another
comparison's (or unit's) address is not found, and nothing changes."""

from __future__ import annotations

from tests.builders import build_comparison
from tests.reliability.conftest import snapshot
from tests.reliability.figures import record
from tests.reliability.test_url_access import csrf_client
from tests.reliability.urlwalk import walk


def mismatched_urls(seeded: dict) -> list[tuple[str, str]]:
    """(name, url) of every app URL naming a unit or flag that is not the comparison's
    (or the unit's) own."""
    other = build_comparison([("Another story.", "Another retelling.")])
    other_unit = other.units.get()
    other_flag = other_unit.flags.create(
        category="factual.name", severity="minor", origin="auto", status="suggested"
    )
    own = seeded["comparison"]
    sibling = own.units.exclude(pk=seeded["unit"].pk).order_by("position").first()
    sibling_flag = sibling.flags.create(
        category="omission", severity="major", origin="auto", status="suggested"
    )
    honest = {(u.name, u.variant): u.url for u in walk(seeded)}
    found = []
    for mixed in (
        {**seeded, "unit": other_unit, "alignmentunit": other_unit},
        {**seeded, "flag": other_flag},
        {**seeded, "flag": sibling_flag},
    ):
        for url in walk(mixed):
            # The API addresses a flag by its own id (no comparison in its address), so
            # another flag's address is simply that flag's: its access is the role's.
            if url.is_api:
                continue
            if not url.is_admin and url.url != honest.get((url.name, url.variant)):
                found.append((url.name, url.url))
    return found


def test_it_refuses_units_and_flags_of_another_comparison_or_unit(seeded, editor):
    urls = mismatched_urls(seeded)
    client = csrf_client(editor)
    before = snapshot()

    problems = []
    for name, url in urls:
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            if status not in (403, 404, 405):
                problems.append(f"{method.upper()} {url} ({name}): {status}")

    assert not problems, "\n".join(problems)
    assert snapshot() == before
    assert len(urls) >= 5, "no URL names a unit or flag: is the review on this branch?"
    record("URLs tried with another comparison's unit or flag", len(urls))
