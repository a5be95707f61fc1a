"""The dashboard's result rows, built in Python.

Written as a template, the 25 rows of a page were half of the dashboard's htmx answer
(issue 18: about 7 of its 15 ms of CPU, a thousand template nodes resolved a row). A
row shows article titles and outlets, which are hostile text, so every value goes
through `format_escaped_html` (Django's `format_html` without its lazy-text wrappers,
newsdrift/html_format.py: it escapes each value the same way) with a literal format
string; the filters the template used are Django's own functions (`floatformat`,
`slugify`) or the one the templates use (`date`: newsdrift/date_formatting.py), called
as the template called them. The HTML is exactly what the template made
(tests/views/test_page_snapshot.py, tests/views/test_dashboard_row_tag.py).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.defaultfilters import floatformat, slugify
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from articles.review.dashboard_rows import DashboardRow
from newsdrift.date_formatting import format_date
from newsdrift.html_format import format_escaped_html, join_escaped_html
from newsdrift.url_reversal import reverse_ids

register = template.Library()

# The fixed pieces, made once. Each row is then one `format_escaped_html` with its values as
# keywords (each escaped once, however often the row shows it): a call a cell cost as
# much as the template did (issue 18).
_NOBODY = format_escaped_html('<span class="muted">{}</span>', "nobody")
_NOT_STARTED = format_escaped_html('<span class="muted">{}</span>', "not started")
_NO_OPEN = format_escaped_html('<span class="muted">{}</span>', 0)
_NO_FLAGS = format_escaped_html('<span class="muted">{}</span>', "none")
_OVERDUE_ROW = format_escaped_html(' class="{}"', "is-overdue")
_OVERDUE_DUE = format_escaped_html(" {}", "is-overdue")
_OVERDUE_TAG = format_escaped_html('<strong class="overdue-tag">{}</strong> · ', "Overdue")
_ACTION_LABELS = {"new": "Start review", "done": "Open"}


@lru_cache(maxsize=4096)
def _drift_text(drift: float, language: str | None) -> str:
    """`floatformat(drift, 2)`, kept: the 25 figures of a page cost 0.16 ms (issue 18).
    The language is in the key because floatformat writes its decimal mark."""
    return floatformat(drift, 2)


def _assigned(row: DashboardRow) -> SafeString:
    """assignments/_assigned.html for one row. That template stays for the queue; the
    tag's test renders it beside this, so a change to one fails until the other follows."""
    a = row.assignment
    if a is None:
        return _NOBODY
    priority = ""
    if a.priority != 1:
        priority = format_escaped_html(
            ' <span class="priority priority-{}">{}</span>', a.priority, a.priority_label
        )
    due = ""
    if a.due_date:
        due = format_escaped_html(
            '<div class="muted due{}">{}due <time datetime="{}">{}</time></div>',
            _OVERDUE_DUE if row.overdue else "",
            _OVERDUE_TAG if row.overdue else "",
            format_date(a.due_date, "Y-m-d"),
            format_date(a.due_date, "j M Y"),
        )
    return format_escaped_html('<span class="assignee">{}</span>{}{}', a.assignee, priority, due)


def _last_worked_on(row: DashboardRow) -> SafeString:
    if not row.last_editor:
        return _NOT_STARTED
    at = template_localtime(row.last_activity_at)
    return format_escaped_html(
        '{}<div class="muted"><time datetime="{}">{}</time></div>',
        row.last_editor,
        format_date(at, "c"),
        format_date(at, "j M, H:i"),
    )


def _action(row: DashboardRow) -> SafeString:
    if row.status == "in_approval":
        return format_escaped_html(
            '<a class="button button-small" href="{}">Approval</a>',
            reverse_ids("articles:approval", (row.pk,)),
        )
    return format_escaped_html(
        '<a class="button button-small{}" href="{}">{}</a>',
        "" if row.status == "done" else " primary",
        reverse_ids("articles:start", (row.pk,)),
        _ACTION_LABELS.get(row.status, "Continue"),
    )


@register.simple_tag(takes_context=True)
def dashboard_row(context, row: DashboardRow) -> SafeString:
    """One `<tr>` of the dashboard's results; a tick box when `assign_form` is set."""
    select = ""
    if context.get("assign_form"):
        select = format_escaped_html(
            '<td class="col-select"><input type="checkbox" name="comparison" value="{pk}"'
            ' form="assign-form" id="select-{pk}" aria-label="Select comparison #{pk}"></td>',
            pk=row.pk,
        )
    open_cell = _NO_OPEN
    if row.open_suggestions:
        open_cell = format_escaped_html(
            '<span class="pill pill-open">{}</span>', row.open_suggestions
        )
    chips = join_escaped_html(
        format_escaped_html(
            '<span class="chip cat-{}">{} <b>{}</b></span>', slugify(code), label, n
        )
        for code, label, n in row.flag_categories
    )
    # The included template's own closing newline came before the assignment's </td>.
    return format_escaped_html(
        "<tr{overdue}>\n"
        "        {select}\n"
        '        <td class="num muted col-id">{pk}</td>\n'
        '        <td class="article-cell col-source"><a class="title-link" href="{url}">'
        '{source_title}</a><div class="muted">{source_outlet}</div></td>\n'
        '        <td class="article-cell col-target" data-label="Retranslation">'
        '<span class="title-text">{retranslation_title}</span>'
        '<div class="muted">{retranslation_outlet}</div></td>\n'
        '        <td class="col-status"><span class="status status-{status}">{status_label}'
        "</span></td>\n"
        '        <td class="progress-cell col-progress" data-label="Reviewed">\n'
        '          <progress class="mini" max="{most}" value="{reviewed}"'
        ' aria-label="Reviewed units">{reviewed} of {total}</progress>\n'
        '          <span class="count">{reviewed} / {total}</span>\n'
        "        </td>\n"
        '        <td class="num col-open" data-label="Open suggestions">{open_cell}</td>\n'
        '        <td class="col-flags" data-label="Confirmed flags">{chips}</td>\n'
        '        <td class="num col-drift" data-label="Drift"><span class="drift">{drift}'
        "</span></td>\n"
        '        <td class="col-assigned" data-label="Assigned">{assigned}\n</td>\n'
        '        <td class="col-last" data-label="Last worked on">{last}</td>\n'
        '        <td class="actions col-actions">{action}</td>\n'
        "      </tr>",
        overdue=_OVERDUE_ROW if row.overdue else "",
        select=select,
        pk=row.pk,
        url=row.url,
        source_title=row.source_title,
        source_outlet=row.source_outlet or "—",
        retranslation_title=row.retranslation_title,
        retranslation_outlet=row.retranslation_outlet or "—",
        status=row.status,
        status_label=row.status_label,
        most=row.unit_total or 1,
        reviewed=row.unit_reviewed,
        total=row.unit_total,
        open_cell=open_cell,
        chips=chips or _NO_FLAGS,
        drift=_drift_text(row.drift, get_language()),
        assigned=_assigned(row),
        last=_last_worked_on(row),
        action=_action(row),
    )
