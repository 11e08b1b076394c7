"""Helpers for the end-to-end tests: run ``python -m trainer`` in a subprocess with its own TRAINER_HOME, and
compute the input a player would type to walk a story to an ending."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from trainer.engine import AskChoice, AskDebate, AskWhy, Session
from trainer.story.model import Story

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"


def run_trainer(args: list[str], home: Path, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINER_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "trainer", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=timeout, check=False)


def script_to_an_ending(story: Story, max_steps: int = 500) -> tuple[str, Session]:
    """The lines ``--plain`` expects for a player who always takes the first rebuttal, the first reason and
    the first open choice; and the session that results."""
    s = Session(story)
    lines: list[str] = []
    for _ in range(max_steps):
        p = s.next_prompt()
        if isinstance(p, AskDebate):
            lines.append("1")
            s.answer_debate(next(iter(p.debate.exchanges[p.exchange].rebuttals)))
        elif isinstance(p, AskWhy):
            lines.append("1")
            s.answer_why(0)
        elif isinstance(p, AskChoice):
            visible = [o for o in p.options if not o.hidden]
            pick = next(i for i, o in enumerate(visible) if o.enabled)
            lines.append(str(pick + 1))
            s.choose(visible[pick].id)
        else:
            break
    return "".join(line + "\n" for line in lines), s
