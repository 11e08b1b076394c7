"""`trainer debate`: not built yet."""

from __future__ import annotations

import argparse
import sys

HELP = "debate (not built yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("trainer debate: not built yet", file=sys.stderr)
    return 2
