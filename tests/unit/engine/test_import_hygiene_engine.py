"""The engine, the report renderers and the plain game never import Textual (checked in a fresh process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = ["trainer.engine", "trainer.engine.saves", "trainer.engine.progress", "trainer.engine.debrief",
           "trainer.report", "trainer.report.markdown", "trainer.report.html", "trainer.report.text",
           "trainer.plain", "trainer.launch", "trainer.commands.play", "trainer.commands.report"]


@pytest.mark.parametrize("module", MODULES)
def test_no_textual(module: str) -> None:
    code = (f"import sys, {module}; "
            "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
