"""What a review action raises when it cannot be done; views turn these into messages."""

from __future__ import annotations


class ReviewError(Exception):
    """The action cannot be done as asked; the message says why, for the editor."""


class Conflict(ReviewError):
    """Someone changed the unit since it was shown: the change was not saved."""

    def __init__(self, message: str, *, unit_id: int | None = None) -> None:
        super().__init__(message)
        self.unit_id = unit_id


class NotDecided(ReviewError):
    """The comparison cannot be done: units are not reviewed or suggestions are open."""

    def __init__(self, message: str, *, open_units: list) -> None:
        super().__init__(message)
        self.open_units = open_units
