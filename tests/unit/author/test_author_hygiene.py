"""The author's commands never import Textual: authors run them in CI and editors, where start-up matters.

Each case runs in a fresh interpreter (like ``tests/unit/test_import_hygiene.py``) so that nothing another test
imported can hide a leak.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
STORY = ROOT / "tests" / "stories" / "author_complete.yaml"

CASES = {
    "author_package": "import trainer.author.explore, trainer.author.golden, trainer.author.graph, "
                      "trainer.author.junit, trainer.author.loading",
    "explore": f"from trainer.cli import main; main(['explore', {str(STORY)!r}, '--random', '10'])",
    "test": f"from trainer.cli import main; main(['test', {str(STORY)!r}])",
    "graph": f"from trainer.cli import main; main(['graph', {str(STORY)!r}, '--format', 'dot'])",
}


@pytest.mark.parametrize("code", CASES.values(), ids=CASES.keys())
def test_textual_is_not_imported(code: str) -> None:
    probe = (code + "\nimport sys"
             "\nleaks = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))"
             "\nprint('LEAKS', leaks)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "LEAKS []" in proc.stdout, proc.stdout[-500:]
