"""The quiz full screen: offered before the first scene of a new game and after the ending (both skippable),
one question at a time, marked and explained after the ending, with the scores and the normalised gain on the
ending screen; and a workshop's vote kept by the engine, in the exported debrief."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot

from tests.app.helpers import (
    COUNCIL,
    TUTORIAL,
    app_for,
    async_test,
    play_choice,
    play_screen,
    screen_text,
    settle,
)
from trainer.engine import AnswerQuiz, Choose
from trainer.engine.decisions import Vote
from trainer.story import load_story
from trainer.story.model import QuizQuestion
from trainer.tui.screens.ending import EndingScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.screens.quiz import NEW_SITUATION, QuizScreen


def key(q: QuizQuestion, right: bool) -> str:
    """The number key of the right option, or of the first wrong one."""
    ids = list(q.options)
    wanted = q.answer if right else next(o for o in ids if o != q.answer)
    return str(ids.index(wanted) + 1)


async def take_quiz(pilot: Pilot, questions: list[QuizQuestion], right: list[bool], *, marked: bool) -> None:
    """From the quiz's first page: start, answer each question (checking what is shown), reach the last page."""
    app = pilot.app
    assert isinstance(app.screen, QuizScreen) and app.screen.phase == "intro"
    await pilot.press("enter")
    await settle(pilot)
    for n, (q, ok) in enumerate(zip(questions, right, strict=True), start=1):
        text = screen_text(app)
        assert f"Question {n} of {len(questions)}" in text
        assert (NEW_SITUATION in text) == q.transfer, q.id  # transfer questions are labelled
        await pilot.press(key(q, ok))
        await settle(pilot)
        if marked:  # after the ending: right or wrong, then the explanation, then Enter
            text = screen_text(app)
            assert ("✓ Right." in text) == ok and ("✗ Not quite." in text) == (not ok)
            await pilot.press("enter")
            await settle(pilot)
    assert app.screen.phase == "done"


@async_test
async def test_quiz_before_and_after_the_tutorial_shows_the_gain(trainer_home: Path) -> None:
    story = load_story(TUTORIAL)
    questions = list(story.quiz.values())
    assert len(questions) >= 3 and any(q.transfer for q in questions)
    route = next(iter(story.tests.values()))
    pre = [i == 0 for i in range(len(questions))]  # one right before playing
    post = [True] * len(questions)  # all right after
    app = app_for(TUTORIAL)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # A new game: the quiz is offered before the first scene.
        assert isinstance(app.screen, QuizScreen)
        assert "Before you play: a short quiz" in screen_text(app) and "s: skip it" in screen_text(app)
        await take_quiz(pilot, questions, pre, marked=False)
        assert "Your score: 1 of" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and app.screen.phase == "ask"
        game = play_screen(app).game
        assert [d.option for d in game.session.decisions if isinstance(d, AnswerQuiz)] == \
            [list(q.options)[int(key(q, ok)) - 1] for q, ok in zip(questions, pre, strict=True)]

        # u at the first scene does not take back the quiz
        await pilot.press("u")
        await settle(pilot)
        assert sum(isinstance(d, AnswerQuiz) for d in game.session.decisions) == len(questions)

        for choice in route.choices:
            await play_choice(pilot, choice)
        await settle(pilot)

        # The ending: the quiz again, marked and explained, then the ending screen with the gain.
        assert isinstance(app.screen, QuizScreen)
        assert "After the ending: the quiz again" in screen_text(app)
        await take_quiz(pilot, questions, post, marked=True)
        text = screen_text(app)
        total = len(questions)
        assert f"Before playing: 1 of {total} right" in text and f"After the ending: {total} of {total} right" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        body = app.screen.query_one("#ending-body")
        body.scroll_to_widget(app.screen.query_one("#quiz-scores"), animate=False, top=True)
        await settle(pilot)
        text = screen_text(app)
        assert "What you learnt: the quiz before and after" in text
        assert f"Before playing: 1 of {total} right" in text and f"After the ending: {total} of {total} right" in text
        assert f"Normalised gain: 1.00 — (after − before) / (maximum − before) = ({total} − 1) / ({total} − 1)." \
            in text
        assert story.endings[route.ending].title in str(game.session.verdict(counterfactuals=False).title)

        # The debrief exported from here has the quiz, question by question, and the gain.
        await pilot.press("e", "m")
        await settle(pilot)
        exported = sorted((trainer_home / "debriefs").glob("tutorial-*.md"))
        assert len(exported) == 1
        md = exported[0].read_text(encoding="utf-8")
        assert "## Quiz" in md and "*(new situation)*" in md and "Normalised gain: 1.00" in md
        assert "## Debate scorecard" in md


@async_test
async def test_the_quiz_can_be_skipped_and_taken_later_from_the_ending() -> None:
    story = load_story(TUTORIAL)
    questions = list(story.quiz.values())
    route = next(iter(story.tests.values()))
    app = app_for(TUTORIAL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("s")  # skip it
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and play_screen(app).game.session.decisions == ()
        for choice in route.choices:
            await play_choice(pilot, choice)
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")  # skipped again
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        app.screen.query_one("#ending-body").scroll_to_widget(app.screen.query_one("#quiz-scores"), animate=False,
                                                              top=True)
        await settle(pilot)
        assert "Before playing: not taken" in screen_text(app) and "Press t to take the quiz." in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        await take_quiz(pilot, questions, [True] * len(questions), marked=True)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert f"After the ending: {len(questions)} of {len(questions)} right" in text
        assert "not measured (the quiz was not taken before playing)" in text


@async_test
async def test_a_workshop_vote_is_in_the_save_and_the_exported_debrief(trainer_home: Path) -> None:
    app = app_for(COUNCIL, workshop=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # skip the debate
        await settle(pilot)
        await pilot.press("1", "2", "down", "7")  # 12 for the committee, 7 to wait
        await pilot.press("enter")
        await settle(pilot)
        game = play_screen(app).game
        assert isinstance(game.session.decisions[-2], Vote) and isinstance(game.session.decisions[-1], Choose)
        assert "The room voted (19 votes):" in screen_text(app)  # the explanation panel, from the session
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1", "enter")  # the "why?" prompt
        await settle(pilot)
        app.export("markdown")
        await settle(pilot)
    saved = json.loads((trainer_home / "saves" / "app_council.json").read_text(encoding="utf-8"))
    assert {"kind": "vote", "scene": "strike", "tallies": {"elect": 12, "wait": 7}} in saved["decisions"]
    exported = sorted((trainer_home / "debriefs").glob("app_council-*.md"))
    assert len(exported) == 1
    md = exported[0].read_text(encoding="utf-8")
    assert ("**The room voted 12–7 for “Elect a strike committee at a mass meeting” (“Wait for the union "
            "officials to negotiate” 7).**") in md

    # Resumed, the vote is still the session's: undo and redo bring it back with its choice.
    again = app_for(COUNCIL, workshop=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        game = play_screen(again).game
        assert game.tally(1) == {"elect": 12, "wait": 7}
