"""`trainer play`: not built yet."""

from __future__ import annotations

import argparse
import sys

HELP = "play (not built yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("trainer play: not built yet", file=sys.stderr)
    return 2
