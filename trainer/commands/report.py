"""`trainer report`: not built yet."""

from __future__ import annotations

import argparse
import sys

HELP = "report (not built yet)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("trainer report: not built yet", file=sys.stderr)
    return 2
