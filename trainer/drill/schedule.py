"""The spaced-repetition rule: Leitner boxes, so that rounds argued badly come back sooner.

Why Leitner and not SM-2: a player (and a facilitator) can predict it and it explains itself in one line
("box 2 of 5: back in 1 day"). The rule, as the progress view and the docs state it:

- Five boxes. A round waits ``INTERVAL_DAYS[box]`` days after it was last drilled: 0, 1, 3, 7, 21. Box 1
  waits 0 days, so a round there is due again at the next drill.
- A round's score is the mean over its exchanges (a chosen rebuttal scores its rubric total over the rubric
  maximum, a typed answer the share of key points it covered, a skipped exchange 0).
- Score ≥ 0.75: up one box (at most 5). Score < 0.5: back to box 1, and the round comes back once more at the
  end of the current drill. In between: the round stays in its box.
- A drill takes the due rounds first — lowest box, then longest overdue —, then at most ``NEW_PER_DRILL``
  rounds never drilled, one story's round after another's in turn (so a drill of every story is not a drill
  of the first story), each story's in file order. When nothing is due and nothing is new, it practises
  ahead: the rounds due soonest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVAL_DAYS = (0, 1, 3, 7, 21)
BOXES = len(INTERVAL_DAYS)
PROMOTE_AT = 0.75
DEMOTE_BELOW = 0.5
NEW_PER_DRILL = 5  # like a flash-card deck's "new cards per day": a drill stays short enough to finish


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a round stands on the schedule."""

    box: int  # 1..BOXES
    due: datetime


def next_box(box: int, score: float) -> int:
    """The box a round moves to after scoring ``score`` (0..1) in box ``box``."""
    if score >= PROMOTE_AT:
        return min(box + 1, BOXES)
    if score < DEMOTE_BELOW:
        return 1
    return max(1, min(box, BOXES))


def reschedule(box: int, score: float, now: datetime) -> Slot:
    """The slot after a drill at ``now``: the new box and the day it is due again."""
    new = next_box(box, score)
    return Slot(new, now + timedelta(days=INTERVAL_DAYS[new - 1]))


def again_this_drill(score: float) -> bool:
    """A round argued badly is drilled once more before the drill ends."""
    return score < DEMOTE_BELOW


@dataclass(frozen=True, slots=True)
class Plan:
    """The rounds of a drill, in the order to drill them, with why each is there."""

    due: tuple[str, ...]  # drilled before, due now
    new: tuple[str, ...]  # never drilled
    ahead: tuple[str, ...]  # not due yet; only when nothing is due or new

    @property
    def order(self) -> tuple[str, ...]:
        return self.due + self.new + self.ahead


def _in_turn(keys: list[str]) -> list[str]:
    """``a/1 a/2 b/1`` -> ``a/1 b/1 a/2``: one round of each story in turn, each story's in order."""
    by_story: dict[str, list[str]] = {}
    for k in keys:
        by_story.setdefault(k.split("/", 1)[0], []).append(k)
    out: list[str] = []
    queues = list(by_story.values())
    while any(queues):
        out.extend(q.pop(0) for q in queues if q)
    return out


def plan(keys: Iterable[str], slots: Mapping[str, Slot], now: datetime, new_limit: int = NEW_PER_DRILL) -> Plan:
    """Order the rounds ``keys`` (``story/debate``, in story order) by the rule in the module docstring."""
    keys = list(keys)
    seen = [k for k in keys if k in slots]
    due = sorted((k for k in seen if slots[k].due <= now), key=lambda k: (slots[k].box, slots[k].due))
    new = _in_turn([k for k in keys if k not in slots])[:new_limit]
    ahead: list[str] = []
    if not due and not new:
        ahead = sorted(seen, key=lambda k: (slots[k].due, slots[k].box))
    return Plan(tuple(due), tuple(new), tuple(ahead))


def describe_wait(slot: Slot, now: datetime) -> str:
    """"box 2 of 5: back in 1 day" — what the player is told after a round."""
    days = INTERVAL_DAYS[slot.box - 1]
    if slot.due <= now or days == 0:
        wait = "due again at your next drill"
    else:
        wait = f"back in {days} day{'s' if days != 1 else ''} ({slot.due.date().isoformat()})"
    return f"box {slot.box} of {BOXES}: {wait}"
