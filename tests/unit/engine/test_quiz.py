"""Quiz answers and the normalised gain."""

from __future__ import annotations

import pytest

from trainer.engine import grade_quiz_answer, normalised_gain, score_quiz
from trainer.story.model import Story


@pytest.mark.parametrize(
    ("pre", "post", "maximum", "gain"),
    [
        (2, 4, 6, 0.5),  # half of what was left was learnt
        (0, 6, 6, 1.0),  # everything
        (3, 3, 6, 0.0),  # nothing
        (4, 2, 6, -1.0),  # worse afterwards: negative
        (6, 6, 6, None),  # full marks before: nothing to gain, undefined
    ],
)
def test_normalised_gain(pre: int, post: int, maximum: int, gain: float | None) -> None:
    assert normalised_gain(pre, post, maximum) == gain


def test_answer(strike: Story) -> None:
    r = grade_quiz_answer(strike.quiz["q_state"], "a")
    assert (r.right, r.answer, r.answer_text) == (False, "b", "No")
    with pytest.raises(KeyError, match="no option 'z'"):
        grade_quiz_answer(strike.quiz["q_state"], "z")


def test_score(strike: Story) -> None:
    s = score_quiz(strike, "pre", {"q_state": "b", "q_councils": "a"})
    assert (s.correct, s.total) == (1, 2)
