"""The drill deck: every debate round of one story, or of all the stories a player has.

A round is a story's debate, named ``story_id/debate_id`` so progress survives edits to the story's text. With
no story named, the deck takes the bundled stories and the player's own (``TRAINER_HOME/stories``); a story
there that does not load is skipped with a note rather than spoiling the drill, while a story the player named
explicitly must load, or the command says why and stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainer.paths import bundled_stories, user_stories_dir
from trainer.story import Story, StoryError, load_story
from trainer.story.diagnostics import render
from trainer.story.model import Debate


class DeckError(Exception):
    """The story the player named cannot be drilled. ``message`` is complete and fit to print."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message, self.code = message, code  # code 2: a usage error (no such story), as argparse exits


@dataclass(frozen=True, slots=True)
class Round:
    story: Story
    debate: Debate

    @property
    def key(self) -> str:
        return round_key(self.story.id, self.debate.id)


def round_key(story_id: str, debate_id: str) -> str:
    return f"{story_id}/{debate_id}"


@dataclass(frozen=True, slots=True)
class Deck:
    rounds: tuple[Round, ...]
    notes: tuple[str, ...] = ()  # stories skipped, and why

    def by_key(self) -> dict[str, Round]:
        return {r.key: r for r in self.rounds}


def _library() -> list[Path]:
    folder = user_stories_dir()
    own = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
    return [*bundled_stories(), *own]


def resolve_story(name: str) -> Path:
    """A story file as given, or the bundled or own story whose id (file name) is ``name``."""
    path = Path(name)
    if path.is_file():
        return path
    if path.is_dir():
        raise DeckError(f"{name} is a folder; name one story file, or give no story to drill them all", 2)
    library = _library()
    for candidate in library:
        if candidate.stem == name:
            return candidate
    known = ", ".join(p.stem for p in library) or "none"
    raise DeckError(f"no story file or story id '{name}' (stories you have: {known})", 2)


def _load(path: Path, *, full: bool = False) -> Story:
    """Load a story; a DeckError says why not — every located error with its source line when ``full``
    (the player named this story), else the first error on one line (a note beside a library drill)."""
    try:
        return load_story(path)
    except StoryError as exc:
        count = len(exc.diagnostics)
        if full:
            try:
                lines: list[str] | None = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
            shown = "\n".join(render(d, lines) for d in exc.diagnostics)
            raise DeckError(f"{shown}\n{path} is not a story that loads ({count} error{'s' if count != 1 else ''}); "
                            f"run 'trainer check {path}' for details") from None
        first = exc.diagnostics[0] if exc.diagnostics else None
        where = f"{first.pos}: {first.message}" if first else str(path)
        extra = f" (and {count - 1} more; run 'trainer check {path}')" if count > 1 else ""
        raise DeckError(f"{path} is not a story that loads: {where}{extra}") from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror or exc}") from None


def _rounds(story: Story) -> list[Round]:
    return [Round(story, d) for d in story.debates.values() if d.exchanges]


def load_deck(story: str | None = None) -> Deck:
    """The rounds of ``story`` (a path or an id), or of every story in the library when None."""
    if story is not None:
        path = resolve_story(story)
        loaded = _load(path, full=True)
        rounds = _rounds(loaded)
        if not rounds:
            raise DeckError(f"{path} has no debate rounds to drill")
        return Deck(tuple(rounds))
    rounds: list[Round] = []
    notes: list[str] = []
    seen: dict[str, Path] = {}
    for path in _library():
        try:
            loaded = _load(path)
        except DeckError as exc:
            notes.append(f"skipped: {exc.message}")
            continue
        if loaded.id in seen:
            notes.append(f"skipped: {path} has the same story id '{loaded.id}' as {seen[loaded.id]}")
            continue
        seen[loaded.id] = path
        rounds.extend(_rounds(loaded))
    return Deck(tuple(rounds), tuple(notes))
