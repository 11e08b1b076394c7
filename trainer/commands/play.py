"""`trainer play`: play a story — full screen in a terminal, or line by line with ``--plain`` (and whenever stdin
or stdout is not a terminal: pipes, scripts, screen readers).

The plain path lives in ``trainer.plain`` and is set up by ``run_plain`` below; the full-screen path is
``run_tui`` (Textual is imported only there). Both resume the story's autosave unless ``--new`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "play a story (full screen, or line by line with --plain)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", nargs="?", metavar="STORY",
                        help="a story file, or the id of a bundled story; omit for the library")
    parser.add_argument("--plain", action="store_true",
                        help="line-oriented game for screen readers, pipes and scripts (no full-screen UI)")
    parser.add_argument("--new", action="store_true", help="start a new game instead of resuming the autosave")
    parser.add_argument("--save", metavar="FILE", type=Path,
                        help="resume from and save to FILE instead of the story's autosave (e.g. a .bak)")
    parser.add_argument("--no-save", action="store_true", help="do not write any save")
    parser.add_argument("--quiz", action="store_true", help="take the story's quiz before and after playing")
    parser.add_argument("--from", "--at", dest="at", metavar="SCENE",
                        help="(authors) start a new game at SCENE (Ren'Py's warp)")
    parser.add_argument("--set", metavar="DIM=VALUE", action="append", default=[],
                        help="(authors) start a new game with a dimension at VALUE; repeatable")
    parser.add_argument("--watch", action="store_true",
                        help="(authors) reload the story when its file changes and replay to the same point")
    parser.add_argument("--theme", metavar="NAME",
                        help="dark, light, high-contrast or ansi (the terminal's own colours)")
    parser.add_argument("--workshop", action="store_true",
                        help="a facilitator drives one shared screen: discussion prompts and the room's votes")


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    if args.plain or not _interactive():
        return run_plain(args)
    return run_tui(args)


def run_tui(args: argparse.Namespace) -> int:
    """The full-screen game (Textual). Until it exists, the plain game stands in."""
    try:
        from trainer.tui.app import run_play  # type: ignore[import-not-found]
    except ImportError:
        print("trainer: the full-screen game is not available yet; playing in plain mode.", file=sys.stderr)
        return run_plain(args)
    return int(run_play(args) or 0)


def run_plain(args: argparse.Namespace) -> int:
    from trainer.plain import start_plain

    return start_plain(args)
