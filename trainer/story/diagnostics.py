"""Diagnostics: what ``check`` reports about a story, each with a code, a severity, a location and a hint.

Modelled on ink's ``ErrorType`` with our own three severities; rendered as
``path:line:col: error[E012]: message`` followed by the source line and a caret.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a story file; line and column count from 1."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    pos: Pos
    hint: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.pos.file,
            "line": self.pos.line,
            "column": self.pos.col,
            "hint": self.hint,
        }


@dataclass
class StoryError(Exception):
    """Raised when a file is not a loadable story; carries every error found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(format_plain(d) for d in self.diagnostics)


def format_plain(d: Diagnostic) -> str:
    return f"{d.pos}: {d.severity.value}[{d.code}]: {d.message}"


def render(d: Diagnostic, source_lines: list[str] | None) -> str:
    """The full text form: header, source line with a caret under the column, and the hint."""
    out = [format_plain(d)]
    if source_lines and 1 <= d.pos.line <= len(source_lines):
        line = source_lines[d.pos.line - 1].rstrip("\n")
        shown = "".join(ch if ch.isprintable() or ch == "\t" else "?" for ch in line[:200]).replace("\t", " ")
        gutter = f"{d.pos.line:>5} | "
        out.append(gutter + shown)
        out.append(" " * (len(gutter) + max(d.pos.col - 1, 0)) + "^")
    if d.hint:
        out.append(f"      = hint: {d.hint}")
    return "\n".join(out)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean 'x'?" suffix, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
