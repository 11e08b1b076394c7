"""`trainer report`: the whole session of a save — every decision with its explanation, the values over time,
and the verdict — as Markdown, HTML, JSON or plain text. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "print the debrief of a saved game (Markdown, HTML, JSON or text)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", nargs="?", type=Path, metavar="SAVE", help="a save file (default: --last)")
    parser.add_argument("--last", action="store_true", help="the most recently saved game")
    parser.add_argument("--format", choices=("md", "html", "json", "text"), default="md", help="output format")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--story", metavar="STORY", help="the story file, when it has moved since the save")
    parser.add_argument("--no-counterfactuals", action="store_true", help="skip the counterfactual search")


def _story_for(save_story_path: str, story_id: str, override: str | None) -> str:
    from trainer.launch import resolve_story

    if override:
        return override
    if save_story_path and Path(save_story_path).exists():
        return save_story_path
    return str(resolve_story(story_id))


def run(args: argparse.Namespace) -> int:
    from trainer.engine.atomic import write_atomic
    from trainer.engine.debrief import build_debrief
    from trainer.engine.saves import SaveError, last_save, load_save, resume
    from trainer.launch import LaunchError, load
    from trainer.report import render

    if args.save is not None and args.last:
        print("trainer report: give a SAVE file or --last, not both", file=sys.stderr)
        return 2
    path = args.save if args.save is not None else last_save()
    if path is None:
        print("trainer report: no saved game found; play one first, or name a save file", file=sys.stderr)
        return 1
    try:
        data = load_save(path)
        story = load(_story_for(data.story_path, data.story_id, args.story))
        session, report = resume(story, data)
    except SaveError as exc:
        print(f"trainer report: {exc.message}", file=sys.stderr)
        return 1
    except LaunchError as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    if report.message:
        print(f"trainer report: {report.message}", file=sys.stderr)
    text = render(build_debrief(session, counterfactuals=not args.no_counterfactuals), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text.encode("utf-8"), backup=False)
    except OSError as exc:
        print(f"trainer report: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
