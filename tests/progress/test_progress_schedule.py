"""The Leitner review rule, with explicit times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mediation_lessons.progress import schedule
from mediation_lessons.progress.schedule import Slot, answered, interval, is_due, missed

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def test_a_missed_question_goes_to_box_one_due_at_once() -> None:
    slot = missed(T0)
    assert slot == Slot(1, T0)
    assert is_due(slot, T0)
    assert not is_due(slot, T0 - timedelta(seconds=1))


def test_right_answers_climb_the_boxes_with_growing_intervals() -> None:
    slot, now = missed(T0), T0
    seen = []
    while not slot.retired:
        assert slot.due is not None
        now = slot.due
        slot = answered(slot, True, now)
        seen.append((slot.box, None if slot.due is None else slot.due - now))
    assert seen == [(2, DAY), (3, 3 * DAY), (4, 7 * DAY), (5, 14 * DAY), (None, None)]


def test_a_wrong_answer_sends_it_back_to_box_one_from_any_box() -> None:
    for box in range(schedule.FIRST_BOX, schedule.LAST_BOX + 1):
        now = T0 + box * DAY
        assert answered(Slot(box, T0), False, now) == Slot(1, now)


def test_retired_questions_come_back_only_when_missed_again() -> None:
    retired = Slot(None, None)
    assert not is_due(retired, T0 + 1000 * DAY)
    assert answered(retired, True, T0) == retired
    assert answered(retired, False, T0) == Slot(1, T0)


def test_a_question_is_not_due_before_its_interval() -> None:
    slot = answered(Slot(2, T0), True, T0)
    assert slot == Slot(3, T0 + 3 * DAY)
    assert not is_due(slot, T0 + 3 * DAY - timedelta(minutes=1))
    assert is_due(slot, T0 + 3 * DAY)


@pytest.mark.parametrize("box", [0, 6, -1])
def test_interval_rejects_boxes_outside_the_deck(box: int) -> None:
    with pytest.raises(ValueError, match="box must be between 1 and 5"):
        interval(box)
