"""The tuning applied: re-analysis with an ignore-list entry or a muted rule drops the
suggestion, every report format counts it, and `reanalyse --stale` finds what to redo."""

from __future__ import annotations

import csv
import io
import json

import pypdf
import pytest
from django.core.management import call_command

from articles.analysis.pipeline import ANALYSIS_VERSION
from articles.article_reader import ArticleText
from articles.importer import import_pair
from articles.models import (
    Article,
    Comparison,
    Flag,
    IgnoreEntry,
    Job,
    RuleSetting,
    TuningEffectCount,
)
from articles.reports.export import comparison_document
from tests.jobs_helpers import work_off_jobs
from tests.reports.conftest import as_bytes


def reanalyse(*args: str) -> str:
    out = io.StringIO()
    call_command("reanalyse", *args, stdout=out)
    work_off_jobs()
    return out.getvalue()


def sayyid_flags(comparison: Comparison):
    return Flag.objects.filter(
        unit__comparison=comparison, source_span="Sayyid", target_span="Sayyed"
    )


def report(comparison: Comparison, fmt: str) -> str:
    data = as_bytes(comparison_document(comparison.pk, fmt))
    if fmt == "pdf":
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    return data.decode("utf-8-sig")


def test_it_suppresses_a_suggestion_on_reanalysis_and_every_report_counts_it(seed_comparison):
    assert sayyid_flags(seed_comparison).get().rule == "name.variant"
    entry = IgnoreEntry.objects.create(left="Sayyid", right="Sayyed", note="house style")

    output = reanalyse("--stale")

    # A global entry changes the tuning of every comparison the seeds hold.
    assert f"re-analysis of {Comparison.objects.count()} comparison(s)" in output
    seed_comparison.refresh_from_db()
    assert not sayyid_flags(seed_comparison).exists()
    assert seed_comparison.analysis_version.startswith(ANALYSIS_VERSION + "+t")
    assert not any(row["source"] == "Sayyid" for row in seed_comparison.ledger)
    effect = TuningEffectCount.objects.get(comparison=seed_comparison)
    assert (effect.kind, effect.entry, effect.count) == ("ignored", entry, 1)
    label = "Sayyid ↔ Sayyed (every outlet)"

    data = json.loads(report(seed_comparison, "json"))
    assert data["tuning"]["suggestions_suppressed"] == 1
    assert data["tuning"]["effects"] == [
        {
            "kind": "ignored",
            "label": label,
            "rule": None,
            "ignore_entry_id": entry.pk,
            "count": 1,
        }
    ]
    rows = list(csv.DictReader(io.StringIO(report(seed_comparison, "csv"))))
    assert rows and {r["suggestions_suppressed"] for r in rows} == {"1"}
    assert rows[0]["tuning"] == f"1 suppressed by the ignore list: {label}"
    markdown = report(seed_comparison, "md")
    assert "1 suppressed by the ignore list: Sayyid ↔ Sayyed \\(every outlet\\)" in markdown
    html = report(seed_comparison, "html")
    assert "Tuning of the analysis" in html and "1 suppressed by the ignore list" in html
    pdf = report(seed_comparison, "pdf")
    assert "1 suppressed by the ignore list: Sayyid <-> Sayyed (every outlet)" in pdf


def test_it_mutes_a_rule_for_future_analyses_and_reports_why(seed_comparison):
    term = Flag.objects.filter(unit__comparison=seed_comparison, rule="meaning.term")
    before = term.count()
    assert before >= 2
    RuleSetting.objects.create(rule="meaning.term", muted=True, reason="Weapons vary by desk")

    reanalyse("--stale")

    assert not term.exists()
    data = json.loads(report(seed_comparison, "json"))["tuning"]
    assert data["suggestions_suppressed"] == before
    assert data["effects"][0]["kind"] == "muted"
    assert data["effects"][0]["rule"] == "meaning.term"
    assert data["effects"][0]["label"] == "meaning.term: muted (Weapons vary by desk)"


