"""`trainer test`: replay each story's golden paths (``tests:``) through the engine and say which pass.

One line per path — ``PASS`` with the ending reached, or ``FAIL`` with the file:line of the failing choice and
the reason (a choice not offered or locked, no ending rule holding, the wrong ending, a value off) — then a
closing line ``N passed, N failed``. ``--junit FILE`` also writes JUnit XML for CI.

Exit status: 0 every path passes; 1 a path fails or a story does not load; 2 usage error (a file that cannot
be opened, no story files found).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

HELP = "run each story's golden paths (tests:) and report pass/fail; --junit FILE for CI"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="STORY", help="story files or folders of stories")
    parser.add_argument("--junit", metavar="FILE", type=Path, help="also write the results as JUnit XML")


def run(args: argparse.Namespace) -> int:
    from trainer.author.golden import run_golden_paths
    from trainer.author.junit import SuiteResult, junit_xml
    from trainer.author.loading import CANNOT_OPEN, load_for_author
    from trainer.paths import expand_story_paths

    files = expand_story_paths(args.paths)
    if not files:
        print(f"trainer test: error: no story files found in {', '.join(args.paths)}", file=sys.stderr)
        return 2
    suites: list[SuiteResult] = []
    usage = False
    passed = failed = 0
    for path in files:
        name = str(path)
        errors = io.StringIO()
        story = load_for_author(name, errors)
        if isinstance(story, int):
            sys.stderr.write(errors.getvalue())
            if story == CANNOT_OPEN:
                usage = True
                continue
            print(f"FAIL  {name}: the story does not load")
            suites.append(SuiteResult(name, error=errors.getvalue()))
            failed += 1
            continue
        results = run_golden_paths(story)
        suites.append(SuiteResult(name, story.id, results))
        if not results:
            print(f"      {name}: no golden paths (add `tests:` to the story)")
        for r in results:
            if r.passed:
                passed += 1
                print(f"PASS  {name}  {r.name}: reached {r.ending} in {r.steps} choice{'s' * (r.steps != 1)}")
            else:
                failed += 1
                print(f"FAIL  {r.pos}  {r.name}: {r.reason}")
    print(f"{passed} passed, {failed} failed")
    if args.junit is not None:
        try:
            args.junit.write_text(junit_xml(suites), encoding="utf-8")
        except OSError as exc:
            print(f"trainer test: error: cannot write {args.junit}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    if usage:
        return 2
    return 1 if failed else 0
