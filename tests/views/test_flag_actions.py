"""Accept, dismiss, edit and add flags from the step view, each audited."""

from __future__ import annotations

from articles.models import AuditEvent, Flag

from .conftest import HTMX, action_url, step_url, suggestion_on, unit_at


def post(client, url, data, htmx=True):
    return client.post(url, data, **(HTMX if htmx else {}))


def test_it_accepts_a_suggestion_as_a_confirmed_flag(editor_client, editor, comparison):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    response = post(editor_client, action_url("flag_accept", unit, flag), {"version": unit.version})
    assert response.status_code == 200
    assert "Suggestion accepted." in response.content.decode()
    flag.refresh_from_db()
    unit.refresh_from_db()
    assert flag.status == Flag.Status.CONFIRMED
    assert unit.review_state == "flagged" and unit.reviewed_by == editor
    assert unit.version == 2
    comparison.refresh_from_db()
    assert comparison.status == "in_review"
    assert comparison.last_editor == editor
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.unit, event.flag) == (
        "flag.accept",
        editor,
        unit,
        flag,
    )
    assert event.before["flags"][str(flag.pk)]["status"] == "suggested"
    assert event.after["flags"][str(flag.pk)]["status"] == "confirmed"
    assert event.before["units"][str(unit.pk)]["review_state"] == "unreviewed"


def test_it_accepts_through_the_plain_form_and_redirects_back(editor_client, comparison):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    response = post(
        editor_client, action_url("flag_accept", unit, flag), {"version": 1}, htmx=False
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(comparison, 1)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Suggestion accepted." in page
    assert "Confirmed by edna" in page


def test_it_dismisses_a_suggestion(editor_client, comparison):
    unit, flag = unit_at(comparison, 2), suggestion_on(comparison, 2)
    response = post(editor_client, action_url("flag_dismiss", unit, flag), {"version": 1})
    assert response.status_code == 200
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED
    assert AuditEvent.objects.get().action == "flag.dismiss"
    assert "Dismissed (1)" in response.content.decode()
    assert "Dismissed." in response.content.decode()


def test_it_says_a_confirmed_flag_was_withdrawn(editor_client, comparison):
    unit, flag = unit_at(comparison, 2), suggestion_on(comparison, 2)
    Flag.objects.filter(pk=flag.pk).update(status=Flag.Status.CONFIRMED)
    response = post(editor_client, action_url("flag_dismiss", unit, flag), {"version": 1})
    assert response.status_code == 200
    assert "Flag withdrawn." in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED


def test_it_changes_a_flags_category_severity_and_note(editor_client, comparison):
    unit, flag = unit_at(comparison, 2), suggestion_on(comparison, 2)
    response = post(
        editor_client,
        action_url("flag_edit", unit, flag),
        {"version": 1, "category": "attribution.speaker", "severity": "major", "note": "Who?"},
    )
    assert response.status_code == 200
    flag.refresh_from_db()
    assert (flag.category, flag.severity, flag.note) == ("attribution.speaker", "major", "Who?")
    assert flag.status == Flag.Status.SUGGESTED
    event = AuditEvent.objects.get()
    assert event.before["flags"][str(flag.pk)]["category"] == "attribution.pronoun"
    assert event.after["flags"][str(flag.pk)]["note"] == "Who?"


def test_it_refuses_an_unknown_category_and_changes_nothing(editor_client, comparison):
    unit, flag = unit_at(comparison, 2), suggestion_on(comparison, 2)
    response = post(
        editor_client,
        action_url("flag_edit", unit, flag),
        {"version": 1, "category": "made.up", "severity": "major"},
    )
    assert response.status_code == 422
    assert "Category: Select a valid choice." in response.content.decode()
    flag.refresh_from_db()
    unit.refresh_from_db()
    assert flag.category == "attribution.pronoun" and unit.version == 1
    assert not AuditEvent.objects.exists()


def test_it_adds_an_editors_own_flag_with_the_words_at_issue(editor_client, editor, comparison):
    unit = unit_at(comparison, 0)
    response = post(
        editor_client,
        action_url("flag_add", unit),
        {
            "version": 1,
            "category": "factual.meaning",
            "severity": "minor",
            "source_span": "missile fire",
            "target_span": "hit by  rockets",
            "note": "Missiles are not rockets.",
        },
    )
    assert response.status_code == 200
    flag = unit.flags.get()
    assert (flag.origin, flag.status, flag.author) == ("editor", "confirmed", editor)
    assert (flag.source_span, flag.target_span) == ("missile fire", "hit by rockets")
    unit.refresh_from_db()
    assert unit.review_state == "flagged"
    event = AuditEvent.objects.get()
    assert event.action == "flag.add"
    assert event.before["flags"] == {str(flag.pk): None}
    assert event.after["flags"][str(flag.pk)]["note"] == "Missiles are not rockets."


def test_it_refuses_words_that_are_not_in_the_unit_next_to_the_field(editor_client, comparison):
    unit = unit_at(comparison, 0)
    response = post(
        editor_client,
        action_url("flag_add", unit),
        {"version": 1, "category": "factual.name", "severity": "major", "source_span": "Biden"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "“Biden” is not in the source text of this unit." in html
    assert 'value="Biden"' in html  # the form comes back as typed
    assert not unit.flags.exists()


def test_it_answers_404_for_a_flag_of_another_unit(editor_client, comparison):
    unit, other = unit_at(comparison, 2), suggestion_on(comparison, 1)
    response = post(editor_client, action_url("flag_accept", unit, other), {"version": 1})
    assert response.status_code == 404


def test_it_refuses_an_action_without_a_version(editor_client, comparison):
    unit, flag = unit_at(comparison, 1), suggestion_on(comparison, 1)
    response = post(editor_client, action_url("flag_accept", unit, flag), {})
    assert response.status_code == 422
    assert "Version: This field is required." in response.content.decode()


def test_it_keeps_the_view_unfiltered_after_adding_or_editing_a_flag(editor_client, comparison):
    # The add and edit forms' own category and severity are not the view's filters.
    unit = unit_at(comparison, 0)
    added = post(
        editor_client,
        action_url("flag_add", unit),
        {"version": 1, "show": "all", "category": "attribution.pronoun", "severity": "minor",
         "source_span": "", "target_span": "", "note": ""},
    )  # fmt: skip
    assert added.status_code == 200
    assert added["HX-Replace-Url"] == step_url(comparison, 0)
    # Next leads on to unit 1, not to the end of a filter nothing else matches.
    assert f'href="{step_url(comparison, 1)}"' in added.content.decode()
    unit, flag = unit_at(comparison, 2), suggestion_on(comparison, 2)
    edited = post(
        editor_client,
        action_url("flag_edit", unit, flag),
        {"version": 1, "show": "all", "category": "factual.meaning", "severity": "critical"},
    )
    assert edited.status_code == 200
    assert edited["HX-Replace-Url"] == step_url(comparison, 2)


def test_it_keeps_the_views_own_flag_filter_after_adding_a_flag(editor_client, comparison):
    unit = unit_at(comparison, 2)
    added = post(
        editor_client,
        action_url("flag_add", unit),
        {"version": 1, "show": "all", "filter_category": "attribution.pronoun",
         "category": "factual.name", "severity": "major", "source_span": "",
         "target_span": "", "note": ""},
    )  # fmt: skip
    assert added.status_code == 200
    assert added["HX-Replace-Url"] == step_url(comparison, 2) + "?category=attribution.pronoun"
