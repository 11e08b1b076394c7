"""Playing one drill round: the exchanges in order, each answered by a chosen rebuttal, a typed answer (first
exchange only, as in a story) or a skip; the result is an ``Attempt`` the schedule and the store understand.

Why an engine ``Session`` underneath: a round in a drill must behave exactly as it does inside the story —
same order, same grading, same rule for typed answers — and the TUI's debate screen, which drives a
session, can then run drill rounds unchanged. The round is played in the scene that holds its debate, started
directly there (the engine's warp); a debate no scene holds is attached, in a private copy of the story, to
the start scene. The session stops mattering once the debate is over: the round's choices are never offered.

What this module adds is the arithmetic a drill needs: one score for the round, the rubric totals per
criterion, and the key points covered and missed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from trainer.drill.deck import Round
from trainer.engine.decisions import AnswerDebate
from trainer.engine.grading import RebuttalResult, TypedResult, grade_rebuttal, grade_typed
from trainer.engine.rules import start_state
from trainer.engine.session import AskDebate, Session
from trainer.story.model import Exchange, Story, frozen_map

Answer = RebuttalResult | TypedResult | None  # None: the exchange was skipped


def answer_score(answer: Answer) -> float:
    """0..1 for one exchange: rubric total over rubric maximum, or key points covered over key points."""
    if isinstance(answer, RebuttalResult):
        return answer.total / answer.max_total if answer.max_total > 0 else 0.0
    if isinstance(answer, TypedResult):
        return answer.score
    return 0.0


@dataclass(frozen=True, slots=True)
class Attempt:
    """One finished round."""

    key: str
    answers: tuple[Answer, ...]  # one per exchange

    @property
    def score(self) -> float:
        return sum(answer_score(a) for a in self.answers) / len(self.answers) if self.answers else 0.0

    def criteria(self) -> dict[str, tuple[str, int, int]]:
        """criterion id -> (label, score, max), summed over the chosen rebuttals."""
        out: dict[str, tuple[str, int, int]] = {}
        for a in self.answers:
            if isinstance(a, RebuttalResult):
                for s in a.scores:
                    _, score, top = out.get(s.criterion, (s.label, 0, 0))
                    out[s.criterion] = (s.label, score + s.score, top + s.max)
        return out

    def points(self) -> dict[str, tuple[str, bool]]:
        """key point id -> (what it says, covered?), for the typed answers."""
        out: dict[str, tuple[str, bool]] = {}
        for a in self.answers:
            if isinstance(a, TypedResult) and a.graded:
                out.update({p.point: (p.text, True) for p in a.covered})
                out.update({pid: (text, False) for pid, text in a.missed})
        return out


def round_session(rnd: Round) -> Session:
    """A session that opens on the round's debate (see the module docstring)."""
    story: Story = rnd.story
    holder = next((s.id for s in story.scenes.values() if s.debate == rnd.debate.id), None)
    if holder is None:
        holder = story.start
        scene = replace(story.scenes[holder], debate=rnd.debate.id)
        story = replace(story, scenes=frozen_map({**story.scenes, holder: scene}))
    return Session(story, start=start_state(story, scene=holder))


class RoundPlay:
    """A round being played; ask ``exchange`` what to show, then call one of the answer methods. The session
    may also be driven directly (the TUI's debate screen does); ``attempt`` reads what was answered."""

    def __init__(self, rnd: Round, session: Session | None = None) -> None:
        self.round = rnd
        self.session = round_session(rnd) if session is None else session

    @property
    def prompt(self) -> AskDebate | None:
        prompt = self.session.next_prompt()
        return prompt if isinstance(prompt, AskDebate) and prompt.debate.id == self.round.debate.id else None

    @property
    def finished(self) -> bool:
        return self.prompt is None

    @property
    def index(self) -> int:
        """0-based number of the exchange to answer (the number of exchanges once finished)."""
        prompt = self.prompt
        return len(self.round.debate.exchanges) if prompt is None else prompt.exchange

    @property
    def exchange(self) -> Exchange:
        return self.round.debate.exchanges[self.index]

    @property
    def typed_allowed(self) -> bool:
        """A typed answer is graded against the key points, which answer the first claim."""
        prompt = self.prompt
        return prompt is not None and prompt.typed_allowed

    def choose(self, rebuttal_id: str) -> RebuttalResult:
        """Answer with one of the exchange's rebuttals; raises KeyError for an id it does not have."""
        if rebuttal_id not in self.exchange.rebuttals:
            raise KeyError(rebuttal_id)
        result = self.session.answer_debate(rebuttal_id)
        assert result is not None
        return result

    def type(self, text: str) -> TypedResult:
        """Answer in the player's own words. An empty or over-long answer is returned with its message and
        does not count: the player answers the same exchange again."""
        if not self.typed_allowed:
            raise ValueError("a typed answer is graded only on the first exchange of a round with key points")
        return self.session.answer_debate_typed(text)

    def skip(self) -> None:
        self.session.answer_debate(None)

    @property
    def answers(self) -> tuple[Answer, ...]:
        """The answers given so far, one per exchange, graded by the engine."""
        story, debate = self.round.story, self.round.debate
        out: list[Answer] = []
        for d in self.session.decisions:
            if isinstance(d, AnswerDebate) and d.debate == debate.id:
                if d.rebuttal is not None:
                    out.append(grade_rebuttal(story, debate, d.exchange, d.rebuttal))
                elif d.typed is not None:
                    out.append(grade_typed(debate, d.typed))
                else:
                    out.append(None)
        return tuple(out)

    def attempt(self) -> Attempt:
        if not self.finished:
            raise ValueError("the round is not finished")
        return Attempt(self.round.key, self.answers)
