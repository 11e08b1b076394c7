"""What a session asks for next (``Session.next_prompt``) and how a resumed save went (``ResumeReport``).

Plain values, so a front end can match on them (``isinstance``) and render them without knowing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.choices import ChoiceOption
from trainer.story.model import Debate, Scene, WhyPrompt


@dataclass(frozen=True, slots=True)
class AskDebate:
    debate: Debate
    exchange: int  # 0-based
    typed_allowed: bool  # a typed answer is graded against key points (first exchange only)


@dataclass(frozen=True, slots=True)
class AskChoice:
    scene: Scene
    options: tuple[ChoiceOption, ...]


@dataclass(frozen=True, slots=True)
class AskWhy:
    scene: Scene
    prompt: WhyPrompt


@dataclass(frozen=True, slots=True)
class Stuck:
    """No choice of the scene is open (a dead end the author's ``check`` warns about)."""

    scene: Scene
    options: tuple[ChoiceOption, ...]


@dataclass(frozen=True, slots=True)
class Finished:
    ending: str


Prompt = AskDebate | AskChoice | AskWhy | Stuck | Finished


@dataclass(frozen=True, slots=True)
class ResumeReport:
    """How a saved game was resumed against the story as it is now."""

    total: int  # decisions in the save
    replayed: int  # decisions that still fit and were replayed
    story_changed: bool
    problem: str = ""  # why decision ``replayed + 1`` does not fit

    @property
    def complete(self) -> bool:
        return self.replayed == self.total

    @property
    def message(self) -> str:
        if self.complete:
            return ("The story has changed since this game was saved; every decision still fits."
                    if self.story_changed else "")
        head = "The story has changed since this game was saved; " if self.story_changed else ""
        return (f"{head}replayed {self.replayed} of {self.total} decisions. Decision {self.replayed + 1} "
                f"no longer fits: {self.problem}. You continue from there.")

    def to_dict(self) -> dict[str, object]:
        return {"total": self.total, "replayed": self.replayed, "story_changed": self.story_changed,
                "problem": self.problem, "message": self.message}
