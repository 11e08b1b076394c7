"""Debate rounds in play: pick a rebuttal (grades per criterion, the counter-reply), or type one (key points
covered with the words that matched, missed, the model answer); switch between the two; the scorecard."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.app.helpers import COUNCIL, app_for, async_test, play_choice, play_screen, screen_text, settle
from trainer.engine import AnswerDebate
from trainer.tui.screens.debate import DebateScreen
from trainer.tui.screens.ending import EndingScreen


async def open_debate(pilot) -> DebateScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert play_screen(pilot.app).phase == "debate"
    assert "Pat Byrne (Union official) wants to argue first" in screen_text(pilot.app)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DebateScreen)
    return screen


@async_test
async def test_typed_rebuttal_shows_covered_and_missed_key_points() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_debate(pilot)
        text = screen_text(app)
        assert "Pat Byrne  ·  Union official" in text and "Regional organiser" in text
        assert "Let me negotiate; a committee will only complicate things." in text

        await pilot.press("t")
        await pilot.pause()
        assert screen.phase == "type"
        assert app.focused is screen.query_one("#typed", TextArea)
        # Typed keys go into the answer: "t", "u", "x", "q" and digits must not trigger the screen's keys.
        await pilot.press(*"The strikers must ELECT their own committee, united at the gates. q1x")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.phase == "graded"
        text = screen_text(app)
        assert "You covered 2 of 3 key points." in text
        assert "✓ Negotiations reflect the strikers' collective strength   matched: “united”" in text
        assert "✓ The strike needs its own elected committee   matched: “committee”, “ELECT”" in text
        assert "✗ The whole workforce must decide   missed" in text
        assert "Model answer" in text and "the mass meeting elects a committee it" in text
        decisions = play_screen(app).game.session.decisions
        assert isinstance(decisions[-1], AnswerDebate) and decisions[-1].typed is not None

        # The second exchange is picked from the list (typing is for the first claim).
        await pilot.press("enter")
        await settle(pilot)
        assert "exchange 2 of 2" in screen_text(app)
        assert screen.check_action("type_mode", ()) is False
        await pilot.press("1")
        await settle(pilot)
        text = screen_text(app)
        assert "Analysis  ●●  2/2  Accountability is the point." in text
        assert "Pat Byrne replies:" in text and "Elected and recallable, then." in text
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DebateScreen)
        assert play_screen(app).phase == "ask"


@async_test
async def test_empty_typed_answer_gets_a_message_not_a_grade() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_debate(pilot)
        await pilot.press("t")
        await pilot.press("space", "space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.phase == "type"
        assert "Your answer is empty" in screen_text(app)
        assert play_screen(app).game.session.decisions == ()


@async_test
async def test_switch_between_typing_and_picking() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_debate(pilot)
        await pilot.press("t")
        assert screen.phase == "type"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.phase == "pick"
        await pilot.click("#rebuttals", offset=(5, 1))  # the mouse picks the second rebuttal
        await settle(pilot)
        text = screen_text(app)
        assert "Your answer: Officials always sell out." in text
        assert "Analysis  ○○  0/2  Character, not power." in text and "Total         0/4" in text
        assert "Pat Byrne replies:" in text and "Then good luck." in text


@async_test
async def test_undo_answers_the_exchange_again() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await open_debate(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert screen.phase == "graded"
        await pilot.press("u")
        await settle(pilot)
        assert screen.phase == "pick" and "exchange 1 of 2" in screen_text(app)
        assert play_screen(app).game.session.decisions == ()


@async_test
async def test_scorecard_at_the_ending() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_debate(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await play_choice(pilot, "elect")
        await play_choice(pilot, "vote")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        body = app.screen.query_one("#ending-body")
        body.scroll_to_widget(app.screen.query_one("#scorecard"), animate=False, top=True)
        await pilot.pause()
        text = screen_text(app)
        assert "Debate scorecard" in text
        rows = [line for line in text.splitlines() if "Leave it to the officials?" in line]
        assert len(rows) == 2, rows
        assert rows[0].split()[-4:] == ["1", "2/2", "0/2", "2/4"]
        assert rows[1].split()[-4:] == ["2", "2/2", "1/2", "3/4"]
