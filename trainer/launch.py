"""Starting a game from the command line: find and load the story, then resume its save or start afresh.

Shared by the plain game and (later) the full-screen one, so both treat saves the same way: an unreadable
save stops the launch with a message naming the file and the way out (its ``.bak``, or ``--new``); it is
never deleted or overwritten — ``--new`` renames it aside. No Textual import here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trainer.engine.home import autosave_path
from trainer.engine.rules import start_state
from trainer.engine.saves import SaveError, load_save, resume
from trainer.engine.session import Session
from trainer.paths import bundled_stories_dir
from trainer.story.model import Story


class LaunchError(Exception):
    """The game cannot start; ``message`` says why and what to do."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message, self.code = message, code


@dataclass
class Launch:
    story: Story
    session: Session
    save_path: Path | None
    notice: str = ""


def resolve_story(arg: str) -> Path:
    """A story file as given, or a bundled story by id."""
    path = Path(arg)
    if path.exists() or path.suffix in (".yaml", ".yml"):
        return path
    bundled = bundled_stories_dir() / f"{arg}.yaml"
    return bundled if bundled.exists() else path


def load(arg: str) -> Story:
    """Load the story named on the command line; raises LaunchError with the located diagnostics."""
    from trainer.story import StoryError, load_story
    from trainer.story.diagnostics import render

    path = resolve_story(arg)
    try:
        return load_story(path)
    except FileNotFoundError:
        raise LaunchError(f"trainer: no story file '{arg}' (and no bundled story with that id)", 2) from None
    except OSError as exc:
        raise LaunchError(f"trainer: cannot read {path}: {exc.strerror or exc}") from None
    except StoryError as exc:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = None
        shown = "\n".join(render(d, lines) for d in exc.diagnostics)
        raise LaunchError(f"{shown}\ntrainer: {path} is not a playable story "
                          f"({len(exc.diagnostics)} error(s)); run 'trainer check {path}' for details") from None


def parse_values(items: list[str]) -> dict[str, int]:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            out[name.strip()] = int(value)
        except ValueError:
            raise LaunchError(f"trainer: --set expects DIMENSION=NUMBER, not '{item}'", 2) from None
        if not sep:
            raise LaunchError(f"trainer: --set expects DIMENSION=NUMBER, not '{item}'", 2)
    return out


def _aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    path.rename(target)
    return target


def open_game(story: Story, *, new: bool = False, save: Path | None = None, no_save: bool = False,
              at: str | None = None, values: dict[str, int] | None = None, story_arg: str = "") -> Launch:
    """Resume the story's save (or ``save``), or start a new game; raises LaunchError for an unusable save."""
    save_path = None if no_save else (save if save is not None else autosave_path(story.id))
    warp = at is not None or bool(values)
    start = None
    if warp:
        try:
            start = start_state(story, scene=at, values=values)
        except ValueError as exc:
            raise LaunchError(f"trainer: {exc}", 2) from None
    notice = ""
    if save_path is not None and save_path.exists():
        try:
            data = load_save(save_path)
        except SaveError as exc:
            if not new:
                name = story_arg or story.id
                ways = [f"start a new game with 'trainer play {name} --new' (the file is kept, renamed)"]
                if exc.backup is not None:
                    ways.insert(0, f"resume the previous save with 'trainer play {name} --save {exc.backup}'")
                raise LaunchError(f"trainer: {exc.message}\nYou can " + ", or ".join(ways) + ".") from None
            moved = _aside(save_path)
            notice = f"The unreadable save was kept as {moved}."
            data = None
        if data is not None and data.story_id != story.id:
            raise LaunchError(f"trainer: {save_path} holds a game of story '{data.story_id}', not '{story.id}'; "
                              "choose another file with --save")
        if data is not None and not new and not warp:
            if data.ending is not None and save is None:
                title = story.endings[data.ending].title if data.ending in story.endings else data.ending
                notice = f"Your last game ended in {title}. A new game begins."
            else:
                try:
                    session, report = resume(story, data)
                except SaveError as exc:
                    raise LaunchError(f"trainer: {exc.message}") from None
                played = len(session.played())
                notice = report.message or f"Resuming your saved game ({played} choices made so far)."
                return Launch(story, session, save_path, notice)
    return Launch(story, Session(story, start=start), save_path, notice)
