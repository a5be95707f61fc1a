"""How the property-based tests (hypothesis) run: the same examples in every `make test`,
long and random in `make fuzz`.

`make test`, CI and a plain `pytest` run the "deterministic" profile: examples are drawn
from a seed derived from each test (derandomize), no example database is read or
written (so a failure found on one machine cannot make another's run differ), and a
failure is reported as found, without shrinking, with the blob that replays it
(`@reproduce_failure`). The same code and the same versions give the same examples on
every run.

`make fuzz` sets NEWSDRIFT_PROPERTIES=fuzz: a new seed each run, NEWSDRIFT_FUZZ_SCALE
times each test's examples (20 by default), failures shrunk to a small example and
kept in .hypothesis/ so that the next fuzz run tries them first.

NEWSDRIFT_PROPERTIES=shrink runs the deterministic examples with shrinking, to get a
small example of a failure `make test` reported.

The profile is loaded by tests/testenv.py, before any test module is imported, so it
is the default of every `settings` object. Tests take their settings from
`property_settings(examples)`, never from hypothesis's
`settings(max_examples=…)` alone, so that fuzzing scales them
(tests/reliability/test_property_runs.py checks every property test).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

REPO = Path(__file__).resolve().parent.parent

PROFILE = os.environ.get("NEWSDRIFT_PROPERTIES", "deterministic")
PROFILES = ("deterministic", "shrink", "fuzz")
if PROFILE not in PROFILES:
    raise RuntimeError(
        f"NEWSDRIFT_PROPERTIES={PROFILE!r}: unknown profile (one of {', '.join(PROFILES)})"
    )
FUZZ_SCALE = int(os.environ.get("NEWSDRIFT_FUZZ_SCALE", "20")) if PROFILE == "fuzz" else 1

# Database-backed and slow examples are normal here: the import tests use the test
# database through function-scoped fixtures, and each example is a whole import.
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
    suppress_health_check=_HEALTH,
)
settings.register_profile(
    "shrink",
    parent=settings.get_profile("deterministic"),
    phases=list(Phase),
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "examples")),
    deadline=None,
    print_blob=True,
    phases=list(Phase),
    suppress_health_check=_HEALTH,
)
settings.load_profile(PROFILE)


def property_settings(examples: int, **overrides) -> settings:
    """The settings of a property test that tries `examples` examples in `make test`
    (FUZZ_SCALE times as many in `make fuzz`)."""
    return settings(max_examples=examples * FUZZ_SCALE, **overrides)
