"""Benchmark: the counterfactual search on every bundled story.

For each story, several players (always the first open choice, always the last, and seeded random ones) are
played to an ending; for each, the search for the fewest changed decisions to every other ending is timed,
and compared with a baseline measured in the same run: one full replay of that player's game. Prints CPU ms
(process time, so other programs on the machine do not inflate it) and the ratio search / replay, and the
worst case per story against the 200 ms budget. Never run by the tests.

    python bench/counterfactuals.py [STORY.yaml ...] [--players N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trainer.engine import find_counterfactuals, replay_choices, rules_for, start_state  # noqa: E402
from trainer.engine.state import State  # noqa: E402
from trainer.story import StoryError, load_story  # noqa: E402
from trainer.story.model import Story  # noqa: E402

BUDGET_MS = 200.0
LOOPS = 2000  # replays per baseline sample, so one sample is long enough for the CPU clock


def play(story: Story, pick: str, rng: random.Random, limit: int = 1000) -> list[tuple[str, str]] | None:
    """A route to an ending for a player who picks 'first', 'last' or 'random' among the open choices."""
    rules = rules_for(story)
    state: State = start_state(story)
    route = []
    for _ in range(limit):
        if state.ending is not None:
            return route
        moves = rules.enabled(state)
        if not moves:
            return None
        move = moves[0] if pick == "first" else moves[-1] if pick == "last" else rng.choice(moves)
        route.append((state.scene, move.id))
        state = rules.apply(move, state)
    return None


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in CPU seconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def bench(story: Story, players: int) -> tuple[float, list[str]]:
    rng = random.Random(7)
    lines, worst = [], 0.0
    for n, pick in enumerate(["first", "last", *["random"] * players]):
        route = play(story, pick, rng)
        if route is None:
            lines.append(f"    player {n}: no ending reached (dead end or a loop)")
            continue
        choices = [c for _, c in route]
        ending = replay_choices(story, choices)[-1].ending or ""
        replay = best_of(lambda ch=choices: [replay_choices(story, ch) for _ in range(LOOPS)], 5) / LOOPS
        result = find_counterfactuals(story, route, exclude=[ending])
        search = best_of(lambda r=route, e=ending: find_counterfactuals(story, r, exclude=[e]), 3)
        worst = max(worst, search)
        found = ", ".join(f"{c.ending}:{c.cost}" for c in result.found) or "none"
        lines.append(f"    {pick:>6} player, {len(route):>2} choices → {ending:<20} search {search * 1e3:7.2f} ms CPU"
                     " = "
                     f"{search / replay:8.0f} × one replay ({replay * 1e6:6.1f} µs); {result.states:>6} states; "
                     f"found {found}" + ("" if result.complete else " (cut short)"))
    return worst, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*", type=Path)
    parser.add_argument("--players", type=int, default=5, help="random players per story (default 5)")
    args = parser.parse_args()
    paths = args.stories or sorted((ROOT / "stories").glob("*.yaml"))
    failed = False
    for path in paths:
        try:
            story = load_story(path)
        except (OSError, StoryError) as exc:
            print(f"{path.name}: does not load ({str(exc).splitlines()[0]})")
            continue
        worst, lines = bench(story, args.players)
        verdict = "ok" if worst * 1e3 < BUDGET_MS else "OVER BUDGET"
        failed |= verdict != "ok"
        print(f"{path.name}: {len(story.scenes)} scenes, {len(story.endings)} endings — worst search "
              f"{worst * 1e3:.2f} ms (budget {BUDGET_MS:.0f} ms): {verdict}")
        print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
