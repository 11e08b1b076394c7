"""The state of a game: one immutable, hashable value, as small as the story allows.

A ``State`` is a ``NamedTuple`` rather than a frozen dataclass on purpose: exhaustive exploration and the
counterfactual search create and hash millions of them, and a tuple is built and hashed several times faster
than a slotted dataclass. Nothing here knows how a state changes; that is ``trainer.engine.rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

EMPTY: frozenset[str] = frozenset()


class State(NamedTuple):
    """Where the player is and what is true there.

    ``scene`` is the current scene id, or the ending id once the game is over (scene and ending ids share one
    namespace). ``dims`` holds dimension values in the story's declared order (``story.dimension_index``).
    ``visited`` is only tracked when a condition reads ``visited.X`` (``story.uses_visited``); otherwise it is
    always empty, so that two routes to the same scene with the same values are the same state.
    """

    scene: str
    dims: tuple[int, ...]
    flags: frozenset[str] = EMPTY
    visited: frozenset[str] = EMPTY
    ending: str | None = None

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def value(self, dimension_index: Mapping[str, int], dimension: str) -> int:
        """The value of one dimension by id (pass ``story.dimension_index``)."""
        return self.dims[dimension_index[dimension]]
