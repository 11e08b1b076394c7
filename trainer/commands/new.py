"""`trainer new PATH`: write a commented starter story that passes `check --strict`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write a commented starter story to PATH"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the new story file (e.g. stories/my_story.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def starter_text() -> str:
    return (Path(__file__).resolve().parent.parent / "story" / "starter.yaml").read_text(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if target.suffix not in (".yaml", ".yml"):
        target = target.with_suffix(".yaml")
    if target.exists() and not args.force:
        print(f"error: {target} already exists; choose another name or pass --force", file=sys.stderr)
        return 2
    stem = "".join(ch if ch.isalnum() else "_" for ch in target.stem.lower()).strip("_") or "my_story"
    if not stem[0].isalpha():
        stem = "story_" + stem
    text = starter_text().replace("id: my_story ", f"id: {stem} ", 1)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {target}\nnext: trainer check --strict {target}   then: trainer play {target}")
    return 0
