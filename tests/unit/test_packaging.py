"""The wheel carries the bundled stories, so `pip install .` then `trainer` works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_stories_templates_and_styles(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("trainer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for story in (ROOT / "stories").glob("*.yaml"):
        assert f"trainer/_stories/{story.name}" in names
    assert "trainer/story/starter.yaml" in names
    for tcss in (ROOT / "trainer").rglob("*.tcss"):
        assert tcss.relative_to(ROOT).as_posix() in names


def test_installed_layout_finds_bundled_stories(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """paths.bundled_stories_dir prefers trainer/_stories (the wheel's layout) over the source checkout."""
    import trainer.paths as paths

    fake_pkg = tmp_path / "trainer"
    (fake_pkg / "_stories").mkdir(parents=True)
    (fake_pkg / "_stories" / "x.yaml").write_text("format: 1\n")
    monkeypatch.setattr(paths, "_PACKAGE", fake_pkg)
    assert paths.bundled_stories() == [fake_pkg / "_stories" / "x.yaml"]


def test_bundled_stories_come_in_teaching_order() -> None:
    """The library opens on the tutorial, then the strategy stories in the order they build on each other."""
    from trainer.paths import TEACHING_ORDER, bundled_stories

    assert [p.stem for p in bundled_stories()] == list(TEACHING_ORDER)
