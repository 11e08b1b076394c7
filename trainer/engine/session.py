"""A game in progress: a story, a start state and the list of decisions; everything else is derived.

Like ink's runtime, the host drives a session through a small pull API: ``next_prompt()`` says what to ask
(a debate exchange, the choices, a "why?" prompt, or that the game is over), and one method per kind of answer
records it and returns its explanation or grade. The state after every decision is kept, so undo to any
earlier decision is a truncation and redo is a replay of one decision.

The engine is lenient about order so that saves survive story edits and players can skip: a choice may be
made while a debate exchange or a "why?" prompt is still open (they count as skipped). It is strict about
validity: a decision that does not fit (no such choice here, a locked choice, a rebuttal of another
exchange) raises ``DecisionError`` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from trainer.engine.choices import ChoiceOption, available_choices
from trainer.engine.decisions import AnswerDebate, AnswerQuiz, AnswerWhy, Choose, Decision, Vote
from trainer.engine.errors import DecisionError, EngineError
from trainer.engine.explain import ChoiceExplanation, explain_choice
from trainer.engine.grading import (
    MAX_TYPED,
    RebuttalResult,
    TypedResult,
    WhyResult,
    grade_rebuttal,
    grade_typed,
    grade_why,
)
from trainer.engine.prompts import AskChoice, AskDebate, AskWhy, Finished, Prompt, ResumeReport, Stuck
from trainer.engine.quiz import QuizResult, QuizScore, grade_quiz_answer, score_quiz
from trainer.engine.rules import rules_for, start_state
from trainer.engine.state import State
from trainer.engine.verdict import Played, Verdict, build_verdict
from trainer.story.model import Debate, Story, WhyPrompt


class Frame(NamedTuple):
    """What the game looks like after a prefix of the decisions."""

    state: State
    why_open: str  # the scene whose "why?" prompt awaits an answer ("" when none)
    debate_done: int  # exchanges of the current scene's debate answered since entering it


class Session:
    """One game. ``on_change`` (e.g. an autosave) is called after every decision, undo and redo."""

    def __init__(self, story: Story, decisions: Iterable[Decision] = (), *, start: State | None = None,
                 on_change: Callable[[Session], None] | None = None) -> None:
        self.story = story
        self.rules = rules_for(story)
        self.start = start_state(story) if start is None else start
        self._decisions: list[Decision] = []
        self._frames: list[Frame] = [Frame(self.start, "", 0)]
        self._redo: list[Decision] = []
        self._verdict: tuple[int, Verdict] | None = None
        for d in decisions:
            self._push(d)
        self.on_change = on_change

    @classmethod
    def resume(cls, story: Story, decisions: Iterable[Decision], *, digest: str = "",
               start: State | None = None) -> tuple[Session, ResumeReport]:
        """Replay saved decisions up to the first that no longer fits the story as it is now."""
        session = cls(story, start=start)
        saved = list(decisions)
        problem = ""
        for d in saved:
            try:
                session._push(d)
            except DecisionError as exc:
                problem = f"{d.describe()}: {exc.message}"
                break
        changed = bool(digest) and digest != story.digest
        return session, ResumeReport(len(saved), len(session._decisions), changed, problem)

    # -- reading ------------------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._frames[-1].state

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return tuple(self._decisions)

    @property
    def finished(self) -> bool:
        return self.state.ending is not None

    def frame(self, n: int | None = None) -> Frame:
        """The frame after the first ``n`` decisions (default: all)."""
        return self._frames[-1 if n is None else n]

    def available_choices(self) -> list[ChoiceOption]:
        return available_choices(self.story, self.state)

    def next_prompt(self) -> Prompt:
        frame = self._frames[-1]
        if frame.why_open:
            scene = self.story.scenes[frame.why_open]
            assert scene.why is not None
            return AskWhy(scene, scene.why)
        state = frame.state
        if state.ending is not None:
            return Finished(state.ending)
        scene = self.story.scenes[state.scene]
        if scene.debate:
            debate = self.story.debates[scene.debate]
            if frame.debate_done < len(debate.exchanges):
                return AskDebate(debate, frame.debate_done, frame.debate_done == 0 and bool(debate.key_points))
        options = tuple(self.available_choices())
        if not any(o.enabled for o in options):
            return Stuck(scene, options)
        return AskChoice(scene, options)

    def played(self) -> list[Played]:
        """Every choice made, with the states before and after it."""
        out = []
        for i, d in enumerate(self._decisions):
            if isinstance(d, Choose):
                out.append(Played(d.scene, d.choice, self._frames[i].state, self._frames[i + 1].state))
        return out

    def explanations(self) -> list[ChoiceExplanation]:
        """The explanation of every choice made, in order."""
        return [explain_choice(self.story, p.before, p.choice, step)
                for step, p in enumerate(self.played(), start=1)]

    def verdict(self, *, counterfactuals: bool = True) -> Verdict | None:
        """The verdict once the game is over (cached until the decisions change); None before."""
        if not self.finished:
            return None
        n = len(self._decisions)
        if counterfactuals and self._verdict is not None and self._verdict[0] == n:
            return self._verdict[1]
        verdict = build_verdict(self.story, self.start, self.played(), counterfactuals=counterfactuals)
        if counterfactuals:
            self._verdict = (n, verdict)
        return verdict

    def why_results(self) -> list[WhyResult]:
        return [grade_why(self._why_prompt(d.scene), d.reason) for d in self._decisions
                if isinstance(d, AnswerWhy) and d.reason is not None]

    def debate_results(self) -> list[RebuttalResult | TypedResult]:
        out: list[RebuttalResult | TypedResult] = []
        for d in self._decisions:
            if isinstance(d, AnswerDebate):
                debate = self.story.debates[d.debate]
                if d.rebuttal is not None:
                    out.append(grade_rebuttal(self.story, debate, d.exchange, d.rebuttal))
                elif d.typed is not None:
                    out.append(grade_typed(debate, d.typed))
        return out

    def quiz_score(self, phase: str) -> QuizScore:
        """The latest answer to each question in ``phase`` ("pre" or "post")."""
        answers: dict[str, str] = {}
        for d in self._decisions:
            if isinstance(d, AnswerQuiz) and d.phase == phase:
                answers[d.question] = d.option
        return score_quiz(self.story, phase, answers)

    def votes(self) -> dict[int, Vote]:
        """The room's vote behind each choice made in a workshop: choice step (1-based) -> the last ``Vote``
        recorded in that choice's scene since the choice before it. Choices made without a vote are absent."""
        out: dict[int, Vote] = {}
        pending: Vote | None = None
        step = 0
        for d in self._decisions:
            if isinstance(d, Vote):
                pending = d
            elif isinstance(d, Choose):
                step += 1
                if pending is not None and pending.scene == d.scene:
                    out[step] = pending
                pending = None
        return out

    # -- deciding -----------------------------------------------------------------------------------------

    def choose(self, choice_id: str) -> ChoiceExplanation:
        """Make a choice in the current scene and explain it; raises DecisionError if it is not open."""
        before = self.state
        self._record(Choose(before.scene, choice_id))
        step = sum(isinstance(d, Choose) for d in self._decisions)
        return explain_choice(self.story, before, choice_id, step)

    def answer_why(self, reason: int | None) -> WhyResult | None:
        """Answer (0-based reason) or skip (None) the open "why?" prompt."""
        scene = self._frames[-1].why_open
        if not scene:
            raise DecisionError("no 'why?' prompt is open")
        self._record(AnswerWhy(scene, reason))
        return None if reason is None else grade_why(self._why_prompt(scene), reason)

    def answer_debate(self, rebuttal: str | None) -> RebuttalResult | None:
        """Pick a rebuttal id for the open debate exchange, or skip it (None)."""
        debate, exchange = self._open_exchange()
        self._record(AnswerDebate(debate.id, exchange, rebuttal))
        return None if rebuttal is None else grade_rebuttal(self.story, debate, exchange, rebuttal)

    def answer_debate_typed(self, text: str) -> TypedResult:
        """Grade a typed rebuttal; only a gradable answer is recorded (an empty one is not a decision)."""
        debate, exchange = self._open_exchange()
        result = grade_typed(debate, text)
        if result.graded:
            self._record(AnswerDebate(debate.id, exchange, typed=text))
        return result

    def answer_quiz(self, phase: str, question: str, option: str) -> QuizResult:
        self._record(AnswerQuiz(phase, question, option))
        return grade_quiz_answer(self.story.quiz[question], option)

    def record_vote(self, tallies: Mapping[str, int]) -> Vote:
        """Record the room's vote in the current scene (choice id -> count), before ``choose``. It changes
        nothing in the game: it is kept for the explanation and the debrief."""
        vote = Vote(self.state.scene, tuple((str(c), n) for c, n in tallies.items()))
        self._record(vote)
        return vote

    # -- undo / redo --------------------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._decisions)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_to(self, n: int) -> None:
        """Go back to just after the first ``n`` decisions; the ones undone can be redone."""
        if not 0 <= n <= len(self._decisions):
            raise ValueError(f"cannot undo to decision {n}: the game has {len(self._decisions)}")
        undone = self._decisions[n:]
        if not undone:
            return
        self._redo.extend(reversed(undone))
        del self._decisions[n:]
        del self._frames[n + 1:]
        self._changed()

    def undo(self) -> None:
        """Undo the last decision of any kind."""
        if self._decisions:
            self.undo_to(len(self._decisions) - 1)

    def undo_choice(self) -> None:
        """Undo back to just before the last choice (with the answers given after it, and the room's vote
        that decided it): what players mean."""
        for i in range(len(self._decisions) - 1, -1, -1):
            if isinstance(self._decisions[i], Choose):
                while i > 0 and isinstance(self._decisions[i - 1], Vote):
                    i -= 1
                self.undo_to(i)
                return

    def redo(self) -> Decision | None:
        """Redo the most recently undone decision (a vote together with the choice it decided); returns it, or
        None when there is nothing to redo."""
        if not self._redo:
            return None
        d = self._redo.pop()
        try:
            self._push(d)
            while isinstance(d, Vote) and self._redo and isinstance(self._redo[-1], Vote | Choose):
                d = self._redo.pop()
                self._push(d)
        except DecisionError:  # pragma: no cover - the redo stack only holds decisions that fitted here
            self._redo.clear()
            raise
        self._changed()
        return d

    # -- internals ----------------------------------------------------------------------------------------

    def _why_prompt(self, scene: str) -> WhyPrompt:
        prompt = self.story.scenes[scene].why
        if prompt is None:
            raise DecisionError(f"scene '{scene}' has no 'why?' prompt")
        return prompt

    def _open_exchange(self) -> tuple[Debate, int]:
        """The current scene's next unanswered exchange (answering it skips an open "why?" prompt)."""
        frame = self._frames[-1]
        state = frame.state
        if state.ending is None:
            scene = self.story.scenes[state.scene]
            if scene.debate:
                debate = self.story.debates[scene.debate]
                if frame.debate_done < len(debate.exchanges):
                    return debate, frame.debate_done
        raise DecisionError("no debate exchange is open")

    def _record(self, d: Decision) -> None:
        self._push(d)
        if self._redo and self._redo[-1] == d:
            self._redo.pop()  # the same decision as the one undone: keep the rest of the redo line
        else:
            self._redo.clear()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)

    def _push(self, d: Decision) -> None:
        """Apply one decision, or raise DecisionError and change nothing."""
        frame = self._frames[-1]
        self._frames.append(self._next_frame(frame, d))
        self._decisions.append(d)

    def _next_frame(self, frame: Frame, d: Decision) -> Frame:
        state = frame.state
        story = self.story
        if isinstance(d, Choose):
            if d.scene != state.scene:
                where = f"ending '{state.ending}'" if state.ending else f"scene '{state.scene}'"
                raise DecisionError(f"the game is at {where}, not in scene '{d.scene}'")
            try:
                after = self.rules.step(state, d.choice)
            except EngineError as exc:
                raise DecisionError(exc.message) from exc
            why = d.scene if story.scenes[d.scene].why is not None else ""
            return Frame(after, why, 0)
        if isinstance(d, AnswerWhy):
            if frame.why_open != d.scene:
                raise DecisionError(f"no 'why?' prompt of scene '{d.scene}' is open")
            prompt = self._why_prompt(d.scene)
            if d.reason is not None and not 0 <= d.reason < len(prompt.reasons):
                raise DecisionError(f"the 'why?' prompt of scene '{d.scene}' has no reason {d.reason + 1}")
            return Frame(state, "", frame.debate_done)
        if isinstance(d, AnswerDebate):
            if state.ending is not None:
                raise DecisionError("the game is over; no debate is open")
            debate_id = story.scenes[state.scene].debate
            if debate_id != d.debate:
                raise DecisionError(f"scene '{state.scene}' does not play debate '{d.debate}'")
            debate = story.debates[debate_id]
            if d.exchange != frame.debate_done or d.exchange >= len(debate.exchanges):
                raise DecisionError(f"exchange {d.exchange + 1} of debate '{d.debate}' is not the open one")
            if d.rebuttal is not None and d.rebuttal not in debate.exchanges[d.exchange].rebuttals:
                raise DecisionError(f"exchange {d.exchange + 1} of debate '{d.debate}' has no rebuttal "
                                    f"'{d.rebuttal}'")
            if d.typed is not None and (not d.typed.strip() or len(d.typed) > MAX_TYPED):
                raise DecisionError("a typed answer must be between 1 and 10,000 characters")
            return Frame(state, "", frame.debate_done + 1)
        if isinstance(d, Vote):
            if state.ending is not None:
                raise DecisionError("the game is over; there is no choice to vote on")
            if d.scene != state.scene:
                raise DecisionError(f"the game is in scene '{state.scene}', not in scene '{d.scene}'")
            if not d.tallies:
                raise DecisionError("a vote needs the count of at least one choice")
            choices = story.scenes[d.scene].choices
            for choice, count in d.tallies:
                if choice not in choices:
                    raise DecisionError(f"scene '{d.scene}' has no choice '{choice}' to vote for")
                if count < 0:
                    raise DecisionError(f"the votes for '{choice}' cannot be negative ({count})")
            return frame
        if d.question not in story.quiz:
            raise DecisionError(f"the quiz has no question '{d.question}'")
        if d.option not in story.quiz[d.question].options:
            raise DecisionError(f"quiz question '{d.question}' has no option '{d.option}'")
        return frame


__all__ = ["AskChoice", "AskDebate", "AskWhy", "Finished", "Frame", "Prompt", "ResumeReport", "Session", "Stuck"]
