"""The decisions a game is made of, and their JSON form in saves.

A game is its story's identity plus this list; everything else (state, explanations, grades, the verdict) is
derived by replaying it. Only ``Choose`` changes the state; the others record the player's reasoning.
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


Decision = Choose | AnswerWhy | AnswerDebate | AnswerQuiz


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
    raise ValueError(f"unknown decision kind {kind!r}")
