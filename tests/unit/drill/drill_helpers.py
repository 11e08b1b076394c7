"""Helpers for the drill's tests (a plain module: the tests folders are not packages)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from trainer.drill.deck import Deck, Round
from trainer.drill.play import Attempt, RoundPlay

ROOT = Path(__file__).resolve().parents[3]
STORIES = ROOT / "tests" / "stories"
SMALL = STORIES / "drill_small.yaml"
NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def round_of(deck: Deck, debate: str) -> Round:
    return next(r for r in deck.rounds if r.debate.id == debate)


def played(rnd: Round, *answers: str) -> Attempt:
    """Play a round with rebuttal ids, ``"-"`` for a skip, or ``"t:TEXT"`` for a typed answer."""
    play = RoundPlay(rnd)
    for a in answers:
        if a == "-":
            play.skip()
        elif a.startswith("t:"):
            assert play.type(a[2:]).graded
        else:
            play.choose(a)
    return play.attempt()
