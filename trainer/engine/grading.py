"""Grading the player's reasoning: "why?" prompts, chosen rebuttals, typed rebuttals.

Each grade is a plain result object with its reasons, never an exception: an empty or over-long typed answer
comes back as a result with ``status`` and a ``message`` the screen shows as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.textmatch import Match, match_phrase, tokens
from trainer.story.model import Debate, Story, WhyPrompt

MAX_TYPED = 10_000


@dataclass(frozen=True, slots=True)
class WhyResult:
    question: str
    picked: int  # 0-based index of the reason picked
    picked_text: str
    right: bool
    feedback: str  # the feedback for the reason picked
    right_text: str  # the right reason
    right_feedback: str

    def to_dict(self) -> dict[str, object]:
        return {"question": self.question, "picked": self.picked, "picked_text": self.picked_text,
                "right": self.right, "feedback": self.feedback, "right_text": self.right_text,
                "right_feedback": self.right_feedback}


def grade_why(prompt: WhyPrompt, picked: int) -> WhyResult:
    """Grade the reason at 0-based position ``picked``; raises IndexError when there is none."""
    if not 0 <= picked < len(prompt.reasons):
        raise IndexError(f"there is no reason {picked + 1}; pick 1 to {len(prompt.reasons)}")
    reason = prompt.reasons[picked]
    right = next((r for r in prompt.reasons if r.right), reason)
    return WhyResult(prompt.question, picked, reason.text, reason.right, reason.feedback, right.text,
                     right.feedback)


@dataclass(frozen=True, slots=True)
class CriterionScore:
    criterion: str
    label: str
    score: int
    max: int
    why: str

    def to_dict(self) -> dict[str, object]:
        return {"criterion": self.criterion, "label": self.label, "score": self.score, "max": self.max,
                "why": self.why}


@dataclass(frozen=True, slots=True)
class RebuttalResult:
    debate: str
    exchange: int  # 0-based
    rebuttal: str
    text: str
    scores: tuple[CriterionScore, ...]
    feedback: str
    reply: str  # the opponent's counter-reply

    @property
    def total(self) -> int:
        return sum(s.score for s in self.scores)

    @property
    def max_total(self) -> int:
        return sum(s.max for s in self.scores)

    def to_dict(self) -> dict[str, object]:
        return {"debate": self.debate, "exchange": self.exchange, "rebuttal": self.rebuttal, "text": self.text,
                "scores": [s.to_dict() for s in self.scores], "total": self.total, "max_total": self.max_total,
                "feedback": self.feedback, "reply": self.reply}


def grade_rebuttal(story: Story, debate: Debate, exchange: int, rebuttal_id: str) -> RebuttalResult:
    """Score a chosen rebuttal on every rubric criterion; a criterion the author did not grade scores 0."""
    rebuttal = debate.exchanges[exchange].rebuttals[rebuttal_id]
    graded = {g.criterion: g for g in rebuttal.grades}
    scores = []
    for cid, criterion in story.rubric.items():
        g = graded.get(cid)
        scores.append(CriterionScore(cid, criterion.label, g.score if g else 0, criterion.max,
                                     g.why if g else "Not addressed."))
    for cid, g in graded.items():  # grades on criteria outside the rubric cannot load, but stay safe
        if cid not in story.rubric:
            scores.append(CriterionScore(cid, cid, g.score, max(g.score, 0), g.why))
    return RebuttalResult(debate.id, exchange, rebuttal_id, rebuttal.text, tuple(scores), rebuttal.feedback,
                          rebuttal.reply)


@dataclass(frozen=True, slots=True)
class PointMatch:
    """A key point an answer covered: the author's phrases found, and where.

    ``spans`` is what to show a player as "your words": each matched phrase as it stands in the answer
    ("against the right", "State's army"), in the answer's order, a span inside a longer one left out.
    ``words`` are the words of those spans that are not stop words (``textmatch.STOP_WORDS``), for a compact
    list of keywords; neither ever holds a stop word on its own.
    """

    point: str  # key point id
    text: str  # what the point says
    phrases: tuple[str, ...]  # the author's phrases that matched
    words: tuple[str, ...]  # the matched words that are not stop words, as typed
    spans: tuple[str, ...] = ()  # the matched phrases as they stand in the answer
    matches: tuple[Match, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"point": self.point, "text": self.text, "phrases": list(self.phrases), "words": list(self.words),
                "spans": list(self.spans), "matches": [m.to_dict() for m in self.matches]}


@dataclass(frozen=True, slots=True)
class TypedResult:
    debate: str
    status: str  # "graded", "empty" or "too_long"
    message: str  # shown as it is; for "graded" a one-line summary
    covered: tuple[PointMatch, ...] = ()
    missed: tuple[tuple[str, str], ...] = ()  # (point id, what it says)
    model_answer: str = ""

    @property
    def graded(self) -> bool:
        return self.status == "graded"

    @property
    def score(self) -> float:
        total = len(self.covered) + len(self.missed)
        return len(self.covered) / total if total else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"debate": self.debate, "status": self.status, "message": self.message,
                "covered": [c.to_dict() for c in self.covered],
                "missed": [{"point": p, "text": t} for p, t in self.missed], "score": self.score,
                "model_answer": self.model_answer}


def grade_typed(debate: Debate, answer: str) -> TypedResult:
    """Which key points a typed rebuttal covers (and with which of its words), which it misses, and the
    model answer. Key phrases match as phrases (``trainer.engine.textmatch``)."""
    if not answer.strip():
        return TypedResult(debate.id, "empty", "Your answer is empty: type a rebuttal to the claim, or pick "
                           "one of the numbered answers.")
    if len(answer) > MAX_TYPED:
        return TypedResult(debate.id, "too_long", f"Your answer is {len(answer):,} characters long; the limit is "
                           f"{MAX_TYPED:,}. Shorten it to the argument that matters most.")
    words = tokens(answer)
    covered: list[PointMatch] = []
    missed: list[tuple[str, str]] = []
    for kp in debate.key_points.values():
        found = [m for m in (match_phrase(words, phrase) for phrase in kp.phrases) if m is not None]
        if not found:
            missed.append((kp.id, kp.point))
            continue
        # one span per place in the answer: "state" inside "state machine" is not said twice
        shown = sorted((m for m in found if not any(o.start <= m.start and m.end <= o.end and
                                                    (o.end - o.start) > (m.end - m.start) for o in found)),
                       key=lambda m: (m.start, m.end))
        spans: list[str] = []
        places: set[tuple[int, int]] = set()
        keywords: list[str] = []
        for m in shown:
            if (m.start, m.end) not in places:
                places.add((m.start, m.end))
                spans.append(m.text)
        for m in found:  # the keywords in the author's order of phrases, as before spans existed
            keywords += [w for w in m.words if w not in keywords]
        covered.append(PointMatch(kp.id, kp.point, tuple(m.phrase for m in found), tuple(keywords), tuple(spans),
                                  tuple(found)))
    total = len(covered) + len(missed)
    message = f"You covered {len(covered)} of {total} key points."
    return TypedResult(debate.id, "graded", message, tuple(covered), tuple(missed), debate.model_answer)
