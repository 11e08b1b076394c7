"""The full-screen drill with Pilot: real keys, the story's own debate screen, progress saved per round."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from tests.app.helpers import async_test, screen_text, settle
from trainer.drill.deck import load_deck
from trainer.drill.store import EMPTY
from trainer.tui.drill_app import DrillApp, DrillScreen
from trainer.tui.screens.debate import DebateScreen

SMALL = Path(__file__).resolve().parents[1] / "stories" / "drill_small.yaml"


def drill_app(limit: int | None = None) -> DrillApp:
    return DrillApp(load_deck(str(SMALL)), EMPTY, limit=limit)


def shown(app: DrillApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


@async_test
async def test_a_typed_rebuttal_shows_covered_and_missed_points(trainer_home: Path) -> None:
    app = drill_app(limit=1)
    async with app.run_test(size=(110, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert "Round 1 of 1: Is a left government enough?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebateScreen)
        assert "We have a majority." in screen_text(app)
        await pilot.press("t")
        await pilot.press(*"The army, and Pinochet in 1973.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "You covered 2 of 3 key points." in text
        assert "✓ The state is not neutral   matched: \u201carmy\u201d" in text
        assert "✓ History shows what the generals do   matched: \u201cPinochet\u201d" in text
        assert "✗ Workers need councils of their own   missed" in text
        assert "Model answer" in text
        await pilot.press("enter")  # the second exchange
        await pilot.press("1")  # Chile: full marks
        await settle(pilot)
        assert "That was Chile." in screen_text(app)  # the counter-reply
        await pilot.press("enter")  # the round is over: back to the drill
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        last = shown(app, "#drill-last")
        assert "Round score: 83%" in last
        assert "Now in box 2 of 5: back in 1 day" in last
        assert "Key points to work on: Workers need councils of their own" in last
        assert "Drill over: 1 round drilled." in shown(app, "#drill-next")
        await pilot.press("p")
        await settle(pilot)
        assert "DRILL PROGRESS  1 round drilled (1 in box 2)." in shown(app, "#drill-progress")
        await pilot.press("q")
    assert app.return_code == 0
    data = json.loads((trainer_home / "drill.json").read_text(encoding="utf-8"))
    assert data["rounds"]["drill_small/left_government"]["points"]["councils"]["missed"] == 1


@async_test
async def test_an_empty_typed_answer_is_refused_on_screen(trainer_home: Path) -> None:
    app = drill_app(limit=1)
    async with app.run_test(size=(110, 45)) as pilot:
        await pilot.press("enter", "t", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DebateScreen)
        assert "Your answer is empty" in screen_text(app)


@async_test
async def test_leaving_a_round_does_not_count_it(trainer_home: Path) -> None:
    app = drill_app()
    async with app.run_test(size=(110, 45)) as pilot:
        await pilot.press("enter", "1", "enter")  # one exchange answered, then leave
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert "is not counted and stays due" in shown(app, "#drill-last")
        assert "Round 2 of 2: Wait for better times?" in shown(app, "#drill-next")
    assert not (trainer_home / "drill.json").exists()


@async_test
async def test_a_bad_round_comes_back_before_the_drill_ends(trainer_home: Path) -> None:
    app = drill_app(limit=1)
    async with app.run_test(size=(110, 45)) as pilot:
        await pilot.press("enter", "2", "enter", "2", "enter")  # both answers score 0
        await settle(pilot)
        assert "You will meet this round again before the drill ends." in shown(app, "#drill-last")
        upcoming = shown(app, "#drill-next")
        assert "Round 2 of 2: Is a left government enough?" in upcoming
        assert "small; again)" in upcoming
        assert "\x1b" not in upcoming  # the title's escape sequence is drawn as an inert ␛
