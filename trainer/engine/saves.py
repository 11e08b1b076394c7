"""Saves: a game as JSON (format name and version, the story's id and digest, the decisions), written
atomically after every decision, and read back with a clear error for anything that is not a save we can use.

A save that cannot be read is never deleted or overwritten: ``SaveError`` names the file, says what is wrong,
and offers the ``.bak`` (the save before the last write) when that one loads. ``write_save`` refuses to
replace a file that is not a readable save, so an autosave never destroys evidence either.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from trainer import __version__
from trainer.engine.atomic import backup_path, clean_stray_temp, write_atomic
from trainer.engine.decisions import Decision, decision_from_dict, decision_to_dict
from trainer.engine.home import saves_dir
from trainer.engine.rules import start_state
from trainer.engine.session import ResumeReport, Session
from trainer.engine.state import State
from trainer.story.model import Story

SAVE_FORMAT = "trainer-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 20 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be used. ``message`` is complete and names the file."""

    def __init__(self, path: Path, problem: str, backup: Path | None = None) -> None:
        self.path, self.problem, self.backup = path, problem, backup
        text = f"cannot use the save {path}: {problem}"
        if backup is not None:
            text += f". The previous save {backup} is intact; you can resume from it"
        text += f". {path.name} has been left as it is"
        super().__init__(text)
        self.message = text + "."


@dataclass(frozen=True, slots=True)
class SaveData:
    path: Path
    story_id: str
    story_digest: str
    story_title: str
    story_path: str
    decisions: tuple[Decision, ...]
    start: dict[str, Any] | None  # {"scene", "values", "flags"} when the game was started by warp
    saved_at: str
    ending: str | None

    def start_state(self, story: Story) -> State | None:
        if self.start is None:
            return None
        return start_state(story, scene=self.start.get("scene"), values=self.start.get("values") or {},
                           flags=self.start.get("flags") or ())


def _absolute(path: str) -> str:
    """The story's path made absolute, so ``trainer report`` finds it from any folder."""
    p = Path(path)
    return str(p.resolve()) if p.is_file() else path


def save_dict(session: Session) -> dict[str, Any]:
    story = session.story
    default = start_state(story, scene=session.start.scene)
    start = None
    if session.start != start_state(story):
        start = {"scene": session.start.scene,
                 "values": {d: v for d, v, v0 in zip(story.dimensions, session.start.dims, default.dims,
                                                        strict=True) if v != v0},
                 "flags": sorted(session.start.flags)}
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "app": f"trainer {__version__}",
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "story": {"id": story.id, "digest": story.digest, "title": story.title, "path": _absolute(story.path)},
        "start": start,
        "ending": session.state.ending,
        "decisions": [decision_to_dict(d) for d in session.decisions],
    }


def _backup_if_good(path: Path) -> Path | None:
    bak = backup_path(path)
    if not bak.is_file():
        return None
    try:
        _read(bak)
    except SaveError:
        return None
    return bak


def _fail(path: Path, problem: str) -> SaveError:
    return SaveError(path, problem, _backup_if_good(path) if not path.name.endswith(".bak") else None)


