"""The drill progress store: one JSON file, ``TRAINER_HOME/drill.json``, with each round's place on the
schedule and what the player has got right and wrong in it, across sessions.

Why so strict on reading: this file is the player's record of weeks of practice. A file that is not exactly
what we write (truncated, hand-edited, from a newer trainer) raises ``DrillStoreError`` naming the file and
what is wrong, and is never overwritten: every write first re-reads the file and refuses if it does not load.
Writes go through the engine's ``write_atomic``, which keeps the previous version as ``drill.json.bak`` — the
error offers it when it loads. Each write re-reads the file, so two drills in two terminals do not erase each
other's rounds.

The records are self-describing (titles, criterion labels, key point texts are stored beside the ids), so the
progress view can be printed even after a story changed or was removed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from trainer.drill.deck import Round
from trainer.drill.play import Attempt
from trainer.drill.schedule import BOXES, Slot, reschedule
from trainer.engine.atomic import backup_path, write_atomic
from trainer.paths import trainer_home

DRILL_FORMAT = "trainer-drill"
DRILL_VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
KEEP_SCORES = 20  # the most recent round scores kept per round, for the trend


def drill_path() -> Path:
    return trainer_home() / "drill.json"


class DrillStoreError(Exception):
    """The progress file cannot be used. ``message`` names the file, says what is wrong and what to do."""

    def __init__(self, path: Path, problem: str, backup: Path | None = None) -> None:
        self.path, self.problem, self.backup = path, problem, backup
        text = f"cannot use your drill progress {path}: {problem}. It has been left as it is"
        if backup is not None:
            text += f"; the previous version {backup} is intact — copy it over {path.name} to go back to it"
        else:
            text += "; move it aside to start a new record, or mend it"
        super().__init__(text)
        self.message = text + "."


@dataclass(frozen=True, slots=True)
class CriterionRecord:
    label: str
    score: int  # summed over every chosen rebuttal in the round
    max: int

    @property
    def fraction(self) -> float:
        return self.score / self.max if self.max > 0 else 0.0


@dataclass(frozen=True, slots=True)
class PointRecord:
    text: str
    missed: int  # typed answers that missed the point
    asked: int  # typed answers graded against it


@dataclass(frozen=True, slots=True)
class RoundRecord:
    key: str
    story_title: str
    title: str
    box: int
    due: datetime
    last: datetime
    attempts: int
    scores: tuple[float, ...]  # the most recent, oldest first
    criteria: Mapping[str, CriterionRecord]
    points: Mapping[str, PointRecord]

    @property
    def slot(self) -> Slot:
        return Slot(self.box, self.due)

    @property
    def last_score(self) -> float:
        return self.scores[-1] if self.scores else 0.0


@dataclass(frozen=True, slots=True)
class DrillProgress:
    rounds: Mapping[str, RoundRecord]

    def slots(self) -> dict[str, Slot]:
        return {k: r.slot for k, r in self.rounds.items()}


EMPTY = DrillProgress(MappingProxyType({}))


# -- applying an attempt ------------------------------------------------------------------------------------

def apply_attempt(progress: DrillProgress, rnd: Round, attempt: Attempt, now: datetime) -> RoundRecord:
    """The round's record after ``attempt``: new slot, totals per criterion and per key point."""
    old = progress.rounds.get(attempt.key)
    slot = reschedule(old.box if old else 1, attempt.score, now)
    criteria = dict(old.criteria) if old else {}
    for cid, (label, score, top) in attempt.criteria().items():
        prev = criteria.get(cid, CriterionRecord(label, 0, 0))
        criteria[cid] = CriterionRecord(label, prev.score + score, prev.max + top)
    points = dict(old.points) if old else {}
    for pid, (text, covered) in attempt.points().items():
        prev = points.get(pid, PointRecord(text, 0, 0))
        points[pid] = PointRecord(text, prev.missed + (not covered), prev.asked + 1)
    scores = ((*old.scores, attempt.score) if old else (attempt.score,))[-KEEP_SCORES:]
    return RoundRecord(attempt.key, rnd.story.title, rnd.debate.title, slot.box, slot.due, now,
                       (old.attempts if old else 0) + 1, scores, MappingProxyType(criteria),
                       MappingProxyType(points))


# -- reading ------------------------------------------------------------------------------------------------

class _Bad(Exception):
    pass


def _int(item: Mapping[str, Any], name: str, where: str, low: int = 0, high: int | None = None) -> int:
    value = item.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"of {low} or more"
        raise _Bad(f"{where}.{name} should be a whole number {bounds}, not {value!r}")
    return value


def _str(item: Mapping[str, Any], name: str, where: str) -> str:
    value = item.get(name, "")
    if not isinstance(value, str):
        raise _Bad(f"{where}.{name} should be text, not {value!r}")
    return value


