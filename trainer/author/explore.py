"""Exhaustive and random exploration of a story's state space: proof that every ending and scene can be reached.

``explore`` walks every distinct ``State`` the engine can produce from the start, breadth first, memoised on the
state itself (so the work grows with distinct states, not with routes, which grow exponentially). It finds:
each ending's distinct final states, shortest route and dimension ranges; scenes, choices and debate rounds
never reached; conditional choices never available; dominated choices; dead ends; the longest route and the
average over every distinct route. ``random_playthroughs`` plays N seeded games choosing uniformly among the
enabled choices, like ChoiceScript's randomtest, and counts how often each ending comes up.

Every transition is the engine's (``Rules.enabled`` and ``Rules.apply``): nothing here decides what a choice
does. The hot loop is kept lean on purpose (issue 8 sets the budget): moves of scenes without conditions are
looked up once, the state index is one ``dict.setdefault`` per transition, successors go into one flat list,
and the cyclic garbage collector is paused while millions of small tuples are made.

*Dominated choice* (the precise definition ``docs/authoring.md`` repeats): choice C of a scene is dominated by
its sibling D when there is at least one reached state where both are enabled, and in every reached state where
both are enabled, the set of endings still reachable after taking C is a strict subset of the set reachable
after taking D. Taking C then never keeps open an ending that D would not, and always closes one that D keeps.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from trainer.engine.errors import NoEnding
from trainer.engine.rules import Move, Rules, rules_for, start_state
from trainer.engine.state import EMPTY, State
from trainer.story.model import Story

#: Called now and then during a long run: (work done, work known so far). For ``explore`` that is (states
#: expanded, states discovered); for ``random_playthroughs`` (runs finished, runs asked for).
Progress = Callable[[int, int], None]

DEFAULT_LIMIT = 2_000_000
PROGRESS_EVERY = 1 << 15  # states expanded (or runs made) between two progress calls

# A pseudo final state standing for "goto: end, but no ending rule holds" (NoEnding), so that the state graph
# stays uniform: its ending id is empty, never a real ending's.
_NO_ENDING = State("", (), EMPTY, EMPTY, "")


class StateLimitExceeded(Exception):
    """The state space is larger than the limit; carries what was learnt before stopping."""

    def __init__(self, limit: int, endings_reached: tuple[str, ...], endings_missing: tuple[str, ...],
                 busiest: tuple[tuple[str, int], ...]) -> None:
        self.limit = limit
        self.endings_reached = endings_reached
        self.endings_missing = endings_missing
        self.busiest = busiest  # (scene, distinct states found there), most first
        super().__init__(f"the story has more than {limit:,} distinct states")


@dataclass(frozen=True, slots=True)
class EndingReach:
    """One ending as exhaustive exploration found it."""

    id: str
    title: str
    states: int  # distinct final states with this ending (0: unreachable)
    shortest: tuple[str, ...] | None  # fewest choice ids from the start that reach it; None when unreachable
    ranges: Mapping[str, tuple[int, int]]  # dimension id -> (lowest, highest) over those final states

    @property
    def reached(self) -> bool:
        return self.states > 0

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "states": self.states,
                "shortest": None if self.shortest is None else list(self.shortest),
                "ranges": {k: list(v) for k, v in self.ranges.items()}}


@dataclass(frozen=True, slots=True)
class Dominated:
    """Choice ``choice`` of ``scene`` is never better than its sibling ``by`` (see the module docstring)."""

    scene: str
    choice: str
    by: str
    closes: tuple[str, ...]  # endings ``by`` keeps open and ``choice`` closes, in some state where both are enabled
    states: int  # reached states where both are enabled

    def to_dict(self) -> dict[str, object]:
        return {"scene": self.scene, "choice": self.choice, "by": self.by, "closes": list(self.closes),
                "states": self.states}


@dataclass(frozen=True, slots=True)
class Stuck:
    """A reachable state a game cannot finish from: a dead end (no choice enabled), or a ``goto: end`` choice
    for which no ending rule holds."""

    kind: str  # "dead_end" or "no_ending"
    scene: str
    choice: str  # the choice that found no ending; "" for a dead end
    path: tuple[str, ...]  # the shortest route of choice ids to the state (for no_ending: then ``choice``)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "scene": self.scene, "choice": self.choice, "path": list(self.path)}


@dataclass(frozen=True)
class ExploreReport:
    story: str
    states: int  # distinct states reached, final ones included
    transitions: int  # choices taken across all of them
    endings: tuple[EndingReach, ...]  # every ending, in the story's order
    unreached_scenes: tuple[str, ...]
    unreached_choices: tuple[tuple[str, str], ...]  # (scene, choice) of every unreached scene
    never_available: tuple[tuple[str, str], ...]  # reached scene, but its `when` never holds there
    unreached_debates: tuple[str, ...]
    dominated: tuple[Dominated, ...]
    stuck: tuple[Stuck, ...]
    cyclic: bool  # some state can come round again: routes are unbounded
    longest: int | None  # most decisions on any route (None when cyclic)
    average: float | None  # expected decisions when every enabled choice is equally likely (None when cyclic)
    scene_states: Mapping[str, int] = field(default_factory=dict)  # distinct states per reached scene
    seconds: float = 0.0

    @property
    def unreached_endings(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.endings if not e.reached)

    @property
    def ok(self) -> bool:
        """Every ending and scene reachable, and no reachable state a game cannot finish from."""
        return not (self.unreached_endings or self.unreached_scenes or self.stuck)

    def to_dict(self) -> dict[str, object]:
        return {
            "story": self.story, "ok": self.ok, "states": self.states, "transitions": self.transitions,
            "seconds": round(self.seconds, 4),
            "endings": [e.to_dict() for e in self.endings],
            "unreached_endings": list(self.unreached_endings),
            "unreached_scenes": list(self.unreached_scenes),
            "unreached_choices": [f"{s}.{c}" for s, c in self.unreached_choices],
            "never_available": [f"{s}.{c}" for s, c in self.never_available],
            "unreached_debates": list(self.unreached_debates),
            "dominated": [d.to_dict() for d in self.dominated],
            "stuck": [s.to_dict() for s in self.stuck],
            "cyclic": self.cyclic, "longest": self.longest, "average": self.average,
            "scene_states": dict(self.scene_states),
        }


@dataclass(frozen=True)
class RandomReport:
    story: str
    runs: int
    seed: int
    endings: Mapping[str, int]  # ending id -> runs that reached it, every ending listed, story order
    dead_ends: int  # runs stopped in a state with no enabled choice
    no_ending: int  # runs whose `goto: end` found no ending rule that holds
    too_long: int  # runs stopped after ``max_steps`` decisions (the story loops)
    max_steps: int
    shortest: int | None  # fewest decisions in a finished run
    longest: int | None
    average: float | None  # mean decisions over finished runs
    scenes_seen: frozenset[str] = frozenset()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {"runs": self.runs, "seed": self.seed, "endings": dict(self.endings), "dead_ends": self.dead_ends,
                "no_ending": self.no_ending, "too_long": self.too_long, "max_steps": self.max_steps,
                "shortest": self.shortest, "longest": self.longest, "average": self.average,
                "scenes_seen": sorted(self.scenes_seen), "seconds": round(self.seconds, 4)}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic collector would rescan millions of young tuples over and over; none of them form cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unconditional_moves(rules: Rules) -> dict[str, tuple[Move, ...]]:
    """Scenes whose every choice is always enabled, with their moves: no condition to evaluate there."""
    return {sid: moves for sid, moves in rules.scene_moves.items() if all(m.when is None for m in moves)}


# -- exhaustive ----------------------------------------------------------------------------------------------


def explore(story: Story, *, limit: int = DEFAULT_LIMIT, progress: Progress | None = None) -> ExploreReport:
    """Every distinct state reachable from the start, and what it tells an author. Raises
    ``StateLimitExceeded`` once more than ``limit`` distinct states have been found."""
    began = time.perf_counter()
    rules = rules_for(story)
    with _gc_paused():
        graph = _walk(rules, start_state(story), limit, progress)
        report = _analyse(story, rules, graph)
    return replace(report, seconds=time.perf_counter() - began)


@dataclass(slots=True)
class _Graph:
    """The state graph as breadth-first search leaves it: state i's successors are
    ``succ[first[i]:first[i + 1]]``, made by the moves ``moves_of[i]`` in the same order."""

    states: list[State]
    parent: list[int]  # the state each state was first reached from (-1 for the start): shortest routes
    via: list[int]  # the position in ``succ`` of that first transition
    first: list[int]
    succ: list[int]
    moves_of: list[tuple[Move, ...] | list[Move] | None]  # None for a final state
    available: set[int]  # id() of each move of a conditional scene that was enabled somewhere
    dead: list[int]  # states that are not final and offer no enabled choice


def _walk(rules: Rules, start: State, limit: int, progress: Progress | None) -> _Graph:
    unconditional = _unconditional_moves(rules)
    enabled, apply = rules.enabled, rules.apply
    states: list[State] = [start]
    parent = [-1]
    via = [-1]
    first: list[int] = []
    succ: list[int] = []
    moves_of: list[tuple[Move, ...] | list[Move] | None] = []
    available: set[int] = set()
    dead: list[int] = []
    index: dict[State, int] = {start: 0}
    setdefault, add_state, add_parent, add_via = index.setdefault, states.append, parent.append, via.append
    add_first, add_succ, add_moves = first.append, succ.append, moves_of.append
    note_available = available.update
    n = 1
    i = 0
    while i < n:
        s = states[i]
        add_first(len(succ))
        if s.ending is not None:
            add_moves(None)
        else:
            moves = unconditional.get(s.scene)
            if moves is None:
                moves = enabled(s)
                note_available(map(id, moves))
            add_moves(moves)
            if not moves:
                dead.append(i)
            for m in moves:
                try:
                    t = apply(m, s)
                except NoEnding:
                    t = _NO_ENDING
                j = setdefault(t, n)
                if j == n:
                    add_state(t)
                    add_parent(i)
                    add_via(len(succ))
                    n += 1
                    if n > limit:
                        _limit_reached(rules, states, limit)
                add_succ(j)
        i += 1
        if progress is not None and not i % PROGRESS_EVERY:
            progress(i, n)
    add_first(len(succ))
    if progress is not None:
        progress(n, n)
    return _Graph(states, parent, via, first, succ, moves_of, available, dead)


def _limit_reached(rules: Rules, states: list[State], limit: int) -> None:
    counts: dict[str, int] = {}
    reached: set[str] = set()
    for s in states:
        if s.ending is None:
            counts[s.scene] = counts.get(s.scene, 0) + 1
        elif s.ending:
            reached.add(s.ending)
    order = [eid for eid, _ in rules.endings]
    busiest = tuple(sorted(counts.items(), key=lambda kv: -kv[1])[:5])
    raise StateLimitExceeded(limit, tuple(e for e in order if e in reached),
                             tuple(e for e in order if e not in reached), busiest)


def _route(g: _Graph, i: int) -> tuple[str, ...]:
    """The shortest route to state ``i``, as choice ids: the transitions that first reached it and its
    ancestors, breadth first."""
    steps: list[str] = []
    first, parent, via, moves_of = g.first, g.parent, g.via, g.moves_of
    p = parent[i]
    while p >= 0:
        steps.append((moves_of[p] or ())[via[i] - first[p]].id)
        i, p = p, parent[p]
    return tuple(reversed(steps))


def _scene_order(story: Story) -> list[str] | None:
    """The scenes in topological order of the scene graph, or None when it has a cycle."""
    scenes = story.scenes
    indegree = dict.fromkeys(scenes, 0)
    for scene in scenes.values():
        for target in {c.goto for c in scene.choices.values() if c.goto in scenes}:
            indegree[target] += 1
    ready = [sid for sid, d in indegree.items() if d == 0]
    order: list[str] = []
    while ready:
        sid = ready.pop()
        order.append(sid)
        for target in {c.goto for c in scenes[sid].choices.values() if c.goto in scenes}:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return order if len(order) == len(scenes) else None


def _analyse(story: Story, rules: Rules, g: _Graph) -> ExploreReport:
    states, first, succ = g.states, g.first, g.succ
    n = len(states)
    ending_ids = [eid for eid, _ in rules.endings]
    bit = {eid: 1 << k for k, eid in enumerate(ending_ids)}

    by_scene: dict[str, list[int]] = {sid: [] for sid in story.scenes}
    final: list[int] = []
    for i, s in enumerate(states):
        if s.ending is None:
            by_scene[s.scene].append(i)
        else:
            final.append(i)

    mask = [0] * n
    for i in final:
        mask[i] = bit.get(states[i].ending or "", 0)

    order = _scene_order(story)
    longest: int | None = None
    average: float | None = None
    if order is not None:
        longest, average = _acyclic_paths(order, by_scene, first, succ, mask)
        cyclic = False
    else:
        cyclic = _cyclic_reach(n, first, succ, mask)

    endings = _endings(story, rules, g, final)
    reached_scenes = {sid for sid, members in by_scene.items() if members}
    unreached = tuple(sid for sid in story.scenes if sid not in reached_scenes)
    never = tuple(
        (sid, m.id) for sid in story.scenes if sid in reached_scenes
        for m in rules.scene_moves[sid] if m.when is not None and id(m) not in g.available
    )
    played = {story.scenes[sid].debate for sid in reached_scenes if story.scenes[sid].debate}
    stuck = _stuck(rules, g, final)
    return ExploreReport(
        story=story.id,
        states=n - sum(1 for i in final if not states[i].ending),  # the NoEnding pseudo state is not one
        transitions=len(succ),
        endings=endings,
        unreached_scenes=unreached,
        unreached_choices=tuple((sid, cid) for sid in unreached for cid in story.scenes[sid].choices),
        never_available=never,
        unreached_debates=tuple(d for d in story.debates if d not in played),
        dominated=_dominated(rules, g, by_scene, mask, ending_ids),
        stuck=stuck,
        cyclic=cyclic,
        longest=longest,
        average=average,
        scene_states={sid: len(members) for sid, members in by_scene.items() if members},
    )


def _acyclic_paths(order: list[str], by_scene: dict[str, list[int]], first: list[int], succ: list[int],
                   mask: list[int]) -> tuple[int, float]:
    """Fill ``mask`` (the endings reachable from each state) and return the longest route and the expected
    number of decisions of a player who picks uniformly among the enabled choices.

    With an acyclic scene graph every transition goes to a later scene in topological order (or to a final
    state), so visiting scenes in reverse topological order visits every state after all its successors."""
    n = len(mask)
    longest = [0] * n
    expected = [0.0] * n
    for sid in reversed(order):
        for i in by_scene[sid]:
            a, b = first[i], first[i + 1]
            if a == b:
                continue  # a dead end: no route goes on
            m = 0
            most = 0
            total = 0.0
            for j in succ[a:b]:
                m |= mask[j]
                lj = longest[j]
                if lj > most:
                    most = lj
                total += expected[j]
            mask[i] = m
            longest[i] = most + 1
            expected[i] = 1.0 + total / (b - a)
    return longest[0], expected[0]


def _cyclic_reach(n: int, first: list[int], succ: list[int], mask: list[int]) -> bool:
    """Reachable endings when the scene graph has cycles: Tarjan's strongly connected components, iteratively
    (components come out sinks first, so each takes the union of its members' successors). Returns whether
    the state graph itself has a cycle."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    counter = 0
    cyclic = False
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, first[root])]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, k = work[-1]
            if k < first[v + 1]:
                work[-1] = (v, k + 1)
                w = succ[k]
                if w == v:
                    cyclic = True
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, first[w]))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    cyclic = True
                members = set(component)
                m = 0
                for w in component:
                    m |= mask[w]
                    for x in succ[first[w]:first[w + 1]]:
                        if x not in members:
                            m |= mask[x]
                for w in component:
                    mask[w] = m
    return cyclic


