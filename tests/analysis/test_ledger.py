"""The entity ledger: one entry per respelled name, with every unit it occurs in."""

from __future__ import annotations

from articles.analysis.ledger import build_entity_ledger

UNITS = [
    ("US Secretary of State Anthony Blinken defended the strikes.",
     "US Secretary of State Anthony Brinken defended the strikes."),
    ("“We acted,” Blinken told reporters in Rome.", "Brinken told reporters in Rome: “We acted.”"),
    ("“No casualties,” Colonel Wayne Maroto said.", "“No casualties,” said Colonel Wayne Malotto."),
    ("Sources in Deir Ezzor reported shelling near the Al-Omar oil field.",
     "Sources in Deir ez-Zor reported shelling near the Omar oil field."),
    ("“It is certain,” spokesman Saeed Khatibzadeh said.",
     "Said Khatibzad, a spokesman, said: “It is certain.”"),
    ("The Islamic State group lost ground.", "The ISIS group lost ground."),
    ("U.S. troops were hit.", "The United States troops were hit."),
]  # fmt: skip


def pairs(entries):
    return [(e.source_name, e.target_name) for e in entries]


def test_it_lists_every_respelled_name_once():
    assert set(pairs(build_entity_ledger(UNITS))) == {
        ("Blinken", "Brinken"),
        ("Maroto", "Malotto"),
        ("Saeed", "Said"),
        ("Khatibzadeh", "Khatibzad"),
    }


def test_it_gives_the_units_of_each_name_with_the_most_frequent_first():
    entries = build_entity_ledger(UNITS)
    assert (entries[0].source_name, entries[0].units) == ("Blinken", (0, 1))
    assert {e.source_name: e.units for e in entries}["Maroto"] == (2,)


def test_it_leaves_out_transliteration_variants_and_aliases():
    names = {n for pair in pairs(build_entity_ledger(UNITS)) for n in pair}
    assert not names & {"Ezzor", "ez-Zor", "Al-Omar", "Omar", "ISIS", "Islamic", "U.S", "US"}


def test_it_pairs_a_respelling_that_a_misalignment_split_across_units():
    units = [("Blinken arrived in Rome.", ""), ("", "Brinken arrived in Rome.")]
    [entry] = build_entity_ledger(units)
    assert (entry.source_name, entry.target_name, entry.units) == ("Blinken", "Brinken", (0, 1))


def test_it_prefers_the_spelling_in_the_same_unit_when_two_could_match():
    units = [
        ("The Sayyid al-Shuhada Brigades named four members.",
         "The Kataib Sayyed al-Shuhada faction named four members."),
        ("“It is certain,” Saeed Khatibzadeh said.", "Said Khatibzad said: “It is certain.”"),
    ]  # fmt: skip
    assert set(pairs(build_entity_ledger(units))) == {
        ("Sayyid", "Sayyed"),
        ("Saeed", "Said"),
        ("Khatibzadeh", "Khatibzad"),
    }


def test_identical_sides_give_an_empty_ledger():
    assert build_entity_ledger([(s, s) for s, _ in UNITS]) == []


def test_an_article_full_of_distinct_unrelated_names_has_an_empty_ledger():
    names = [f"Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{i}" for i in range(3000)]
    units = [(" ".join(names[:1500]), " ".join(names[1500:]))]
    for entry in build_entity_ledger(units):
        assert entry.source_name in units[0][0] and entry.target_name in units[0][1]
