"""The full-screen drill with Pilot: real keys, the story's own debate screen, progress saved per round."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from textual.widgets import Static

from trainer.drill.deck import load_deck
from trainer.drill.store import EMPTY
from trainer.tui.drill_app import DrillApp, DrillScreen
from trainer.tui.screens.debate import DebateScreen

SMALL = Path(__file__).resolve().parents[1] / "stories" / "drill_small.yaml"


def keys(text: str) -> list[str]:
    """The key presses that type ``text`` (letters, digits, spaces and a few punctuation marks)."""
    names = {" ": "space", ",": "comma", ".": "full_stop", ";": "semicolon"}
    return [names.get(c, c) for c in text]


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


def test_a_typed_rebuttal_shows_covered_and_missed_points(trainer_home: Path) -> None:
    async def scenario() -> None:
        app = DrillApp(load_deck(str(SMALL)), EMPTY, limit=1)
        async with app.run_test(size=(110, 45)) as pilot:
            assert isinstance(app.screen, DrillScreen)
            assert "Round 1 of 1: Is a left government enough?" in shown(app.screen, "#drill-next")
            await pilot.press("enter")
            assert isinstance(app.screen, DebateScreen)
            await pilot.press("t")
            await pilot.press(*keys("the army, and pinochet"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            grades = shown(app.screen, "#grades")
            assert "You covered 2 of 3 key points." in grades
            assert "✓ The state is not neutral   matched: \u201carmy\u201d" in grades
            assert "✓ History shows what the generals do   matched: \u201cpinochet\u201d" in grades
            assert "✗ Workers need councils of their own   missed" in grades
            await pilot.press("enter")  # the second exchange
            await pilot.press("1")  # Chile: full marks
            await pilot.pause()
            assert "Analysis" in shown(app.screen, "#grades")
            await pilot.press("enter")  # the round is over: back to the drill
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            last = shown(app.screen, "#drill-last")
            assert "Round score: 83%" in last
            assert "Now in box 2 of 5: back in 1 day" in last
            assert "Key points to work on: Workers need councils of their own" in last
            assert "Drill over: 1 round drilled." in shown(app.screen, "#drill-next")
            await pilot.press("p")
            assert "DRILL PROGRESS  1 round drilled (1 in box 2)." in shown(app.screen, "#drill-progress")
            await pilot.press("q")
        assert app.return_code == 0
        data = json.loads((trainer_home / "drill.json").read_text(encoding="utf-8"))
        assert data["rounds"]["drill_small/left_government"]["points"]["councils"]["missed"] == 1

    asyncio.run(scenario())


def test_an_empty_typed_answer_is_refused_on_screen(trainer_home: Path) -> None:
    async def scenario() -> None:
        app = DrillApp(load_deck(str(SMALL)), EMPTY, limit=1)
        async with app.run_test(size=(110, 45)) as pilot:
            await pilot.press("enter", "t", "ctrl+s")
            await pilot.pause()
            assert "Your answer is empty" in shown(app.screen, "#typed-message")
            assert isinstance(app.screen, DebateScreen)

    asyncio.run(scenario())


def test_leaving_a_round_does_not_count_it(trainer_home: Path) -> None:
    async def scenario() -> None:
        app = DrillApp(load_deck(str(SMALL)), EMPTY)
        async with app.run_test(size=(110, 45)) as pilot:
            await pilot.press("enter", "1")  # one exchange answered, then leave
            await pilot.press("enter")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DrillScreen)
            assert "is not counted and stays due" in shown(app.screen, "#drill-last")
            assert "Round 2 of 2: Wait for better times?" in shown(app.screen, "#drill-next")
        assert not (trainer_home / "drill.json").exists()

    asyncio.run(scenario())


def test_a_bad_round_comes_back_before_the_drill_ends(trainer_home: Path) -> None:
    async def scenario() -> None:
        app = DrillApp(load_deck(str(SMALL)), EMPTY, limit=1)
        async with app.run_test(size=(110, 45)) as pilot:
            await pilot.press("enter", "2", "enter", "2", "enter")  # both answers score 0
            await pilot.pause()
            assert "You will meet this round again before the drill ends." in shown(app.screen, "#drill-last")
            assert "Round 2 of 2: Is a left government enough?" in shown(app.screen, "#drill-next")
            assert "small; again)" in shown(app.screen, "#drill-next")
            assert "\x1b" not in shown(app.screen, "#drill-next")  # the title's escape is shown as ␛, inert

    asyncio.run(scenario())
