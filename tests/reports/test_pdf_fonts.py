"""The PDF report's fonts are files shipped in the repository, as documented.

They are Debian's copies of Noto Sans and Noto Sans Arabic (articles/reports/fonts/
README.md says where from, with checksums), with the SIL Open Font License beside
them; no font comes from a Python package any more (`fontpkg-*` was a young
single-author package that a newsroom's security review would not pass).
"""

from __future__ import annotations

import hashlib
import io
import re

import pypdf
from fontTools.ttLib import TTFont

from articles.reports import pdf_report
from articles.reports.export import comparison_document
from tests.conftest import REPO
from tests.reports.conftest import as_bytes

FONTS = REPO / "articles" / "reports" / "fonts"


def _sums() -> dict[str, str]:
    lines = (FONTS / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def test_it_renders_with_the_shipped_files_and_their_recorded_checksums():
    sums = _sums()
    used = pdf_report.font_files()
    assert {path.name for path in used} == set(sums)
    for path in used:
        assert path.parent == FONTS
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sums[path.name], path.name


def test_it_documents_each_file_with_its_checksum_version_and_source():
    readme = (FONTS / "README.md").read_text()
    assert "fonts-noto-core" in readme and "20201225-1" in readme
    for name, digest in _sums().items():
        assert f"`{name}` | `{digest}`" in readme, name
        with TTFont(FONTS / name, lazy=True) as font:
            version = re.match(r"Version (\d+\.\d+)", font["name"].getDebugName(5)).group(1)
            licence = font["name"].getDebugName(13)
        assert f"`{name}` |" in readme and f"| {version} |" in readme, (name, version)
        assert "SIL Open Font License, Version 1.1" in licence


def test_it_ships_the_open_font_licence_with_the_copyright_notices():
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007" in licence
    assert "Copyright 2015 Google LLC" in licence and "Copyright 2015-2020 Google LLC" in licence
    assert "5) The Font Software, modified or unmodified, in part or in whole," in licence


def test_it_depends_on_no_font_package():
    requirements = [
        REPO / name for name in ("requirements.in", "requirements.txt", "requirements-dev.txt")
    ]
    for path in requirements:
        if path.exists():
            assert "fontpkg" not in path.read_text(), path.name
    for source in (REPO / "articles").rglob("*.py"):
        assert "fontpkg" not in source.read_text(), source


def test_it_embeds_real_bold_weights(reviewed):
    data = as_bytes(comparison_document(reviewed.pk, "pdf"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            embedded.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"NotoSans", "NotoSansBold", "NotoSansArabic"} <= embedded
