"""`trainer explore`: every distinct state of a story explored, plus seeded random playthroughs.

Proof that every ending and scene can be reached, the shortest route to each ending, what is never reached or
never available, dominated choices, dead ends, and route lengths. The work is ``trainer.author.explore``; this
module parses the arguments, draws a plain progress bar on stderr (only on a terminal) and prints the report.

Exit status: 0 every ending and scene reachable and no dead end; 1 something unreachable or a dead end, or a
story that does not load; 2 usage error; 3 the state space exceeds ``--limit`` (nothing proven).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from trainer.author.explore import ExploreReport, RandomReport, StateLimitExceeded
    from trainer.story.model import Story

HELP = "prove every ending and scene can be reached: exhaustive and random exploration of a story"

LIMIT_EXCEEDED = 3
SHOWN = 40  # entries of a long list printed in text form (--format json gives them all)


def _count(text: str, least: int = 0) -> int:
    """A whole number of at least ``least``; "2,000,000" and "2_000_000" are accepted."""
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"{value} is less than {least}")
    return value


def _positive(text: str) -> int:
    return _count(text, 1)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", metavar="STORY", help="a story file")
    parser.add_argument("--random", metavar="N", type=_count, default=1000,
                        help="also play N seeded random playthroughs (default 1000; 0 for none)")
    parser.add_argument("--seed", metavar="S", type=int, default=0, help="seed of the random playthroughs (default 0)")
    parser.add_argument("--limit", metavar="STATES", type=_positive, default=None,
                        help="stop with exit status 3 past this many distinct states (default 2,000,000)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


class ProgressBar:
    """A one-line progress bar on a terminal stream, drawn only once a run has lasted ``delay`` seconds and
    erased when done. Plain text and carriage returns: no Textual, no rich, nothing to import."""

    WIDTH = 24

    def __init__(self, label: str, unit: str, stream: TextIO, delay: float = 0.4) -> None:
        self.label, self.unit, self.stream, self.delay = label, unit, stream, delay
        self.began = time.perf_counter()
        self.drawn = 0

    def __call__(self, done: int, known: int) -> None:
        elapsed = time.perf_counter() - self.began
        if elapsed < self.delay:
            return
        filled = self.WIDTH * done // known if known else 0
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"{self.label} [{bar}] {done:,} of {known:,} {self.unit}  {elapsed:.1f} s"
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(line)

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0


def _bar(label: str, unit: str) -> ProgressBar | None:
    try:
        return ProgressBar(label, unit, sys.stderr) if sys.stderr.isatty() else None
    except (AttributeError, ValueError):
        return None


def run(args: argparse.Namespace) -> int:
    from trainer.author.explore import DEFAULT_LIMIT, StateLimitExceeded, explore, random_playthroughs
    from trainer.author.loading import load_for_author

    story = load_for_author(args.story)
    if isinstance(story, int):
        return story
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    report: ExploreReport | None = None
    exceeded: StateLimitExceeded | None = None
    bar = _bar("exploring", "states expanded")
    try:
        report = explore(story, limit=limit, progress=bar)
    except StateLimitExceeded as exc:
        exceeded = exc
    finally:
        if bar:
            bar.close()
    sampled: RandomReport | None = None
    if args.random:
        bar = _bar("random playthroughs", "runs")
        try:
            sampled = random_playthroughs(story, args.random, args.seed, progress=bar)
        finally:
            if bar:
                bar.close()
    if args.format == "json":
        _print_json(args.story, report, sampled, exceeded)
    else:
        _print_text(args.story, story, report, sampled, exceeded)
    if exceeded is not None:
        return LIMIT_EXCEEDED
    assert report is not None
    return 0 if report.ok else 1


# -- text ----------------------------------------------------------------------------------------------------


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def _route(steps: tuple[str, ...]) -> str:
    return " → ".join(steps) if steps else "(at the start)"


def _few(items: tuple[str, ...], most: int = 6) -> str:
    return ", ".join(items) if len(items) <= most else f"{', '.join(items[:most])} and {len(items) - most} more"


def _listing(items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return "none"
    shown = ", ".join(items[:SHOWN])
    return shown if len(items) <= SHOWN else f"{shown} … and {len(items) - SHOWN:,} more"


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= SHOWN:
        return lines
    return [*lines[:SHOWN], f"    … and {len(lines) - SHOWN:,} more {what} (--format json lists them all)"]


def _print_text(path: str, story: Story, report: ExploreReport | None, sampled: RandomReport | None,
                exceeded: StateLimitExceeded | None) -> None:
    out: list[str] = []
    if exceeded is not None:
        out += _limit_text(path, story, exceeded)
    if report is not None:
        out += _report_text(path, story, report, sampled)
    elif sampled is not None:
        out += ["", "Random playthroughs (sampled, not proof)"]
        out += _random_text(sampled, with_endings=True)
    if report is not None:
        out.append("")
        out.append(_verdict(report))
    print("\n".join(out))


def _limit_text(path: str, story: Story, exc: StateLimitExceeded) -> list[str]:
    lines = [
        f"{path}: explore stopped: the story has more than {exc.limit:,} distinct states (the --limit), so nothing "
        "is proven.",
        f"  Endings reached before stopping: {_listing(exc.endings_reached)}"
        f" ({len(exc.endings_reached)} of {len(story.endings)}).",
    ]
    if exc.endings_missing:
        lines.append(f"  Not reached yet: {_listing(exc.endings_missing)}.")
    if exc.busiest:
        lines.append("  Scenes with the most distinct states: "
                     + ", ".join(f"{sid} ({count:,})" for sid, count in exc.busiest) + ".")
    lines.append("  Raise --limit, or make fewer states distinct: narrower dimension ranges, fewer flags, "
                 "flags instead of visited.X.")
    return lines


def _report_text(path: str, story: Story, r: ExploreReport, sampled: RandomReport | None) -> list[str]:
    reached = sum(e.reached for e in r.endings)
    out = [f"{path}: explored {_plural(r.states, 'distinct state')} ({_plural(r.transitions, 'choice')} taken) "
           f"in {r.seconds:.2f} s", "", f"Endings: {reached} of {len(r.endings)} reachable"]
    width = max((len(e.id) for e in r.endings), default=0)
    for e in r.endings:
        share = ""
        if sampled is not None and sampled.runs:
            hits = sampled.endings.get(e.id, 0)
            share = (f"   {100 * hits / sampled.runs:.1f}% of random runs" if hits
                     else f"   0 of {sampled.runs:,} random runs")
        if not e.reached:
            when = story.endings[e.id].when
            rule = f" (its rule: {when.source})" if when else ""
            out.append(f"  {e.id:<{width}}  NEVER REACHED{rule}")
            continue
        out.append(f"  {e.id:<{width}}  \"{e.title}\"   {_plural(e.states, 'final state')}{share}")
        assert e.shortest is not None
        out.append(f"      shortest, {_plural(len(e.shortest), 'decision')}: {_route(e.shortest)}")
        ranges = ", ".join(f"{d} {lo}" if lo == hi else f"{d} {lo}..{hi}" for d, (lo, hi) in e.ranges.items())
        if ranges:
            out.append(f"      values: {ranges}")
    out += ["", "Never reached"]
    out.append(f"  scenes: {_listing(r.unreached_scenes)}")
    out.append(f"  choices: {_listing([f'{s}.{c}' for s, c in r.unreached_choices])}")
    out.append(f"  debate rounds: {_listing(r.unreached_debates)}")
    out += ["", "Choices never available (their condition never holds where they are offered): "
            + ("none" if not r.never_available else str(len(r.never_available)))]
    lines = []
    for sid, cid in r.never_available:
        when = story.scenes[sid].choices[cid].when
        lines.append(f"  {sid}.{cid}   when: {when.source if when else ''}")
    out += _capped(lines, "choices")
    out += ["", "Dominated choices (never better than a sibling for any ending): "
            + ("none" if not r.dominated else str(len(r.dominated)))]
    lines = [f"  {d.scene}: {d.choice} is never better than {d.by}, which also keeps open {_few(d.closes)} "
             f"(both offered in {_plural(d.states, 'state')})" for d in r.dominated]
    out += _capped(lines, "dominated choices")
    if r.stuck:
        out += ["", f"Stuck: {len(r.stuck)} way{'s' * (len(r.stuck) != 1)} a game cannot finish"]
        for s in r.stuck:
            if s.kind == "dead_end":
                out.append(f"  dead end in scene {s.scene}: no choice is enabled, after {_route(s.path)}")
            else:
                out.append(f"  {s.scene}.{s.choice} goes to end but no ending rule holds, after {_route(s.path)}")
    out += ["", "Routes"]
    if r.cyclic:
        out.append("  the story can come back to a state it was in, so routes have no longest length")
    elif r.longest is not None and r.average is not None:
        out.append(f"  longest {_plural(r.longest, 'decision')}; {r.average:.1f} on average when every "
                   "enabled choice is equally likely")
    if sampled is not None:
        out += _random_text(sampled, with_endings=False)
    return out


def _random_text(s: RandomReport, with_endings: bool) -> list[str]:
    lines = []
    finished = s.runs - s.dead_ends - s.no_ending - s.too_long
    if s.average is not None:
        lines.append(f"  random playthroughs: {s.runs:,} (seed {s.seed}), {s.average:.1f} decisions on average "
                     f"({s.shortest}..{s.longest})")
    else:
        lines.append(f"  random playthroughs: {s.runs:,} (seed {s.seed}), none finished")
    if finished != s.runs:
        problems = []
        if s.dead_ends:
            problems.append(f"{s.dead_ends:,} in a dead end")
        if s.no_ending:
            problems.append(f"{s.no_ending:,} where no ending rule held")
        if s.too_long:
            problems.append(f"{s.too_long:,} still going after {s.max_steps:,} decisions")
        lines.append(f"  {s.runs - finished:,} did not finish: {'; '.join(problems)}")
    if with_endings and s.runs:
        lines.append("  endings: " + ", ".join(f"{eid} {100 * n / s.runs:.1f}%" for eid, n in s.endings.items()))
    return lines


def _verdict(r: ExploreReport) -> str:
    if r.ok:
        return "ok: every ending and every scene can be reached, and every game can finish"
    problems = [f"unreachable ending '{e}'" for e in r.unreached_endings]
    problems += [f"unreachable scene '{s}'" for s in r.unreached_scenes]
    problems += [f"dead end in scene '{s.scene}'" for s in r.stuck if s.kind == "dead_end"]
    problems += [f"no ending for '{s.scene}.{s.choice}'" for s in r.stuck if s.kind == "no_ending"]
    more = f"; … and {len(problems) - SHOWN:,} more" if len(problems) > SHOWN else ""
    return "FAILED: " + "; ".join(problems[:SHOWN]) + more


# -- json ----------------------------------------------------------------------------------------------------


def _print_json(path: str, report: ExploreReport | None, sampled: RandomReport | None,
                exceeded: StateLimitExceeded | None) -> None:
    import json

    doc: dict[str, object] = {
        "path": path,
        "ok": bool(report and report.ok),
        "explore": report.to_dict() if report else None,
        "limit_exceeded": None if exceeded is None else {
            "limit": exceeded.limit, "endings_reached": list(exceeded.endings_reached),
            "endings_missing": list(exceeded.endings_missing),
            "busiest_scenes": {sid: n for sid, n in exceeded.busiest},
        },
        "random": sampled.to_dict() if sampled else None,
    }
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    print()
