"""Deciding in the browser: accept, add a flag from a text selection, undo, in place."""

from __future__ import annotations

import pytest

from articles.models import AuditEvent, Flag
from tests.browser import review_helpers
from tests.browser.review_helpers import (
    MARKER_KEPT,
    open_first_unit,
    wait_for_notice,
    wait_for_unit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison


def test_it_accepts_a_suggestion_with_the_keyboard_and_updates_the_progress(
    page, live_server, editor, review_comparison
):
    open_first_unit(page, live_server, editor.username)
    position = review_helpers.positions_with_suggestions(review_comparison)[0]
    while f"Unit {position + 1} " not in page.text_content("#unit-title") + " ":
        page.keyboard.press("j")
        review_helpers.wait_until_idle(page)
    wait_for_unit(page, position)
    first = page.get_attribute("#step [data-suggestion]", "data-flag")
    page.keyboard.press("a")
    wait_for_notice(page, "Suggestion accepted.")
    # The unit's other suggestion is still open: it is not reviewed yet.
    assert review_comparison.units.get(position=position).flags.count() == 2
    assert "0 / " in page.text_content("#progress-text")
    assert page.locator("#step .flag-confirmed").count() == 1
    assert "⚑ Flagged" in page.text_content("#step .unit-facts")
    flag = Flag.objects.get(pk=first)
    assert flag.status == "confirmed"
    page.keyboard.press("u")
    wait_for_notice(page, "Undone: you accepted a suggestion.")
    assert "0 / " in page.text_content("#progress-text")
    flag.refresh_from_db()
    assert flag.status == "suggested"
    assert page.evaluate(MARKER_KEPT)


def test_it_adds_a_flag_from_words_selected_with_the_mouse(
    page, live_server, editor, review_comparison, screenshot_dir
):
    open_first_unit(page, live_server, editor.username)
    # "A US military spokesman stated that his country's forces were attacked by several
    # missiles" / "… the US military was hit by multiple rockets".
    position = review_comparison.units.get(source_text__contains="spokesman stated").position
    review_helpers.open_unit(page, position)
    page.dblclick('#step .text[data-side="source"] >> text=missiles')
    assert page.input_value("#id_source_span") == "missiles"
    # The form is in sight beside the texts: no button to lead to it on a desktop.
    assert page.locator("[data-selection-chip]").is_hidden()
    page.dblclick('#step .text[data-side="target"] >> text=rockets')
    assert page.input_value("#id_target_span") == "rockets"
    page.select_option("#id_category", "factual.meaning")
    page.select_option("#id_severity", "major")
    page.fill("#id_note", "Missiles are not rockets.")
    page.click("#add-flag button[type=submit]")
    wait_for_notice(page, "Flag added.")
    card = page.locator("#step .flag-confirmed").first
    assert "Meaning" in card.text_content()
    assert "Missiles are not rockets." in card.text_content()
    flag = Flag.objects.get(unit__comparison=review_comparison, origin="editor")
    assert (flag.source_span, flag.target_span, flag.severity) == ("missiles", "rockets", "major")
    assert flag.unit.position == position
    assert AuditEvent.objects.get().action == "flag.add"
    assert page.evaluate(MARKER_KEPT)


def test_it_marks_units_ok_and_moves_on_with_o(page, live_server, editor, review_comparison):
    open_first_unit(page, live_server, editor.username)
    page.keyboard.press("o")
    wait_for_unit(page, 1)
    wait_for_notice(page, "Marked OK.")
    assert page.locator(".strip .mark.st-ok").count() == 1
    review_helpers.open_unit(page, review_helpers.positions_with_suggestions(review_comparison)[0])
    page.keyboard.press("f")
    assert page.locator("#add-flag").get_attribute("open") is not None
    assert page.evaluate("document.activeElement.id") == "id_category"
    page.keyboard.press("Escape")
    count = page.locator("#step [data-suggestion]").count()
    page.keyboard.press("s")
    page.keyboard.press("d")
    wait_for_notice(page, "Dismissed.")
    assert page.locator("#step [data-suggestion]").count() == count - 1
    assert page.evaluate(MARKER_KEPT)
