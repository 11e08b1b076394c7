"""Exhaustive exploration against a slow, obviously right reference, on many small generated stories — with
cycles, conditions (visited.X too), clamps, flags, dead ends and `goto: end` that may find no ending.

The reference walks the state graph with plain sets and computes each state's reachable endings by its own
search, without the explorer's tricks (flat successor lists, reverse topological order, Tarjan's components).
"""

from __future__ import annotations

import random

import pytest

from trainer.author.explore import explore
from trainer.engine.errors import NoEnding
from trainer.engine.rules import rules_for, start_state
from trainer.engine.state import State
from trainer.story import load_story_text
from trainer.story.model import Story

CONDITIONS = ("a >= 1", "a <= 1", "b >= 2", "f", "not f", "a + b >= 3", "visited.s1", "not visited.s2 and a >= 1")


def _story(seed: int) -> Story:
    """A random story of 3-6 scenes; about one in two has a cycle in its scene graph."""
    rng = random.Random(seed)
    n = rng.randint(3, 6)
    loops = rng.random() < 0.5
    lines = ["format: 1", f"id: gen_{seed}", "title: Generated", "summary: Generated.", "dimensions:",
             "  a: {label: A, low: l, high: h, min: 0, max: 3, start: 1}",
             "  b: {label: B, low: l, high: h, min: 0, max: 3, start: 0}",
             "flags:", "  f: a flag", "scenes:"]
    for i in range(n):
        lines += [f"  s{i}:", f"    title: S{i}", "    text: t", "    choices:"]
        for k in range(rng.randint(1, 3)):
            targets = [f"s{j}" for j in range(i + 1, n)] + ["end", "e_direct"]
            if loops:
                targets += [f"s{j}" for j in range(i + 1)]
            # the first choice goes to the next scene, so that every scene is in the story graph
            goto = f"s{i + 1}" if k == 0 and i + 1 < n else rng.choice(targets)
            lines += [f"      c{k}:", f"        label: C{k}", f"        goto: {goto}"]
            if k and rng.random() < 0.4:
                lines.append(f"        when: {rng.choice(CONDITIONS)}")
            if rng.random() < 0.6:
                lines.append(f"        effects: {{{rng.choice('ab')}: {{by: {rng.choice((-2, -1, 1, 2))}, why: w}}}}")
            if rng.random() < 0.2:
                lines.append(f"        {rng.choice(('set', 'clear'))}: [f]")
    lines += ["endings:", "  e_direct: {title: Direct, text: t, when: 'a >= 3'}",
              "  e_rule: {title: Rule, text: t, when: b >= 2 and f}"]
    if rng.random() < 0.7:
        lines.append("  e_default: {title: Default, text: t}")
    else:
        lines.append("  e_last: {title: Last, text: t, when: a <= 1}")  # goto: end may find no ending
    return load_story_text("\n".join(lines) + "\n", f"gen_{seed}.yaml")


def _successors(story: Story, state: State) -> list[tuple[str, State | None]]:
    rules = rules_for(story)
    out: list[tuple[str, State | None]] = []
    for m in rules.enabled(state):
        try:
            out.append((m.id, rules.apply(m, state)))
        except NoEnding:
            out.append((m.id, None))
    return out


def _reference(story: Story) -> dict[str, object]:
    start = start_state(story)
    seen = {start}
    todo = [start]
    while todo:
        s = todo.pop()
        if s.ending is None:
            for _, t in _successors(story, s):
                if t is not None and t not in seen:
                    seen.add(t)
                    todo.append(t)

    def endings_from(state: State | None) -> frozenset[str]:
        if state is None:
            return frozenset()
        found, mark, stack = set(), {state}, [state]
        while stack:
            s = stack.pop()
            if s.ending is not None:
                found.add(s.ending)
                continue
            for _, t in _successors(story, s):
                if t is not None and t not in mark:
                    mark.add(t)
                    stack.append(t)
        return frozenset(found)

    live = [s for s in seen if s.ending is None]
    dominated = set()
    for sid, scene in story.scenes.items():
        here = [s for s in live if s.scene == sid]
        after = {s: dict(_successors(story, s)) for s in here}
        for c in scene.choices:
            for d in scene.choices:
                both = [s for s in here if c in after[s] and d in after[s]]
                if c != d and both and all(endings_from(after[s][c]) < endings_from(after[s][d]) for s in both):
                    dominated.add((sid, c, d))
    finals: dict[str, int] = {}
    for s in seen:
        if s.ending is not None:
            finals[s.ending] = finals.get(s.ending, 0) + 1
    return {
        "states": len(seen),
        "finals": finals,
        "scenes": {s.scene for s in live},
        "dominated": dominated,
        "dead_scenes": {s.scene for s in live if not _successors(story, s)},
        "no_ending": {(s.scene, c) for s in live for c, t in _successors(story, s) if t is None},
    }


@pytest.mark.parametrize("seed", range(60))
def test_explore_agrees_with_the_reference(seed: int) -> None:
    story = _story(seed)
    report = explore(story)
    ref = _reference(story)
    assert report.states == ref["states"]
    assert {e.id: e.states for e in report.endings if e.reached} == ref["finals"]
    assert set(story.scenes) - set(report.unreached_scenes) == ref["scenes"]
    assert {(d.scene, d.choice, d.by) for d in report.dominated} == ref["dominated"]
    assert {s.scene for s in report.stuck if s.kind == "dead_end"} == ref["dead_scenes"]
    assert {(s.scene, s.choice) for s in report.stuck if s.kind == "no_ending"} == ref["no_ending"]
