"""The HTML report printed to PDF by Chromium, as an editor's File → Print would."""

import io
import shutil
import subprocess
import unicodedata

import pypdf
import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.reports.conftest import flagged_units, review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewed_seed(seed_comparison, editor):
    return review(seed_comparison, editor)


def _squash(text: str) -> str:
    # NFKC folds the ligatures Chromium prints ("ﬁ") back into letters.
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_it_prints_the_reviewed_seed_report(
    page, live_server, viewer, reviewed_seed, screenshot_dir
):
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    sign_in(page, live_server, viewer.username)
    page.goto(live_server.url + reverse("reports:print", args=[reviewed_seed.pk]))
    page.emulate_media(media="print")

    # The report stylesheet applies under the CSP (no inline style anywhere).
    score = page.locator(".figure.score")
    assert score.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(27, 34, 48)"
    assert page.locator("svg.strip rect").count() == reviewed_seed.units.count()
    assert page.locator("svg.bars rect").count() >= 1
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]

    page.screenshot(path=str(screenshot_dir / "report-print.png"), full_page=False)
    page.screenshot(path=str(screenshot_dir / "report-print-full.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (screenshot_dir / "report-print.pdf").write_bytes(pdf)

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = _squash(" ".join(p.extract_text() or "" for p in reader.pages))
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
    assert _squash("Drift score") in text or _squash("DRIFT SCORE") in text
    for unit in flagged_units(reviewed_seed):
        assert _squash(unit.source_text)[:60] in text
        assert _squash(unit.target_text)[:60] in text

    # The first printed page as an image, when Debian's poppler-utils is there to render it.
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(screenshot_dir / "report-print.pdf"),
                str(screenshot_dir / "report-print-page1"),
            ],
            check=True,
        )
