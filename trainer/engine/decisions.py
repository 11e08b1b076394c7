"""The decisions a game is made of, and their JSON form in saves.

A game is its story's identity plus this list; everything else (state, explanations, grades, the verdict) is
derived by replaying it. Only ``Choose`` changes the state; the others record the player's reasoning, and
``Vote`` the room's show of hands in a workshop (what the choice that follows it was decided by).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Choose:
    scene: str
    choice: str

    def describe(self) -> str:
        return f"choose '{self.choice}' in scene '{self.scene}'"


@dataclass(frozen=True, slots=True)
class AnswerWhy:
    scene: str
    reason: int | None  # 0-based index of the reason picked; None when skipped

    def describe(self) -> str:
        picked = "skip" if self.reason is None else f"reason {self.reason + 1}"
        return f"answer the why prompt of scene '{self.scene}' ({picked})"


@dataclass(frozen=True, slots=True)
class AnswerDebate:
    debate: str
    exchange: int  # 0-based
    rebuttal: str | None = None  # a rebuttal id, or
    typed: str | None = None  # a typed answer; both None when skipped

    def describe(self) -> str:
        how = (f"rebuttal '{self.rebuttal}'" if self.rebuttal is not None
               else "a typed answer" if self.typed is not None else "skip")
        return f"answer exchange {self.exchange + 1} of debate '{self.debate}' ({how})"


@dataclass(frozen=True, slots=True)
class AnswerQuiz:
    phase: str  # "pre" (before the first scene) or "post" (after the ending)
    question: str
    option: str

    def describe(self) -> str:
        return f"answer quiz question '{self.question}' ({self.phase}) with '{self.option}'"


@dataclass(frozen=True, slots=True)
class Vote:
    """A workshop's vote in ``scene``: the room's count for each choice id, in the order shown. It belongs to the
    next choice made in that scene (a later vote there replaces it); rules and counterfactuals never read it."""

    scene: str
    tallies: tuple[tuple[str, int], ...]  # (choice id, votes)

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.tallies)

    def describe(self) -> str:
        return f"record the room's vote in scene '{self.scene}'"


Decision = Choose | AnswerWhy | AnswerDebate | AnswerQuiz | Vote


def decision_to_dict(d: Decision) -> dict[str, Any]:
    if isinstance(d, Choose):
        return {"kind": "choice", "scene": d.scene, "choice": d.choice}
    if isinstance(d, AnswerWhy):
        return {"kind": "why", "scene": d.scene, "reason": d.reason}
    if isinstance(d, AnswerDebate):
        out: dict[str, Any] = {"kind": "debate", "debate": d.debate, "exchange": d.exchange}
        if d.rebuttal is not None:
            out["rebuttal"] = d.rebuttal
        if d.typed is not None:
            out["typed"] = d.typed
        return out
    if isinstance(d, Vote):
        return {"kind": "vote", "scene": d.scene, "tallies": dict(d.tallies)}
    return {"kind": "quiz", "phase": d.phase, "question": d.question, "option": d.option}


def _text(data: dict[str, Any], key: str, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' should be text, found {type(value).__name__}")
    return value


def _int(data: dict[str, Any], key: str, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{key}' should be a whole number, found {type(value).__name__}")
    return value


def _tallies(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"'tallies' should be an object of choice ids and counts, found {type(value).__name__}")
    out = []
    for choice, count in value.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"the votes for '{choice}' should be a whole number of 0 or more, found {count!r}")
        out.append((choice, count))
    return tuple(out)


def decision_from_dict(data: Any) -> Decision:
    """Parse one saved decision; raises ValueError with what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"a decision should be an object, found {type(data).__name__}")
    kind = data.get("kind")
    if kind == "choice":
        return Choose(_text(data, "scene"), _text(data, "choice"))
    if kind == "why":
        return AnswerWhy(_text(data, "scene"), _int(data, "reason", optional=True))
    if kind == "debate":
        return AnswerDebate(_text(data, "debate"), _int(data, "exchange"), _text(data, "rebuttal", True),
                            _text(data, "typed", True))
    if kind == "quiz":
        phase = _text(data, "phase")
        if phase not in ("pre", "post"):
            raise ValueError(f"quiz phase should be 'pre' or 'post', found {phase!r}")
        return AnswerQuiz(phase, _text(data, "question"), _text(data, "option"))
    if kind == "vote":
        return Vote(_text(data, "scene"), _tallies(data.get("tallies")))
    raise ValueError(f"unknown decision kind {kind!r}")
