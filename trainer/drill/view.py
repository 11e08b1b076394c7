"""The progress view: what a player keeps getting wrong, per round, per rubric criterion and per key point.

Plain data, so ``trainer debate --progress`` prints it and the TUI drill app draws it from the same values.
"Keeps missing" has a fixed meaning, so that the view is something a player can trust: a key point missed by
at least ``KEEPS_MISSING_TIMES`` typed answers and by at least half of those graded against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from trainer.drill.schedule import BOXES, describe_wait
from trainer.drill.store import DrillProgress, RoundRecord

KEEPS_MISSING_TIMES = 2


@dataclass(frozen=True, slots=True)
class PointStat:
    round: str  # round key
    round_title: str
    point: str  # key point id
    text: str
    missed: int
    asked: int

    @property
    def keeps_missing(self) -> bool:
        return self.missed >= KEEPS_MISSING_TIMES and self.missed * 2 >= self.asked


@dataclass(frozen=True, slots=True)
class CriterionStat:
    criterion: str
    label: str
    score: int
    max: int

    @property
    def fraction(self) -> float:
        return self.score / self.max if self.max > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RoundView:
    key: str
    story_title: str
    title: str
    box: int
    wait: str  # "box 2 of 5: back in 1 day (2025-02-01)"
    due_now: bool
    attempts: int
    last_score: float
    trend: tuple[float, ...]
    criteria: tuple[CriterionStat, ...]  # weakest first
    points: tuple[PointStat, ...]  # most missed first


@dataclass(frozen=True, slots=True)
class ProgressView:
    rounds: tuple[RoundView, ...]  # weakest (lowest box, then lowest last score) first
    keeps_missing: tuple[PointStat, ...]  # across all rounds, most missed first
    criteria: tuple[CriterionStat, ...]  # totals across all rounds, weakest first
    boxes: tuple[int, ...]  # rounds in each box, box 1 first

    @property
    def empty(self) -> bool:
        return not self.rounds


def _round_view(r: RoundRecord, now: datetime) -> RoundView:
    criteria = sorted((CriterionStat(cid, c.label, c.score, c.max) for cid, c in r.criteria.items()),
                      key=lambda c: (c.fraction, c.label))
    points = sorted((PointStat(r.key, r.title, pid, p.text, p.missed, p.asked) for pid, p in r.points.items()),
                    key=lambda p: (-p.missed, -p.asked, p.text))
    return RoundView(r.key, r.story_title, r.title, r.box, describe_wait(r.slot, now), r.due <= now, r.attempts,
                     r.last_score, r.scores, tuple(criteria), tuple(points))


def progress_view(progress: DrillProgress, now: datetime, keys: set[str] | None = None) -> ProgressView:
    """The view of every round in ``progress`` (or only those in ``keys``)."""
    records = [r for k, r in progress.rounds.items() if keys is None or k in keys]
    rounds = sorted((_round_view(r, now) for r in records), key=lambda v: (v.box, v.last_score, v.title))
    missing = sorted((p for v in rounds for p in v.points if p.keeps_missing),
                     key=lambda p: (-p.missed, -(p.missed / p.asked), p.round_title, p.text))
    totals: dict[str, CriterionStat] = {}
    for v in rounds:
        for c in v.criteria:
            prev = totals.get(c.criterion, CriterionStat(c.criterion, c.label, 0, 0))
            totals[c.criterion] = CriterionStat(c.criterion, prev.label, prev.score + c.score, prev.max + c.max)
    boxes = tuple(sum(1 for v in rounds if v.box == b) for b in range(1, BOXES + 1))
    return ProgressView(tuple(rounds), tuple(missing),
                        tuple(sorted(totals.values(), key=lambda c: (c.fraction, c.label))), boxes)
