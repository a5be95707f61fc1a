"""axe-core and page-width checks for the browser tests.

axe-core is the vendored copy in tests/browser/vendor/axe-core/ (its README says where
it comes from). It is evaluated in the page through the DevTools protocol, which the
page's Content-Security-Policy does not govern, so the page keeps its real policy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

# The three sizes every page must work at: desktop, tablet (portrait), phone.
SIZES = {
    "desktop": {"width": 1400, "height": 900},
    "tablet": {"width": 768, "height": 1024},
    "phone": {"width": 390, "height": 844},
}

# Every rule axe runs by default: WCAG 2.0-2.2 A and AA, and its best practices (one
# main landmark, content inside landmarks, heading order, ...).
_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


@cache
def axe_source() -> str:
    data = AXE.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != AXE_SHA256:
        raise AssertionError(f"{AXE}: SHA-256 {digest}, expected {AXE_SHA256} (see its README)")
    return data.decode("utf-8")


@dataclass
class Check:
    """What axe and the width check found on one page at one size."""

    page: str
    size: str
    violations: list[dict] = field(default_factory=list)
    scroll_width: int = 0
    inner_width: int = 0

    @property
    def nodes(self) -> int:
        return sum(len(v["nodes"]) for v in self.violations)

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.inner_width

    def problems(self) -> list[str]:
        found = [
            f"{self.page} @{self.size}: {v['rule']} ({v['impact']}) {v['help']}: "
            + "; ".join(f"{n['target']}: {n['summary']}" for n in v["nodes"][:4])
            for v in self.violations
        ]
        if self.overflows:
            found.append(
                f"{self.page} @{self.size}: {self.scroll_width} px wide "
                f"in a {self.inner_width} px window (horizontal scrolling)"
            )
        return found

    def as_row(self) -> dict:
        return {
            "page": self.page,
            "size": self.size,
            "violations": {v["rule"]: len(v["nodes"]) for v in self.violations},
            "nodes": self.nodes,
            "scroll_width": self.scroll_width,
            "inner_width": self.inner_width,
        }


def axe_violations(page) -> list[dict]:
    """axe's violations on the page as it is now (states opened by the test included)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN)


def widths(page) -> tuple[int, int]:
    """(the document's scroll width, the window's inner width), in CSS pixels."""
    return tuple(page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]"))


def check(page, name: str, size: str) -> Check:
    scroll_width, inner_width = widths(page)
    return Check(
        page=name,
        size=size,
        violations=axe_violations(page),
        scroll_width=scroll_width,
        inner_width=inner_width,
    )
