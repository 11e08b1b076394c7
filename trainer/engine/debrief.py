"""The whole-session report as plain data: every decision with its explanation and the player's reasoning,
the dimension values over time, the quiz and the verdict. ``trainer.report`` renders it as Markdown, HTML or
JSON; the TUI's debrief screen renders the same object.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.decisions import AnswerDebate, AnswerWhy, Choose
from trainer.engine.explain import ChoiceExplanation, explain_choice
from trainer.engine.grading import (
    RebuttalResult,
    TypedResult,
    WhyResult,
    grade_rebuttal,
    grade_typed,
    grade_why,
)
from trainer.engine.quiz import QuizScore, normalised_gain
from trainer.engine.session import Session
from trainer.engine.verdict import Verdict


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    step: int  # 0 is the start
    scene: str  # title of the scene the choice was made in ("" for the start)
    choice: str  # label of the choice ("" for the start)
    dims: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "choice": self.choice, "dims": dict(self.dims)}


@dataclass(frozen=True, slots=True)
class DebriefEntry:
    """One choice, with the debate answered in its scene before it and the "why?" answered after it."""

    explanation: ChoiceExplanation
    debate: tuple[RebuttalResult | TypedResult, ...] = ()
    why: WhyResult | None = None

    def to_dict(self) -> dict[str, object]:
        return {"explanation": self.explanation.to_dict(), "debate": [d.to_dict() for d in self.debate],
                "why": self.why.to_dict() if self.why else None}


@dataclass(frozen=True, slots=True)
class Debrief:
    story: str
    title: str
    summary: str
    digest: str
    dimensions: tuple[tuple[str, str, int, int], ...]  # (id, label, min, max)
    entries: tuple[DebriefEntry, ...]
    open_debate: tuple[RebuttalResult | TypedResult, ...]  # answered in the current scene, no choice yet
    timeline: tuple[TimelinePoint, ...]
    verdict: Verdict | None
    position: str  # the current scene's title, or the ending's
    quiz_pre: QuizScore | None = None
    quiz_post: QuizScore | None = None

    @property
    def gain(self) -> float | None:
        if self.quiz_pre is None or self.quiz_post is None or not self.quiz_pre.results:
            return None
        return normalised_gain(self.quiz_pre.correct, self.quiz_post.correct, self.quiz_pre.total)

    def to_dict(self) -> dict[str, object]:
        return {
            "story": {"id": self.story, "title": self.title, "summary": self.summary, "digest": self.digest},
            "dimensions": [{"id": i, "label": lb, "min": lo, "max": hi} for i, lb, lo, hi in self.dimensions],
            "entries": [e.to_dict() for e in self.entries],
            "open_debate": [d.to_dict() for d in self.open_debate],
            "timeline": [t.to_dict() for t in self.timeline],
            "finished": self.verdict is not None, "position": self.position,
            "verdict": self.verdict.to_dict() if self.verdict else None,
            "quiz": {"pre": self.quiz_pre.to_dict() if self.quiz_pre else None,
                     "post": self.quiz_post.to_dict() if self.quiz_post else None, "gain": self.gain},
        }


def build_debrief(session: Session, *, counterfactuals: bool = True) -> Debrief:
    story = session.story
    entries: list[DebriefEntry] = []
    pending: list[RebuttalResult | TypedResult] = []
    timeline = [TimelinePoint(0, "", "", dict(zip(story.dimensions, session.start.dims, strict=True)))]
    step = 0
    for i, d in enumerate(session.decisions):
        before = session.frame(i).state
        if isinstance(d, Choose):
            step += 1
            expl = explain_choice(story, before, d.choice, step)
            entries.append(DebriefEntry(expl, tuple(pending)))
            pending = []
            timeline.append(TimelinePoint(step, expl.scene_title, expl.label, expl.dims_after))
        elif isinstance(d, AnswerDebate):
            debate = story.debates[d.debate]
            if d.rebuttal is not None:
                pending.append(grade_rebuttal(story, debate, d.exchange, d.rebuttal))
            elif d.typed is not None:
                pending.append(grade_typed(debate, d.typed))
        elif isinstance(d, AnswerWhy) and d.reason is not None and entries:
            prompt = story.scenes[d.scene].why
            if prompt is not None:
                last = entries[-1]
                entries[-1] = DebriefEntry(last.explanation, last.debate, grade_why(prompt, d.reason))
    state = session.state
    position = (story.endings[state.ending].title if state.ending is not None
                else story.scenes[state.scene].title)
    pre, post = session.quiz_score("pre"), session.quiz_score("post")
    return Debrief(
        story=story.id, title=story.title, summary=story.summary, digest=story.digest,
        dimensions=tuple((d.id, d.label, d.min, d.max) for d in story.dimensions.values()),
        entries=tuple(entries), open_debate=tuple(pending), timeline=tuple(timeline),
        verdict=session.verdict(counterfactuals=counterfactuals), position=position,
        quiz_pre=pre if pre.results else None, quiz_post=post if post.results else None,
    )
