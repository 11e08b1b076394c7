"""Exporting the debrief of a game (finished or running) as Markdown or HTML into ``TRAINER_HOME/debriefs``.

The content is the engine's ``Debrief``; ``trainer.report`` renders it (the same files ``trainer report``
writes). Called from a worker thread with a session of its own, so the game on screen is never touched.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from trainer.engine import Session, build_debrief
from trainer.paths import trainer_home
from trainer.report import render

FORMATS = {"markdown": "md", "html": "html"}


def export_session(session: Session, fmt: str, folder: Path | None = None) -> Path:
    """Write the debrief of ``session`` as ``fmt`` ("markdown" or "html"); returns the new file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    ext = FORMATS[fmt]
    text = render(build_debrief(session), ext)
    folder = trainer_home() / "debriefs" if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{session.story.id}-{stamp}.{ext}"
    n = 2
    while path.exists():
        path = folder / f"{session.story.id}-{stamp}-{n}.{ext}"
        n += 1
    path.write_text(text, encoding="utf-8")
    return path
