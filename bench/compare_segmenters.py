"""Compare sentence segmenters on news paragraphs: our rules, pysbd, syntok, sentencex.

Not a test: it prints, for each case, which segmenter split the paragraph as an editor
would, then the time each takes on the seed pair repeated to about 50,000 sentences.
The libraries are not project requirements (pysbd 0.3.4, syntok 1.4.4, sentencex
1.0.32 were compared); one that is not installed is left out. Run from the
repository root:

    .venv/bin/python bench/compare_segmenters.py
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pysbd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.analysis.segment import split_plain_article, split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]
LONG_LINE_REPEATS = (8, 16, 32)

# (what the case checks, paragraph, the sentences an editor expects)
CASES: list[tuple[str, str, list[str]]] = [
    (
        "multi-sentence quote with attribution (seed)",
        "A US military spokesman stated that his country’s forces were attacked by several "
        "missiles. “There are no casualties and we are assessing the damage. We will provide "
        "updates when we have more information,” Colonel Wayne Maroto said, without elaborating.",
        [
            "A US military spokesman stated that his country’s forces were attacked by several "
            "missiles.",
            "“There are no casualties and we are assessing the damage. We will provide updates "
            "when we have more information,” Colonel Wayne Maroto said, without elaborating.",
        ],
    ),
    (
        "multi-sentence quote, straight marks, speaker after",
        '"No one was injured. Damage is being assessed," said Colonel Wayne Malotto. '
        "Officials gave no details.",
        [
            '"No one was injured. Damage is being assessed," said Colonel Wayne Malotto.',
            "Officials gave no details.",
        ],
    ),
    (
        "quote ending in '!' then short attribution",
        "“We will respond. It will be decisive!” Iran’s foreign minister said. Talks stalled.",
        [
            "“We will respond. It will be decisive!” Iran’s foreign minister said.",
            "Talks stalled.",
        ],
    ),
    (
        "sentence after a quote closed mid-sentence (seed)",
        "In a statement, the Popular Mobilization Forces named four members of the “Sayyid "
        "al-Shuhada Brigades,” which it said were killed in the attack. She vowed revenge.",
        [
            "In a statement, the Popular Mobilization Forces named four members of the “Sayyid "
            "al-Shuhada Brigades,” which it said were killed in the attack.",
            "She vowed revenge.",
        ],
    ),
    (
        "titles and ranks",
        "Sen. Elizabeth Warren and Rep. Ilhan Omar wrote to Gen. Mark Milley. Col. Wayne "
        "Marotto replied.",
        [
            "Sen. Elizabeth Warren and Rep. Ilhan Omar wrote to Gen. Mark Milley.",
            "Col. Wayne Marotto replied.",
        ],
    ),
    (
        "months, Mr., Dr., St.",
        "Mr. Biden met Dr. Fauci on Jan. 6 in St. Louis. The Sept. 11 anniversary followed.",
        [
            "Mr. Biden met Dr. Fauci on Jan. 6 in St. Louis.",
            "The Sept. 11 anniversary followed.",
        ],
    ),
    (
        "initials",
        "John F. Kennedy admired J.R.R. Tolkien. So did Lt. Gen. H.R. McMaster.",
        ["John F. Kennedy admired J.R.R. Tolkien.", "So did Lt. Gen. H.R. McMaster."],
    ),
    (
        "U.S. inside and at the end of a sentence",
        "U.S. troops were sent to the U.S. Army base. They came back to the U.S. The "
        "Pentagon confirmed it.",
        [
            "U.S. troops were sent to the U.S. Army base.",
            "They came back to the U.S.",
            "The Pentagon confirmed it.",
        ],
    ),
    (
        "company abbreviations and No.",
        "Shares of Acme Inc. rose after Globex Corp. bought its No. 2 rival. Acme Inc. It denied.",
        [
            "Shares of Acme Inc. rose after Globex Corp. bought its No. 2 rival.",
            "Acme Inc.",
            "It denied.",
        ],
    ),
    (
        "numbers",
        "Growth slowed to 4.2 percent as 3,000 jobs and $1.5 billion were lost. The index fell "
        "0.7% to 1,234.56.",
        [
            "Growth slowed to 4.2 percent as 3,000 jobs and $1.5 billion were lost.",
            "The index fell 0.7% to 1,234.56.",
        ],
    ),
    (
        "question inside a quote, lowercase attribution",
        "Who fired? “Was it a drone?” asked one officer.",
        ["Who fired?", "“Was it a drone?” asked one officer."],
    ),
    (
        "a.m. before a weekday",
        "The meeting ended at 9 a.m. Monday without a deal. Talks resume on Tuesday.",
        ["The meeting ended at 9 a.m. Monday without a deal.", "Talks resume on Tuesday."],
    ),
    (
        "state abbreviation before a title",
        "The company, based in Calif., said it would appeal. Calif. Gov. Gavin Newsom disagreed.",
        [
            "The company, based in Calif., said it would appeal.",
            "Calif. Gov. Gavin Newsom disagreed.",
        ],
    ),
    (
        "D.C. ending a sentence",
        "He lives in Washington, D.C. The city is calm.",
        ["He lives in Washington, D.C.", "The city is calm."],
    ),
    (
        "a quote of two short sentences after a quoted sentence",
        "“I don’t know,” he said. “Maybe. Maybe not.”",
        ["“I don’t know,” he said.", "“Maybe. Maybe not.”"],
    ),
    (
        "parenthesised sentence",
        "The strike hit near Deir ez-Zor. (The base was empty.) Officials said nothing.",
        ["The strike hit near Deir ez-Zor.", "(The base was empty.)", "Officials said nothing."],
    ),
]


def ours(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in split_sentences(paragraph)]


@functools.cache
def _pysbd_segmenter() -> pysbd.Segmenter:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def with_pysbd(paragraph: str) -> list[str]:
    return [span.sent.strip() for span in _pysbd_segmenter().segment(paragraph)]


def with_syntok(paragraph: str) -> list[str]:
    from syntok import segmenter

    return [
        "".join(token.spacing + token.value for token in sentence).strip()
        for para in segmenter.analyze(paragraph)
        for sentence in para
    ]


def with_sentencex(paragraph: str) -> list[str]:
    import sentencex

    return [sentence.strip() for sentence in sentencex.segment("en", paragraph)]


_LIBRARIES: dict[str, tuple[str, Splitter]] = {
    "pysbd": ("pysbd", with_pysbd),
    "syntok": ("syntok", with_syntok),
    "sentencex": ("sentencex", with_sentencex),
}
SPLITTERS: dict[str, Splitter] = {"ours": ours} | {
    name: split
    for name, (module, split) in _LIBRARIES.items()
    if importlib.util.find_spec(module) is not None
}


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        _, body = split_plain_article(path.read_text(encoding="utf-8"))
        paragraphs += [line.strip() for line in body.splitlines() if line.strip()]
    return paragraphs


def main() -> None:
    scores = dict.fromkeys(SPLITTERS, 0)
    for label, paragraph, expected in CASES:
        right = []
        for name, split in SPLITTERS.items():
            if split(paragraph) == expected:
                scores[name] += 1
                right.append(name)
        print(f"{label:55} right: {', '.join(right) or '-'}")
    print()
    print("cases right: " + ", ".join(f"{n} {s}/{len(CASES)}" for n, s in scores.items()))

    paragraphs = seed_paragraphs()
    repeat = 50_000 // sum(len(ours(p)) for p in paragraphs) + 1
    corpus = paragraphs * repeat
    sentence_count = sum(len(ours(p)) for p in corpus)
    print(f"\nspeed on the seed paragraphs x{repeat} ({sentence_count} sentences):")
    for name, split in SPLITTERS.items():
        sample = corpus if name != "pysbd" else corpus[: len(corpus) // 20]
        started = time.process_time()
        for paragraph in sample:
            split(paragraph)
        elapsed = (time.process_time() - started) * len(corpus) / len(sample)
        note = "" if sample is corpus else " (extrapolated from 1/20)"
        print(f"  {name:9} {elapsed:7.2f} s{note}")

    # One scraped paragraph that never breaks: the seed paragraphs joined, repeated.
    line = " ".join(paragraphs)
    print("\nspeed on one long line:")
    for repeat in LONG_LINE_REPEATS:
        text = " ".join([line] * repeat)
        timings = []
        for name, split in SPLITTERS.items():
            if name == "pysbd" and repeat > LONG_LINE_REPEATS[1]:
                timings.append(f"{name} (skipped: quadratic)")
                continue
            started = time.process_time()
            split(text)
            timings.append(f"{name} {time.process_time() - started:.3f} s")
        print(f"  {len(text) // 1000:5} kB: " + ", ".join(timings))


if __name__ == "__main__":
    main()
