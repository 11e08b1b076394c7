"""The library: stories with their progress; a story that cannot be played says why; Enter plays."""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import BROKEN, COUNCIL, HOSTILE, app_for, async_test, play_choice, screen_text, settle
from trainer.tui.library import library_sources
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen


@async_test
async def test_library_lists_stories_with_progress_and_errors() -> None:
    app = app_for(COUNCIL, BROKEN)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        text = screen_text(app)
        assert "The strike committee   5 min · from the command line" in text
        assert "A short story made for the app's tests." in text
        assert "Meters: Organisation, Morale" in text
        assert "endings found 0 of 3" in text
        assert "broken.yaml   cannot be played" in text
        assert "broken.yaml:14:15: error[E012]: choice 'go' goes to 'secnd'" in text

        # Play to an ending, come back: the library shows the ending found and the game finished.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("x")
        await settle(pilot)
        await play_choice(pilot, "wait")
        await play_choice(pilot, "accept")
        await pilot.press("escape")  # the ending screen back to the library
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "finished 1× · endings found 1 of 3" in screen_text(app)


@async_test
async def test_in_progress_story_offers_resume_or_restart() -> None:
    app = app_for(COUNCIL, HOSTILE)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await play_choice(pilot, "elect")
        await pilot.press("escape")
        await settle(pilot)
        assert "▶ in progress: The offer, after 1 choice" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Resume your game?" in text and "Resume (r)" in text and "Start again (n)" in text
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.game.state.scene == "talks"


@async_test
async def test_broken_story_cannot_be_opened() -> None:
    app = app_for(BROKEN, COUNCIL)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("secnd" in str(n.message) for n in app._notifications)


def test_library_sources(trainer_home: Path) -> None:
    # given paths: only those; none: bundled stories, then the player's own
    assert library_sources((COUNCIL,)) == [(COUNCIL, "given")]
    mine = trainer_home / "stories"
    mine.mkdir()
    (mine / "mine.yaml").write_text(COUNCIL.read_text(encoding="utf-8"), encoding="utf-8")
    sources = library_sources(())
    assert sources[-1] == (mine / "mine.yaml", "yours")
    assert all(kind == "bundled" for _, kind in sources[:-1]) and len(sources) >= 2
