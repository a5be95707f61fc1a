"""Flagging words on a phone: a touch selection fills the add-flag form.

A touch-enabled, phone-sized browser context (coarse pointer, touch events, no mouse).
Chromium's headless mode does not turn a long press into a text selection, so the test
makes the selection as a finger does, through the Selection API: a word first (the
long press), then the end moved word by word (dragging the handle). Each step sends
the browser's own `selectionchange` events, and no mouse event is sent at all.
"""

from __future__ import annotations

import pytest

from articles.models import Flag
from tests.browser import review_helpers
from tests.browser.accessibility import SIZES
from tests.browser.conftest import sign_in
from tests.browser.review_helpers import open_step, wait_for_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
review_comparison = review_helpers.review_comparison

# Select `words` (a phrase of the side's text) as a finger would: the first word, then
# the selection's end dragged over the next words, one at a time.
SELECT_BY_TOUCH = """async ([side, words]) => {
  const text = document.querySelector(`#step .text[data-side="${side}"]`);
  const nodes = [];
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const whole = nodes.map(n => n.data).join('');
  const at = offset => {
    for (const node of nodes) {
      if (offset <= node.data.length) return [node, offset];
      offset -= node.data.length;
    }
    throw new Error('offset out of the text');
  };
  const start = whole.indexOf(words);
  if (start < 0) throw new Error(`“${words}” is not in the ${side} text`);
  const selection = getSelection();
  let end = start + words.split(' ')[0].length;
  selection.setBaseAndExtent(...at(start), ...at(end));
  for (const word of words.split(' ').slice(1)) {
    await new Promise(done => setTimeout(done, 60));
    end = whole.indexOf(word, end) + word.length;
    selection.extend(...at(end));
  }
  return selection.toString();
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def maroto_unit(phone, live_server, editor, review_comparison):
    """The unit that quotes Colonel Wayne Maroto, open on the phone as an editor."""
    unit = review_comparison.units.get(source_text__contains="Wayne Maroto")
    sign_in(phone, live_server, editor.username)
    open_step(phone, live_server, review_comparison, unit.position)
    return unit


def test_it_fills_the_flag_form_from_a_touch_selection_and_adds_the_flag(phone, maroto_unit):
    page, unit = phone, maroto_unit
    page.evaluate(
        "() => { window.__mouse = 0; for (const kind of ['mousedown', 'mouseup', 'click'])"
        " document.addEventListener(kind, () => window.__mouse++, true); }"
    )
    chip = page.locator("[data-selection-chip]")
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    assert chip.is_hidden()

    selected = page.evaluate(SELECT_BY_TOUCH, ["source", "Colonel Wayne Maroto"])
    page.wait_for_function("() => document.querySelector('#id_source_span').value !== ''")
    filled = page.input_value("#id_source_span")
    mouse_events = page.evaluate("window.__mouse")
    form_open = page.evaluate("document.getElementById('add-flag').open")
    chip_box = chip.bounding_box()
    page.tap("[data-selection-chip]")
    page.wait_for_function("() => document.activeElement.id === 'id_category'")
    form_top = page.locator("#add-flag").bounding_box()["y"]
    page.select_option("#id_category", value="factual.name")
    page.select_option("#id_severity", value="major")
    page.tap("#add-flag button[type=submit]")
    wait_for_notice(page, "Flag added.")

    assert selected == "Colonel Wayne Maroto"
    assert filled == "Colonel Wayne Maroto"
    assert mouse_events == 0  # only selection events filled it
    assert form_open
    # The button sits at the bottom of the screen, inside it, and leads to the form.
    assert chip_box["y"] + chip_box["height"] <= SIZES["phone"]["height"]
    assert chip_box["x"] >= 0 and chip_box["x"] + chip_box["width"] <= SIZES["phone"]["width"]
    assert 0 <= form_top < SIZES["phone"]["height"] / 2
    flag = Flag.objects.get(unit=unit, origin=Flag.Origin.EDITOR)
    assert (flag.source_span, flag.category, flag.severity) == (
        "Colonel Wayne Maroto",
        "factual.name",
        "major",
    )


def test_it_leaves_the_form_alone_for_a_selection_outside_the_texts(phone, maroto_unit):
    phone.evaluate(
        "() => { const h = document.getElementById('unit-title');"
        " getSelection().selectAllChildren(h); }"
    )
    phone.wait_for_timeout(700)  # longer than the pause the script waits for

    assert phone.input_value("#id_source_span") == ""
    assert phone.input_value("#id_target_span") == ""
    assert phone.locator("[data-selection-chip]").is_hidden()
    assert not phone.evaluate("document.getElementById('add-flag').open")
