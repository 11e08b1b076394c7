"""The one entry point, ``trainer``: parses the command line and hands over to a command module.

Each command lives in ``trainer.commands.<name>`` with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Command modules import their heavy dependencies inside ``run`` so that a command
that does not draw never imports Textual (checked by ``tests/unit/test_import_hygiene.py``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from trainer import __version__

COMMANDS = ("play", "check", "explore", "test", "graph", "schema", "new", "stats", "report", "debate")
DEFAULT_COMMAND = "play"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Interactive fiction and debate trainer for the strategy of permanent revolution. "
        "With no command, opens the story library.",
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"trainer.commands.{name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, DEFAULT_COMMAND)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
