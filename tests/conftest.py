"""Shared fixtures: every test gets its own TRAINER_HOME so nothing touches a real home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_STORIES = Path(__file__).resolve().parent / "stories"
BUNDLED = sorted((ROOT / "stories").glob("*.yaml"))


@pytest.fixture(autouse=True)
def trainer_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("trainer_home")
    monkeypatch.setenv("TRAINER_HOME", str(home))
    return home
