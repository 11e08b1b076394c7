"""Snapshots of the drill screen at 80×24 and 120×40 (``pytest --snapshot-update`` after a deliberate change).
The clock is fixed so that "back in 1 day (date)" does not move; the story is ``tests/stories/drill_small.yaml``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.helpers import settle
from trainer.drill.deck import load_deck
from trainer.drill.store import EMPTY
from trainer.tui.drill_app import DrillApp

SMALL = Path(__file__).resolve().parents[1] / "stories" / "drill_small.yaml"
NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def app() -> DrillApp:
    return DrillApp(load_deck(str(SMALL)), EMPTY, now=lambda: NOW)


@pytest.mark.parametrize("size", SIZES)
def test_drill_start(snap_compare: Any, size: tuple[int, int]) -> None:
    """The drill before its first round: "Debate drill: 2 rounds (2 new)", the rule in one dim line, and
    "Round 1 of 2: Is a left government enough?" with its opponent and the keys Enter, p and q."""
    assert snap_compare(app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_drill_after_a_round(snap_compare: Any, size: tuple[int, int]) -> None:
    """After a round answered with rebuttals 1 and 2: "Round score: 25%", "Now in box 1 of 5: due again at your
    next drill", "You will meet this round again before the drill ends", then "Round 2 of 3: Wait for better
    times?" with Tom Hale."""

    async def steps(pilot: Pilot) -> None:
        await settle(pilot)
        for key in ("enter", "1", "enter", "2", "enter"):
            await pilot.press(key)
            await settle(pilot)

    assert snap_compare(app(), terminal_size=size, run_before=steps)
