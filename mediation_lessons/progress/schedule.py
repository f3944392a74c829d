"""Leitner scheduling for review questions: pure functions over explicit times.

The rule
--------
A question the learner misses (any wrong attempt, in the lesson or in review)
goes into **box 1** of the learner's review deck. Each box has an interval
before the question is due again:

=====  ==========
box    due after
=====  ==========
1      0 days (at the learner's next session)
2      1 day
3      3 days
4      7 days
5      14 days
=====  ==========

Answering a due question right moves it to the next box; answering it wrong
puts it back in box 1. A question answered right while in the last box
(box 5) leaves review for good: it is *retired* (``box`` becomes ``None``).

"In a later session": the app asks for due reviews once, when a session
starts (``due <= now``), so a question missed during a session is due at
once but is shown only the next time the learner opens the course.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVALS: tuple[timedelta, ...] = (
    timedelta(days=0),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=7),
    timedelta(days=14),
)
"""How long a question waits in box ``i + 1`` before it is due again."""

FIRST_BOX = 1
LAST_BOX = len(INTERVALS)


@dataclass(frozen=True)
class Slot:
    """Where a question sits in the deck: its box and when it is next due.

    ``box`` is ``None`` once the question is retired (it left review).
    """

    box: int | None
    due: datetime | None

    @property
    def retired(self) -> bool:
        """True once the question has left review."""
        return self.box is None


def interval(box: int) -> timedelta:
    """The wait before a question in ``box`` is due again."""
    if not FIRST_BOX <= box <= LAST_BOX:
        raise ValueError(f"box must be between {FIRST_BOX} and {LAST_BOX}, not {box}")
    return INTERVALS[box - 1]


def missed(now: datetime) -> Slot:
    """The slot of a question just answered wrong: box 1, due at once."""
    return Slot(FIRST_BOX, now + interval(FIRST_BOX))


def answered(slot: Slot, correct: bool, now: datetime) -> Slot:
    """The slot after a review answer given at ``now``.

    Wrong sends the question back to box 1; right moves it one box up, and
    right in the last box retires it. A retired question stays retired
    unless it is answered wrong again.
    """
    if not correct:
        return missed(now)
    if slot.box is None or slot.box >= LAST_BOX:
        return Slot(None, None)
    box = slot.box + 1
    return Slot(box, now + interval(box))


def is_due(slot: Slot, now: datetime) -> bool:
    """True when the question is in review and its due time has come."""
    return slot.box is not None and slot.due is not None and slot.due <= now
