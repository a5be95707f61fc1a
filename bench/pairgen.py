"""Generated article pairs for the benchmarks: wire-style stories and their drifted copies.

A story is built from sentence patterns written after real wire copy (the seed pair:
officials quoted, casualty figures, dates, places), with a cast of people whose names,
roles and pronouns stay consistent through the story. Its "retranslation" is what a
round trip through machine translation or a republisher makes of it: most sentences are
paraphrased harmlessly, and some carry planted drift of every kind editors look for —
names respelled (Maroto → Malotto), numbers changed, quotes reworded, pronouns flipped,
sentences dropped, added or moved — plus the scraper's metadata lines ([ad_1], captions,
bylines, credit lines).

Everything is drawn from `random.Random(seed)`, so a seed always gives the same pair
(the benchmarks are comparable from run to run), and distinct seeds give distinct texts.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FIRST_NAMES = (
    ("Wayne", "he"), ("Anthony", "he"), ("Jen", "she"), ("Saeed", "he"), ("Luigi", "he"),
    ("Humeyra", "she"), ("Maria", "she"), ("Olena", "she"), ("Idrees", "he"), ("Phil", "he"),
    ("Leila", "she"), ("Karim", "he"), ("Sophie", "she"), ("Tomasz", "he"), ("Amira", "she"),
    ("Hiroshi", "he"), ("Ngozi", "she"), ("Rafael", "he"), ("Ingrid", "she"), ("Dmytro", "he"),
)  # fmt: skip
SURNAMES = (
    "Maroto", "Blinken", "Psaki", "Khatibzadeh", "Di Maio", "Pamuk", "Fahmy", "Davison",
    "Goller", "Al-Khalidi", "Stewart", "Holland", "Kowalczyk", "Okonjo", "Haddad", "Lindqvist",
    "Moreau", "Tanaka", "Petrenko", "Castellanos", "Brennan", "Sadeghi", "Varga", "Ferreira",
)  # fmt: skip
ROLES = (
    "military spokesman", "foreign minister", "press secretary", "defence minister",
    "senior official", "ambassador", "interior ministry spokeswoman", "police chief",
    "regional governor", "opposition leader", "central bank governor", "UN envoy",
)  # fmt: skip
COUNTRIES = (
    "Syria", "Iraq", "Ukraine", "Poland", "Nigeria", "Brazil", "Japan", "Italy", "Egypt",
    "Jordan", "Sweden", "Mexico", "Kenya", "Turkey", "Lebanon", "Colombia",
)  # fmt: skip
CITIES = (
    "Deir ez-Zor", "Baghdad", "Rome", "Kyiv", "Lagos", "Brasilia", "Osaka", "Cairo", "Amman",
    "Warsaw", "Beirut", "Nairobi", "Bogota", "Ankara", "Stockholm", "Monterrey",
)  # fmt: skip
ORGS = (
    "the Syrian Democratic Forces", "the Popular Mobilization Forces", "the United Nations",
    "the European Commission", "the Red Crescent", "the International Monetary Fund",
    "the African Union", "the World Health Organization", "the coalition command",
    "the national electoral commission", "the state oil company", "the coast guard",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
EVENTS = (
    "rocket attack", "drone strike", "flood", "power outage", "border clash", "cyber attack",
    "prison break", "bridge collapse", "fuel shortage", "wildfire", "port blockade",
)  # fmt: skip
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

QUOTES = (
    "We have taken necessary, appropriate and deliberate action to reduce the risk of "
    "escalation",
    "There are no casualties and we are assessing the damage",
    "We will provide updates when we have more information",
    "The situation remains dangerous and we urge everyone to stay calm",
    "This is a clear and unambiguous message of deterrence",
    "Nobody should doubt our commitment to the safety of civilians",
    "We are considering all available legal options to prevent a repeat of such attacks",
    "The investigation is continuing and it is too early to draw conclusions",
    "Our priority is to restore order and protect essential services",
    "These actions violate the sovereignty of our country and will not go unanswered",
    "We expect the talks to resume next week if the ceasefire holds",
    "The figures we have are preliminary and may rise in the coming days",
)  # fmt: skip

# Sentence patterns. Slots: {p} a person's full name, {s} that person's surname, {r} their
# role, {pr} their pronoun ("he"/"she"), {pos} its possessive, {c} country, {c2} another,
# {city}, {org}, {day}, {month}, {ev} an event, {n} a number of people, {m} a figure,
# {q} a quote, {w} a number word, {ord} an ordinal.
PATTERNS = (
    "{p}, the {r}, said on {day} that {org} had been informed of the {ev} near {city}.",
    "“{q},” {p} said, without elaborating.",
    "“{q},” {s} told reporters in {city} on {day}.",
    "At least {n} people were killed and {m} injured in the {ev}, according to local sources.",
    "{pr_cap} said the {ev} had forced {m} families to leave their homes in {c}.",
    "Sources in {city} reported that {org} had moved {n} units closer to the border with "
    "{c2}.",
    "The {ev} highlights the danger of escalation and the limits of what {org} can do to "
    "contain it.",
    "In a statement, {org} said {n} of its members had been detained since {month}.",
    "{p} added that {pos} government would ask {org} for an emergency meeting.",
    "It was the {ord} such incident in {c} since {month}, officials said.",
    "{org} estimated the damage at {m} million dollars, a figure {s} disputed.",
    "Two officials, who spoke on condition of anonymity, said {n} drones had been shot down "
    "over {city}.",
    "{pr_cap} did not say who was responsible for the {ev}, but {pr} called for restraint.",
    "Critics of {s} say {pos} response to the {ev} came too late for the people of {city}.",
    "The {r} of {c2} condemned the {ev} and said {c} bore full responsibility.",
    "Prices of fuel in {city} rose by {n} percent in the week after the {ev}.",
    "{org} said it was coordinating closely with the authorities in {c} on a separate "
    "operation.",
    "“{q},” the {r} said in a video posted on social media.",
    "By {day} evening, {m} people had registered with {org} for emergency aid in {city}.",
    "{p} spoke by telephone with {pos} counterpart in {c2} on {day}, {pos} office said.",
    "The {ev} came {n} days before a planned visit by {p} to {city}.",
    "Residents of {city} said they had heard {w} loud explosions shortly after midnight.",
    "{p} was appointed {r} in {month} after {pos} predecessor resigned over a similar {ev}.",
    "Television pictures showed {w} ambulances outside the main hospital in {city}.",
    "The government of {c} declared {n} days of national mourning.",
    "Schools in {city} will stay closed until {day}, the local council said.",
    "{org} has not commented on the reports, which could not be independently verified.",
    "The last {ev} of this scale in {c} happened in {month}, when {n} people died.",
    "Asked whether {c} would retaliate, {s} said all options remained on the table.",
    "The {r} is expected to brief parliament on {day} about the {ev}.",
    "Flights between {city} and the capital of {c2} were suspended for {n} hours.",
    "Aid workers said {m} tents had arrived, but that more than twice as many were needed.",
    "Shares in the state oil company fell {n} percent in early trading on {day}.",
    "{p}, who was travelling in {c2} at the time, cut short {pos} visit.",
    "Local media reported that {n} suspects had been arrested in connection with the {ev}.",
    "{org} urged both sides to avoid any step that could widen the conflict.",
    "“{q},” said {p}, speaking after a meeting with {org}.",
    "Satellite images released on {day} showed damage to at least {n} buildings in {city}.",
    "The opposition accused {s} of hiding the true scale of the {ev} from the public.",
    "In {month}, {org} warned that the region was at risk of a {ev}.",
    "{pr_cap} told state television that the country had enough reserves for {n} weeks.",
    "Hospitals in {city} appealed for blood donors after receiving {m} patients overnight.",
)  # fmt: skip
TITLES = (
    "{ev_cap} near {city} leaves {n} dead as {org} calls for calm",
    "{c} accuses {c2} over {ev} in {city}",
    "{s} defends response to {ev} in {c}",
    "Thousands flee {city} after {ev}, officials say",
)  # fmt: skip

# Harmless rewordings a retranslation makes everywhere (the analysis must not flag them).
PARAPHRASES = (
    (" said on ", " stated on "), ("according to local sources", "local sources said"),
    (" told reporters in ", " said to journalists in "), ("without elaborating", "without details"),
    ("highlights the danger", "underlines the risk"), ("people were killed", "people died"),
    ("had been informed", "was told"), ("called for restraint", "urged restraint"),
    ("officials said", "according to officials"), ("closer to the border", "nearer the border"),
    ("emergency meeting", "urgent meeting"), ("came too late", "was too slow"),
    ("condemned the", "denounced the"), ("shortly after midnight", "soon after midnight"),
)  # fmt: skip
# Rewordings inside quotes: the words an editor must check against the original.
QUOTE_REWORDINGS = (
    ("necessary, appropriate and deliberate", "needed and careful"), ("reduce", "limit"),
    ("no casualties", "no one injured"), ("assessing the damage", "the damage is assessed"),
    ("provide updates", "give news"), ("remains dangerous", "is under control"),
    ("clear and unambiguous", "clear and clear"), ("Nobody should doubt", "Some may question"),
    ("all available legal options", "some legal steps"), ("too early", "not yet time"),
    ("restore order", "keep order"), ("will not go unanswered", "may be answered"),
    ("resume next week", "resume soon"), ("may rise", "will not change"),
)  # fmt: skip
SCRAPER_HEAD = (
    "[ad_1]",
    "© Reuters. A file photo taken in {city}. REUTERS/Staff",
    "Authors: {p} and {p2}",
)
SCRAPER_TAIL = ("(Reporting by {p} in {city}; editing by {p2})", "[ad_2]", "Source link")


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    surname: str
    pronoun: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}"


@dataclass(frozen=True, slots=True)
class Pair:
    seed: int
    source: str  # plain text: title line, blank line, one paragraph a line
    retranslation: str
    drift: dict[str, int]  # how many of each planted drift went in


def respell(name: str, rng: random.Random) -> str:
    """A plausible misspelling of a name: Maroto→Malotto, Blinken→Brinken, Khatibzadeh→
    Khatibzad."""
    for _ in range(10):
        choice = rng.randrange(4)
        if choice == 0 and ("r" in name or "l" in name):
            out = name.replace("r", "l", 1) if "r" in name else name.replace("l", "r", 1)
        elif choice == 1:
            consonants = [i for i, ch in enumerate(name) if ch in "tnsmkdl" and i > 0]
            if not consonants:
                continue
            i = rng.choice(consonants)
            out = name[: i + 1] + name[i] + name[i + 1 :]
        elif choice == 2 and len(name) > 6:
            out = name[:-2]
        else:
            vowels = [i for i, ch in enumerate(name) if ch in "aeiou" and i > 0]
            if not vowels:
                continue
            i = rng.choice(vowels)
            out = name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1 :]
        if out != name:
            return out
    return name + "e"


def _possessive(pronoun: str) -> str:
    return "his" if pronoun == "he" else "her"


def _cast(rng: random.Random, size: int) -> list[Person]:
    firsts = rng.sample(FIRST_NAMES, size)
    surnames = rng.sample(SURNAMES, size)
    roles = [rng.choice(ROLES) for _ in range(size)]
    return [Person(f, s, p, r) for (f, p), s, r in zip(firsts, surnames, roles, strict=True)]


def _fill(pattern: str, rng: random.Random, cast: list[Person], place: dict[str, str]) -> str:
    person = rng.choice(cast)
    values = {
        "p": person.name,
        "s": person.surname,
        "r": person.role,
        "pr": person.pronoun,
        "pr_cap": person.pronoun.capitalize(),
        "pos": _possessive(person.pronoun),
        "c": place["c"],
        "c2": place["c2"],
        "city": rng.choice(place["cities"]),
        "org": rng.choice(ORGS),
        "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS),
        "ev": place["ev"],
        "ev_cap": place["ev"].capitalize(),
        "n": str(rng.randint(2, 60)),
        "m": f"{rng.randint(1, 40) * 25:,}",
        "q": rng.choice(QUOTES),
        "w": rng.choice(NUMBER_WORDS),
        "ord": rng.choice(("fourth", "sixth", "seventh", "eighth", "ninth")),
    }
    text = pattern.format(**values)
    return text[0].upper() + text[1:]


def _story(rng: random.Random, sentences: int) -> tuple[str, list[str], list[Person], dict]:
    cast = _cast(rng, rng.randint(3, 6))
    c, c2 = rng.sample(COUNTRIES, 2)
    place = {"c": c, "c2": c2, "cities": rng.sample(CITIES, 3), "ev": rng.choice(EVENTS)}
    title = _fill(rng.choice(TITLES), rng, cast, place)
    # Each pattern at most once per round, as a real story rarely repeats itself.
    patterns: list[str] = []
    while len(patterns) < sentences:
        patterns += rng.sample(PATTERNS, len(PATTERNS))
    body = [_fill(pattern, rng, cast, place) for pattern in patterns[:sentences]]
    return title, body, cast, place


def _change_number(sentence: str, rng: random.Random) -> str | None:
    numbers = list(re.finditer(r"\d[\d,]*", sentence))
    if numbers:
        match = rng.choice(numbers)
        value = int(match.group().replace(",", ""))
        new = value + rng.choice((-3, -1, 1, 2, 10)) if value > 3 else value + 4
        return sentence[: match.start()] + f"{new:,}" + sentence[match.end() :]
    for word in NUMBER_WORDS:
        if re.search(rf"\b{word}\b", sentence):
            other = rng.choice([w for w in NUMBER_WORDS if w != word])
            return re.sub(rf"\b{word}\b", other, sentence, count=1)
    return None


def _reword_quote(sentence: str, rng: random.Random) -> str | None:
    if "“" not in sentence:
        return None
    options = [(a, b) for a, b in QUOTE_REWORDINGS if a in sentence]
    if not options:
        return None
    old, new = rng.choice(options)
    return sentence.replace(old, new, 1)


_FLIPS = {"he": "she", "she": "he", "his": "her", "her": "his", "He": "She", "She": "He"}
_FLIP_WORDS = re.compile(r"\b(he|she|his|her|He|She)\b")


def _flip_pronoun(sentence: str, rng: random.Random) -> str | None:
    found = list(_FLIP_WORDS.finditer(sentence))
    if not found:
        return None
    match = rng.choice(found)
    return sentence[: match.start()] + _FLIPS[match.group()] + sentence[match.end() :]


_DRIFTS = (("number", _change_number), ("quote", _reword_quote), ("pronoun", _flip_pronoun))


def _paraphrase(sentence: str, rng: random.Random) -> str:
    for old, new in PARAPHRASES:
        if old in sentence and rng.random() < 0.7:
            sentence = sentence.replace(old, new, 1)
    return sentence


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    lines, i = [], 0
    while i < len(sentences):
        size = rng.choice((1, 1, 2, 2, 3))
        lines.append(" ".join(sentences[i : i + size]))
        i += size
    return lines


def _article(title: str, paragraphs: list[str], head: list[str], tail: list[str]) -> str:
    return "\n".join([*head, title, "", *"\n\n".join(paragraphs).split("\n"), "", *tail]) + "\n"


def make_pair(seed: int, sentences: int = 40) -> Pair:
    """One source story of about `sentences` sentences and its drifted retranslation."""
    parts = _pair_parts(seed, sentences)
    source_text = _article(parts.title, parts.source_paragraphs, [], [])
    target_text = _article(parts.target_title, parts.target_paragraphs, parts.head, parts.tail)
    return Pair(seed, source_text, target_text, parts.drift)


@dataclass(frozen=True, slots=True)
class _Parts:
    title: str
    source_paragraphs: list[str]
    target_title: str
    target_paragraphs: list[str]
    head: list[str]
    tail: list[str]
    drift: dict[str, int]


def _pair_parts(seed: int, sentences: int) -> _Parts:
    rng = random.Random(seed)
    title, body, cast, place = _story(rng, sentences)
    # A unique dateline keeps every generated story a distinct article, whatever the draw.
    dateline = f"{place['cities'][0].upper()}, {rng.choice(MONTHS)} {seed % 28 + 1} –"
    body[0] = f"{dateline} {body[0]}"

    # Names: one or two people are respelled everywhere in the retranslation.
    respelled = {p.surname: respell(p.surname, rng) for p in rng.sample(cast, rng.randint(1, 2))}
    counts = {"respelled": 0, "number": 0, "quote": 0, "pronoun": 0}
    counts |= {"dropped": 0, "added": 0, "moved": 0}
    target: list[str] = []
    for sentence in body:
        out = _paraphrase(sentence, rng)
        if rng.random() < 0.25:
            drifts = [
                (kind, changed)
                for kind, change in _DRIFTS
                if (changed := change(out, rng)) is not None
            ]
            if drifts:
                kind, out = rng.choice(drifts)
                counts[kind] += 1
        for old, new in respelled.items():
            if old in out:
                out = out.replace(old, new)
                counts["respelled"] += 1
        target.append(out)

    # Structure: sentences dropped, added and moved, a few per 40.
    scale = max(1, sentences // 40)
    for _ in range(rng.randint(1, 2) * scale):
        if len(target) > 3:
            del target[rng.randrange(1, len(target))]
            counts["dropped"] += 1
    for _ in range(rng.randint(1, 2) * scale):
        extra = _fill(rng.choice(PATTERNS), rng, cast, place)
        target.insert(rng.randrange(1, len(target) + 1), extra)
        counts["added"] += 1
    for _ in range(rng.randint(0, 2) * scale):
        if len(target) > 6:
            moving = target.pop(rng.randrange(1, len(target)))
            target.insert(rng.randrange(1, len(target) + 1), moving)
            counts["moved"] += 1

    target_title = _paraphrase(title, rng)
    for old, new in respelled.items():
        target_title = target_title.replace(old, new)
    people = {"p": cast[0].name, "p2": cast[-1].name, "city": place["cities"][1]}
    head = [line.format(**people) for line in SCRAPER_HEAD] if rng.random() < 0.5 else []
    tail = [line.format(**people) for line in SCRAPER_TAIL] if head else []
    source_paragraphs = _paragraphs(body, rng)
    target_paragraphs = _paragraphs(target, rng)
    return _Parts(title, source_paragraphs, target_title, target_paragraphs, head, tail, counts)


# Every first name and surname of the cast, longest first so that "Di Maio" is one name.
_NAMES = sorted({first for first, _ in FIRST_NAMES} | set(SURNAMES), key=len, reverse=True)
_NAME_OR_NUMBER = re.compile(r"\b(?:" + "|".join(map(re.escape, _NAMES)) + r")\b|\d+")


def _varied(text: str, round_: int) -> str:
    """The text with every cast name replaced by another (the same on both sides) and
    every number raised by `round_`: the same story told again about other people."""

    def replace(match: re.Match) -> str:
        found = match.group()
        if found.isdigit():
            return str(int(found) + round_)
        names = SURNAMES if found in SURNAMES else [first for first, _ in FIRST_NAMES]
        return names[(names.index(found) + round_) % len(names)]

    return _NAME_OR_NUMBER.sub(replace, text)


def make_repeated_pair(seed: int, sentences: int = 24, repeats: int = 80) -> Pair:
    """One story of `sentences` sentences and its retranslation, told `repeats` times in
    one article, each time with other names and numbers (issue 18's long pair: about
    1,900 sentences a side whose every sentence has near-twins all along the text)."""
    parts = _pair_parts(seed, sentences)
    source, target = [], []
    for round_ in range(repeats):
        source += [_varied(p, round_) for p in parts.source_paragraphs]
        target += [_varied(p, round_) for p in parts.target_paragraphs]
    source_text = _article(parts.title, source, [], [])
    target_text = _article(parts.target_title, target, parts.head, parts.tail)
    drift = {kind: count * repeats for kind, count in parts.drift.items()}
    return Pair(seed, source_text, target_text, drift)


def make_pairs(count: int, *, sentences: int = 40, first_seed: int = 1) -> list[Pair]:
    return [make_pair(seed, sentences) for seed in range(first_seed, first_seed + count)]


if __name__ == "__main__":
    pair = make_pair(1)
    print(pair.source)
    print("=" * 72)
    print(pair.retranslation)
    print(pair.drift)
