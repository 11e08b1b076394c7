"""Per-story progress: endings found, for the library screen."""

from __future__ import annotations

from pathlib import Path

from trainer.engine.progress import load_progress, record_ending


def test_records_endings_once_in_order(trainer_home: Path) -> None:
    assert load_progress() == {}
    record_ending("s", "coup")
    record_ending("s", "dual_power")
    p = record_ending("s", "coup")
    assert (p.endings, p.plays) == (("coup", "dual_power"), 3)
    assert load_progress()["s"].endings == ("coup", "dual_power")


def test_unreadable_progress_is_moved_aside(trainer_home: Path) -> None:
    path = trainer_home / "progress.json"
    path.write_text("{broken", encoding="utf-8")
    assert load_progress() == {}
    record_ending("s", "coup")
    assert (trainer_home / "progress.json.unreadable").read_text(encoding="utf-8") == "{broken"
    assert load_progress()["s"].endings == ("coup",)
