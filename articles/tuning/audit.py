"""The tuning's audit trail: every change to the ignore list or the rule settings."""

from __future__ import annotations

from articles.tuning.models import IgnoreEntry, RuleSetting, TuningEvent


def snapshot(obj: IgnoreEntry | RuleSetting | None) -> dict | None:
    if obj is None:
        return None
    if isinstance(obj, IgnoreEntry):
        return {"left": obj.left, "right": obj.right, "outlet": obj.outlet, "note": obj.note}
    return {"rule": obj.rule, "muted": obj.muted, "severity": obj.severity, "reason": obj.reason}


def record(user, obj: IgnoreEntry | RuleSetting, verb: str, before: dict | None) -> TuningEvent:
    """Record one change (`verb`: add, change or delete) made by `user`."""
    family = "ignore" if isinstance(obj, IgnoreEntry) else "rule"
    return TuningEvent.objects.create(
        actor=user if getattr(user, "is_authenticated", False) else None,
        action=f"{family}.{verb}",
        subject=str(obj)[:500],
        before=before,
        after=None if verb == "delete" else snapshot(obj),
    )
