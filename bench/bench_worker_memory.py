"""A gunicorn worker's resident memory: after start-up, after the review pages, after
large imports through the admin, after a PDF, and after max_requests replaced it.

    python bench/bench_worker_memory.py [--db sqlite|postgres|both]
                                        [--sentences 500,2000,4000] [--bulk-pairs 25]
                                        [--bulk-sentences 400] [--max-requests 60]

gunicorn runs newsdrift/gunicorn.conf.py in production mode with one worker, as
`make serve` does, on a fresh database with the seed pair and an importer account. A
client signs in and works as staff would: the dashboard, the seed's overview and step
views; then one bulk import (a .jsonl upload, /admin/…/bulk-import/) per size in
--sentences, each a generated pair of that many sentences a side (bench/pairgen.py),
and one bulk file of --bulk-pairs pairs of --bulk-sentences sentences; the preview
(*Import a pair*, nothing saved) of two plain-text files just under the 10 MiB limit;
then the PDF report of the first pair (the smallest: the PDF of a pair of thousands
of sentences takes most of gunicorn's 60-second timeout on a busy machine). The
worker's resident memory (VmRSS) and its peak (VmHWM) are read from /proc after each
step. Finally, with GUNICORN_MAX_REQUESTS=--max-requests (jitter 0) for this run, the
client asks for /healthz until gunicorn has replaced the worker, and the new worker is
measured after the same review pages in a new session (what `max_requests` gives
back), and after one page of the first session, which holds the previews.
docs/DEPLOY.md and docs/PERFORMANCE.md quote the figures.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
import pairgen  # noqa: E402
from bench_web import ProcessWatch, free_port, start_gunicorn, wait_until_up  # noqa: E402

DB_NAME = "nd_bench_memory"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BULK_URL = "/admin/articles/comparison/bulk-import/"
IMPORT_URL = "/admin/articles/comparison/import/"


class Staff:
    """A signed-in browser, as the TLS proxy passes it on (X-Forwarded-Proto: https)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.origin = "https://" + urllib.parse.urlsplit(base).netloc
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> str:
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if data is not None:
            headers |= {"Origin": self.origin, "Referer": self.origin + path}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310
        with self.opener.open(request, timeout=300) as response:  # loopback only
            return response.read().decode("utf-8", "replace")

    def token(self, path: str) -> str:
        found = CSRF_INPUT.search(self.request(path))
        if not found:
            raise SystemExit(f"{path}: no CSRF token in the page")
        return found.group(1)

    def sign_in(self, username: str, password: str) -> None:
        token = self.token("/accounts/login/")
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        page = self.request("/accounts/login/", urllib.parse.urlencode(fields).encode())
        if "Sign out" not in page and "logout" not in page:
            raise SystemExit("could not sign in as the importer")

    def post_files(self, path: str, files: dict[str, tuple[str, bytes]]) -> str:
        """POST the form at `path` with `files` (field: (file name, content)), as
        multipart/form-data; returns the page it leads to."""
        boundary = uuid.uuid4().hex
        token = self.token(path)
        parts = [
            f"--{boundary}\r\n".encode(),
            b'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n',
            f"{token}\r\n".encode(),
        ]
        for field, (name, content) in files.items():
            parts += [
                f"--{boundary}\r\n".encode(),
                f'Content-Disposition: form-data; name="{field}"; filename="{name}"\r\n'.encode(),
                b"Content-Type: application/octet-stream\r\n\r\n",
                content,
                b"\r\n",
            ]
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request(path, b"".join(parts), headers)

    def bulk_import(self, lines: list[dict]) -> str:
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        return self.post_files(BULK_URL, {"file": ("pairs.jsonl", body.encode())})


def largest_article(seed: int) -> bytes:
    """A plain-text article just under the 10 MiB file limit, in 4,900 sentences (the
    limit is 5,000) of about 2,000 characters: ordinary words, one paragraph each."""
    rng = random.Random(seed)
    words = ("minister", "border", "officials", "said", "troops", "the", "of", "village")
    lines = [f"A very long dispatch {seed}", ""]
    for n in range(4_900):
        lines.append(" ".join(rng.choices(words, k=300)).capitalize() + f" ({n}).")
    data = "\n".join(lines).encode()
    assert len(data) < 10 * 1024 * 1024, len(data)
    return data


def _side(text: str) -> dict[str, str]:
    """A generated article (title line, blank line, paragraphs) as a JSON Lines side."""
    title, _, body = text.partition("\n\n")
    return {"title": title, "body": body}


def review_pages(staff: Staff, pk: int) -> None:
    """What an editor opens in a review: the dashboard, an overview, the step views."""
    staff.request("/")
    staff.request(f"/comparisons/{pk}/")
    for position in range(1, 11):
        staff.request(f"/comparisons/{pk}/step/{position}/")


