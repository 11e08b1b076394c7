"""`trainer debate`: drill the debate rounds of one story or of all of them, on a spaced-repetition schedule.

Full screen when stdout is a terminal, line by line with ``--plain`` (and whenever stdin or stdout is not a
terminal); ``--progress`` prints the key points and rubric criteria the player keeps missing. Heavy imports
(the stories, the engine, Textual for the full-screen drill) happen inside ``run``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.drill.deck import Deck

HELP = "drill debate rounds (spaced repetition), or show what you keep missing with --progress"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", nargs="?", metavar="STORY",
                        help="a story file, or the id of a bundled or own story; omit to drill every story")
    parser.add_argument("--plain", action="store_true",
                        help="line-oriented drill for screen readers, pipes and scripts (no full-screen UI)")
    parser.add_argument("--progress", action="store_true",
                        help="print your drill progress: the key points and criteria you keep missing")
    parser.add_argument("--limit", type=_positive, metavar="N", help="drill at most N rounds")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected 1 or more")
    return value


def _interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    from trainer.drill.deck import DeckError, load_deck

    try:
        deck = load_deck(args.story)
    except DeckError as exc:
        print(f"trainer: {exc.message}", file=sys.stderr)
        return exc.code
    if args.progress:
        return _progress(args, deck.by_key().keys())
    if args.plain or not _interactive():
        from trainer.drill.plain import PlainDrill

        return PlainDrill(deck, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr, limit=args.limit).run()
    return _tui(args, deck)


def _progress(args: argparse.Namespace, keys: Iterable[str]) -> int:
    from datetime import UTC, datetime

    from trainer.drill.plain import progress_lines
    from trainer.drill.store import DrillStoreError, load_drill
    from trainer.drill.view import progress_view
    from trainer.report.plaintext import strip_controls

    try:
        progress = load_drill()
    except DrillStoreError as exc:
        print(f"trainer: {exc.message}", file=sys.stderr)
        return 1
    only = set(keys) if args.story else None
    for line in progress_lines(progress_view(progress, datetime.now(UTC), only)):
        print(strip_controls(line))
    return 0


def _tui(args: argparse.Namespace, deck: Deck) -> int:
    """The full-screen drill (Textual); the plain drill stands in if it is not available."""
    try:
        from trainer.tui.drill_app import run_drill
    except ImportError as exc:  # a broken install: say why, and drill all the same
        from trainer.drill.plain import PlainDrill

        print(f"trainer: the full-screen drill cannot start ({exc}); drilling in plain mode.", file=sys.stderr)
        return PlainDrill(deck, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr,
                          limit=args.limit).run()
    return int(run_drill(deck, limit=args.limit) or 0)
