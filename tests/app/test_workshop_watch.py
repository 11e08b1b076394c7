"""Workshop mode (the room votes, the facilitator types the counts), live preview (--watch), and the command
palette's app commands."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app.helpers import COUNCIL, app_for, async_test, play_screen, screen_text, settle
from trainer.engine import Choose
from trainer.tui.widgets.votes import VoteRow


@async_test
async def test_workshop_vote_confirms_the_most_voted_choice() -> None:
    app = app_for(COUNCIL, workshop=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        play = play_screen(app)
        assert "Who should decide when the strike ends?" in screen_text(app)  # discuss prompts are shown
        await pilot.press("x")  # skip the debate
        await settle(pilot)
        assert isinstance(app.focused, VoteRow)
        await pilot.press("1", "2")  # 12 for the first option
        await pilot.press("down", "5", "plus", "plus", "minus")  # 6 for the second
        await pilot.pause()
        text = screen_text(app)
        assert "12 votes" in text and "6 votes" in text
        await pilot.press("enter")
        await settle(pilot)
        assert play.phase == "explained"
        assert [d.choice for d in play.game.session.decisions if isinstance(d, Choose)] == ["elect"]
        text = screen_text(app)
        assert "The room voted (18 votes):" in text
        assert "●  12  Elect a strike committee at a mass meeting" in text
        assert "○   6  Wait for the union officials to negotiate" in text


@async_test
async def test_workshop_tie_is_not_decided_for_the_room() -> None:
    app = app_for(COUNCIL, workshop=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("3", "down", "3", "enter")
        await pilot.pause()
        assert play_screen(app).phase == "ask"
        assert any("A tie between options 1 and 2" in str(n.message) for n in app._notifications)
        await pilot.press("backspace", "4", "enter")
        await settle(pilot)
        assert play_screen(app).phase == "explained"
        assert [d.choice for d in play_screen(app).game.session.decisions if isinstance(d, Choose)] == ["wait"]


@async_test
async def test_watch_reloads_the_story_and_keeps_the_decisions(tmp_path: Path) -> None:
    story = tmp_path / "council.yaml"
    shutil.copy(COUNCIL, story)
    app = app_for(story, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        await pilot.press("x")  # skip "why?"
        await settle(pilot)
        assert "The company offers half" in screen_text(app)
        await pilot.pause(0.7)  # let the watcher note the file as it is

        source = story.read_text(encoding="utf-8")
        edited = source.replace("The company offers half of what was asked", "The company offers a third")
        edited = edited.replace("        goto: end\n      accept:", "        goto: victory\n      accept:")
        story.write_text(edited, encoding="utf-8")
        for _ in range(20):
            await pilot.pause(0.2)
            await settle(pilot)
            if "The company offers a third" in screen_text(app):
                break
        game = play_screen(app).game
        assert "The company offers a third" in screen_text(app)
        assert [d.choice for d in game.session.decisions if isinstance(d, Choose)] == ["elect"]
        assert game.story.scenes["talks"].choices["vote"].goto == "victory"

        # a new dimension: the sidebar grows a meter
        edited = edited.replace("dimensions:\n", "dimensions:\n  unity:\n    label: Unity\n    low: split\n"
                                "    high: united\n    start: 5\n")
        story.write_text(edited, encoding="utf-8")
        for _ in range(20):
            await pilot.pause(0.2)
            await settle(pilot)
            if "Unity" in screen_text(app):
                break
        assert "Unity" in screen_text(app) and "5/10" in screen_text(app)
        assert [d.choice for d in play_screen(app).game.session.decisions if isinstance(d, Choose)] == ["elect"]

        story.write_text(edited.replace("title: The offer", "title: [unclosed"), encoding="utf-8")
        for _ in range(20):
            await pilot.pause(0.2)
            await settle(pilot)
            if "has errors" in screen_text(app):
                break
        text = screen_text(app)
        assert "The story file has errors; still playing the last good version." in text
        assert "council.yaml:" in text
        assert "The company offers a third" in text


@async_test
async def test_command_palette_offers_the_app_commands(trainer_home: Path) -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Undo", "Redo", "Restart", "History", "Map", "Export Markdown", "Export HTML", "Theme", "Quit",
                "Help"} <= titles
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export HTML")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        exported = list((trainer_home / "debriefs").glob("app_council-*.html"))
        assert len(exported) == 1
        html = exported[0].read_text(encoding="utf-8")
        assert "<h1>Debrief: The strike committee</h1>" in html or "The strike committee" in html