def _time(item: Mapping[str, Any], name: str, where: str) -> datetime:
    value = item.get(name)
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None:
        raise _Bad(f"{where}.{name} should be a date and time like 2025-01-31T09:00:00+00:00, not {value!r}")
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _map(item: Mapping[str, Any], name: str, where: str) -> dict[str, Any]:
    value = item.get(name, {})
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise _Bad(f"{where}.{name} should be a map of records")
    return value


def _record(key: str, item: Any) -> RoundRecord:
    where = f"rounds[{key!r}]"
    if not isinstance(item, dict):
        raise _Bad(f"{where} should be a record")
    scores = item.get("scores", [])
    if not isinstance(scores, list) or not all(
            isinstance(s, int | float) and not isinstance(s, bool) and 0 <= s <= 1 for s in scores):
        raise _Bad(f"{where}.scores should be a list of numbers from 0 to 1")
    criteria = {cid: CriterionRecord(_str(c, "label", f"{where}.criteria[{cid!r}]"),
                                     _int(c, "score", f"{where}.criteria[{cid!r}]"),
                                     _int(c, "max", f"{where}.criteria[{cid!r}]"))
                for cid, c in _map(item, "criteria", where).items()}
    points = {pid: PointRecord(_str(p, "text", f"{where}.points[{pid!r}]"),
                               _int(p, "missed", f"{where}.points[{pid!r}]"),
                               _int(p, "asked", f"{where}.points[{pid!r}]"))
              for pid, p in _map(item, "points", where).items()}
    return RoundRecord(key, _str(item, "story_title", where), _str(item, "title", where),
                       _int(item, "box", where, 1, BOXES), _time(item, "due", where), _time(item, "last", where),
                       _int(item, "attempts", where), tuple(float(s) for s in scores),
                       MappingProxyType(criteria), MappingProxyType(points))


def _parse(raw: bytes) -> DrillProgress:
    if not raw.strip():
        raise _Bad("it is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Bad("it is not text (not UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise _Bad(f"it is not valid JSON (truncated or corrupt at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict) or data.get("format") != DRILL_FORMAT:
        raise _Bad(f"it is not a drill progress file (no \"format\": \"{DRILL_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Bad("its format version is missing")
    if version > DRILL_VERSION:
        raise _Bad(f"it was written by a newer trainer (version {version}; this trainer reads up to "
                   f"{DRILL_VERSION}) — upgrade trainer")
    rounds = data.get("rounds")
    if not isinstance(rounds, dict):
        raise _Bad("its list of rounds is missing")
    return DrillProgress(MappingProxyType({k: _record(k, v) for k, v in rounds.items()}))


def _read(path: Path) -> DrillProgress:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Bad(f"it is {size:,} bytes, far larger than any drill record")
        return _parse(path.read_bytes())
    except FileNotFoundError:
        return EMPTY
    except IsADirectoryError:
        raise _Bad("it is a folder, not a file") from None
    except OSError as exc:
        raise _Bad(f"it cannot be read ({exc.strerror or exc})") from None


def load_drill(path: Path | None = None) -> DrillProgress:
    """The player's drill progress; empty when there is none yet. Raises DrillStoreError for a file that
    exists but cannot be used."""
    path = drill_path() if path is None else path
    try:
        return _read(path)
    except _Bad as exc:
        bak = backup_path(path)
        good_bak = None
        if bak.is_file():
            try:
                _read(bak)
                good_bak = bak
            except _Bad:
                pass
        raise DrillStoreError(path, str(exc), good_bak) from None


# -- writing ------------------------------------------------------------------------------------------------

def _record_dict(r: RoundRecord) -> dict[str, Any]:
    return {"story_title": r.story_title, "title": r.title, "box": r.box,
            "due": r.due.isoformat(timespec="seconds"), "last": r.last.isoformat(timespec="seconds"),
            "attempts": r.attempts, "scores": list(r.scores),
            "criteria": {k: {"label": c.label, "score": c.score, "max": c.max} for k, c in r.criteria.items()},
            "points": {k: {"text": p.text, "missed": p.missed, "asked": p.asked} for k, p in r.points.items()}}


def dump(progress: DrillProgress) -> bytes:
    data = {"format": DRILL_FORMAT, "version": DRILL_VERSION,
            "rounds": {k: _record_dict(r) for k, r in progress.rounds.items()}}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def record_attempt(rnd: Round, attempt: Attempt, now: datetime | None = None,
                   path: Path | None = None) -> RoundRecord:
    """Add a finished round to the store and save at once; returns the round's new record. Raises
    DrillStoreError (the file is left alone) if the file on disk is not one we can read."""
    path = drill_path() if path is None else path
    now = datetime.now(UTC) if now is None else now
    progress = load_drill(path)  # re-read: another drill may have written since, and never overwrite a bad file
    record = apply_attempt(progress, rnd, attempt, now)
    updated = DrillProgress(MappingProxyType({**progress.rounds, attempt.key: record}))
    write_atomic(path, dump(updated))
    return record
