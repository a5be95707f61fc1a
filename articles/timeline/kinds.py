"""What kind of thing an audit action is, for the timeline's filter.

One function, `kind_of`, maps every action: first by the whole action (where one
prefix holds several kinds), then by its prefix, the part before the first dot, so
that actions added later ("assignment.made", "stage.approved",
"double_review.requested") fall into their kind without anyone listing them here; an
action nobody foresaw is "other".
"""

from __future__ import annotations

# Kinds in the order the filter offers them: (key, label).
KINDS = {
    "import": "Imports",
    "analysis": "Analyses",
    "decision": "Decisions",
    "alignment": "Alignment fixes",
    "assignment": "Assignments",
    "stage": "Stage changes",
    "double_review": "Double review",
    "comment": "Comments",
    "other": "Other",
}

_BY_ACTION = {
    "unit.merge": "alignment",
    "unit.split": "alignment",
    "unit.link": "alignment",
}

_BY_PREFIX = {
    "import": "import",
    "analysis": "analysis",
    "reanalysis": "analysis",
    "flag": "decision",
    "unit": "decision",
    "ledger": "decision",
    "undo": "decision",
    "adjudication": "decision",
    "assignment": "assignment",
    "comparison": "stage",
    "stage": "stage",
    "approval": "stage",
    "double_review": "double_review",
    "comment": "comment",
}


def kind_of(action: str) -> str:
    """The kind of an audit action ("flag.accept" -> "decision"), "other" if unknown."""
    if action in _BY_ACTION:
        return _BY_ACTION[action]
    return _BY_PREFIX.get(action.split(".", 1)[0], "other")


def actions_of(kind: str, actions: list[str]) -> list[str]:
    """Those of `actions` that are of `kind`."""
    return [a for a in actions if kind_of(a) == kind]
