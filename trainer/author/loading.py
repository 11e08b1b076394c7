"""Loading a story for an author command (``explore``, ``test``, ``graph``): the story, or its located
diagnostics rendered exactly as ``trainer check`` renders them, and the exit status to give.

Exit statuses follow ``check``: 1 when the file is not a loadable story (its errors are findings), 2 when it
cannot be opened at all (a usage error).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from trainer.story.diagnostics import StoryError, render
from trainer.story.loader import load_story_text
from trainer.story.model import Story
from trainer.story.source import read_text

NOT_LOADABLE = 1
CANNOT_OPEN = 2


def load_for_author(path: str, out: TextIO | None = None) -> Story | int:
    """The loaded story, or an exit status after printing why it could not be loaded to ``out`` (stderr)."""
    stream = out if out is not None else sys.stderr
    text = ""
    try:
        text = read_text(Path(path))
        return load_story_text(text, path)
    except StoryError as exc:
        lines = text.splitlines() if text else None
        for d in exc.diagnostics:
            print(render(d, lines), file=stream)
        errors = len(exc.diagnostics)
        print(f"{path}: cannot be loaded: {errors} error{'s' * (errors != 1)} (run `trainer check {path}`)",
              file=stream)
        return NOT_LOADABLE
    except IsADirectoryError:
        print(f"error: {path}: is a folder; give a story file", file=stream)
        return CANNOT_OPEN
    except OSError as exc:
        print(f"error: {path}: cannot open: {exc.strerror or exc}", file=stream)
        return CANNOT_OPEN
