"""Snapshots of the quiz screen at 80×24 and 120×40 (``tests/app/stories/quiz.yaml``: one decision, three
questions, the second about a new situation). Each docstring says what must be visible. Update only these with
``pytest tests/app/test_quiz_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.helpers import STORIES, app_for
from tests.app.test_snapshots import SIZES, keys, then

QUIZ = STORIES / "quiz.yaml"

PRE_Q2 = keys("enter", "1")  # start the quiz before playing, answer question 1
# Skip the quiz before playing, take "A committee elected at a mass meeting", reach the ending and its quiz.
POST_INTRO = keys("s", "1", "enter")
PRE_DONE = keys("enter", "1", "1", "1")  # 1 of 3 right before playing (only question 3)
PLAYED = keys("enter", "1", "enter")  # the play screen: the one decision, then on to the ending's quiz
POST_DONE = keys("enter", "2", "enter", "3", "enter", "2", "enter")  # 2 of 3 right after (question 3 wrong)


def snap(snap_compare: Any, size: tuple[int, int], steps: Any) -> bool:
    return bool(snap_compare(app_for(QUIZ), terminal_size=size, run_before=steps))


@pytest.mark.parametrize("size", SIZES)
def test_quiz_question_new_situation(snap_compare: Any, size: tuple[int, int]) -> None:
    """The quiz before playing, on its second question: "Question 2 of 3    before you play", the label "◆ A new
    situation: not one from the story", the question "Teachers face a pay cut…" in bold, and its three options
    numbered 1–3 in the dock with the first highlighted; the footer shows 1-9 Answer, x Skip question and Esc
    Leave the quiz. The subtitle says "Quiz before you play"."""
    assert snap(snap_compare, size, PRE_Q2)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_marked_answer(snap_compare: Any, size: tuple[int, int]) -> None:
    """The quiz after the ending, question 1 answered wrongly: "Question 1 of 3    after the ending", the
    question, then in a box "You answered: 1  The regional office…", "✗ Not quite. The answer is 2  A committee
    the workers elect and can replace." and the explanation "Delegates who can be replaced…"; the dock says
    "Enter: the next question"."""
    assert snap(snap_compare, size, then(POST_INTRO, keys("enter", "1")))


@pytest.mark.parametrize("size", SIZES)
def test_quiz_results(snap_compare: Any, size: tuple[int, int]) -> None:
    """The quiz's last page after the ending: "Quiz done: what the story taught you", "You answered 3 of 3
    questions…", "Before playing: 1 of 3 right", "After the ending: 2 of 3 right", "Normalised gain: 0.50 —
    (after − before) / (maximum − before) = (2 − 1) / (3 − 1).", a dim line about the debrief, and "Enter: see
    the ending" in the dock."""
    assert snap(snap_compare, size, then(PRE_DONE, PLAYED, POST_DONE))
