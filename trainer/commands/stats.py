"""`trainer stats`: words, scenes, choices, endings, debate rounds and longest path of each story."""

from __future__ import annotations

import argparse

HELP = "print a story's size: words, scenes, choices, endings, debates, longest path"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from trainer.story.checking import check_paths, print_json, print_text

    results, usage = check_paths(args.paths, with_stats=True)
    for r in results:  # stats reports only what stops a story from loading
        r.diagnostics = [d for d in r.diagnostics if d.severity.value == "error"]
    if args.format == "json":
        print_json(results, usage)
    else:
        print_text(results, usage, strict=False)
    return 2 if usage else (1 if any(r.failed(False) for r in results) else 0)
