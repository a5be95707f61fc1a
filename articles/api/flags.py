"""An editor's decision on a flag: accept or dismiss, as in the review workspace.

The rules are the review's own (articles/review/flags.py): the unit version the
decision was made on (409 when the unit changed since), the same refusals (422), the
same audit event, and only editors may decide.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from articles.api.auth import access
from articles.api.comparisons import flag_out
from articles.api.errors import ApiError
from articles.api.schemas import DecisionIn, Error, FlagOut
from articles.models import Flag
from articles.roles import can_review

router = Router(tags=["flags"])


@router.post(
    "/flags/{int:pk}/decision",
    response={200: FlagOut, 404: Error, 409: Error, 422: Error},
    auth=access(can_review, "Deciding about flags needs the editor role."),
    url_name="flag_decision",
    summary="Accept or dismiss a flag",
)
def decide(request: HttpRequest, pk: int, payload: DecisionIn):
    """`version` is the unit's version as read (GET …/flags gives it). The answer is
    the flag as it is now, with the unit's new version."""
    from articles.review import flags as flag_ops
    from articles.review.errors import Conflict, ReviewError

    flag = get_object_or_404(Flag.objects.select_related("unit__comparison"), pk=pk)
    operation = flag_ops.accept_flag if payload.decision == "accept" else flag_ops.dismiss_flag
    try:
        operation(user=request.user, unit=flag.unit, flag=flag, shown_version=payload.version)
    except Conflict as conflict:
        current = Flag.objects.select_related("unit").get(pk=pk)
        raise ApiError(
            409,
            "stale_version",
            f"{conflict} (unit version now {current.unit.version}, you sent {payload.version})",
        ) from conflict
    except ReviewError as error:
        raise ApiError(422, "refused", str(error)) from error
    return flag_out(Flag.objects.select_related("unit").get(pk=pk))
