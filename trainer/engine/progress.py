"""Per-story progress for the library screen: which endings a player has found, and how often they played.

Kept in one small JSON file in ``TRAINER_HOME``, written atomically. Progress is a convenience, not a record
worth refusing to play over: an unreadable file is moved aside (``progress.json.unreadable``, never deleted)
and progress starts afresh.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.engine.atomic import write_atomic
from trainer.engine.home import progress_path

PROGRESS_VERSION = 1


@dataclass(frozen=True, slots=True)
class StoryProgress:
    story: str
    endings: tuple[str, ...]  # endings found, in the order first found
    plays: int  # games finished
    last_played: str  # ISO time, "" when never

    def to_dict(self) -> dict[str, object]:
        return {"endings": list(self.endings), "plays": self.plays, "last_played": self.last_played}


def _parse(data: object) -> dict[str, StoryProgress]:
    if not isinstance(data, dict) or data.get("version") != PROGRESS_VERSION:
        raise ValueError("not a progress file")
    stories = data.get("stories")
    if not isinstance(stories, dict):
        raise ValueError("no stories")
    out = {}
    for sid, item in stories.items():
        endings = item.get("endings", []) if isinstance(item, dict) else None
        if not isinstance(endings, list) or not all(isinstance(e, str) for e in endings):
            raise ValueError(f"bad entry for {sid}")
        plays = item.get("plays", 0)
        out[sid] = StoryProgress(sid, tuple(endings), plays if isinstance(plays, int) else 0,
                                 str(item.get("last_played", "")))
    return out


def load_progress(path: Path | None = None) -> dict[str, StoryProgress]:
    """Progress by story id; empty when there is none yet or the file cannot be read."""
    path = progress_path() if path is None else path
    try:
        return _parse(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, UnicodeDecodeError):
        return {}


def record_ending(story_id: str, ending: str, path: Path | None = None) -> StoryProgress:
    """Note that a game of ``story_id`` reached ``ending``; returns the story's updated progress."""
    path = progress_path() if path is None else path
    progress: dict[str, StoryProgress] = {}
    if path.exists():
        try:
            progress = _parse(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, UnicodeDecodeError):
            os.replace(path, path.with_name(path.name + ".unreadable"))
    old = progress.get(story_id, StoryProgress(story_id, (), 0, ""))
    endings = old.endings if ending in old.endings else (*old.endings, ending)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    new = StoryProgress(story_id, endings, old.plays + 1, now)
    progress[story_id] = new
    data = {"version": PROGRESS_VERSION, "stories": {k: v.to_dict() for k, v in progress.items()}}
    write_atomic(path, json.dumps(data, indent=1).encode("utf-8"), backup=False)
    return new
