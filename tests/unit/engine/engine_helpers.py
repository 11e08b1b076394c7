"""Helpers for the engine's unit tests (a plain module: the tests folders are not packages)."""

from __future__ import annotations

from pathlib import Path

from trainer.story import load_story_text
from trainer.story.model import Story

STORIES = Path(__file__).resolve().parents[2] / "stories"


def story_from(text: str) -> Story:
    """An inline story for a test that needs one particular shape."""
    return load_story_text(text, "<test>")
