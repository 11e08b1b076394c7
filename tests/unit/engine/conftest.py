"""Fixtures for the engine's unit tests: the small stories in tests/stories/."""

from __future__ import annotations

import pytest
from engine_helpers import STORIES

from trainer.story import load_story
from trainer.story.model import Story


@pytest.fixture(scope="session")
def strike() -> Story:
    return load_story(STORIES / "engine_strike.yaml")


@pytest.fixture(scope="session")
def loop() -> Story:
    return load_story(STORIES / "engine_loop.yaml")
