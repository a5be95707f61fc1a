"""What the import commands are told besides the files (titles, outlets, a manifest's
URLs) is as untrusted as the files: cleaned, and refused with one line when it does not
fit, never left to the database to reject half-way (PostgreSQL enforces column lengths
that SQLite does not)."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Comparison
from tests.conftest import SEED_RETRANSLATION, SEED_SOURCE, SEEDS


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


def import_seed_pair(*options: str) -> None:
    call_command(
        "import_pair", str(SEED_SOURCE), str(SEED_RETRANSLATION), *options, stdout=_Quiet()
    )


@pytest.mark.parametrize(
    ("option", "length", "message"),
    [
        ("--title", 501, "the title given is longer than 500 characters"),
        ("--source-outlet", 201, "the outlet given is longer than 200 characters"),
        ("--retranslation-title", 501, "the title given is longer than 500 characters"),
    ],
)
def test_it_refuses_an_option_too_long_for_its_column(db, option, length, message):
    with pytest.raises(CommandError) as refused:
        import_seed_pair(option, "x" * length)

    assert str(refused.value).endswith(message)
    assert "\n" not in str(refused.value)
    assert (Article.objects.count(), Comparison.objects.count()) == (0, 0)


def test_it_cleans_control_characters_and_line_breaks_out_of_options(db):
    import_seed_pair("--title", "Bombing\x1b[31m in\nSyria\x07", "--source-outlet", "Wire\u0000 ")

    source = Article.objects.get(role=Article.Role.SOURCE)
    assert source.title == "Bombing[31m in Syria"
    assert source.outlet == "Wire"


def test_it_refuses_a_manifest_url_that_is_not_http(db, tmp_path):
    for seed in (SEED_SOURCE, SEED_RETRANSLATION):
        shutil.copy(seed, tmp_path / seed.name)
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    manifest["pairs"][0]["source"]["url"] = "javascript:alert('xss-07')"
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError) as refused:
        call_command("import_seeds", "--manifest", str(tmp_path / "manifest.json"), stdout=_Quiet())

    assert "the url given is not an http(s) address" in str(refused.value)
    assert Article.objects.count() == 0
