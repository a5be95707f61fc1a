"""What editors did with each rule's suggestions: raised, accepted, dismissed.

Every accepted or dismissed suggestion is evidence about its rule; the figures are
counted by the database in one aggregate query, whatever the number of flags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Flag
from articles.tuning.models import RuleSetting


@dataclass(frozen=True, slots=True)
class RuleFigures:
    rule: str
    raised: int
    accepted: int
    dismissed: int
    setting: RuleSetting | None

    @property
    def open(self) -> int:
        return self.raised - self.accepted - self.dismissed

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted among the decided suggestions (None before any decision)."""
        decided = self.accepted + self.dismissed
        return self.accepted / decided if decided else None


def known_rules() -> tuple[str, ...]:
    """Every rule the analysis has, as its checks declare them."""
    from articles.analysis.checks import ALL_CHECKS  # the analysis, loaded when asked

    return tuple(sorted({rule for check in ALL_CHECKS for rule in check.rules}))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def rule_figures(
    start: dt.date | None = None, end: dt.date | None = None, outlet: str = ""
) -> list[RuleFigures]:
    """The figures of every rule for suggestions raised from `start` to `end` (days,
    both included) in comparisons where either article is from `outlet` (any outlet
    when blank). Two queries: the aggregate and the rule settings."""
    flags = Flag.objects.filter(origin=Flag.Origin.AUTO).exclude(rule="")
    if start:
        flags = flags.filter(created_at__gte=_day_start(start))
    if end:
        flags = flags.filter(created_at__lt=_day_start(end + dt.timedelta(days=1)))
    if outlet:
        flags = flags.filter(
            Q(unit__comparison__source__outlet=outlet)
            | Q(unit__comparison__retranslation__outlet=outlet)
        )
    rows = (
        flags.order_by()
        .values("rule")
        .annotate(
            raised=Count("pk"),
            accepted=Count("pk", filter=Q(status=Flag.Status.CONFIRMED)),
            dismissed=Count("pk", filter=Q(status=Flag.Status.DISMISSED)),
        )
    )
    counted = {row["rule"]: row for row in rows}
    settings = {s.rule: s for s in RuleSetting.objects.all()}
    rules = sorted(set(known_rules()) | set(counted) | set(settings))
    empty = {"raised": 0, "accepted": 0, "dismissed": 0}
    return [
        RuleFigures(
            rule=rule,
            raised=counted.get(rule, empty)["raised"],
            accepted=counted.get(rule, empty)["accepted"],
            dismissed=counted.get(rule, empty)["dismissed"],
            setting=settings.get(rule),
        )
        for rule in rules
    ]
