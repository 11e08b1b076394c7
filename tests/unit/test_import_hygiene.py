"""The engine and the commands that do not draw never import Textual (harlequin's import-hygiene test).

Each case runs in a fresh interpreter so that nothing imported by another test can hide a leak.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "trainer" / "story" / "starter.yaml"

CASES = [
    # the story layer
    "import trainer.story, trainer.story.loader, trainer.story.analysis, trainer.story.spec",
    # the engine, whatever modules it has
    "import pkgutil, importlib, trainer.engine as e\n"
    "[importlib.import_module(f'trainer.engine.{m.name}') for m in pkgutil.iter_modules(e.__path__)]",
    # the whole CLI parser (every command module is imported to build it)
    "from trainer.cli import build_parser; build_parser()",
    # running `trainer check` itself
    f"from trainer.cli import main; main(['check', {str(STORY)!r}])",
    f"from trainer.cli import main; main(['stats', {str(STORY)!r}])",
    "from trainer.cli import main; main(['schema', '-o', '/dev/null'])",
]


@pytest.mark.parametrize("code", CASES, ids=["story", "engine", "cli_parser", "check", "stats", "schema"])
def test_textual_is_not_imported(code: str) -> None:
    leaks = "sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))"
    probe = f"{code}\nimport sys\nprint('LEAKS', {leaks})"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "LEAKS []" in proc.stdout, proc.stdout
