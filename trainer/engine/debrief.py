"""The whole-session report as plain data: every decision with its explanation, the player's reasoning and (in a
workshop) the room's vote, the dimension values over time, the debate scorecard, the quiz before and after with
the normalised gain, and the verdict. ``trainer.report`` renders it as Markdown, HTML, JSON or text; the TUI's
ending screen renders parts of the same object.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.decisions import AnswerDebate, AnswerWhy, Choose, Vote
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
from trainer.story.model import Story


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    step: int  # 0 is the start
    scene: str  # title of the scene the choice was made in ("" for the start)
    choice: str  # label of the choice ("" for the start)
    dims: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "choice": self.choice, "dims": dict(self.dims)}


@dataclass(frozen=True, slots=True)
class VoteCount:
    choice: str  # choice id
    label: str
    votes: int

    def to_dict(self) -> dict[str, object]:
        return {"choice": self.choice, "label": self.label, "votes": self.votes}


@dataclass(frozen=True, slots=True)
class RoomVote:
    """A workshop's vote on one choice: the counts, most votes first, and the choice the game took."""

    scene: str
    chosen: str  # the choice id taken
    counts: tuple[VoteCount, ...]  # most votes first (ties in the order shown)

    @property
    def total(self) -> int:
        return sum(c.votes for c in self.counts)

    @property
    def sentence(self) -> str:
        """'The room voted 12–7–3 for “Elect a strike committee” (“Wait” 7, “Go back” 3).'"""
        tally = "–".join(str(c.votes) for c in self.counts)
        chosen = next((c for c in self.counts if c.choice == self.chosen), None)
        others = [c for c in self.counts if c.choice != self.chosen]
        rest = ", ".join(f"\u201c{c.label}\u201d {c.votes}" for c in others)
        top = self.counts[0].votes if self.counts else 0
        if chosen is not None and chosen.votes == top and sum(c.votes == top for c in self.counts) == 1:
            return f"The room voted {tally} for \u201c{chosen.label}\u201d" + (f" ({rest})." if rest else ".")
        label = chosen.label if chosen is not None else self.chosen
        votes = f" with {chosen.votes} vote{'s' if chosen.votes != 1 else ''}" if chosen is not None else ""
        return f"The room voted {tally} ({rest}); the game took \u201c{label}\u201d{votes}."

    def to_dict(self) -> dict[str, object]:
        return {"scene": self.scene, "chosen": self.chosen, "counts": [c.to_dict() for c in self.counts],
                "total": self.total, "sentence": self.sentence}


def room_vote(story: Story, vote: Vote, chosen: str) -> RoomVote:
    """The vote behind choice ``chosen``, with the choices' labels, most votes first."""
    choices = story.scenes[vote.scene].choices if vote.scene in story.scenes else {}
    counts = [VoteCount(c, choices[c].label if c in choices else c, n) for c, n in vote.tallies]
    counts.sort(key=lambda c: -c.votes)  # stable: ties keep the order the room saw
    return RoomVote(vote.scene, chosen, tuple(counts))


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One line of the debate scorecard: a chosen rebuttal's score per rubric criterion, or a typed answer's
    key points covered."""

    debate: str  # debate id
    title: str  # the debate's title
    exchange: int  # 1-based
    scores: tuple[tuple[str, int, int] | None, ...]  # per rubric criterion: (criterion id, score, max), or None
    total: int  # a rebuttal's points, or a typed answer's key points covered
    max_total: int  # a rebuttal's maximum, or the typed answer's key points
    typed: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"debate": self.debate, "title": self.title, "exchange": self.exchange, "typed": self.typed,
                "scores": [None if s is None else {"criterion": s[0], "score": s[1], "max": s[2]}
                           for s in self.scores],
                "total": self.total, "max_total": self.max_total}


def scorecard(story: Story, results: tuple[RebuttalResult | TypedResult, ...]) -> tuple[ScoreRow, ...]:
    """Per debate round and exchange answered, the score on each criterion of the story's rubric."""
    rows = []
    for r in results:
        debate = story.debates.get(r.debate)
        title = debate.title if debate is not None else r.debate
        if isinstance(r, RebuttalResult):
            by = {s.criterion: s for s in r.scores}
            cells = tuple((c, by[c].score, by[c].max) if c in by else None for c in story.rubric)
            rows.append(ScoreRow(r.debate, title, r.exchange + 1, cells, r.total, r.max_total))
        elif r.graded:
            rows.append(ScoreRow(r.debate, title, 1, tuple(None for _ in story.rubric), len(r.covered),
                                 len(r.covered) + len(r.missed), typed=True))
    return tuple(rows)


