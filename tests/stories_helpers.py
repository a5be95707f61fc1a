"""Stories for tests: the seeded demo story, and stories of any size built directly."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random

from articles.article_reader import read_article_file
from articles.models import AlignmentUnit, Article, Comparison, Flag, Sentence
from articles.stories.importing import import_story
from tests.conftest import SEEDS


def import_seed_story() -> Article:
    """The demo story of the seeds (a wire story and five copies), imported and analysed."""
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    story = manifest["stories"][0]
    source = read_article_file(SEEDS / story["source"]["file"])
    copies = [read_article_file(SEEDS / entry["file"]) for entry in story["copies"]]
    return import_story(source, copies)[0].comparison.source


def _article(title: str, sentences: list[str], role: str, **fields) -> Article:
    body = "\n".join(sentences)
    article = Article.objects.create(
        title=title,
        body=body,
        role=role,
        sha256=hashlib.sha256(f"{role}\n{title}\n{body}".encode()).hexdigest(),
        origin="tests",
        word_count=len(body.split()),
        **fields,
    )
    Sentence.objects.bulk_create(
        Sentence(
            article=article,
            position=n,
            paragraph=n,
            text=text,
            start=0,
            end=len(text),
            kind=Sentence.Kind.BODY,
        )
        for n, text in enumerate(sentences)
    )
    return article


def build_story(copies: int, sentences: int, *, seed: int = 0) -> Article:
    """A source of `sentences` sentences and `copies` copies of it, built directly (no
    analysis): each copy keeps, rewords, flags or drops each sentence at random (seeded),
    published an hour apart in reverse order of creation."""
    rng = random.Random(seed)
    tag = f"{seed}-{copies}-{sentences}"
    lines = [f"Sentence {n} of story {tag} about Vandersloot." for n in range(sentences)]
    source = _article(f"Story {tag}", lines, Article.Role.SOURCE, outlet="Wire")
    start = dt.datetime(2024, 3, 12, 9, tzinfo=dt.UTC)
    for number in range(copies):
        kept = []
        plan = []
        for n, line in enumerate(lines):
            choice = rng.choice(["same", "reworded", "flagged", "missing"])
            plan.append((n, choice))
            if choice == "same":
                kept.append(line)
            elif choice != "missing":
                kept.append(
                    line.replace("Sentence", "Phrase").replace("Vandersloot", "Fandersloot")
                )
        copy = _article(
            "",
            kept or ["An unrelated sentence."],
            Article.Role.RETRANSLATION,
            outlet=f"Outlet {number:02d}",
            published_at=start + dt.timedelta(hours=copies - number),
        )
        comparison = Comparison.objects.create(source=source, retranslation=copy)
        target = 0
        units, flagged = [], []
        for position, (n, choice) in enumerate(plan):
            missing = choice == "missing"
            units.append(
                AlignmentUnit(
                    comparison=comparison,
                    position=position,
                    source_positions=[n],
                    target_positions=[] if missing else [target],
                    source_text=lines[n],
                    target_text="" if missing else (kept[target] if target < len(kept) else ""),
                    kind=AlignmentUnit.Kind.OMISSION if missing else AlignmentUnit.Kind.MATCH,
                    similarity=0.0 if missing else 0.8,
                )
            )
            if choice == "flagged":
                flagged.append(position)
            target += not missing
        stored = AlignmentUnit.objects.bulk_create(units)
        Flag.objects.bulk_create(
            Flag(
                unit=stored[p],
                category="factual.name",
                severity="major",
                origin="auto",
                status="suggested",
                source_span="Vandersloot",
                target_span="Fandersloot",
                rule="name.respelled",
            )
            for p in flagged
        )
    return source
