"""`trainer check`: validate story files and report every error and warning with file, line and column."""

from __future__ import annotations

import argparse

HELP = "check story files: errors and warnings with file:line:col, a caret and a hint"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="story files or folders of stories")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--stats", action="store_true", help="also print each story's statistics")


def run(args: argparse.Namespace) -> int:
    from trainer.story.checking import check_paths, print_json, print_text

    results, usage_errors = check_paths(args.paths, strict=args.strict, with_stats=args.stats)
    if args.format == "json":
        print_json(results, usage_errors)
    else:
        print_text(results, usage_errors, strict=args.strict)
    if usage_errors:
        return 2
    return 1 if any(r.failed(args.strict) for r in results) else 0