def _endings(story: Story, rules: Rules, g: _Graph, final: list[int]) -> tuple[EndingReach, ...]:
    states = g.states
    groups: dict[str, list[int]] = {}
    for i in final:  # in BFS order, so the first final state of an ending is one of its nearest
        e = states[i].ending
        if e:
            groups.setdefault(e, []).append(i)
    dims = list(story.dimensions)
    out = []
    for eid, ending in story.endings.items():
        members = groups.get(eid)
        if not members:
            out.append(EndingReach(eid, ending.title, 0, None, {}))
            continue
        columns = zip(*[states[i].dims for i in members], strict=True)
        ranges = {d: (min(col), max(col)) for d, col in zip(dims, columns, strict=True)}
        out.append(EndingReach(eid, ending.title, len(members), _route(g, members[0]), ranges))
    return tuple(out)


def _stuck(rules: Rules, g: _Graph, final: list[int]) -> tuple[Stuck, ...]:
    """The nearest dead-end state of each scene that has one, and the nearest state from which each choice
    finds no ending."""
    out: list[Stuck] = []
    first, succ, states = g.first, g.succ, g.states
    dead_scenes: set[str] = set()
    for i in g.dead:  # breadth-first order: the first of a scene is a nearest one
        scene = states[i].scene
        if scene not in dead_scenes:
            dead_scenes.add(scene)
            out.append(Stuck("dead_end", scene, "", _route(g, i)))
    broken = next((i for i in final if not states[i].ending), None)
    if broken is None:
        return tuple(out)
    seen: set[tuple[str, str]] = set()
    for i, s in enumerate(states):  # breadth-first order: the first state found is a nearest one
        if s.ending is not None or broken not in succ[first[i]:first[i + 1]]:
            continue
        a = first[i]
        for k, m in enumerate(g.moves_of[i] or ()):
            if succ[a + k] == broken and (s.scene, m.id) not in seen:
                seen.add((s.scene, m.id))
                out.append(Stuck("no_ending", s.scene, m.id, _route(g, i)))
    return tuple(out)


