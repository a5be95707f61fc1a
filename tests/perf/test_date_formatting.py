"""The pages' `date` filter (newsdrift/date_formatting.py) writes exactly what Django's
does, quicker for the formats the templates use."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from newsdrift import date_formatting
from newsdrift.date_formatting import format_date
from tests.properties import property_settings

REPO = Path(__file__).resolve().parent.parent.parent


def formats_in_templates() -> set[str]:
    """Every format a template gives `|date`, read from the templates themselves."""
    found = set()
    for path in (REPO / "templates").rglob("*.html"):
        for match in re.finditer(r"\|date:(\"[^\"]*\"|'[^']*')", path.read_text()):
            found.add(match.group(1)[1:-1])
    return found


# The templates' formats, the dashboard rows' (written in Python), and some that
# Django's filter must write (another specifier, an escape, the locale's own).
FORMATS = sorted(
    formats_in_templates()
    | {"j M, H:i", "j M Y", "Y-m-d", "c", "d.m.Y H:i", "D j M", "\\Y Y", "N j", "DATE_FORMAT"}
)
ZONES = ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kolkata", "Pacific/Kiritimati"]
MOMENTS = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30))


def test_it_knows_the_templates_formats():
    # The list above is not empty by mistake: the pages use these (issue 18).
    assert {"j M H:i", "j M Y H:i", "c", "Y-m-d"} <= formats_in_templates()


@property_settings(300)
@given(
    moment=MOMENTS,
    zone=st.sampled_from(ZONES),
    aware=st.booleans(),
    format_string=st.sampled_from(FORMATS),
)
def test_it_writes_what_djangos_filter_writes_for_datetimes(moment, zone, aware, format_string):
    if aware:
        moment = moment.replace(tzinfo=dt.UTC).astimezone(zoneinfo.ZoneInfo(zone))
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert format_date(moment, format_string) == django_date(moment, format_string)


@property_settings(200)
@given(day=st.dates(), format_string=st.sampled_from(FORMATS))
def test_it_writes_what_djangos_filter_writes_for_dates(day, format_string):
    try:
        expected = django_date(day, format_string)
    except TypeError as error:  # a time in the format of a date: the same error
        with pytest.raises(TypeError, match=re.escape(str(error))):
            format_date(day, format_string)
        return
    assert format_date(day, format_string) == expected


@pytest.mark.parametrize("language", ["en-us", "de", "fr", "nl"])
def test_it_names_the_month_in_the_active_language(language):
    moment = dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC)
    with translation.override(language):
        assert format_date(moment, "j M Y H:i") == django_date(moment, "j M Y H:i")
        german = format_date(moment, "M") == "Dez"
    assert german == (language == "de")
    assert format_date(moment, "j M") == "1 Dec"


@pytest.mark.parametrize("value", [None, "", "not a date", 17, dt.time(9, 30)])
def test_it_leaves_other_values_to_djangos_filter(value):
    assert date_formatting.date(value, "j M Y H:i") == django_date(value, "j M Y H:i")


def test_the_templates_use_it_with_the_current_time_zone():
    # As Django's filter, it receives the time in the current time zone.
    template = engines["django"].from_string('{{ moment|date:"j M H:i" }} {{ moment|date:"c" }}')
    moment = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)

    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        assert template.render({"moment": moment}) == "29 Mar 01:30 2026-03-29T01:30:00+01:00"
    with timezone.override(zoneinfo.ZoneInfo("Asia/Kolkata")):
        assert template.render({"moment": moment}) == "29 Mar 06:00 2026-03-29T06:00:00+05:30"


def test_the_templates_date_filter_is_this_one():
    template = engines["django"].from_string('{{ moment|date:"j M" }}')
    assert template.template.nodelist[0].filter_expression.filters[0][0] is date_formatting.date
