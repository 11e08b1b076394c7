"""The Leitner schedule: which box a round moves to, when it is due, and the order of a drill."""

from __future__ import annotations

from datetime import timedelta

import pytest
from drill_helpers import NOW

from trainer.drill.schedule import Slot, again_this_drill, describe_wait, next_box, plan, reschedule


@pytest.mark.parametrize(("box", "score", "expected"), [
    (1, 1.0, 2),    # a perfect round moves up one box
    (1, 0.75, 2),   # the promotion threshold itself promotes
    (4, 0.9, 5),    # up to the last box
    (5, 1.0, 5),    # and no further
    (3, 0.74, 3),   # just under the threshold: stays
    (3, 0.5, 3),    # the demotion threshold itself stays
    (3, 0.49, 1),   # a bad round goes back to box 1, from anywhere
    (5, 0.0, 1),    # even from the last box
    (1, 0.0, 1),    # box 1 is the floor
])
def test_next_box(box: int, score: float, expected: int) -> None:
    assert next_box(box, score) == expected


@pytest.mark.parametrize(("box", "score", "days"), [
    (1, 0.0, 0),   # failed: due again at once (the next drill)
    (1, 1.0, 1),   # box 2 waits a day
    (2, 1.0, 3),   # box 3 waits three days
    (3, 1.0, 7),
    (4, 1.0, 21),
    (4, 0.6, 7),   # stays in box 4: a week again
])
def test_reschedule_due(box: int, score: float, days: int) -> None:
    assert reschedule(box, score, NOW).due == NOW + timedelta(days=days)


def test_rounds_done_badly_come_back_sooner() -> None:
    """The point of the schedule: from the same box, a bad round is due before a good one."""
    good, bad = reschedule(3, 0.9, NOW), reschedule(3, 0.2, NOW)
    assert bad.due < good.due


def test_a_failed_round_comes_back_in_the_same_drill() -> None:
    assert again_this_drill(0.3)
    assert not again_this_drill(0.5)


def test_plan_due_first_then_new_in_story_order() -> None:
    slots = {
        "s/late": Slot(2, NOW - timedelta(days=5)),     # due, box 2
        "s/weak": Slot(1, NOW),                          # due, box 1: first
        "s/later": Slot(3, NOW + timedelta(days=2)),    # not due: left out
    }
    p = plan(["s/new_b", "s/late", "s/weak", "s/later", "s/new_a"], slots, NOW)
    assert p.due == ("s/weak", "s/late")
    assert p.new == ("s/new_b", "s/new_a")
    assert p.ahead == ()
    assert p.order == ("s/weak", "s/late", "s/new_b", "s/new_a")


def test_plan_practises_ahead_when_nothing_is_due() -> None:
    slots = {"s/a": Slot(3, NOW + timedelta(days=5)), "s/b": Slot(2, NOW + timedelta(days=1))}
    p = plan(["s/a", "s/b"], slots, NOW)
    assert p.due == p.new == ()
    assert p.ahead == ("s/b", "s/a")


@pytest.mark.parametrize(("slot", "text"), [
    (Slot(1, NOW), "box 1 of 5: due again at your next drill"),
    (Slot(2, NOW + timedelta(days=1)), "box 2 of 5: back in 1 day (2025-03-02)"),
    (Slot(4, NOW + timedelta(days=7)), "box 4 of 5: back in 7 days (2025-03-08)"),
])
def test_describe_wait(slot: Slot, text: str) -> None:
    assert describe_wait(slot, NOW) == text


def test_new_rounds_take_turns_between_stories_and_are_capped() -> None:
    keys = [f"a/{i}" for i in range(4)] + ["b/0", "b/1", "c/0"]
    p = plan(keys, {}, NOW)
    assert p.new == ("a/0", "b/0", "c/0", "a/1", "b/1")  # NEW_PER_DRILL = 5; a/2, a/3 wait for the next drill
    assert plan(keys, {}, NOW, new_limit=100).new == ("a/0", "b/0", "c/0", "a/1", "b/1", "a/2", "a/3")