def _dominated(rules: Rules, g: _Graph, by_scene: dict[str, list[int]], mask: list[int],
               ending_ids: list[str]) -> tuple[Dominated, ...]:
    """Choices dominated by a sibling, by the definition in the module docstring. A pair (C, D) is dropped at
    the first state where C is not strictly worse than D, so the scan soon has nothing left to check."""
    first, succ, moves_of = g.first, g.succ, g.moves_of
    found: list[Dominated] = []
    for sid, members in by_scene.items():
        moves = rules.scene_moves[sid]
        count = len(moves)
        if count < 2 or not members:
            continue
        position = {id(m): k for k, m in enumerate(moves)}
        # (c, d) by position -> [endings D keeps open and C closes, states where both are enabled]
        live = {(c, d): [0, 0] for c in range(count) for d in range(count) if c != d}
        for i in members:
            offered = moves_of[i] or ()
            if len(offered) < 2:
                continue
            a = first[i]
            if offered is moves:
                after = succ[a:a + count]
            else:
                after = [-1] * count
                for k, m in enumerate(offered):
                    after[position[id(m)]] = succ[a + k]
            for pair in list(live):
                jc, jd = after[pair[0]], after[pair[1]]
                if jc < 0 or jd < 0:
                    continue
                x, y = mask[jc], mask[jd]
                if x & ~y or x == y:
                    del live[pair]
                    continue
                acc = live[pair]
                acc[0] |= y & ~x
                acc[1] += 1
            if not live:
                break
        for (c, d), (closes, together) in live.items():
            if together:
                found.append(Dominated(sid, moves[c].id, moves[d].id, _names(closes, ending_ids), together))
    return tuple(found)


