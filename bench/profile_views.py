"""What one request of each view costs in CPU, and where that CPU goes.

    python bench/profile_views.py [--db sqlite|postgres] [--runs 15]
                                  [--profile NAME] [--top 30] [--sort tottime]
                                  [--sql NAME] [--callers REGEX]

On a fresh copy of the benchmark newsroom (bench/dataset.py: 1,000 comparisons), in
production mode (DJANGO_DEBUG=0: the cached template loader, no debug toolbar of any
kind), signed in as an editor with Django's test client: each view the editors of
`make bench-web` use is requested once to warm up and then `--runs` times, and the
median CPU time of the process (`time.process_time`, which other work on the machine
adds to much less than to wall-clock time) is printed with the number of queries, the
ratio to the sign-in page's CPU and the number of Python function calls one request
makes (cProfile's count: the same whatever the machine's load) and the mean CPU the
garbage collector took in one (from its own callbacks). A POST runs inside a
transaction that is rolled back, so that every run decides the same unit afresh; the
undo undoes a mark made first in the same transaction (not measured).

`--profile NAME` (a view's name as printed, e.g. "step (htmx)", or "all") runs the view
`--runs` times under cProfile and prints the `--top` functions by `--sort`
(tottime or cumulative), and with `--callers REGEX` who calls the functions the
expression matches. `--sql NAME` prints the queries of one request of the view.
Issue 18's figures in docs/PERFORMANCE.md come from here.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset  # noqa: E402
import harness  # noqa: E402

DB_NAME = "nd_bench_profile"


def _views(comparison_pk: int, unit_pk: int, version: int, flag_pk: int) -> list[tuple]:
    """(name, method, path, data, htmx[, setup]) of the requests an editor makes; `setup`
    is a POST (path, data) made first in the same transaction, not measured."""
    c = f"/comparisons/{comparison_pk}"
    hidden = {"version": version, "show": "all", "position": 3}
    mark_ok = (f"{c}/units/{unit_pk}/mark/", {**hidden, "state": "ok"})
    return [
        ("sign-in page", "get", "/accounts/login/", None, False),
        ("dashboard", "get", "/", None, False),
        ("dashboard page (htmx)", "get", "/?page=20", None, True),
        ("dashboard filter (htmx)", "get", "/?status=in_review", None, True),
        ("dashboard search (htmx)", "get", "/?q=border", None, True),
        ("overview", "get", f"{c}/", None, False),
        ("step (full page)", "get", f"{c}/step/3/", None, False),
        ("step (htmx)", "get", f"{c}/step/3/", None, True),
        ("flag accept (htmx)", "post", f"{c}/units/{unit_pk}/flags/{flag_pk}/accept/", hidden,
         True),
        ("flag dismiss (htmx)", "post", f"{c}/units/{unit_pk}/flags/{flag_pk}/dismiss/", hidden,
         True),
        ("flag add (htmx)", "post", f"{c}/units/{unit_pk}/flags/",
         {**hidden, "category": "factual.name", "severity": "minor", "source_span": "",
          "target_span": "", "note": "Checked."}, True),
        ("mark ok (htmx)", "post", *mark_ok, True),
        # Undoes the mark made first (the setup), in the same transaction.
        ("undo (htmx)", "post", f"{c}/undo/", {"show": "all", "position": 3}, True, mark_ok),
    ]  # fmt: skip


def _request(client, method: str, path: str, data, htmx: bool, setup=None, measure=None):
    """One request; `measure` (a context manager) wraps it alone, not the setup."""
    from django.db import transaction

    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    measure = contextlib.nullcontext() if measure is None else measure
    if method == "get":
        with measure:
            return client.get(path, secure=True, **headers)
    with transaction.atomic():
        if setup:
            client.post(setup[0], setup[1], secure=True, **headers)
        with measure:
            response = client.post(path, data or {}, secure=True, **headers)
        transaction.set_rollback(True)
    return response


class GarbageCollections:
    """The CPU the garbage collector takes, from its own start and stop callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started
            self.collections += 1


GC = GarbageCollections()
gc.callbacks.append(GC)


@contextlib.contextmanager
def _cpu(samples: list[float], collected: list[float] | None = None):
    started, in_gc = time.process_time(), GC.seconds
    yield
    samples.append(time.process_time() - started)
    if collected is not None:
        collected.append(GC.seconds - in_gc)


@contextlib.contextmanager
def _profiling(profiler: cProfile.Profile):
    profiler.enable()
    yield
    profiler.disable()


