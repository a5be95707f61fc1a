"""The comparison overview: aligned units, strip, metadata, ledger and score."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Flag, Sentence

from .conftest import step_url


def url(comparison) -> str:
    return reverse("articles:comparison", args=[comparison.pk])


def test_it_redirects_a_signed_out_visitor_to_sign_in(client, comparison):
    response = client.get(url(comparison))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_both_articles_as_aligned_units_coloured_by_state_and_worst_flag(
    editor_client, comparison
):
    comparison.units.filter(position=0).update(review_state="ok")
    html = editor_client.get(url(comparison)).content.decode()
    assert '<tr id="unit-0" class="unit-row st-ok">' in html
    assert '<tr id="unit-1" class="unit-row st-unreviewed sev-major">' in html
    assert "— not in the retranslation —" in html
    assert "— not in the source —" in html
    assert "? Name · Major" in html
    # The strip: one mark per unit, jumping to its row.
    assert html.count('class="mark ') == 5
    assert 'href="#unit-1" title="Unit 2, unreviewed, worst flag major' in html


def test_it_links_to_the_first_unit_to_review(editor_client, comparison):
    comparison.units.filter(position=0).update(review_state="ok")
    html = editor_client.get(url(comparison)).content.decode()
    assert f'href="{step_url(comparison, 1)}" id="start-review"' in html
    assert "Start review" in html


def test_it_shows_the_metadata_apart_from_the_units(editor_client, comparison):
    Sentence.objects.create(
        article=comparison.retranslation,
        position=50,
        paragraph=50,
        text="© Reuters. A caption <b>here</b>",
        start=0,
        end=10,
        kind="caption",
    )
    html = editor_client.get(url(comparison)).content.decode()
    assert '<span class="kind-tag">Caption</span> © Reuters. A caption &lt;b&gt;here&lt;/b&gt;' in (
        html
    )


def test_it_shows_the_ledger_with_a_confirm_button_for_editors(editor_client, comparison):
    html = editor_client.get(url(comparison)).content.decode()
    unit = comparison.units.get(position=1)
    assert '<del class="w w-chg w-name">Maroto</del>' in html
    assert f'name="versions" value="{unit.pk}:{unit.version}"' in html
    assert reverse("articles:ledger_confirm", args=[comparison.pk, 0]) in html


def test_it_shows_the_drift_score(editor_client, comparison):
    Flag.objects.filter(unit__comparison=comparison).update(status="confirmed")
    html = editor_client.get(url(comparison)).content.decode()
    expected = (5 + 1) * 100 / comparison.source.word_count
    assert f'<span class="stat-value">{expected:.2f}</span>' in html


def test_a_viewer_sees_it_without_the_confirm_button(viewer_client, comparison):
    response = viewer_client.get(url(comparison))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maroto" in html
    assert reverse("articles:ledger_confirm", args=[comparison.pk, 0]) not in html


def test_it_lists_only_the_units_the_flag_filter_keeps(editor_client, comparison):
    html = editor_client.get(url(comparison) + "?severity=minor").content.decode()
    assert '<tr id="unit-2"' in html
    assert '<tr id="unit-1"' not in html
    assert "· 1 of 5 shown" in html
    assert html.count('class="mark ') == 5  # the strip still shows every unit
    html = editor_client.get(url(comparison) + "?rule=name.respelled&show=unreviewed").content
    assert '<tr id="unit-1"' in html.decode()
    assert '<option value="name.respelled" selected>' in html.decode()


def test_it_refuses_a_filter_value_it_does_not_know(editor_client, comparison):
    response = editor_client.get(url(comparison) + "?category=factual.gossip")
    assert response.status_code == 400
    assert "Filter: category: “factual.gossip” is not a known category" in (
        response.content.decode()
    )


def test_it_numbers_units_and_ledger_entries_from_1(editor_client, comparison):
    html = editor_client.get(url(comparison)).content.decode()
    assert 'title="Review unit 1">1</a>' in html
    assert '<a href="#unit-1">2</a>' in html  # the ledger's name is in the second unit


def test_it_offers_done_and_a_done_comparison_offers_reopen(editor_client, comparison):
    html = editor_client.get(url(comparison)).content.decode()
    assert "Mark comparison done" in html
    assert "0 of 5 units reviewed" in html
    comparison.status = "done"
    comparison.save()
    html = editor_client.get(url(comparison)).content.decode()
    assert "Mark comparison done" not in html
    assert "Continue review" not in html
    assert 'id="reopen"' in html
