"""The story as the loader builds it: immutable values, each carrying its source position.

Like ink's compiled ``Story``, a loaded story never changes during play; all progress lives in the engine's
state. Mappings keep the author's order (scenes, choices, endings are offered in file order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from trainer.story.diagnostics import Pos

if TYPE_CHECKING:
    from collections.abc import Mapping

    from trainer.story.expr import Compiled, Node

FORMAT_VERSION = 1
END = "end"  # the goto target that picks an ending by the story's ordered rules


@dataclass(frozen=True, slots=True)
class Condition:
    source: str
    node: Node
    evaluate: Compiled
    pos: Pos


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    low: str
    high: str
    min: int
    max: int
    start: int
    pair: tuple[str, str] | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Flag:
    id: str
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    title: str
    date: str
    text: str
    place: str
    url: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Effect:
    dimension: str
    by: int
    why: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    goto: str
    when: Condition | None
    locked: str
    effects: tuple[Effect, ...]
    set_flags: tuple[str, ...]
    clear_flags: tuple[str, ...]
    explain: str
    refs: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    right: bool
    feedback: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class WhyPrompt:
    question: str
    reasons: tuple[Reason, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    title: str
    text: str
    choices: Mapping[str, Choice]
    discuss: tuple[str, ...]
    debate: str
    why: WhyPrompt | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    text: str
    when: Condition | None
    refs: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    label: str
    text: str
    max: int
    pos: Pos


@dataclass(frozen=True, slots=True)
class Grade:
    criterion: str
    score: int
    why: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Rebuttal:
    id: str
    text: str
    grades: tuple[Grade, ...]
    feedback: str
    reply: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Exchange:
    claim: str
    rebuttals: Mapping[str, Rebuttal]
    pos: Pos


@dataclass(frozen=True, slots=True)
class KeyPoint:
    id: str
    point: str
    phrases: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Opponent:
    name: str
    position: str
    who: str


@dataclass(frozen=True, slots=True)
class Debate:
    id: str
    title: str
    opponent: Opponent
    exchanges: tuple[Exchange, ...]
    key_points: Mapping[str, KeyPoint]
    model_answer: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    id: str
    question: str
    options: Mapping[str, str]
    answer: str
    explain: str
    transfer: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class GoldenPath:
    name: str
    choices: tuple[str, ...]
    ending: str
    expect: Mapping[str, int]
    pos: Pos
    choice_pos: tuple[Pos, ...] = ()


def frozen_map(items: dict) -> Mapping:  # type: ignore[type-arg]
    return MappingProxyType(items)


@dataclass(frozen=True, slots=True)
class Story:
    """A loaded, validated story. ``digest`` identifies its exact content (saves name it)."""

    id: str
    title: str
    summary: str
    language: str
    authors: tuple[str, ...]
    minutes: int
    start: str
    dimensions: Mapping[str, Dimension]
    flags: Mapping[str, Flag]
    rubric: Mapping[str, Criterion]
    references: Mapping[str, Reference]
    scenes: Mapping[str, Scene]
    endings: Mapping[str, Ending]
    debates: Mapping[str, Debate]
    quiz: Mapping[str, QuizQuestion]
    tests: Mapping[str, GoldenPath]
    path: str
    digest: str
    uses_visited: bool = False
    dimension_index: Mapping[str, int] = field(default_factory=dict)

    def target_kind(self, target: str) -> str:
        """'scene', 'ending', 'end' (rules) or '' for a goto target."""
        if target == END:
            return "end"
        if target in self.scenes:
            return "scene"
        if target in self.endings:
            return "ending"
        return ""
