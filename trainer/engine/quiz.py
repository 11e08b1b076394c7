"""The quiz offered before the first scene and after the ending, and the learning it measures.

Normalised gain, (post − pre) / (max − pre), is the usual measure of what a lesson taught: it asks how much of
what there was left to learn was learnt. It is undefined (None) for a player who already scored full marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.story.model import QuizQuestion, Story


@dataclass(frozen=True, slots=True)
class QuizResult:
    question: str  # question id
    text: str
    picked: str  # option id
    picked_text: str
    right: bool
    answer: str
    answer_text: str
    explain: str
    transfer: bool

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question, "text": self.text, "picked": self.picked,
                "picked_text": self.picked_text, "right": self.right, "answer": self.answer,
                "answer_text": self.answer_text, "explain": self.explain, "transfer": self.transfer}


def grade_quiz_answer(question: QuizQuestion, option: str) -> QuizResult:
    """Grade one answer; raises KeyError for an option the question does not have."""
    if option not in question.options:
        raise KeyError(f"question '{question.id}' has no option '{option}' (options: "
                       f"{', '.join(question.options)})")
    return QuizResult(question.id, question.question, option, question.options[option], option == question.answer,
                      question.answer, question.options.get(question.answer, ""), question.explain,
                      question.transfer)


@dataclass(frozen=True, slots=True)
class QuizScore:
    phase: str  # "pre" or "post"
    results: tuple[QuizResult, ...]
    total: int  # questions in the story's quiz

    @property
    def correct(self) -> int:
        return sum(r.right for r in self.results)

    def to_dict(self) -> dict[str, object]:
        return {"phase": self.phase, "correct": self.correct, "total": self.total,
                "results": [r.to_dict() for r in self.results]}


def score_quiz(story: Story, phase: str, answers: Mapping[str, str]) -> QuizScore:
    """Score answers (question id -> option id); unanswered questions count as wrong."""
    results = tuple(grade_quiz_answer(story.quiz[q], o) for q, o in answers.items() if q in story.quiz)
    return QuizScore(phase, results, len(story.quiz))


def normalised_gain(pre: int, post: int, maximum: int) -> float | None:
    """(post − pre) / (maximum − pre); None when pre == maximum (nothing left to gain)."""
    if pre >= maximum:
        return None
    return (post - pre) / (maximum - pre)
