"""A story's copies through the API: the source, every copy in publication order with
its drift score and likely parent, and a 404 for an article that is no source."""

from __future__ import annotations

from articles.models import Comparison
from tests.api.conftest import token_for
from tests.builders import build_comparison
from tests.stories_helpers import import_seed_story


def test_it_lists_a_story_s_copies_in_publication_order_with_their_lineage(api, viewer):
    source = import_seed_story()

    answer = api.get(f"stories/{source.pk}/copies", token=token_for(viewer))

    assert answer.status == 200, answer.body
    story = answer.json
    assert story["source"]["id"] == source.pk
    copies = {c["outlet"]: c for c in story["copies"]}
    assert [c["outlet"] for c in story["copies"]] == [
        "Harbour Daily",
        "Coastal Times",
        "Riverside Post",
        "Metro Wire Digest",
        "Evening Courier",
    ]
    ids = set(Comparison.objects.filter(source=source).values_list("pk", flat=True))
    assert {c["comparison_id"] for c in story["copies"]} == ids
    # The demo story's lineage: Riverside Post copied Coastal Times, Evening Courier
    # copied Riverside Post (their shared respellings), the first copy the source.
    assert copies["Harbour Daily"]["parent"] is None
    assert copies["Riverside Post"]["parent"] == copies["Coastal Times"]["comparison_id"]
    assert copies["Evening Courier"]["parent"] == copies["Riverside Post"]["comparison_id"]
    riverside = copies["Riverside Post"]
    assert riverside["similarity_to_parent"] >= riverside["similarity_to_source"]
    assert riverside["report_url"].endswith(
        f"/api/v1/comparisons/{riverside['comparison_id']}/report"
    )
    assert story["web_url"].endswith(f"/stories/{source.pk}/")


def test_it_answers_404_for_an_article_that_is_no_source(api, viewer):
    comparison = build_comparison([("The mayor spoke.", "The mayor talked.")])

    answer = api.get(f"stories/{comparison.retranslation_id}/copies", token=token_for(viewer))

    assert answer.status == 404
    assert answer.error_code == "not_found"
    assert "is the source of no comparison" in answer.json["error"]["message"]
