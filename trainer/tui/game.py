"""A game being played, as the screens hold it: the engine's ``Session`` with its autosave (written by the
autosave thread, so that no decision waits for the disk: ``Autosave(background=True)``), the player's
progress, and what the screens remember between decisions (scenes seen, for the map). The room's votes in a
workshop are the session's own decisions (``Session.record_vote``), saved with the others. There are no rules
here: every decision is the engine's to check and explain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from trainer.engine import (
    AnswerQuiz,
    ChoiceExplanation,
    Choose,
    RebuttalResult,
    ResumeReport,
    Session,
    State,
    TypedResult,
    WhyResult,
    start_state,
)
from trainer.engine.home import autosave_path
from trainer.engine.progress import StoryProgress, load_progress, record_ending
from trainer.engine.saves import Autosave, SaveData, resume
from trainer.story import Story

ErrorHook = Callable[[Exception], None]


class Game:
    """One story being played. Build with ``Game.new`` or ``Game.resume``."""

    def __init__(self, story: Story, session: Session, *, autosave: Autosave | None,
                 warp: tuple[str | None, Mapping[str, int]] | None = None) -> None:
        self.story = story
        self.session = session
        self.autosave = autosave
        self.warp = warp  # (scene, values) for an author's preview started with --from/--set; never saved
        self.seen: set[str] = set()
        self.progress: StoryProgress | None = load_progress().get(story.id)
        session.on_change = self._changed
        self._note_seen()

    @classmethod
    def new(cls, story: Story, *, warp: tuple[str | None, Mapping[str, int]] | None = None,
            on_save_error: ErrorHook | None = None, save: bool = True, save_path: Path | None = None) -> Game:
        """A fresh game, autosaved to ``save_path`` (default: the story's autosave) unless ``save`` is False or it
        is a preview that starts elsewhere. Raises ValueError for a warp to an unknown scene or a value out of
        range."""
        start = _warp_start(story, warp)
        path = save_path or autosave_path(story.id)
        autosave = Autosave(path, on_save_error, background=True) if save and not warp else None
        game = cls(story, Session(story, start=start), autosave=autosave, warp=warp)
        game.save_now()
        return game

    @classmethod
    def resume(cls, story: Story, save: SaveData, *, on_save_error: ErrorHook | None = None
               ) -> tuple[Game, ResumeReport]:
        """Resume a save (raises ``SaveError`` when it belongs to another story or no longer fits)."""
        session, report = resume(story, save)
        return cls(story, session, autosave=Autosave(save.path, on_save_error, background=True)), report

    # -- reading ------------------------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def steps(self) -> int:
        """Choices made so far."""
        return sum(isinstance(d, Choose) for d in self.session.decisions)

    def choice_indices(self) -> list[int]:
        """For each choice made, its position in the decision list (what ``rewind`` takes)."""
        return [i for i, d in enumerate(self.session.decisions) if isinstance(d, Choose)]

    @property
    def endings_found(self) -> tuple[str, ...]:
        return self.progress.endings if self.progress else ()

    # -- deciding -----------------------------------------------------------------------------------------

    def choose(self, choice_id: str, tally: Mapping[str, int] | None = None) -> ChoiceExplanation:
        """Make a choice; ``tally`` is the room's vote that decided it (a workshop), recorded just before."""
        if tally is not None:
            self.session.record_vote(tally)
        explanation = self.session.choose(choice_id)
        if explanation.leads_to.kind == "ending" and not self.warp:
            self.progress = record_ending(self.story.id, explanation.leads_to.id)
        return explanation

    def answer_why(self, reason: int | None) -> WhyResult | None:
        return self.session.answer_why(reason)

    def answer_debate(self, rebuttal: str | None) -> RebuttalResult | None:
        return self.session.answer_debate(rebuttal)

    def answer_debate_typed(self, text: str) -> TypedResult:
        return self.session.answer_debate_typed(text)

    def undo(self) -> bool:
        """Back to just before the last choice; False when there is none."""
        if not self.choice_indices():
            return False
        self.session.undo_choice()
        return True

    def undo_last(self) -> None:
        """Undo the last decision of any kind (a debate answer, a "why?" answer, or a choice)."""
        self.session.undo()

    def redo(self) -> bool:
        return self.session.redo() is not None

    def rewind(self, index: int) -> None:
        """Back to just before decision ``index`` (0-based in the decision list)."""
        self.session.undo_to(index)

    def tally(self, step: int) -> dict[str, int] | None:
        """The room's vote behind choice ``step`` (1-based), or None."""
        vote = self.session.votes().get(step)
        return vote.counts if vote is not None else None

    def restart(self) -> None:
        """Start again from the beginning (the old decisions can be redone until a new one is made). The quiz
        answered before the first scene is kept: it measured what the player knew before playing at all."""
        keep = 0
        for d in self.session.decisions:
            if not (isinstance(d, AnswerQuiz) and d.phase == "pre"):
                break
            keep += 1
        self.session.undo_to(keep)

    def reload(self, story: Story) -> ResumeReport:
        """Play on with a new version of the story (live preview), replaying the decisions that still fit."""
        start = _warp_start(story, self.warp)
        session, report = Session.resume(story, self.session.decisions, digest=self.story.digest, start=start)
        self.story, self.session = story, session
        session.on_change = self._changed
        self.save_now()
        return report

    def save_now(self) -> None:
        if self.autosave is not None:
            self.autosave(self.session)

    # -- internals ----------------------------------------------------------------------------------------

    def _changed(self, session: Session) -> None:
        self._note_seen()
        if self.autosave is not None:
            self.autosave(session)

    def _note_seen(self) -> None:
        state = self.session.state
        self.seen.add(state.scene)
        self.seen.update(p.scene for p in self.session.played())


def _warp_start(story: Story, warp: tuple[str | None, Mapping[str, int]] | None) -> State | None:
    if not warp:
        return None
    scene, values = warp
    return start_state(story, scene=scene, values=values)