def _names(bits: int, ending_ids: list[str]) -> tuple[str, ...]:
    out = []
    while bits:
        low = bits & -bits
        out.append(ending_ids[low.bit_length() - 1])
        bits ^= low
    return tuple(out)


# -- random --------------------------------------------------------------------------------------------------


def random_playthroughs(story: Story, n: int, seed: int = 0, *, max_steps: int | None = None,
                        progress: Progress | None = None) -> RandomReport:
    """Play ``n`` games choosing uniformly among the enabled choices, seeded so that a run can be repeated.
    A game stops at an ending, in a dead end, when ``goto: end`` finds no ending, or after ``max_steps``
    decisions (default: ten per scene, at least 1,000), which only a story that loops can reach."""
    began = time.perf_counter()
    rules = rules_for(story)
    cap = max_steps if max_steps is not None else max(1000, 10 * len(story.scenes))
    unconditional = _unconditional_moves(rules)
    get_moves, enabled, apply = unconditional.get, rules.enabled, rules.apply
    draw = random.Random(seed).random
    start = start_state(story)
    endings = dict.fromkeys(story.endings, 0)
    seen: set[str] = {start.scene}
    see = seen.add
    dead = no_ending = too_long = 0
    lengths: list[int] = []
    with _gc_paused():
        for run in range(n):
            s = start
            steps = 0
            while s.ending is None:
                moves = get_moves(s.scene)
                if moves is None:
                    moves = enabled(s)
                    if not moves:
                        dead += 1
                        break
                if steps == cap:
                    too_long += 1
                    break
                try:
                    s = apply(moves[int(draw() * len(moves))], s)
                except NoEnding:
                    no_ending += 1
                    break
                steps += 1
                see(s.scene)
            else:
                endings[s.ending] += 1
                lengths.append(steps)
            if progress is not None and not (run + 1) % 256:
                progress(run + 1, n)
    if progress is not None:
        progress(n, n)
    seen &= set(story.scenes)
    return RandomReport(
        story=story.id, runs=n, seed=seed, endings=endings, dead_ends=dead, no_ending=no_ending,
        too_long=too_long, max_steps=cap,
        shortest=min(lengths) if lengths else None, longest=max(lengths) if lengths else None,
        average=sum(lengths) / len(lengths) if lengths else None,
        scenes_seen=frozenset(seen), seconds=time.perf_counter() - began,
    )
