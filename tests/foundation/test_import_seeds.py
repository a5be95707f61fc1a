from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_seeds", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, Sentence, Comparison, AlignmentUnit, Flag))


def test_it_imports_and_analyses_the_seed_pair():
    output = _run()
    comparison = Comparison.objects.get(source__origin="000_7be70c43fb544a5f.txt")
    assert f"Imported comparison {comparison.pk}" in output
    assert comparison.source.origin == "000_7be70c43fb544a5f.txt"
    assert comparison.retranslation.origin == "001_bce71628527fee74.txt"
    assert comparison.analysis_version
    assert comparison.units.count() > 20
    assert Flag.objects.filter(unit__comparison=comparison, origin="auto").exists()


def test_it_imports_the_demo_story_of_five_copies_beside_the_pair():
    output = _run()
    source = Article.objects.get(origin="source.json")
    copies = Comparison.objects.filter(source=source)
    assert copies.count() == 5
    assert sorted(copies.values_list("retranslation__outlet", flat=True)) == [
        "Coastal Times",
        "Evening Courier",
        "Harbour Daily",
        "Metro Wire Digest",
        "Riverside Post",
    ]
    assert all(c.retranslation.published_at for c in copies)
    # The misspelling that spreads from copy to copy is suggested in each copy it is in.
    spread = Flag.objects.filter(unit__comparison__source=source, target_span="Fandersloot")
    assert spread.values("unit__comparison").distinct().count() == 4
    assert f"Story of source article {source.pk}" in output
    assert "Seeds: 1 pair(s) and 1 story(ies) of 5 copies, 6 comparison(s) imported" in output


def test_it_changes_nothing_the_second_time_and_says_so():
    _run()
    before = _counts()
    output = _run()
    assert _counts() == before
    assert "Already imported" in output and "Nothing changed." in output


def test_it_refuses_a_manifest_that_is_missing_or_malformed(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _run("--manifest", str(tmp_path / "none.json"))
    bad = tmp_path / "manifest.json"
    bad.write_text(json.dumps({"pairs": "no"}))
    with pytest.raises(CommandError, match="must be an object with a 'pairs' list"):
        _run("--manifest", str(bad))
    bad.write_text(json.dumps({"pairs": [], "stories": [{"source": {"file": "a.txt"}}]}))
    with pytest.raises(CommandError, match="'stories' must be a list of objects with"):
        _run("--manifest", str(bad))
    assert _counts() == (0, 0, 0, 0, 0)
