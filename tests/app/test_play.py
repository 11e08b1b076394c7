"""Playing with real key presses: a bundled story to its ending, undo, rewind, resume, export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from tests.app.helpers import (
    COUNCIL,
    TUTORIAL,
    app_for,
    async_test,
    choose,
    play_choice,
    play_screen,
    screen_text,
    settle,
    skip_quiz,
)
from trainer.engine import Choose
from trainer.story import load_story
from trainer.tui.screens.dialogs import ActionDialog, ConfirmDialog
from trainer.tui.screens.ending import EndingScreen
from trainer.tui.screens.play import PlayScreen


def choices_made(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.choice for d in play_screen(app).game.session.decisions if isinstance(d, Choose)]


@async_test
async def test_tutorial_to_an_ending_with_undo_rewind_and_export(trainer_home: Path) -> None:
    story = load_story(TUTORIAL)
    route = next(iter(story.tests.values()))
    app = app_for(TUTORIAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await skip_quiz(pilot)  # offered before the first scene (tests/app/test_quiz.py takes it)
        assert isinstance(app.screen, PlayScreen)
        first = route.choices[0]

        # A wrong turn, taken back with u.
        other = next(c for c in story.scenes[story.start].choices if c != first)
        await choose(pilot, other)
        assert choices_made(app) == [other]
        assert "What changed" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert choices_made(app) == []
        assert play_screen(app).phase == "ask"

        # The golden route, answering the debate and the "why?" prompt on the way.
        await play_choice(pilot, route.choices[0])
        await play_choice(pilot, route.choices[1])
        assert choices_made(app) == list(route.choices[:2])

        # Rewind to the first decision from the sidebar's timeline with a mouse click, confirm, and replay.
        timeline = app.screen.query_one("#timeline", OptionList)
        assert timeline.option_count == 2
        await pilot.click("#timeline", offset=(4, 0))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Rewind to decision 1?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert choices_made(app) == []
        await play_choice(pilot, route.choices[0])
        await play_choice(pilot, route.choices[1])

        for choice in route.choices[2:]:
            await play_choice(pilot, choice)
        await settle(pilot)
        assert await skip_quiz(pilot)  # and again after the ending
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "ENDING" in text and story.endings[route.ending].title in text

        # Export the debrief as Markdown: e, then m; the saved path is shown.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        await pilot.press("m")
        await settle(pilot)
        exported = sorted((trainer_home / "debriefs").glob("tutorial-*.md"))
        assert len(exported) == 1
        body = exported[0].read_text(encoding="utf-8")
        assert story.endings[route.ending].title in body and story.title in body
        shown = str(app.screen.query_one("#export-path", Static).render())
        assert str(exported[0]) in shown.replace("\n", "")


@async_test
async def test_resume_after_quitting(trainer_home: Path) -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # skip the debate
        await settle(pilot)
        await choose(pilot, "elect")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1", "enter")  # the "why?" prompt
        await settle(pilot)
        assert play_screen(app).game.state.scene == "talks"
        await pilot.press("q")
        await pilot.pause()
    assert (trainer_home / "saves" / "app_council.json").is_file()

    again = app_for(COUNCIL)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ActionDialog)
        assert "The offer, after 1 choice" in screen_text(again)
        await pilot.press("r")
        await settle(pilot)
        play = play_screen(again)
        assert play.game.state.scene == "talks"
        assert choices_made(again) == ["elect"]
        assert "The offer" in screen_text(again)


@async_test
async def test_start_again_from_the_resume_dialog(trainer_home: Path) -> None:
    app = app_for(COUNCIL)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "wait")
        await pilot.press("q")
    again = app_for(COUNCIL)
    async with again.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert play_screen(again).game.session.decisions == ()
        assert play_screen(again).game.state.scene == "strike"


@async_test
async def test_locked_choice_is_dimmed_with_its_reason() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "wait")  # no committee: the vote is locked in the next scene
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")  # skip "why?"
        await settle(pilot)
        text = screen_text(app)
        assert "locked: There is no committee to call the meeting." in text
        await pilot.press("1")
        await pilot.pause()
        assert play_screen(app).phase == "ask"  # nothing was chosen
        assert any("Option 1 is locked" in str(n.message) for n in app._notifications)


@async_test
async def test_explanation_shows_effects_reasons_history_and_roads_not_taken() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        text = screen_text(app)
        for expected in ("You chose: Elect a strike committee", "Organisation  3 → 6  (+3) ▲3",
                         "Delegates elected and recallable", "The London dock strike", "August 1889",
                         "Roads not taken", "Wait for the union officials", "Organisation -1; Morale -2",
                         "Next: The offer", "Now true: The strikers elected a committee"):
            assert expected in text, expected
        # the sidebar meter moved, with its change marked without colour
        assert "6/10 ▲3" in text


@async_test
async def test_why_prompt_is_a_pick_list_with_feedback() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        await pilot.press("space")
        await settle(pilot)
        assert play_screen(app).phase == "why"
        text = screen_text(app)
        assert "Why elect a committee?" in text and "2  Because committees always win." in text
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Not the best reason." in text and "The better reason: So the strike answers" in text


@async_test
async def test_map_shows_the_path_and_rewinds() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "● 1  The gates" in text
        assert "● Elect a strike committee" in text and "○ Wait for the union officials" in text
        assert "← you are here" in text and "◇ not found yet" in text
        flow = app.screen.query_one("#flow", OptionList)
        flow.highlighted = flow.get_option_index(next(o.id for o in flow.options if o.id and o.id.startswith("d")))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert choices_made(app) == []
        assert isinstance(app.screen, PlayScreen)


@async_test
async def test_history_lists_decisions_and_rewinds() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "wait")
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "You chose: Wait for the union officials" in text and "Morale 4 → 2 (-2)" in text
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert choices_made(app) == []


@async_test
async def test_redo_after_undo() -> None:
    app = app_for(COUNCIL)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        await pilot.press("u")
        await settle(pilot)
        assert choices_made(app) == []
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert choices_made(app) == ["elect"]


@async_test
async def test_new_game_from_the_ending() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await play_choice(pilot, "wait")
        await play_choice(pilot, "accept")
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert play_screen(app).game.state.scene == "strike"
        assert play_screen(app).phase == "debate"


@async_test
async def test_story_links_open_only_for_the_web_and_only_on_click() -> None:
    app = app_for(COUNCIL)
    opened: list[str] = []
    app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        y = next(i for i, line in enumerate(lines) if "the 1889 strike" in line)
        x = lines[y].index("the 1889 strike") + 3
        await pilot.press("enter", "escape")  # keys never open a link
        await pilot.pause()
        assert opened == []
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert opened == ["https://en.wikipedia.org/wiki/London_dock_strike_of_1889"]
        # a javascript: link is not even a link (markdown-it refuses it); one that got through would be refused
        from textual.widgets import Markdown

        markdown = app.screen.query_one("#scene-text")
        markdown.post_message(Markdown.LinkClicked(markdown, "javascript:alert(1)"))
        await pilot.pause()
        assert opened == ["https://en.wikipedia.org/wiki/London_dock_strike_of_1889"]
        assert any("Not opened" in str(n.message) for n in app._notifications)


@async_test
async def test_large_terminal() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(250, 70)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        text = screen_text(app)
        assert "What changed" in text and "6/10 ▲3" in text
        assert app.screen.query_one("#sidebar").region.width == 40


@async_test
async def test_a_dead_end_says_so_and_undo_gets_out() -> None:
    from tests.app.helpers import STORIES

    app = app_for(STORIES / "stuck.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await play_choice(pilot, "go")
        play = play_screen(app)
        assert play.phase == "stuck"
        assert "locked: Not strong enough." in screen_text(app)
        assert any("dead end" in str(n.message) for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert play.phase == "ask" and play.game.state.scene == "first"


@async_test
async def test_choices_by_arrows_and_enter_and_by_mouse() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("down", "enter")  # the second option
        await settle(pilot)
        assert choices_made(app) == ["wait"]
        await pilot.press("u")
        await settle(pilot)
        await pilot.click("#choices", offset=(6, 0))  # the first option, by mouse
        await settle(pilot)
        assert choices_made(app) == ["elect"]