def _memory(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return {"rss_mib": round(rss / 1024, 1), "peak_mib": round(peak / 1024, 1)}


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def run(kind: str, options: argparse.Namespace) -> dict:
    harness.create_database(kind, DB_NAME)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = os.environ | harness.production_environment(kind, DB_NAME)
    env |= {
        "BEHIND_TLS_PROXY": "1",
        "SECURE_COOKIES": "0",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": str(options.max_requests),
        "GUNICORN_MAX_REQUESTS_JITTER": "0",
    }
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "collectstatic", "--no-input", "-v0")
    _manage(env, "import_seeds")
    password = re.search(r"password:\s+(\S+)", _manage(env, "ensure_editor")).group(1)

    server = start_gunicorn(env)
    watch = ProcessWatch(server.pid)
    steps: list[dict] = []
    requests_made = 0

    def measure(step: str, started: float | None = None) -> int:
        (worker,) = watch.workers()
        figures = {"step": step, "worker": worker, **_memory(worker)}
        if started is not None:
            figures["seconds"] = round(time.perf_counter() - started, 2)
        steps.append(figures)
        print(f"  {step}: {figures['rss_mib']} MiB (peak {figures['peak_mib']})", flush=True)
        return worker

    try:
        wait_until_up(f"{base}/healthz")
        time.sleep(0.5)
        first = measure("started (one /healthz)")
        staff = Staff(base)
        staff.sign_in("editor", password)
        review_pages(staff, 1)
        measure("after sign-in and the review pages of the seed")
        first_pair = None
        for number, sentences in enumerate(options.sentences, start=1):
            pair = pairgen.make_pair(500_000 + number, sentences)
            line = {side: _side(getattr(pair, side)) for side in ("source", "retranslation")}
            started = time.perf_counter()
            page = staff.bulk_import([line])
            imported = re.search(
                r'class="result-imported">.*?href="/comparisons/(\d+)/"', page, re.S
            )
            if not imported:
                shown = re.findall(
                    r"<title>.*?</title>|<h2>Results.*?</h2>|result-rejected.*?</tr>|errorlist.*?</ul>",
                    page,
                    re.S,
                )
                raise SystemExit(f"the bulk import of {sentences} sentences was refused: {shown}")
            first_pair = first_pair or int(imported.group(1))
            measure(f"after importing a pair of {sentences:,} sentences a side", started)
        if options.bulk_pairs:
            lines = [
                {side: _side(getattr(pair, side)) for side in ("source", "retranslation")}
                for pair in pairgen.make_pairs(
                    options.bulk_pairs, sentences=options.bulk_sentences, first_seed=600_000
                )
            ]
            started = time.perf_counter()
            page = staff.bulk_import(lines)
            if page.count('class="result-imported"') != options.bulk_pairs:
                raise SystemExit("the bulk file was not imported whole")
            measure(
                f"after one bulk file of {options.bulk_pairs} pairs of "
                f"{options.bulk_sentences:,} sentences",
                started,
            )
        if options.preview_largest:
            started = time.perf_counter()
            page = staff.post_files(
                IMPORT_URL,
                {
                    "source_file": ("source.txt", largest_article(1)),
                    "retranslation_file": ("retranslation.txt", largest_article(2)),
                },
            )
            if "Import and analyse" not in page:
                raise SystemExit("the preview of the two largest files was not shown")
            measure(
                "after the preview of two files near the size limit (9.8 MB, 4,900 sentences each)",
                started,
            )
        started = time.perf_counter()
        staff.request(f"/reports/comparisons/{first_pair}.pdf")
        measure(f"after the PDF report of the {options.sentences[0]:,}-sentence pair", started)
        # Everything so far was one worker's requests (gunicorn counts every request).
        while watch.workers() == [first] or not watch.workers():
            staff.request("/healthz")
            requests_made += 1
            if requests_made > options.max_requests + 10:
                raise SystemExit("the worker was not replaced after max_requests")
            time.sleep(0.05)
        wait_until_up(f"{base}/healthz")
        time.sleep(0.5)
        measure("a new worker, after max_requests replaced the old one")
        fresh = Staff(base)  # another browser: a session that holds no preview
        fresh.sign_in("editor", password)
        review_pages(fresh, 1)
        measure("the new worker, after the review pages of the seed (a new session)")
        if options.preview_largest:
            staff.request("/")
            measure("the new worker, after one page of the session holding the two previews")
    finally:
        server.terminate()
        server.wait(timeout=60)
        harness.drop_database(kind, DB_NAME)
    return {
        "machine": harness.machine(),
        "database": kind,
        "max_requests": options.max_requests,
        "sentences": options.sentences,
        "bulk": [options.bulk_pairs, options.bulk_sentences],
        "steps": steps,
    }


def summary(results: list[dict]) -> str:
    rows = [
        [
            result["database"],
            step["step"],
            f"{step['rss_mib']:.0f} MiB",
            f"{step['peak_mib']:.0f} MiB",
            f"{step['seconds']:.1f} s" if "seconds" in step else "",
        ]
        for result in results
        for step in result["steps"]
    ]
    header = ["database", "step", "resident (VmRSS)", "peak (VmHWM)", "request time"]
    return harness.markdown_table(header, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="both", help="sqlite, postgres or both")
    parser.add_argument(
        "--sentences",
        default="500,2000,4000",
        help="comma-separated sizes (sentences a side) of the pairs imported, in order",
    )
    parser.add_argument(
        "--bulk-pairs", type=int, default=25, help="pairs in the bulk file imported last (0: none)"
    )
    parser.add_argument(
        "--bulk-sentences", type=int, default=400, help="sentences a side of each of those"
    )
    parser.add_argument(
        "--no-preview",
        dest="preview_largest",
        action="store_false",
        help="skip the preview of two files at the size limit",
    )
    parser.add_argument(
        "--max-requests", type=int, default=60, help="GUNICORN_MAX_REQUESTS for this run"
    )
    options = parser.parse_args()
    try:
        options.sentences = [int(n) for n in options.sentences.split(",")]
    except ValueError:
        raise SystemExit(f"--sentences: {options.sentences!r} is not a list of numbers") from None
    forwarded = [
        "--sentences",
        ",".join(map(str, options.sentences)),
        "--max-requests",
        str(options.max_requests),
        "--bulk-pairs",
        str(options.bulk_pairs),
        "--bulk-sentences",
        str(options.bulk_sentences),
        *([] if options.preview_largest else ["--no-preview"]),
    ]
    return harness.run_benchmark(
        "worker-memory",
        __file__,
        harness.kinds_of(options.db),
        forwarded,
        lambda kind: run(kind, options),
        summary,
    )


if __name__ == "__main__":
    sys.exit(main())
