"""Role reversals: the same words, another who-did-what-to-whom. Our own sentences."""

from __future__ import annotations

import pytest

from articles.analysis.checks.roles import RoleCheck
from articles.analysis.checks.text import facts_of
from articles.analysis.detect import detect_drift


def reversals(source: str, target: str) -> list[tuple[str, str]]:
    return [
        (s.source_span, s.target_span) for s in RoleCheck().run(facts_of(source), facts_of(target))
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # who did what to whom
        ("Lund beat Ortiz in the final.", "Ortiz beat Lund in the final."),
        # from where to where
        (
            "The convoy drove from Mosul to Erbil overnight.",
            "The convoy drove from Erbil to Mosul overnight.",
        ),
        # an award given by one to the other
        (
            "The medal was awarded to Keller by Amadou.",
            "The medal was awarded to Amadou by Keller.",
        ),
        # written by one, produced by the other
        (
            "The film was written by Ines Moreau and produced by Tomas Lind.",
            "The film was written by Tomas Lind and produced by Ines Moreau.",
        ),
        # born in one place, raised in another
        (
            "Okafor was born in Enugu and grew up in Kaduna.",
            "Okafor was born in Kaduna and grew up in Enugu.",
        ),
        # who blamed whom
        ("Petrov blamed Halim for the delay.", "Halim blamed Petrov for the delay."),
        # who told whom
        (
            "Mayor Rossi told Governor Banda that the bridge was safe.",
            "Governor Banda told Mayor Rossi that the bridge was safe.",
        ),
        # two places attached to two towns
        (
            "The talks moved from Falun , Sweden to Lygna , Norway .",
            "The talks moved from Falun , Norway to Lygna , Sweden .",
        ),
        # a voice change that also turns the roles round
        ("Lund beat Ortiz in the final.", "Lund was beaten by Ortiz in the final."),
        # one name and the other exchanged around an apposition
        ("Later Arvid Sand had a son, Per Sand.", "Later Per Sand had a son, Arvid Sand."),
        # ordinals exchanged
        (
            "The bakery took the first floor and the clinic the second floor.",
            "The bakery took the second floor and the clinic the first floor.",
        ),
    ],
)
def test_an_exchange_of_roles_is_a_reversal(source, target):
    [(s_span, t_span)] = reversals(source, target)
    assert s_span in source and t_span in target


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a change of voice that keeps the roles
        ("Lund beat Ortiz in the final.", "Ortiz was beaten by Lund in the final."),
        (
            "Years ago, Atlas Foods was sued in a state court by the campaigner Mara Lenz.",
            "Years ago, the campaigner Mara Lenz sued Atlas Foods.",
        ),
        (
            "We reject the council headed by Karl Weiss.",
            "We reject the council, which is headed by Karl Weiss.",
        ),
        # a list read in another order
        ("Lund and Ortiz met in Oslo.", "Ortiz and Lund met in Oslo."),
        (
            "Delegates came from Chad, Peru, Nepal and Fiji.",
            "Delegates came from Nepal, Peru, Chad and Fiji.",
        ),
        # a phrase moved whole
        (
            "Okafor was born in Enugu in 1961.",
            "Okafor was born in 1961 in Enugu.",
        ),
        (
            "In May , after the strike ended , the plant reopened in Tema .",
            "The plant reopened in Tema in May , after the strike ended .",
        ),
        # a pronoun and the name it stands for swapped places
        (
            "As Halim left the court, he waved to his lawyers.",
            "As he left the court, Halim waved to his lawyers.",
        ),
        # the same words: nothing to say
        ("Lund beat Ortiz in the final.", "Lund beat Ortiz in the final."),
    ],
)
def test_a_reordering_that_keeps_the_roles_is_not_a_reversal(source, target):
    assert reversals(source, target) == []


def test_the_reversal_reaches_the_editor_as_a_meaning_change():
    [suggestion] = [
        s
        for s in detect_drift(
            "The medal was awarded to Keller by Amadou.",
            "The medal was awarded to Amadou by Keller.",
        )
        if s.rule == "role.reversed"
    ]
    assert suggestion.category == "factual.meaning"
    assert suggestion.severity == "major"
    assert suggestion.source_span == "Keller by Amadou"
    assert suggestion.target_span == "Amadou by Keller"
    assert '"Keller" and "Amadou" have exchanged their roles' in suggestion.reason


def test_it_reports_the_same_role_pair_whatever_the_hash_seed():
    # The pair reported came from a set's order, which changes with PYTHONHASHSEED.
    import subprocess
    import sys
    from pathlib import Path

    program = (
        "from articles.analysis.checks.roles import _voice_changes, _side_of\n"
        "print(_voice_changes(_side_of('Smith and Jones were beaten by Brown and Green.'),"
        " _side_of('Brown and Green beat Smith and Jones.')))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4, 5, 6)
    }
    assert outputs == {"[('brown', 'jones', False)]\n"}
