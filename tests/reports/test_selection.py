import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone

from articles.models import Comparison
from articles.reports.selection import SelectionError, build_selection, selection_from_query
from tests.builders import build_comparison


@pytest.fixture
def three(db):
    a = build_comparison([("A one.", "A two.")], title="Alpha story")
    b = build_comparison([("B one.", "B two.")], title="Beta story")
    c = build_comparison([("C one.", "C two.")], title="Gamma story")
    a.source.outlet = "Reuters"
    a.source.save()
    Comparison.objects.filter(pk=b.pk).update(status="in_review")
    Comparison.objects.filter(pk=c.pk).update(
        status="done", created_at=timezone.now() - dt.timedelta(days=10)
    )
    return a, b, c


def _ids(selection) -> list[int]:
    return list(selection.queryset().values_list("pk", flat=True))


def test_it_selects_by_status_outlet_query_and_ids(three):
    a, b, c = three
    assert _ids(build_selection(statuses=["in_review", "done"])) == [b.pk, c.pk]
    assert _ids(build_selection(outlet="reuters")) == [a.pk]
    assert _ids(build_selection(query="gamma")) == [c.pk]
    assert _ids(build_selection(ids=[str(c.pk), str(a.pk)])) == [a.pk, c.pk]


def test_it_selects_by_an_inclusive_date_range(three):
    a, b, c = three
    today = timezone.now().date()
    assert _ids(build_selection(since=today.isoformat())) == [a.pk, b.pk]
    assert _ids(build_selection(until=(today - dt.timedelta(days=1)).isoformat())) == [c.pk]
    assert _ids(build_selection(since=str(today), until=str(today))) == [a.pk, b.pk]


def test_it_reads_the_dashboard_querystring(three):
    a, b, c = three
    assert _ids(selection_from_query(QueryDict("status=in_review&q=beta"))) == [b.pk]
    assert _ids(selection_from_query(QueryDict(f"ids={a.pk},{c.pk}"))) == [a.pk, c.pk]
    assert _ids(selection_from_query(QueryDict(f"id={b.pk}&id={c.pk}"))) == [b.pk, c.pk]
    assert selection_from_query(QueryDict("")).everything
    assert _ids(selection_from_query(QueryDict("page=2"))) == [a.pk, b.pk, c.pk]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"statuses": ["archived"]}, "status 'archived': unknown status"),
        ({"since": "21/11/2026"}, "since '21/11/2026': not a date (YYYY-MM-DD)"),
        ({"until": "yesterday"}, "until 'yesterday': not a date"),
        ({"ids": ["x7"]}, "id 'x7': not a comparison id"),
        ({"since": "2026-11-21", "until": "2026-11-01"}, "since 2026-11-21 is after until"),
    ],
)
def test_it_refuses_bad_input_with_a_one_line_reason(kwargs, message):
    with pytest.raises(SelectionError) as error:
        build_selection(**kwargs)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_it_refuses_an_unknown_comparison_id(three):
    with pytest.raises(SelectionError, match=r"^comparison 999: no such comparison$"):
        build_selection(ids=["999"]).queryset()


def test_it_names_the_most_ids_a_selection_may_list():
    with pytest.raises(SelectionError, match=r"^ids: at most 2 comparisons may be listed$"):
        build_selection(ids=["1", "2", "3"], max_ids=2)


def test_it_takes_the_queue_filters_and_resolves_me_to_a_user_name(db, django_user_model):
    eddie = django_user_model.objects.create_user("eddie")
    selection = selection_from_query(QueryDict("assignee=me&stage=review&due=week"), user=eddie)
    assert (selection.assignee, selection.stage, selection.due) == ("eddie", "review", "week")
    assert not selection.everything and not selection.is_empty
    assert selection.describe()["assignee"] == "eddie"
    assert build_selection(assignee="none").assignee == "none"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"assignee": "me"}, "assignee 'me': means the signed-in user, and no one is"),
        ({"assignee": "ghost"}, "assignee: “ghost” is not a user name (nor me or none)."),
        ({"stage": "shipping"}, "stage: “shipping” is not a stage"),
        ({"due": "soon"}, "due: “soon” is not a due date filter"),
        ({"due": "week\x00"}, "due: holds a control character"),
    ],
)
def test_it_refuses_a_queue_filter_the_dashboard_does_not_offer(db, kwargs, message):
    with pytest.raises(SelectionError) as error:
        build_selection(**kwargs)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_it_refuses_me_for_a_user_whose_name_is_a_filter_value(db, django_user_model):
    # Resolved to its name, "none" would select the unassigned comparisons instead.
    named_none = django_user_model.objects.create_user("none")
    with pytest.raises(SelectionError, match=r"^assignee 'me': the user name 'none' is also"):
        selection_from_query(QueryDict("assignee=me"), user=named_none)
