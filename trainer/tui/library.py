"""The stories the library offers, with the player's progress on each: plain data gathered off the event loop
(``load_entries`` reads files and replays saves, so the library screen calls it from a worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.engine.home import autosave_path
from trainer.engine.progress import StoryProgress, load_progress
from trainer.engine.saves import Autosave, SaveData, SaveError, load_save, resume
from trainer.paths import bundled_stories, user_stories_dir
from trainer.story import Story, StoryError, load_story


@dataclass(frozen=True, slots=True)
class StoryEntry:
    path: Path
    source: str  # "bundled", "yours" (TRAINER_HOME/stories) or "given" (a path on the command line)
    story: Story | None = None
    error: str = ""  # why the file cannot be played
    progress: StoryProgress | None = None
    save: SaveData | None = None
    save_error: str = ""  # a save exists but cannot be used (the engine keeps the file)
    position: str = ""  # where the saved game stands, e.g. "The break room, after 2 choices"

    @property
    def in_progress(self) -> bool:
        return self.save is not None and self.save.ending is None and bool(self.save.decisions)

    @property
    def title(self) -> str:
        return self.story.title if self.story else self.path.name


def library_sources(paths: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """The files to list: the given paths, or else the bundled stories and the player's own."""
    if paths:
        return [(p, "given") for p in paths]
    out = [(p, "bundled") for p in bundled_stories()]
    folder = user_stories_dir()
    if folder.is_dir():
        out.extend((p, "yours") for p in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]))
    return out


def story_error(path: Path, exc: StoryError) -> str:
    """The first error, located by file name (not the full path), and how many more there are."""
    if not exc.diagnostics:
        return f"{path.name}: not a playable story"
    d = exc.diagnostics[0]
    more = f" (and {len(exc.diagnostics) - 1} more)" if len(exc.diagnostics) > 1 else ""
    return f"{path.name}:{d.pos.line}:{d.pos.col}: {d.severity.value}[{d.code}]: {d.message}{more}"


def position_of(story: Story, save: SaveData) -> str:
    """Where a saved game stands, e.g. "The break room, after 2 choices" (raises SaveError when it no longer
    belongs to the story)."""
    session, _ = resume(story, save)
    state = session.state
    steps = len(session.played())
    where = story.endings[state.ending].title if state.ending else story.scenes[state.scene].title
    return f"{where}, after {steps} choice{'s' if steps != 1 else ''}"


def load_entry(path: Path, source: str, progress: dict[str, StoryProgress] | None = None) -> StoryEntry:
    Autosave.flush()  # a game just left may still be being saved (the app saves in the background)
    try:
        story = load_story(path)
    except StoryError as exc:
        return StoryEntry(path, source, error=story_error(path, exc))
    except OSError as exc:
        return StoryEntry(path, source, error=f"{path.name}: cannot read it ({exc.strerror or exc})")
    progress = load_progress() if progress is None else progress
    save, save_error, position = None, "", ""
    save_path = autosave_path(story.id)
    if save_path.exists():
        try:
            save = load_save(save_path)
            position = position_of(story, save)
        except SaveError as exc:
            save, save_error = None, exc.message
    return StoryEntry(path, source, story, progress=progress.get(story.id), save=save, save_error=save_error,
                      position=position)


def load_entries(paths: tuple[Path, ...]) -> list[StoryEntry]:
    progress = load_progress()
    return [load_entry(p, source, progress) for p, source in library_sources(paths)]
