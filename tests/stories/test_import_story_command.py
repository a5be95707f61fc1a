"""`import_pair SOURCE COPY [COPY …]`: one source and several copies, all or nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

STORY = SEEDS / "story"
COPIES = ["harbour-daily", "coastal-times", "riverside-post"]


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_pair", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, Sentence, Comparison, AlignmentUnit, Flag))


def _copy(name: str) -> str:
    return str(STORY / f"copy-{name}.json")


def test_it_imports_each_copy_as_a_comparison_with_the_one_source():
    output = _run(str(STORY / "source.json"), *(_copy(n) for n in COPIES))
    source = Article.objects.get(role="source")
    comparisons = Comparison.objects.filter(source=source).order_by("pk")
    assert [c.retranslation.outlet for c in comparisons] == [
        "Harbour Daily",
        "Coastal Times",
        "Riverside Post",
    ]
    assert all(c.analysed_at and c.units.exists() for c in comparisons)
    for comparison in comparisons:
        assert f"Imported comparison {comparison.pk}" in output
    assert (
        f"Story of source article {source.pk}: 3 copies, 3 imported: "
        f"http://127.0.0.1:8000/stories/{source.pk}/" in output
    )


def test_it_adds_a_new_copy_to_a_story_and_leaves_the_others_alone():
    _run(str(STORY / "source.json"), _copy("harbour-daily"), _copy("coastal-times"))
    before = Comparison.objects.count()
    output = _run(str(STORY / "source.json"), _copy("harbour-daily"), _copy("evening-courier"))
    assert Comparison.objects.count() == before + 1
    assert "Already imported" in output and "2 copies, 1 imported" in output
    assert Article.objects.filter(role="source").count() == 1


def test_it_writes_nothing_when_one_copy_cannot_be_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CommandError, match=r"^retranslation \(.*empty.txt\): is empty$"):
        _run(str(STORY / "source.json"), _copy("harbour-daily"), str(tmp_path / "empty.txt"))
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_writes_nothing_when_a_copy_is_the_source_itself():
    with pytest.raises(CommandError, match="the source and the retranslation are the same text"):
        _run(str(STORY / "source.json"), _copy("harbour-daily"), str(STORY / "source.json"))
    assert _counts() == (0, 0, 0, 0, 0)


def test_it_refuses_one_copys_title_or_outlet_given_for_several():
    with pytest.raises(CommandError, match="--retranslation-outlet: names one copy, and 2 copies"):
        _run(
            str(STORY / "source.json"),
            _copy("harbour-daily"),
            _copy("coastal-times"),
            "--retranslation-outlet",
            "Somewhere",
        )
    assert _counts() == (0, 0, 0, 0, 0)
