"""App tests: Pilot tests that press real keys, and screen snapshots.

Every test runs with its own TRAINER_HOME (``tests/conftest.py``) and without cursor blink, so snapshots are
stable (the blink timer would otherwise flip the cursor between frames).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    for widget in (Input, TextArea):
        monkeypatch.setattr(vars(widget)["cursor_blink"], "_default", False)


@pytest.fixture(autouse=True)
def no_color_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots are taken in colour whatever the developer's shell says."""
    monkeypatch.delenv("NO_COLOR", raising=False)