def gain_text(pre: QuizScore | None, post: QuizScore | None, gain: float | None) -> str:
    """The normalised gain as a player reads it, or why there is none."""
    if pre is None and post is None:
        return "The quiz was not taken."
    if pre is None:
        return "Normalised gain: not measured (the quiz was not taken before playing)."
    if post is None:
        return "Normalised gain: not measured yet (take the quiz again after the ending)."
    if gain is None:
        return "Normalised gain: not defined (full marks before playing: nothing left to gain)."
    return (f"Normalised gain: {gain:.2f} — (after − before) / (maximum − before) = ({post.correct} − "
            f"{pre.correct}) / ({pre.total} − {pre.correct}).")


@dataclass(frozen=True, slots=True)
class DebriefEntry:
    """One choice, with the debate answered in its scene before it, the room's vote that decided it (in a
    workshop) and the "why?" answered after it."""

    explanation: ChoiceExplanation
    debate: tuple[RebuttalResult | TypedResult, ...] = ()
    why: WhyResult | None = None
    vote: RoomVote | None = None

    def to_dict(self) -> dict[str, object]:
        return {"explanation": self.explanation.to_dict(), "debate": [d.to_dict() for d in self.debate],
                "why": self.why.to_dict() if self.why else None,
                "vote": self.vote.to_dict() if self.vote else None}


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
    criteria: tuple[tuple[str, str, int], ...] = ()  # the story's rubric: (id, label, max)
    scorecard: tuple[ScoreRow, ...] = ()
    quiz_total: int = 0  # questions in the story's quiz

    @property
    def gain(self) -> float | None:
        if self.quiz_pre is None or self.quiz_post is None or not self.quiz_pre.results:
            return None
        return normalised_gain(self.quiz_pre.correct, self.quiz_post.correct, self.quiz_pre.total)

    @property
    def gain_text(self) -> str:
        return gain_text(self.quiz_pre, self.quiz_post, self.gain)

    def to_dict(self) -> dict[str, object]:
        return {
            "story": {"id": self.story, "title": self.title, "summary": self.summary, "digest": self.digest},
            "dimensions": [{"id": i, "label": lb, "min": lo, "max": hi} for i, lb, lo, hi in self.dimensions],
            "entries": [e.to_dict() for e in self.entries],
            "open_debate": [d.to_dict() for d in self.open_debate],
            "timeline": [t.to_dict() for t in self.timeline],
            "finished": self.verdict is not None, "position": self.position,
            "verdict": self.verdict.to_dict() if self.verdict else None,
            "quiz": {"questions": self.quiz_total,
                     "pre": self.quiz_pre.to_dict() if self.quiz_pre else None,
                     "post": self.quiz_post.to_dict() if self.quiz_post else None, "gain": self.gain,
                     "gain_text": self.gain_text if self.quiz_total else ""},
            "scorecard": {"criteria": [{"id": i, "label": lb, "max": mx} for i, lb, mx in self.criteria],
                          "rows": [r.to_dict() for r in self.scorecard]},
        }


def build_debrief(session: Session, *, counterfactuals: bool = True) -> Debrief:
    story = session.story
    entries: list[DebriefEntry] = []
    pending: list[RebuttalResult | TypedResult] = []
    answered: list[RebuttalResult | TypedResult] = []
    vote: Vote | None = None
    timeline = [TimelinePoint(0, "", "", dict(zip(story.dimensions, session.start.dims, strict=True)))]
    step = 0
    for i, d in enumerate(session.decisions):
        before = session.frame(i).state
        if isinstance(d, Choose):
            step += 1
            expl = explain_choice(story, before, d.choice, step)
            room = room_vote(story, vote, d.choice) if vote is not None and vote.scene == d.scene else None
            entries.append(DebriefEntry(expl, tuple(pending), vote=room))
            pending, vote = [], None
            timeline.append(TimelinePoint(step, expl.scene_title, expl.label, expl.dims_after))
        elif isinstance(d, AnswerDebate):
            debate = story.debates[d.debate]
            if d.rebuttal is not None:
                pending.append(grade_rebuttal(story, debate, d.exchange, d.rebuttal))
            elif d.typed is not None:
                pending.append(grade_typed(debate, d.typed))
            if d.rebuttal is not None or d.typed is not None:
                answered.append(pending[-1])
        elif isinstance(d, Vote):
            vote = d
        elif isinstance(d, AnswerWhy) and d.reason is not None and entries:
            prompt = story.scenes[d.scene].why
            if prompt is not None:
                last = entries[-1]
                entries[-1] = DebriefEntry(last.explanation, last.debate, grade_why(prompt, d.reason), last.vote)
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
        criteria=tuple((c.id, c.label, c.max) for c in story.rubric.values()),
        scorecard=scorecard(story, tuple(answered)), quiz_total=len(story.quiz),
    )
