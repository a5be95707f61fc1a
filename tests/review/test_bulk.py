"""Bulk decisions in the domain layer: what "like this one" means, deciding many flags
as one versioned, audited decision, and taking it back with one undo."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from articles.review import bulk
from articles.review.errors import Conflict, ReviewError
from articles.review.flags import dismiss_flag
from articles.review.undo import undo_last
from tests.like_suggestions import STRIKES, strikes, versions_of


def decide(user, comparison, flag, decision="dismiss", shown=None, versions=None):
    likes = bulk.likes_of(comparison, flag)
    return bulk.decide_like(
        user=user,
        comparison=comparison,
        flag=flag,
        decision=decision,
        shown_flags=shown if shown is not None else [f.pk for f in likes],
        versions=versions if versions is not None else versions_of(likes),
    )


@pytest.mark.parametrize(
    ("span", "same"),
    [
        ("strikes", "strikes"),
        ("Strikes,", "strikes"),
        ("  the   “strikes” ", "the strikes"),
        ("Iraq’s airspace", "iraq's airspace"),
        ("ＳＴＲＩＫＥＳ", "strikes"),
    ],
)
def test_it_compares_spans_without_case_punctuation_or_spacing(span, same):
    assert bulk.normalised(span) == same


def test_it_finds_the_suggestions_with_the_same_rule_and_evidence(likes):
    first = strikes(likes)[0]
    found = bulk.likes_of(likes, first)
    assert [f.pk for f in found] == [f.pk for f in strikes(likes)]
    assert [f.unit.position for f in found] == [0, 1, 2]


def test_a_flag_without_words_at_issue_is_like_no_other(likes):
    flag = strikes(likes)[0]
    flag.source_span = flag.target_span = ""
    assert bulk.like_key(flag) is None
    assert bulk.likes_of(likes, flag) == [flag]


def test_it_counts_the_likes_of_a_units_suggestions_in_one_query(likes, django_assert_num_queries):
    unit = likes.units.get(position=1)
    suggestions = list(unit.flags.order_by("id"))
    with django_assert_num_queries(1):
        bulk.annotate_likes(likes, suggestions)
    like, alone = suggestions
    assert like.likes.count == 3 and like.likes.units == 3
    assert like.likes.flags_field == ",".join(str(f.pk) for f in strikes(likes))
    assert alone.likes is None  # "attacks" is other evidence


def test_it_dismisses_every_like_suggestion_each_audited(likes, editor):
    flags = strikes(likes)
    result = decide(editor, likes, flags[1])
    assert (result.flags, result.units, str(result)) == (
        3,
        3,
        "Dismissed 3 suggestions in 3 units at once.",
    )
    assert set(
        Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True)
    ) == {"dismissed"}
    # The others stay open: other words, another rule, another name.
    assert Flag.objects.filter(unit__comparison=likes, status="suggested").count() == 3
    events = list(AuditEvent.objects.order_by("id"))
    assert [(e.action, e.flag_id, e.unit_id) for e in events] == [
        ("flag.dismiss", f.pk, f.unit_id) for f in flags
    ]
    assert len({e.after["bulk"]["id"] for e in events}) == 1
    assert events[0].before["flags"][str(flags[0].pk)]["status"] == "suggested"
    assert events[0].after["flags"][str(flags[0].pk)]["status"] == "dismissed"
    units = {u.pk: u for u in likes.units.all()}
    assert {units[f.unit_id].version for f in flags} == {2}
    assert units[flags[0].unit_id].review_state == "unreviewed"  # as one dismiss leaves it
    likes.refresh_from_db()
    assert (likes.status, likes.last_editor) == ("in_review", editor)


def test_it_accepts_every_like_suggestion_and_marks_their_units_flagged(likes, editor):
    flags = strikes(likes)
    decide(editor, likes, flags[0], decision="accept")
    for flag in Flag.objects.filter(pk__in=[f.pk for f in flags]).select_related("unit"):
        assert (flag.status, flag.author) == ("confirmed", editor)
        assert (flag.unit.review_state, flag.unit.reviewed_by) == ("flagged", editor)
    assert {e.action for e in AuditEvent.objects.all()} == {"flag.accept"}


def test_it_refuses_a_stale_unit_version_and_changes_nothing(likes, editor, other_editor):
    flags = strikes(likes)
    versions = versions_of(flags)
    unit = flags[2].unit
    unit.comparison = likes
    # Someone decides the other suggestion of unit 1 meanwhile: its version moves on.
    other = likes.units.get(position=1).flags.exclude(pk=flags[1].pk).get()
    dismiss_flag(user=other_editor, unit=other.unit, flag=other, shown_version=1)
    with pytest.raises(Conflict, match="Unit 2 was changed by someone else"):
        decide(editor, likes, flags[0], versions=versions)
    assert set(
        Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True)
    ) == {"suggested"}
    assert AuditEvent.objects.count() == 1
    assert set(likes.units.exclude(pk=other.unit_id).values_list("version", flat=True)) == {1}


def test_it_refuses_when_the_like_suggestions_changed_since_shown(likes, editor, other_editor):
    flags = strikes(likes)
    shown, versions = [f.pk for f in flags], versions_of(flags)
    unit = flags[2].unit
    unit.comparison = likes
    dismiss_flag(user=other_editor, unit=unit, flag=flags[2], shown_version=1)
    with pytest.raises(Conflict, match="2 are open now, not 3"):
        decide(editor, likes, flags[0], shown=shown, versions=versions)
    assert Flag.objects.filter(pk__in=shown, status="dismissed").count() == 1


def test_it_refuses_an_unknown_decision(likes, editor):
    with pytest.raises(ReviewError, match="decision: “maybe” is not accept or dismiss"):
        decide(editor, likes, strikes(likes)[0], decision="maybe")


def test_it_refuses_a_form_without_a_units_version(likes, editor):
    flags = strikes(likes)
    versions = versions_of(flags)
    del versions[flags[2].unit_id]
    with pytest.raises(ReviewError, match="did not say which version of unit 3"):
        decide(editor, likes, flags[0], versions=versions)
    assert not AuditEvent.objects.exists()


def test_it_decides_100_flags_in_as_many_queries_as_2(editor, django_assert_max_num_queries):
    from tests.builders import build_comparison

    counts = []
    # (SQLite inserts at most about 110 audit events per query: 100 is one insert.)
    for size in (2, 100):
        comparison = build_comparison(
            [("The strikes hit.", "The attack hit.")] * size,
            title=f"{size} strikes",
            flags={n: [STRIKES] for n in range(size)},
        )
        flag = Flag.objects.filter(unit__comparison=comparison).first()
        likes = bulk.likes_of(comparison, flag)
        with django_assert_max_num_queries(20) as captured:
            result = bulk.decide_like(
                user=editor,
                comparison=comparison,
                flag=flag,
                decision="dismiss",
                shown_flags=[f.pk for f in likes],
                versions=versions_of(likes),
            )
        assert result.flags == size
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_one_undo_takes_back_the_whole_bulk_decision(likes, editor):
    flags = strikes(likes)
    decide(editor, likes, flags[1])
    event, unit_id = undo_last(user=editor, comparison=likes)
    assert unit_id == flags[1].unit_id  # the unit it was decided from
    statuses = Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True)
    assert set(statuses) == {"suggested"}
    assert AuditEvent.objects.filter(undone=True).count() == 3
    undo = AuditEvent.objects.get(action="undo")
    assert sorted(undo.after["undid_events"]) == sorted(
        AuditEvent.objects.filter(undone=True).values_list("id", flat=True)
    )
    # Every unit has a new version: a form still showing the bulk decision is refused.
    assert {u.version for u in likes.units.filter(pk__in=[f.unit_id for f in flags])} == {3}
    with pytest.raises(ReviewError, match="nothing of yours to undo"):
        undo_last(user=editor, comparison=likes)


def test_one_undo_takes_back_only_the_last_decision(likes, editor):
    flags = strikes(likes)
    unit = likes.units.get(position=3)
    unit.comparison = likes
    dismiss_flag(user=editor, unit=unit, flag=unit.flags.get(), shown_version=1)
    decide(editor, likes, flags[0])
    undo_last(user=editor, comparison=likes)
    assert unit.flags.get().status == "dismissed"
    undo_last(user=editor, comparison=likes)
    assert unit.flags.get().status == "suggested"


def test_undo_refuses_when_any_unit_of_the_bulk_decision_changed_since(likes, editor, other_editor):
    flags = strikes(likes)
    decide(editor, likes, flags[0])
    other = likes.units.get(position=1).flags.exclude(pk=flags[1].pk).get()
    other.unit.comparison = likes
    dismiss_flag(user=other_editor, unit=other.unit, flag=other, shown_version=2)
    with pytest.raises(Conflict, match="you dismissed 3 suggestions at once"):
        undo_last(user=editor, comparison=likes)
    statuses = Flag.objects.filter(pk__in=[f.pk for f in flags]).values_list("status", flat=True)
    assert set(statuses) == {"dismissed"}
    assert not AuditEvent.objects.filter(undone=True).exists()