def _read(path: Path) -> SaveData:
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(path, f"it is {size:,} bytes, far larger than any save")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(path, "no such file") from None
    except OSError as exc:
        raise SaveError(path, f"it cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise SaveError(path, "it is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(path, "it is not text (not UTF-8): not a trainer save") from None
    except json.JSONDecodeError as exc:
        raise SaveError(path, f"it is not valid JSON (truncated or corrupt at line {exc.lineno}, "
                        f"column {exc.colno})") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(path, "it is not a trainer save (no \"format\": \"trainer-save\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(path, "its format version is missing")
    if version > SAVE_VERSION:
        raise SaveError(path, f"it was written by a newer trainer (save version {version}; this trainer reads "
                        f"up to {SAVE_VERSION}) — upgrade trainer to resume it")
    story = data.get("story")
    if not isinstance(story, dict) or not isinstance(story.get("id"), str):
        raise SaveError(path, "it does not say which story it belongs to")
    items = data.get("decisions")
    if not isinstance(items, list):
        raise SaveError(path, "its decision list is missing")
    decisions = []
    for i, item in enumerate(items, start=1):
        try:
            decisions.append(decision_from_dict(item))
        except ValueError as exc:
            raise SaveError(path, f"decision {i} is malformed: {exc}") from None
    start = data.get("start")
    if start is not None and not (isinstance(start, dict) and isinstance(start.get("scene"), str)):
        raise SaveError(path, "its start is malformed")
    ending = data.get("ending")
    return SaveData(path, story["id"], str(story.get("digest", "")), str(story.get("title", "")),
                    str(story.get("path", "")), tuple(decisions), start, str(data.get("saved_at", "")),
                    ending if isinstance(ending, str) else None)


def load_save(path: Path) -> SaveData:
    """Read a save; raises SaveError (naming the file, offering a good ``.bak``) for anything unusable."""
    try:
        return _read(path)
    except SaveError as exc:
        raise _fail(path, exc.problem) from None


def write_save(path: Path, session: Session) -> None:
    """Save atomically, keeping the previous save as ``.bak``; refuses to replace a file that is not a
    readable save (raises SaveError), so a corrupt or foreign file is never overwritten."""
    if path.exists():
        existing = load_save(path)  # raises SaveError for a file we must not touch
        if existing.story_id != session.story.id:
            raise SaveError(path, f"it holds a game of another story ('{existing.story_id}')")
    data = json.dumps(save_dict(session), ensure_ascii=False, indent=1).encode("utf-8")
    write_atomic(path, data)


def resume(story: Story, save: SaveData) -> tuple[Session, ResumeReport]:
    """A session replaying ``save`` against ``story`` as it is now (see ``Session.resume``)."""
    if save.story_id != story.id:
        raise SaveError(save.path, f"it is a game of story '{save.story_id}', not '{story.id}'")
    try:
        start = save.start_state(story)
    except ValueError as exc:
        raise SaveError(save.path, f"its start no longer fits the story: {exc}") from None
    return Session.resume(story, save.decisions, digest=save.story_digest, start=start)


class Autosave:
    """An ``on_change`` hook that saves after every decision. A failed write does not stop the game: the
    error is kept in ``error`` (and passed to ``on_error``) for the screen to show.

    With ``background=True`` (the full-screen app, so that a decision never waits for the disk) the decision
    is copied at once (the session's story, start, decisions and state, all immutable) and written by the
    process's one autosave thread: each write exactly as ``write_save`` makes it (atomic, the previous save
    kept as ``.bak``, a file that is not a save never replaced), in the order the decisions were made, every
    one of them. The thread is not a daemon, so the interpreter writes what is queued before it exits;
    ``Autosave.flush()`` waits until it is written (before reading a save back, or leaving a game). ``error``
    and ``on_error`` then come from that thread."""

    def __init__(self, path: Path, on_error: Callable[[Exception], None] | None = None, *,
                 background: bool = False) -> None:
        self.path = path
        self.on_error = on_error
        self.error: Exception | None = None
        self.background = background
        clean_stray_temp(path.parent)

    def __call__(self, session: Session) -> None:
        if self.background:
            _WRITER.submit(self, _Snapshot(session.story, session.start, session.decisions, session.state))
        else:
            self._write(session)

    def _write(self, session: Session | _Snapshot) -> None:
        try:
            write_save(self.path, session)  # type: ignore[arg-type]  # a _Snapshot has all save_dict reads
            self.error = None
        except (OSError, SaveError) as exc:
            self.error = exc
            if self.on_error is not None:
                self.on_error(exc)

    @staticmethod
    def flush(timeout: float | None = None) -> bool:
        """Wait until every background autosave asked for so far is written (False if ``timeout`` ran out)."""
        return _WRITER.wait(timeout)


class _Snapshot(NamedTuple):
    """What ``save_dict`` reads of a session, as it was at the decision."""

    story: Story
    start: State
    decisions: tuple[Decision, ...]
    state: State


class _Writer:
    """The thread that writes background autosaves, one at a time, first asked first written. It is started
    when there is something to write and ends when the queue is empty."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[tuple[Autosave, _Snapshot]] = deque()
        self._unwritten = 0  # queued, or being written
        self._thread: threading.Thread | None = None

    def submit(self, autosave: Autosave, snapshot: _Snapshot) -> None:
        with self._cond:
            self._queue.append((autosave, snapshot))
            self._unwritten += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="trainer-autosave", daemon=False)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._unwritten == 0, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._queue:
                    self._thread = None
                    return
                autosave, snapshot = self._queue.popleft()
            try:
                autosave._write(snapshot)
            except Exception as exc:  # a bug, not a disk error: report it, and keep writing the others
                autosave.error = exc
                if autosave.on_error is not None:
                    with contextlib.suppress(Exception):
                        autosave.on_error(exc)
            finally:
                with self._cond:
                    self._unwritten -= 1
                    self._cond.notify_all()


_WRITER = _Writer()


def last_save(folder: Path | None = None) -> Path | None:
    """The most recently written save in the saves folder, or None."""
    folder = saves_dir() if folder is None else folder
    if not folder.is_dir():
        return None
    saves = [p for p in folder.glob("*.json") if p.is_file()]
    return max(saves, key=lambda p: p.stat().st_mtime, default=None)
