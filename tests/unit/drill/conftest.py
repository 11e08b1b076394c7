"""Fixtures for the drill's unit tests: the small stories in tests/stories/drill_*.yaml."""

from __future__ import annotations

import pytest
from drill_helpers import SMALL

from trainer.drill.deck import Deck, load_deck


@pytest.fixture(scope="session")
def deck() -> Deck:
    return load_deck(str(SMALL))
