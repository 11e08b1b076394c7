"""A writer killed with SIGKILL in the middle of autosaving leaves a save that loads: the old one or the new."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from engine_cli import ROOT, STORIES

from trainer.engine import Choose
from trainer.engine.atomic import clean_stray_temp
from trainer.engine.saves import load_save

WRITER = """
import sys
from pathlib import Path
from trainer.engine import Choose, Session
from trainer.engine.saves import write_save
from trainer.story import load_story

story = load_story(sys.argv[1])
path = Path(sys.argv[2])
games = [Session(story, [Choose("strike", "leaders")]),
         Session(story, [Choose("strike", "councils"), Choose("winter", "conference")])]
write_save(path, games[0])
print("ready", flush=True)
i = 0
while True:
    i += 1
    write_save(path, games[i % 2])
"""

GAMES = [(Choose("strike", "leaders"),), (Choose("strike", "councils"), Choose("winter", "conference"))]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_kill_during_autosave_leaves_a_loadable_save(tmp_path: Path) -> None:
    path = tmp_path / "saves" / "engine_strike.json"
    path.parent.mkdir()
    rng = random.Random(1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(STORIES / "engine_strike.yaml"), str(path)],
                                stdout=subprocess.PIPE, env=env, cwd=ROOT)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert load_save(path).decisions in GAMES  # old or new, never a mix
        bak = path.with_name(path.name + ".bak")
        if bak.exists():
            assert load_save(bak).decisions in GAMES
    clean_stray_temp(path.parent)
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
