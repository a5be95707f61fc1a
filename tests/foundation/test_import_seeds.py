from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE

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


def _manifest(tmp_path, **data) -> str:
    for seed in (SEED_SOURCE, SEED_RETRANSLATION):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    return str(manifest)


def _pair(**retranslation) -> dict:
    return {
        "source": {"file": SEED_SOURCE.name},
        "retranslation": {"file": SEED_RETRANSLATION.name, **retranslation},
    }


def test_it_refuses_a_directory_as_manifest_in_one_line(tmp_path):
    with pytest.raises(CommandError) as caught:
        _run("--manifest", str(tmp_path))
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.parametrize(
    ("retranslation", "message"),
    [
        ({"title": 2024}, "pair 1 retranslation: 'title' must be text, not 2024"),
        ({"outlet": ["Wire"]}, "pair 1 retranslation: 'outlet' must be text, not [\"Wire\"]"),
        ({"url": {"href": "x"}}, 'pair 1 retranslation: \'url\' must be text, not {"href": "x"}'),
        ({"file": 7}, "pair 1 retranslation: 'file' must name a file, not 7"),
        ({"file": ""}, "pair 1 retranslation: 'file' must name a file, not \"\""),
    ],
)
def test_it_refuses_a_field_that_is_not_text_naming_the_entry_and_the_field(
    tmp_path, retranslation, message
):
    manifest = _manifest(tmp_path, pairs=[_pair(**retranslation)])
    with pytest.raises(CommandError) as caught:
        _run("--manifest", manifest)
    assert str(caught.value) == f"{manifest}: {message}"
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_imports_nothing_when_a_later_pair_names_a_missing_file(tmp_path):
    manifest = _manifest(tmp_path, pairs=[_pair(), _pair(file="gone.txt")])
    with pytest.raises(CommandError) as caught:
        _run("--manifest", manifest)
    assert str(caught.value) == (
        f"{manifest}: pair 2: retranslation ({tmp_path / 'gone.txt'}): no such file"
    )
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_imports_nothing_when_a_story_is_bad_after_a_good_pair(tmp_path):
    story = {"source": {"file": SEED_SOURCE.name}, "copies": [{"file": SEED_SOURCE.name}]}
    manifest = _manifest(tmp_path, pairs=[_pair()], stories=[story])
    with pytest.raises(CommandError) as caught:
        _run("--manifest", manifest)
    assert str(caught.value).startswith(f"{manifest}: story 1: ")
    assert "the same text" in str(caught.value) and "\n" not in str(caught.value)
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_manifest_of_its_own_is_imported_once_with_its_overrides(tmp_path):
    manifest = _manifest(tmp_path, pairs=[_pair(title="Given title", outlet="Wire")])
    assert "Imported comparison" in _run("--manifest", manifest)
    comparison = Comparison.objects.get()
    assert comparison.retranslation.title == "Given title"
    assert comparison.retranslation.outlet == "Wire"
    assert "Nothing changed." in _run("--manifest", manifest)
    assert Comparison.objects.count() == 1