class TemplateTimes:
    """CPU spent in each template and partial, what it includes excluded: a context
    manager timing what runs inside it (the measured request, not its setup)."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self.renders: dict[str, int] = {}
        self._stack: list[float] = []  # the time of what each open template includes
        self._originals: list = []

    def _timing(self, original, key_of):
        def timed(template, context):
            self._stack.append(0.0)
            started = time.process_time()
            try:
                return original(template, context)
            finally:
                spent = time.process_time() - started
                included = self._stack.pop()
                key = key_of(template)
                self.own[key] = self.own.get(key, 0.0) + spent - included
                self.renders[key] = self.renders.get(key, 0) + 1
                if self._stack:
                    self._stack[-1] += spent

        return timed

    def __enter__(self):
        from django.template import base
        from template_partials.templatetags.partials import TemplateProxy

        self._originals = [(base.Template, base.Template._render)]
        self._originals.append((TemplateProxy, TemplateProxy._render))
        base.Template._render = self._timing(
            base.Template._render, lambda t: t.origin.template_name
        )
        TemplateProxy._render = self._timing(
            TemplateProxy._render, lambda t: f"{t.origin.template_name}#{t.name}"
        )
        return self

    def __exit__(self, *exc) -> None:
        for cls, original in self._originals:
            cls._render = original

    def print(self, name: str, runs: int) -> None:
        print(f"\n--- templates of {name}: CPU ms a request, what each includes excluded ---")
        for key, seconds in sorted(self.own.items(), key=lambda item: -item[1]):
            print(f"{seconds / runs * 1000:8.3f} {self.renders[key] / runs:6.1f}x  {key}")
        print()


def run(kind: str, options: argparse.Namespace) -> None:
    dataset.ensure(kind)
    dataset.copy_to(kind, DB_NAME)
    harness.setup_django(kind, DB_NAME, static=True)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import AlignmentUnit, Comparison, Flag

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=dataset.editor_names()[0]))
    comparison = Comparison.objects.order_by("-pk")[500]
    unit = AlignmentUnit.objects.get(comparison=comparison, position=3)
    flag = Flag.objects.filter(unit=unit, status=Flag.Status.SUGGESTED).first()
    if flag is None:  # the unit the POSTs decide needs a suggestion to accept or dismiss
        flag = Flag.objects.create(
            unit=unit, category="factual.name", severity="minor", status=Flag.Status.SUGGESTED
        )
    print(
        f"{kind}: comparison {comparison.pk} ({comparison.units.count()} units), unit "
        f"{unit.pk} at position 3, flag {flag.pk}; {options.runs} runs a view"
    )
    views = _views(comparison.pk, unit.pk, unit.version, flag.pk)
    if options.gc_freeze:
        # As a gunicorn worker does after its first request (newsdrift/gunicorn.conf.py).
        _request(client, "get", f"/comparisons/{comparison.pk}/step/3/", None, False)
        gc.collect()
        gc.freeze()
    print(
        f"{'view':28} {'status':>6} {'queries':>7} {'CPU ms (median)':>16} {'× sign-in':>9}"
        f" {'calls':>8} {'GC ms (mean)':>12}"
    )
    reference = 0.0  # the sign-in page's CPU, the first view's
    for name, method, path, data, htmx, *setup in views:
        setup = setup[0] if setup else None
        _request(client, method, path, data, htmx, setup)  # warm up
        samples: list[float] = []
        collected: list[float] = []
        for _ in range(options.runs):
            response = _request(client, method, path, data, htmx, setup, _cpu(samples, collected))
        captured = CaptureQueriesContext(connection)
        response = _request(client, method, path, data, htmx, setup, captured)
        # Read now: the next request's start empties the connection's log.
        statements = [
            q["sql"]
            for q in captured.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
        ]
        queries = len(statements)
        median = statistics.median(samples) * 1000
        # Python function calls in one request: a count of the work that, unlike CPU
        # time, does not depend on what else the machine is doing.
        counter = cProfile.Profile()
        _request(client, method, path, data, htmx, setup, _profiling(counter))
        calls = pstats.Stats(counter).total_calls
        ratio = median / reference if (reference := reference or median) else 0
        print(
            f"{name:28} {response.status_code:>6} {queries:>7} {median:>16.1f} {ratio:>9.1f}"
            f" {calls:>8} {statistics.mean(collected) * 1000:>12.2f}"
        )
        if options.sql in (name, "all"):
            print(f"\n--- the queries of {name} ---")
            for number, sql in enumerate(statements, 1):
                print(f"{number:3}. {sql[: options.sql_width]}")
            print()
        if options.templates in (name, "all"):
            times = TemplateTimes()
            for _ in range(options.runs):
                _request(client, method, path, data, htmx, setup, times)
            times.print(name, options.runs)
        if options.profile in (name, "all"):
            profiler = cProfile.Profile()
            for _ in range(options.runs):
                _request(client, method, path, data, htmx, setup, _profiling(profiler))
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats(options.sort).print_stats(*options.only, options.top)
            if options.callers:
                stats.print_callers(options.callers)
            print(f"\n--- cProfile of {name}, {options.runs} requests ---")
            print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", default="", help="a view's name, or 'all'")
    parser.add_argument(
        "--templates", default="", help="a view's name, or 'all': CPU in each template"
    )
    parser.add_argument(
        "--no-gc-freeze",
        dest="gc_freeze",
        action="store_false",
        help="leave the garbage collector as it is (a worker freezes after its first request)",
    )
    parser.add_argument("--sql", default="", help="a view's name, or 'all': print its queries")
    parser.add_argument("--sql-width", type=int, default=160, help="characters of each query")
    parser.add_argument(
        "--callers", help="a regular expression: print who calls the functions it matches"
    )
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--only", nargs="*", default=[], help="regular expressions the functions must match"
    )
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    options = parser.parse_args()
    run(options.db, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
