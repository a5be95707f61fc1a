"""The `dashboard_row` tag (dashboard_table): one row of the dashboard's results, the
same HTML as the template it replaced, with every article's text escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.template import Context, Template

from articles.review.dashboard_rows import DashboardRow, RowAssignment
from articles.templatetags.dashboard_table import dashboard_row

# The row as the dashboard's template wrote it before the tag (templates/articles/
# dashboard.html at fd423b8), the reference the tag must match byte for byte.
REFERENCE = Template(
    (Path(__file__).with_name("dashboard_row_reference.html")).read_text("utf-8").rstrip("\n")
)

HOSTILE = "<script>alert(\"x\")</script> & 'Brinken'"


def _row(**changes) -> DashboardRow:
    values = {
        "pk": 1234,
        "status": "in_review",
        "status_label": "In review",
        "url": "/comparisons/1234/",
        "source_title": "Colonel Marotto speaks",
        "source_outlet": "Wire",
        "retranslation_title": "Colonel Malotto speaks",
        "retranslation_outlet": "",
        "unit_total": 43,
        "unit_reviewed": 12,
        "last_editor": "ed",
        "last_activity_at": dt.datetime(2026, 11, 30, 9, 5, tzinfo=dt.UTC),
        "assignment": None,
        "open_suggestions": 3,
        "penalty_points": 7,
        "drift": 2.456,
        "flag_categories": [("name", "Name", 2), ("attribution", "Attribution", 1)],
        "overdue": False,
    }
    values.update(changes)
    return DashboardRow(**values)


ROWS = {
    "in review": _row(),
    "hostile text": _row(
        source_title=HOSTILE,
        source_outlet=HOSTILE,
        retranslation_title=HOSTILE,
        retranslation_outlet=HOSTILE,
        last_editor=HOSTILE,
        flag_categories=[("name", HOSTILE, 1)],
        assignment=RowAssignment(assignee=HOSTILE, priority=1, due_date=None),
    ),
    "new, nobody on it": _row(
        status="new",
        status_label="New",
        last_editor="",
        last_activity_at=None,
        open_suggestions=0,
        flag_categories=[],
        unit_total=0,
        unit_reviewed=0,
        drift=0.0,
    ),
    "done": _row(status="done", status_label="Done"),
    "awaiting approval": _row(status="in_approval", status_label="Awaiting approval"),
    "assigned, urgent, overdue": _row(
        assignment=RowAssignment(assignee="ana", priority=2, due_date=dt.date(2026, 11, 2)),
        overdue=True,
    ),
    "assigned, low, due later": _row(
        assignment=RowAssignment(assignee="ana", priority=0, due_date=dt.date(2027, 1, 9)),
    ),
}


@pytest.mark.parametrize("assign_form", [None, "a form"])
@pytest.mark.parametrize("name", ROWS)
def test_it_writes_the_row_the_template_wrote(name, assign_form):
    row = ROWS[name]
    context = {"c": row, "assign_form": assign_form}

    expected = REFERENCE.render(Context(context)).removeprefix("      ")

    assert dashboard_row(Context(context), row) == expected


def test_it_escapes_every_article_text():
    html = dashboard_row(Context({}), ROWS["hostile text"])

    assert "<script>" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Brinken&#x27;"
    assert html.count(escaped) == 7
