"""The choices offered now: every choice of the scene, enabled or not, and why a disabled one is disabled.

ink separates the choice as written (``ChoicePoint``) from the choice offered now (``Choice``); so do we:
``story.model.Choice`` is the written one, ``ChoiceOption`` the offered one. A disabled choice with the
author's ``locked`` text is shown dimmed with that text; without it, it is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.conditions import TermTrace, unmet_terms
from trainer.engine.state import State
from trainer.story.model import Choice, Story


@dataclass(frozen=True, slots=True)
class ChoiceOption:
    choice: Choice
    enabled: bool
    locked: str = ""  # the author's text for a disabled choice ("" when none)
    unmet: tuple[TermTrace, ...] = ()  # the failing terms of its condition, with their values

    @property
    def id(self) -> str:
        return self.choice.id

    @property
    def label(self) -> str:
        return self.choice.label

    @property
    def hidden(self) -> bool:
        """Disabled and the author gave no ``locked`` text: the player is not shown this choice."""
        return not self.enabled and not self.locked

    @property
    def needs(self) -> tuple[str, ...]:
        """E.g. ("needs organisation >= 3 (you have 2)",)."""
        return tuple(t.needs for t in self.unmet)

    @property
    def reason(self) -> str:
        """Why it is disabled, in one line: the author's text, then the unmet terms; "" when enabled."""
        if self.enabled:
            return ""
        parts = [self.locked] if self.locked else []
        if self.needs:
            parts.append("; ".join(self.needs))
        return " — ".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "enabled": self.enabled, "hidden": self.hidden,
                "locked": self.locked, "needs": list(self.needs), "reason": self.reason,
                "unmet": [t.to_dict() for t in self.unmet]}


def available_choices(story: Story, state: State) -> list[ChoiceOption]:
    """Every choice of the current scene in the author's order, enabled or not (empty once finished)."""
    if state.ending is not None:
        return []
    out = []
    for choice in story.scenes[state.scene].choices.values():
        when = choice.when
        if when is None or when.evaluate(state.dims, state.flags, state.visited):
            out.append(ChoiceOption(choice, True))
        else:
            out.append(ChoiceOption(choice, False, choice.locked, unmet_terms(when, state, story)))
    return out
