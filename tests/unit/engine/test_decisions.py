"""Decisions to and from their saved JSON form."""

from __future__ import annotations

import pytest

from trainer.engine import AnswerDebate, AnswerQuiz, AnswerWhy, Choose
from trainer.engine.decisions import decision_from_dict, decision_to_dict


@pytest.mark.parametrize(
    "decision",
    [
        Choose("strike", "councils"),
        AnswerWhy("strike", 2),
        AnswerWhy("strike", None),  # skipped
        AnswerDebate("left_gov", 0, rebuttal="state"),
        AnswerDebate("left_gov", 0, typed="The army is théirs"),  # typed text kept as typed
        AnswerDebate("left_gov", 1),  # skipped
        AnswerQuiz("post", "q_state", "b"),
    ],
)
def test_round_trip(decision: object) -> None:
    assert decision_from_dict(decision_to_dict(decision)) == decision  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "should be an object"),
        ({"kind": "teleport"}, "unknown decision kind 'teleport'"),
        ({"kind": "choice", "scene": "a"}, "'choice' should be text"),
        ({"kind": "why", "scene": "a", "reason": "1"}, "'reason' should be a whole number"),
        ({"kind": "why", "scene": "a", "reason": True}, "'reason' should be a whole number"),  # bool is not int
        ({"kind": "quiz", "phase": "during", "question": "q", "option": "a"}, "phase should be"),
    ],
)
def test_malformed(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decision_from_dict(data)
