"""One drill from start to end: the queue of rounds the schedule picked, each round saved as it finishes,
and a round argued badly put back at the end of the queue once. Shared by the plain drill and the TUI drill
app, so that both follow the same rule and save the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.drill.deck import Deck, Round
from trainer.drill.play import Attempt, RoundPlay
from trainer.drill.schedule import Plan, again_this_drill, describe_wait, plan
from trainer.drill.store import DrillProgress, RoundRecord, drill_path, record_attempt


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished round, as saved."""

    round: Round
    attempt: Attempt
    record: RoundRecord
    wait: str  # "box 2 of 5: back in 1 day (2025-03-02)"
    again: bool  # it comes back before this drill ends

    @property
    def score(self) -> float:
        return self.attempt.score


class DrillRun:
    """The rounds of one drill, in order. ``next_round`` gives the next ``RoundPlay``; ``finish`` saves it."""

    def __init__(self, deck: Deck, progress: DrillProgress, *, limit: int | None = None,
                 store: Path | None = None, now: Callable[[], datetime] = utc_now) -> None:
        self.deck = deck
        self.rounds = deck.by_key()
        self.store = drill_path() if store is None else store
        self.now = now
        self.plan: Plan = plan(self.rounds, progress.slots(), now())
        order = self.plan.order
        self.queue: list[str] = list(order[:limit] if limit else order)
        self._boxes = {k: r.box for k, r in progress.rounds.items()}
        self._again: set[str] = set()
        self._drilled_now: set[str] = set()
        self.number = 0  # of the round being played, from 1
        self.outcomes: list[Outcome] = []

    @property
    def total(self) -> int:
        """Rounds in this drill so far: played, being played, and still queued."""
        return self.number + len(self.queue)

    def summary(self) -> str:
        """"3 rounds (1 due again, 2 new)": what the drill holds, and why."""
        p, queued = self.plan, set(self.queue)
        due, new, ahead = (sum(k in queued for k in part) for part in (p.due, p.new, p.ahead))
        parts = [f"{due} due again" if due else "", f"{new} new" if new else "",
                 f"{ahead} ahead of schedule (nothing is due)" if ahead else ""]
        n = len(self.queue)
        detail = ", ".join(x for x in parts if x)
        return f"{n} round{'s' if n != 1 else ''}" + (f" ({detail})" if detail else "")

    def status(self, key: str) -> str:
        """Why a round is here: "new", "again" (earlier in this drill) or "box N"."""
        if key in self._drilled_now:
            return "again"
        box = self._boxes.get(key)
        return "new" if box is None else f"box {box}"

    def next_round(self) -> RoundPlay | None:
        if not self.queue:
            return None
        self.number += 1
        return RoundPlay(self.rounds[self.queue.pop(0)])

    def finish(self, play: RoundPlay) -> Outcome:
        """Save a finished round; raises DrillStoreError or OSError when it cannot be saved."""
        attempt = play.attempt()
        now = self.now()
        record = record_attempt(play.round, attempt, now, self.store)
        key = play.round.key
        self._drilled_now.add(key)
        again = again_this_drill(attempt.score) and key not in self._again
        if again:
            self._again.add(key)
            self.queue.append(key)
        outcome = Outcome(play.round, attempt, record, describe_wait(record.slot, now), again)
        self.outcomes.append(outcome)
        return outcome
