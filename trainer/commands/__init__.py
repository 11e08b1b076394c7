"""One module per ``trainer`` subcommand: ``HELP``, ``add_arguments(parser)``, ``run(args) -> int``.

Keep module-level imports light (argparse, pathlib): heavy work is imported inside ``run``.
"""