def test_it_lowers_a_rules_severity_and_keeps_its_suggestions(seed_comparison):
    respelled = Flag.objects.filter(unit__comparison=seed_comparison, rule="name.respelled")
    count = respelled.count()
    RuleSetting.objects.create(rule="name.respelled", severity="minor", reason="Desk checks")

    reanalyse("--stale")

    assert respelled.count() == count
    assert set(respelled.values_list("severity", flat=True)) == {"minor"}
    data = json.loads(report(seed_comparison, "json"))["tuning"]
    assert (data["suggestions_suppressed"], data["suggestions_lowered"]) == (0, count)


def test_it_finds_comparisons_whose_tuning_changed_and_only_those(seed_comparison):
    assert reanalyse("--stale").startswith("No comparison to re-analyse")
    entry = IgnoreEntry.objects.create(left="Sayyid", right="Sayyed", outlet="Another outlet")
    assert reanalyse("--stale").startswith("No comparison to re-analyse")  # not its outlet

    Article.objects.filter(pk=seed_comparison.source_id).update(outlet="another OUTLET")
    assert "re-analysis of 1 comparison(s)" in reanalyse("--stale")
    assert not sayyid_flags(seed_comparison).exists()
    assert reanalyse("--stale").startswith("No comparison to re-analyse")

    entry.delete()
    assert "re-analysis of 1 comparison(s)" in reanalyse("--stale")
    seed_comparison.refresh_from_db()
    assert seed_comparison.analysis_version == ANALYSIS_VERSION
    assert sayyid_flags(seed_comparison).exists()
    assert not TuningEffectCount.objects.exists()


def test_it_changes_the_version_when_a_rule_setting_changes(seed_comparison):
    setting = RuleSetting.objects.create(rule="meaning.term", severity="minor", reason="r")
    reanalyse("--stale")
    seed_comparison.refresh_from_db()
    lowered = seed_comparison.analysis_version

    setting.muted, setting.severity = True, ""
    setting.save()

    everything = Comparison.objects.count()  # a rule setting applies to every outlet
    assert f"re-analysis of {everything} comparison(s)" in reanalyse("--stale")
    seed_comparison.refresh_from_db()
    assert seed_comparison.analysis_version not in (lowered, ANALYSIS_VERSION)
    assert Job.objects.count() == 2


def test_it_applies_the_ignore_list_when_a_pair_is_imported(db):
    IgnoreEntry.objects.create(left="Sayyid", right="Sayyed", outlet="Wire")
    source = ArticleText(
        name="s.txt",
        format="txt",
        title="Talks",
        body="Sayyid Hassan met the envoy on Monday.",
        outlet="Wire",
    )
    target = ArticleText(
        name="t.txt", format="txt", title="Talks", body="Sayyed Hassan met the envoy on Monday."
    )

    comparison = import_pair(source, target).comparison

    assert not sayyid_flags(comparison).exists()
    assert comparison.tuning_effects.get().count == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_it_says_nothing_of_tuning_when_none_applied(seed_comparison, fmt):
    text = report(seed_comparison, fmt)
    if fmt == "json":
        assert json.loads(text)["tuning"]["effects"] == []
    elif fmt == "csv":
        assert {r["tuning"] for r in csv.DictReader(io.StringIO(text))} == {""}
    else:
        assert "Tuning of the analysis" not in text


def test_it_keeps_a_suppressed_suggestion_away_when_an_editor_re_lays_the_unit(
    seed_comparison, editor
):
    from articles.review.alignment import merge_with_next

    IgnoreEntry.objects.create(left="Sayyid", right="Sayyed")
    reanalyse("--stale")
    unit = seed_comparison.units.get(source_text__contains="Sayyid")
    following = seed_comparison.units.get(position=unit.position + 1)

    merged = merge_with_next(
        user=editor, unit=unit, shown_version=unit.version, next_version=following.version
    )

    assert "Sayyid" in merged.source_text
    assert merged.flags.filter(rule="speaker.relative").exists()  # re-analysed
    assert not sayyid_flags(seed_comparison).exists()
