"""The step view: one unit, its diff, its flags; whole page or htmx partial."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import AlignmentUnit, Flag
from tests.builders import build_comparison

from .conftest import HTMX, UNITS, step_url, unit_at


def test_it_redirects_a_signed_out_visitor_to_sign_in(client, comparison):
    response = client.get(step_url(comparison, 1))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_the_unit_side_by_side_with_its_diff_and_suggestion(editor_client, comparison):
    unit = unit_at(comparison, 1)
    response = editor_client.get(step_url(comparison, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'id="step"' in html
    # Changed words are marked on both sides; the respelled name is emphasised evidence.
    key = f"flag-{unit.flags.get().pk}"
    assert f'<del class="w w-chg w-name w-ev" data-ev="{key}">Maroto</del>' in html
    assert f'<ins class="w w-chg w-name w-ev" data-ev="{key}">Malotto</ins>' in html
    assert "The name Maroto became Malotto." in html
    assert "name.respelled" in html
    assert f'name="version" value="{unit.version}"' in html
    assert (
        reverse("articles:flag_accept", args=[comparison.pk, unit.pk, unit.flags.get().pk]) in html
    )


def test_it_renders_only_the_unit_panel_and_the_out_of_band_head_for_htmx(
    editor_client, comparison
):
    response = editor_client.get(step_url(comparison, 2), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="step"')
    head = html[html.index('<section id="review-head"') :]
    assert head[: head.index(">")].endswith('hx-swap-oob="true"')
    # The link pushes its own address into the history; only actions replace it.
    assert "HX-Replace-Url" not in response


def test_it_renders_the_whole_page_for_an_htmx_history_restore(editor_client, comparison):
    response = editor_client.get(
        step_url(comparison, 2), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in response.content.decode()


def test_it_shows_a_viewer_the_unit_without_any_action(viewer_client, comparison):
    response = viewer_client.get(step_url(comparison, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The name Maroto became Malotto." in html
    assert 'method="post" action="/comparisons' not in html
    badge = BeautifulSoup(html, "html.parser").select_one(".topnav .role-badge")
    assert badge.get_text() == "viewer · read only"


def test_it_answers_404_for_a_unit_that_does_not_exist(editor_client, comparison):
    assert editor_client.get(step_url(comparison, 99)).status_code == 404


def test_it_steps_only_through_the_units_the_filter_shows(editor_client, comparison):
    response = editor_client.get(step_url(comparison, 0) + "?show=suggested")
    html = response.content.decode()
    assert f'href="{step_url(comparison, 1)}?show=suggested"' in html
    response = editor_client.get(step_url(comparison, 1) + "?show=suggested")
    assert f'href="{step_url(comparison, 2)}?show=suggested" hx-get' in response.content.decode()


def test_it_shows_who_reviewed_the_unit_and_when(editor_client, comparison, other_editor):
    unit = unit_at(comparison, 0)
    AlignmentUnit.objects.filter(pk=unit.pk).update(
        review_state="ok", reviewed_by=other_editor, reviewed_at="2026-11-20T09:30:00Z"
    )
    html = editor_client.get(step_url(comparison, 0)).content.decode()
    assert "✓ OK" in html
    assert "by otto" in html
    assert "20 Nov 09:30" in html


def test_it_escapes_article_text_also_inside_the_diff(editor_client, db):
    comparison = build_comparison(
        [("Says <script>alert(1)</script> & more", "Said <b onmouseover=x>bold</b> & more")]
    )
    html = editor_client.get(step_url(comparison, 0)).content.decode()
    assert "<script>alert" not in html
    assert "<b onmouseover" not in html
    assert "&lt;" in html and "&amp;" in html


def test_start_goes_to_the_first_unit_not_reviewed_yet(editor_client, comparison):
    AlignmentUnit.objects.filter(comparison=comparison, position__lt=2).update(review_state="ok")
    # Unit 2 (position 1) is marked but its suggestion is open: it is not reviewed yet.
    response = editor_client.get(reverse("articles:start", args=[comparison.pk]))
    assert response["Location"] == step_url(comparison, 1)
    Flag.objects.filter(unit__comparison=comparison, unit__position=1).update(status="dismissed")
    response = editor_client.get(reverse("articles:start", args=[comparison.pk]))
    assert response.status_code == 302
    assert response["Location"] == step_url(comparison, 2)


def test_it_says_so_when_a_comparison_has_no_units(editor_client, comparison):
    comparison.units.all().delete()
    response = editor_client.get(reverse("articles:start", args=[comparison.pk]))
    assert response["Location"] == step_url(comparison, 0)
    assert "Nothing to review" in editor_client.get(response["Location"]).content.decode()


def test_it_offers_the_split_points_of_a_unit_with_several_sentences(editor_client, comparison):
    unit = unit_at(comparison, 0)
    AlignmentUnit.objects.filter(pk=unit.pk).update(source_positions=[0, 1])
    html = editor_client.get(step_url(comparison, 0)).content.decode()
    assert (
        '<option value="1" selected>sentence 1 (“US forces came under missile fire…”)</option>'
        in html
    )
    assert "all 2 (““We are assessing the damage,” Colonel…”)" in html
    assert "its only sentence (“U.S. troops were hit by rockets…”)" in html


def test_it_names_a_one_sentence_sides_split_point_by_the_units_own_text(editor_client, comparison):
    # A unit of one sentence a side reads no sentence: its text is that sentence.
    html = editor_client.get(step_url(comparison, 0)).content.decode()
    assert "its only sentence (“US forces came under missile fire…”)" in html
    assert "its only sentence (“U.S. troops were hit by rockets…”)" in html


def test_it_shows_moved_words_as_moved_with_a_text_alternative(editor_client, db):
    moved = build_comparison(
        [
            (
                "Blinken told reporters in Rome that it was over.",
                "It was over, Brinken told reporters in Rome.",
            )
        ]
    )
    html = editor_client.get(step_url(moved, 0)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    source = soup.select_one('[data-side="source"]')
    target = soup.select_one('[data-side="target"]')
    # "it was over" moved: shown as one run on each side, not as a deletion plus an
    # insertion.
    assert source.select_one(".mv-start").get_text() == "moved: it"
    assert source.select_one(".mv-end").get_text() == "over (end of moved words)"
    assert target.select_one(".mv-start").get_text() == "moved: It"
    runs = {w["data-move"] for w in source.select(".w-mov") + target.select(".w-mov")}
    assert runs == {"1"}
    assert [w.get_text() for w in source.select("del")] == ["Blinken", "that"]
    assert "the source has these words elsewhere" in target.select_one(".w-mov")["title"]
    assert "moved" in soup.select_one(".unit-facts").get_text()


def test_it_does_not_mark_what_the_analysis_holds_equal(editor_client, comparison):
    soup = BeautifulSoup(editor_client.get(step_url(comparison, 0)).content, "html.parser")
    marked = [w.get_text() for w in soup.select("#step .text del, #step .text ins")]
    # "US forces" / "U.S. troops": the country's spelling is not a change, the noun is.
    assert "U.S." not in marked and "US" not in marked
    assert "forces" in marked and "troops" in marked


def test_it_shows_the_units_around_as_collapsed_context(editor_client, comparison):
    soup = BeautifulSoup(editor_client.get(step_url(comparison, 1)).content, "html.parser")
    context = soup.select_one("details[data-context]")
    assert not context.has_attr("open")
    assert "unit 1 before and unit 3 after" in context.select_one("summary").get_text()
    before = context.select_one('[data-context-unit="previous"]')
    after = context.select_one('[data-context-unit="next"]')
    assert [p.get_text() for p in before.select(".context-text")] == list(UNITS[0])
    assert [p.get_text() for p in after.select(".context-text")] == list(UNITS[2])
    assert before.select_one("a")["href"] == step_url(comparison, 0)
    assert after.select_one("a")["href"] == step_url(comparison, 2)
    # One section right below the unit's texts: one Tab stop before the decisions.
    assert context.find_previous_sibling("div", class_="texts") is soup.select_one("#step .texts")


def test_the_first_and_last_units_have_context_on_one_side_only(editor_client, comparison):
    first = BeautifulSoup(editor_client.get(step_url(comparison, 0)).content, "html.parser")
    units = first.select("[data-context-unit]")
    assert [u["data-context-unit"] for u in units] == ["next"]
    assert "unit 2 after" in first.select_one("details[data-context] summary").get_text()
    last = BeautifulSoup(editor_client.get(step_url(comparison, 4)).content, "html.parser")
    units = last.select("[data-context-unit]")
    assert [u["data-context-unit"] for u in units] == ["previous"]
    # The omission before it has nothing in the retranslation, and says so.
    assert units[0].select_one(".context-target .missing")


def test_the_context_escapes_the_text_of_the_units_around(editor_client, db):
    hostile = build_comparison(
        [
            ('<script>alert("x")</script> said \u202eevil', "<b>bold</b> claim"),
            ("Plain words here.", "Plain words here."),
        ]
    )
    html = editor_client.get(step_url(hostile, 1)).content.decode()
    context = html[html.index('data-context-unit="previous"') :]
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in context
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in context


def test_it_steps_only_through_units_with_a_flag_of_the_chosen_category(editor_client, comparison):
    html = editor_client.get(step_url(comparison, 0) + "?category=attribution.pronoun").content
    html = html.decode()
    # Unit 2 (position 1) holds a name flag only: next goes to unit 3 (position 2).
    assert f'href="{step_url(comparison, 2)}?category=attribution.pronoun"' in html
    assert 'rel="next"' in html
    assert 'name="filter_category" value="attribution.pronoun"' in html  # kept by every action


def test_it_lists_only_the_suggestions_the_filter_keeps(editor_client, comparison):
    unit = comparison.units.get(position=1)
    Flag.objects.create(
        unit=unit, category="factual.number", severity="minor", origin="auto", status="suggested"
    )
    html = editor_client.get(step_url(comparison, 1) + "?severity=minor").content.decode()
    assert html.count("data-suggestion") == 1
    assert "1 more open suggestion not matching the filter." in html


@pytest.mark.parametrize(
    "query, named",
    [
        ("?category=factual.gossip", "category: “factual.gossip” is not a known category"),
        ("?severity=huge", "severity: “huge” is not minor, major or critical"),
        ("?rule=%3Cb%3E", "rule: “<b>” is not the name of an analysis rule"),
        ("?show=everything", "show: “everything” is not one of all, unreviewed"),
    ],
)
def test_it_refuses_a_filter_value_it_does_not_know(editor_client, comparison, query, named):
    response = editor_client.get(step_url(comparison, 0) + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert named in response.content.decode()


def test_it_links_to_the_next_unit_with_an_open_suggestion(editor_client, comparison):
    html = editor_client.get(step_url(comparison, 2)).content.decode()
    # After unit 3 (position 2) none is left but unit 2 (position 1): it wraps round.
    assert f'href="{step_url(comparison, 1)}"' in html
    assert "Next unit with an open suggestion (unit 2)" in html
    assert 'data-key="next-open"' in html


def test_it_numbers_units_from_1(editor_client, comparison):
    html = editor_client.get(step_url(comparison, 0)).content.decode()
    assert 'class="unit-title">Unit 1 <span class="muted">of 5</span>' in html
    assert "<title>Unit 1 ·" in html
    assert "Merge units 1 and 2" in html
