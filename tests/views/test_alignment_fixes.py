"""Fixing the alignment: merge, split and link, with recomputed suggestions and undo."""

from __future__ import annotations

from django.urls import reverse

from articles.analysis.pipeline import analyse_unit
from articles.analysis.similarity import sentence_similarity
from articles.models import AlignmentUnit, AuditEvent, Flag
from tests.builders import build_comparison

from .conftest import HTMX, action_url, step_url, unit_at


def layout(comparison) -> list[tuple]:
    return list(
        comparison.units.order_by("position").values_list(
            "id",
            "position",
            "source_positions",
            "target_positions",
            "kind",
            "source_text",
            "target_text",
        )
    )


def flags(comparison) -> list[tuple]:
    return sorted(
        Flag.objects.filter(unit__comparison=comparison).values_list(
            "id", "unit_id", "category", "status", "origin", "source_span", "target_span"
        )
    )


def undo(client, comparison):
    url = reverse("articles:undo", args=[comparison.pk])
    return client.post(url, {"position": 0}, **HTMX)


def add_editor_flag(unit, **values) -> Flag:
    return Flag.objects.create(
        unit=unit,
        origin="editor",
        status="confirmed",
        category=values.pop("category", "omission"),
        severity="major",
        **values,
    )


def test_it_merges_an_omission_with_the_addition_after_it(editor_client, editor, comparison):
    omission, addition = unit_at(comparison, 3), unit_at(comparison, 4)
    kept = add_editor_flag(addition, target_span="latest salvo", note="Check this.")
    response = editor_client.post(
        action_url("unit_merge", omission),
        {"version": 1, "next_version": 1},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Merged with the next unit" in response.content.decode()
    merged = unit_at(comparison, 3)
    assert merged.pk == omission.pk
    assert not AlignmentUnit.objects.filter(pk=addition.pk).exists()
    assert (merged.source_positions, merged.target_positions, merged.kind) == ([3], [3], "match")
    assert merged.source_text == "The strikes killed four members of the brigade."
    assert merged.target_text == "But it is not yet clear who launched the latest salvo."
    expected = sentence_similarity(merged.source_text, merged.target_text)
    assert abs(merged.similarity - expected) < 1e-3
    assert merged.review_state == "unreviewed"
    assert Flag.objects.get(pk=kept.pk).unit_id == merged.pk  # the editor's flag is kept
    # The analysis' suggestions for the merged unit replace the omission/addition ones.
    expected = {
        (s.category, s.source_span, s.target_span, s.rule)
        for s in analyse_unit([merged.source_text], [merged.target_text])
    }
    suggested = merged.flags.filter(status="suggested")
    assert set(suggested.values_list("category", "source_span", "target_span", "rule")) == expected
    assert comparison.units.count() == 4
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("unit.merge", editor)
    assert event.before["units"][str(addition.pk)]["target_text"] == addition.target_text
    assert event.after["units"][str(addition.pk)] is None


def test_it_renumbers_the_units_after_a_merge_and_follows_with_the_ledger(editor_client, db):
    comparison = build_comparison(
        [("One.", "Uno."), ("Two.", ""), ("", "Dos."), ("Blinken spoke.", "Brinken spoke.")]
    )
    comparison.ledger = [{"source": "Blinken", "target": "Brinken", "units": [3]}]
    comparison.save()
    editor_client.post(
        action_url("unit_merge", unit_at(comparison, 1)), {"version": 1, "next_version": 1}
    )
    assert list(comparison.units.values_list("position", flat=True)) == [0, 1, 2]
    assert unit_at(comparison, 2).source_text == "Blinken spoke."
    comparison.refresh_from_db()
    assert comparison.ledger[0]["units"] == [2]


def test_undo_puts_a_merge_back_exactly(editor_client, comparison):
    before_layout, before_flags = layout(comparison), flags(comparison)
    editor_client.post(
        action_url("unit_merge", unit_at(comparison, 1)), {"version": 1, "next_version": 1}
    )
    assert layout(comparison) != before_layout
    response = undo(editor_client, comparison)
    assert response.status_code == 200
    assert "Undone: you merged two units." in response.content.decode()
    assert layout(comparison) == before_layout
    assert flags(comparison) == before_flags
    comparison.refresh_from_db()
    assert comparison.ledger == [{"source": "Maroto", "target": "Malotto", "units": [1]}]


def test_it_splits_a_unit_with_several_sentences_in_two(editor_client, editor, db):
    comparison = build_comparison(
        [("First.", "Premier."), ("Second.", "Deuxieme."), ("Third.", "Troisieme.")]
    )
    editor_client.post(
        action_url("unit_merge", unit_at(comparison, 0)), {"version": 1, "next_version": 1}
    )
    merged = unit_at(comparison, 0)
    assert (merged.source_positions, merged.target_positions) == ([0, 1], [0, 1])
    response = editor_client.post(
        action_url("unit_split", merged),
        {"version": merged.version, "source_at": 1, "target_at": 2},
        **HTMX,
    )
    assert response.status_code == 200
    first, second, third = (unit_at(comparison, p) for p in range(3))
    assert (first.source_text, first.target_text, first.kind) == (
        "First.",
        "Premier. Deuxieme.",
        "match",
    )
    assert (second.source_text, second.target_text, second.kind) == ("Second.", "", "omission")
    assert third.source_text == "Third."
    assert second.flags.filter(category="omission", status="suggested").exists()
    assert AuditEvent.objects.filter(action="unit.split").count() == 1


def test_undo_removes_the_unit_a_split_made(editor_client, db):
    comparison = build_comparison([("A one.", "Un."), ("A two.", "Deux."), ("A three.", "Trois.")])
    editor_client.post(
        action_url("unit_merge", unit_at(comparison, 0)), {"version": 1, "next_version": 1}
    )
    after_merge = layout(comparison)
    merged = unit_at(comparison, 0)
    editor_client.post(
        action_url("unit_split", merged),
        {"version": merged.version, "source_at": 1, "target_at": 1},
    )
    assert comparison.units.count() == 3
    undo(editor_client, comparison)
    assert layout(comparison) == after_merge


def test_it_refuses_a_split_that_leaves_a_part_empty(editor_client, comparison):
    unit = unit_at(comparison, 0)
    response = editor_client.post(
        action_url("unit_split", unit), {"version": 1, "source_at": 1, "target_at": 1}, **HTMX
    )
    assert response.status_code == 422
    assert "both parts need at least one sentence" in response.content.decode()
    assert comparison.units.count() == 5 and not AuditEvent.objects.exists()


def test_it_links_an_omitted_sentence_into_the_unit_that_renders_it(editor_client, db):
    comparison = build_comparison(
        [
            ("The army attacked at dawn.", "The army attacked at dawn, the ministry said."),
            ("The ministry said so.", ""),
            ("Rain fell.", "Rain fell."),
        ],
        flags={1: [{"category": "omission", "severity": "major", "reason": "Dropped."}]},
    )
    omission, target = unit_at(comparison, 1), unit_at(comparison, 0)
    kept = add_editor_flag(omission, source_span="The ministry said so.", note="Mine.")
    response = editor_client.post(
        action_url("unit_link", omission),
        {"version": 1, "into": f"{target.pk}:{target.version}"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Replace-Url"] == step_url(comparison, 0)
    linked = unit_at(comparison, 0)
    assert (linked.source_positions, linked.target_positions) == ([0, 1], [0])
    assert linked.source_text == "The army attacked at dawn. The ministry said so."
    assert not AlignmentUnit.objects.filter(pk=omission.pk).exists()
    assert unit_at(comparison, 1).source_text == "Rain fell."
    assert Flag.objects.get(pk=kept.pk).unit_id == linked.pk
    assert not Flag.objects.filter(reason="Dropped.").exists()  # recomputed away
    undo(editor_client, comparison)
    assert unit_at(comparison, 1).source_text == "The ministry said so."
    assert Flag.objects.filter(reason="Dropped.", unit__position=1).exists()


def test_it_pairs_an_omission_with_an_addition_by_linking(editor_client, comparison):
    omission, addition = unit_at(comparison, 3), unit_at(comparison, 4)
    editor_client.post(
        action_url("unit_link", omission), {"version": 1, "into": f"{addition.pk}:1"}
    )
    paired = AlignmentUnit.objects.get(pk=addition.pk)
    assert (paired.position, paired.kind) == (3, "match")


def test_it_refuses_to_link_a_unit_that_pairs_both_sides(editor_client, comparison):
    unit, other = unit_at(comparison, 0), unit_at(comparison, 1)
    response = editor_client.post(
        action_url("unit_link", unit), {"version": 1, "into": f"{other.pk}:1"}, **HTMX
    )
    assert response.status_code == 422
    assert "only an omission or an addition can be linked" in response.content.decode()


def test_it_refuses_a_merge_when_the_next_unit_changed_since(
    client, editor, other_editor, comparison
):
    client.force_login(other_editor)
    following = unit_at(comparison, 2)
    client.post(action_url("unit_mark", following), {"version": 1, "state": "ok"})
    client.force_login(editor)
    before = layout(comparison)
    response = client.post(
        action_url("unit_merge", unit_at(comparison, 1)),
        {"version": 1, "next_version": 1},
        **HTMX,
    )
    assert response.status_code == 409
    assert "Unit 3 was changed by someone else" in response.content.decode()
    assert layout(comparison) == before


def test_it_refuses_to_merge_the_last_unit(editor_client, comparison):
    response = editor_client.post(
        action_url("unit_merge", unit_at(comparison, 4)), {"version": 1, "next_version": 1}, **HTMX
    )
    assert response.status_code == 422
    assert "is the last one" in response.content.decode()


def test_undo_is_refused_when_the_alignment_changed_since(client, editor, other_editor, comparison):
    client.force_login(editor)
    client.post(action_url("unit_merge", unit_at(comparison, 0)), {"version": 1, "next_version": 1})
    client.force_login(other_editor)
    client.post(action_url("unit_merge", unit_at(comparison, 2)), {"version": 1, "next_version": 1})
    client.force_login(editor)
    response = undo(client, comparison)
    assert response.status_code == 409
    assert "the alignment of this comparison was changed since" in response.content.decode()
    assert comparison.units.count() == 3


def test_it_splits_the_seed_unit_whose_sentence_became_two(editor_client, seed_comparison):
    unit = next(
        u for u in seed_comparison.units.order_by("position") if len(u.target_positions) == 2
    )
    count = seed_comparison.units.count()
    response = editor_client.post(
        action_url("unit_split", unit),
        {"version": unit.version, "source_at": 1, "target_at": 1},
        **HTMX,
    )
    assert response.status_code == 200
    first, second = (
        unit_at(seed_comparison, unit.position),
        unit_at(seed_comparison, unit.position + 1),
    )
    assert (first.kind, second.kind) == ("match", "addition")
    assert seed_comparison.units.count() == count + 1
    undo(editor_client, seed_comparison)
    assert seed_comparison.units.count() == count
