"""Where the engine keeps a player's saves and progress, inside ``TRAINER_HOME`` (see ``trainer.paths``).

Tests and workshops point ``TRAINER_HOME`` at a folder of their own; nothing else in the engine decides paths.
"""

from __future__ import annotations

from pathlib import Path

from trainer.paths import trainer_home


def saves_dir() -> Path:
    return trainer_home() / "saves"


def autosave_path(story_id: str) -> Path:
    """The one autosave per story (story ids are snake_case, so they are safe file names)."""
    return saves_dir() / f"{story_id}.json"


def progress_path() -> Path:
    return trainer_home() / "progress.json"
