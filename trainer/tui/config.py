"""What the command line asks of the app, checked before a terminal is taken over.

``AppConfig.from_args`` reads the ``argparse.Namespace`` that ``trainer play`` builds (see ``app.run``) and
raises ``ConfigError`` with a message fit for stderr, so a typo never opens a screen only to close it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from trainer.paths import expand_story_paths
from trainer.tui.themes import resolve_theme


class ConfigError(Exception):
    """A command-line value the app cannot use; the message is complete."""


def parse_values(items: list[str]) -> dict[str, int]:
    """``["organisation=5", "confidence=2"]`` → ``{"organisation": 5, "confidence": 2}``."""
    values: dict[str, int] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name:
            raise ConfigError(f"--set {item!r}: write it as DIMENSION=NUMBER, e.g. --set organisation=5")
        try:
            values[name] = int(raw)
        except ValueError:
            raise ConfigError(f"--set {item!r}: {raw!r} is not a whole number") from None
    return values


@dataclass(frozen=True)
class AppConfig:
    paths: tuple[Path, ...] = ()  # empty: the library of bundled stories and TRAINER_HOME/stories
    watch: bool = False  # reload the story when its file changes, replaying the decisions so far
    from_scene: str | None = None  # start at this scene (an author's preview; not autosaved)
    values: dict[str, int] = field(default_factory=dict)  # start values for --from / --set
    theme: str = "textual-dark"
    workshop: bool = False  # a facilitator drives a shared screen: votes, discussion prompts, big spacing
    new: bool = False  # start a new game without offering to resume the autosave
    save: bool = True  # False: write no save at all
    save_path: Path | None = None  # resume from and save to this file instead of the story's autosave
    quiz: bool = False  # asked for the story's quiz (full screen it is always offered; the app says when none)

    @property
    def warp(self) -> bool:
        return self.from_scene is not None or bool(self.values)

    @classmethod
    def from_args(cls, args: argparse.Namespace, *, no_color: bool = False) -> AppConfig:
        """Reads the contract's names (``paths``, ``from_scene``, ``set_values``) and, as a fallback, those of
        ``trainer play`` (``story``, ``at``, ``set``, ``new``, ``no_save``); missing attributes take defaults."""
        given = [str(p) for p in getattr(args, "paths", None) or []]
        story = getattr(args, "story", None)
        if not given and story:
            from trainer.launch import resolve_story

            given = [str(resolve_story(str(story)))]
        paths = tuple(expand_story_paths(given))
        from_scene = getattr(args, "from_scene", None) or getattr(args, "at", None)
        values = parse_values(list(getattr(args, "set_values", None) or getattr(args, "set", None) or []))
        if (from_scene or values) and len(paths) != 1:
            raise ConfigError("--from and --set need exactly one story file")
        if given and not paths:
            raise ConfigError("no story files (*.yaml) found in " + ", ".join(given))
        theme = resolve_theme(getattr(args, "theme", None), no_color=no_color)
        if theme is None:
            raise ConfigError(f"unknown theme {args.theme!r}; try dark, light, high-contrast or ansi")
        return cls(paths=paths, watch=bool(getattr(args, "watch", False)), from_scene=from_scene or None,
                   values=values, theme=theme, workshop=bool(getattr(args, "workshop", False)),
                   new=bool(getattr(args, "new", False)), save=not getattr(args, "no_save", False),
                   save_path=getattr(args, "save", None), quiz=bool(getattr(args, "quiz", False)))
