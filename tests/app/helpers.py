"""Helpers for driving the app the way a player does: by pressing keys."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual._compositor import LayoutUpdate
from textual.pilot import Pilot

from trainer.tui.app import TrainerApp, make_app
from trainer.tui.config import AppConfig
from trainer.tui.screens.play import PlayScreen

ROOT = Path(__file__).resolve().parents[2]
STORIES = Path(__file__).resolve().parent / "stories"
COUNCIL = STORIES / "council.yaml"
HOSTILE = STORIES / "hostile.yaml"
BROKEN = STORIES / "broken.yaml"
TUTORIAL = ROOT / "stories" / "tutorial.yaml"


def async_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with ``asyncio.run`` (no async plugin needed); fixtures still reach it."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def app_for(*paths: Path, **config: object) -> TrainerApp:
    return make_app(AppConfig(paths=tuple(paths), **config))  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Let workers (story loading, counterfactual search, export) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def play_screen(app: TrainerApp) -> PlayScreen:
    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, PlayScreen)), None)
    assert screen is not None, f"no play screen in {app.screen_stack}"
    return screen


def key_for(app: TrainerApp, choice_id: str) -> str:
    """The number key that picks ``choice_id`` among the options shown now."""
    game = play_screen(app).game
    shown = [o for o in game.session.available_choices() if not o.hidden]
    for n, option in enumerate(shown, start=1):
        if option.id == choice_id:
            assert option.enabled, f"{choice_id} is locked: {option.reason}"
            return str(n)
    raise AssertionError(f"{choice_id} is not offered here: {[o.id for o in shown]}")


async def choose(pilot: Pilot, choice_id: str) -> None:
    app = pilot.app
    assert isinstance(app, TrainerApp)
    await pilot.press(key_for(app, choice_id))
    await pilot.pause()


def _full_update(app: TrainerApp) -> LayoutUpdate:
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    return update


def screen_text(app: TrainerApp) -> str:
    """Everything on screen now (modal dialogs over their screen), as plain text: what a player can read."""
    return "\n".join("".join(strip.text for strip in line) for line in _full_update(app).strips)


def terminal_output(app: TrainerApp) -> str:
    """The characters the app would write to a real terminal to draw the whole screen now."""
    return _full_update(app).render_segments(app.console)


async def answer_debates(pilot: Pilot, rebuttal: str = "1") -> int:
    """Answer every pending debate exchange by picking a rebuttal; returns how many were answered."""
    from trainer.tui.screens.debate import DebateScreen

    app = pilot.app
    assert isinstance(app, TrainerApp)
    answered = 0
    if play_screen(app).phase != "debate":
        return 0
    await pilot.press("enter")
    await settle(pilot)
    while isinstance(app.screen, DebateScreen):
        await pilot.press(rebuttal)
        await settle(pilot)
        assert app.screen.phase == "graded", app.screen.phase
        await pilot.press("enter")
        await settle(pilot)
        answered += 1
    return answered


async def play_choice(pilot: Pilot, choice_id: str, why: str = "1") -> None:
    """Whatever the screen asks first (a debate, a "why?"), answer it, then make the choice and continue."""
    app = pilot.app
    assert isinstance(app, TrainerApp)
    await answer_debates(pilot)
    play = play_screen(app)
    assert play.phase == "ask", play.phase
    await choose(pilot, choice_id)
    assert play.phase == "explained", play.phase
    await pilot.press("enter")
    await settle(pilot)
    if app.screen is play and play.phase == "why":
        await pilot.press(why)
        await pilot.pause()
        assert play.phase == "answered"
        await pilot.press("enter")
        await settle(pilot)


async def skip_quiz(pilot: Pilot) -> bool:
    """If the story's quiz is being offered (before the first scene, after the ending), skip it; True if it was."""
    from trainer.tui.screens.quiz import QuizScreen

    if not isinstance(pilot.app.screen, QuizScreen):
        return False
    await pilot.press("s")
    await settle(pilot)
    return True
