"""The two search phases behind counterfactuals (see ``trainer.engine.counterfactual`` for the definition of
a route's cost): ``ExactSearch``, Dijkstra on (changed decisions, length) within a state budget, and
``guided_route``, a best-first search toward one ending for what the exact phase could not reach.

Both are hot loops over millions of candidate states in big stories, so they work on the compiled ``Rules``
(``Move`` objects, no validity checks) and keep per-state bookkeeping in plain tuples and dicts.
"""

from __future__ import annotations

import heapq

from trainer.engine.distance import FAR
from trainer.engine.errors import NoEnding
from trainer.engine.guide import Guide
from trainer.engine.rules import Move, rules_for
from trainer.engine.state import State
from trainer.story.model import Story


class ExactSearch:
    """Phase 1: Dijkstra on (changed decisions, length), with a bucket queue (costs and lengths are small
    integers, so no heap is needed). ``info`` maps each state seen to (cost, length, parent, move)."""

    def __init__(self, story: Story, start: State, policy: dict[str, frozenset[str]], targets: set[str],
                 max_states: int) -> None:
        rules = rules_for(story)
        self.apply = rules.apply
        self.plan = {sid: tuple((m, m.id in policy.get(sid, ())) for m in moves)
                     for sid, moves in rules.scene_moves.items()}
        self.info: dict[State, tuple[int, int, State | None, Move | None]] = {start: (0, 0, None, None)}
        self.levels: list[list[list[State]]] = [[[start]]]
        self.found: dict[str, State] = {}
        self.remaining = set(targets)
        self.max_states = max_states
        self.cut = False  # the state budget ran out before the search was done
        self.level = -1  # the highest cost whose states were all expanded: cheaper routes are all known
        cost = 0
        while self.remaining and cost < len(self.levels):
            if not self._expand(cost):
                break
            self.level = cost
            cost += 1

    @property
    def states(self) -> int:
        return len(self.info)

    def _expand(self, cost: int) -> bool:
        """Expand every state of this cost, shortest first; False when the search must stop."""
        info, levels, plan, apply = self.info, self.levels, self.plan, self.apply
        by_length = levels[cost]
        length = 0
        while length < len(by_length):  # 0-cost moves append to this level at length + 1
            nlength = length + 1
            for state in by_length[length]:
                entry = info[state]
                if entry[0] != cost or entry[1] != length:
                    continue  # reached more cheaply since it was queued
                if state.ending is not None:
                    if state.ending in self.remaining:
                        self.remaining.discard(state.ending)
                        self.found[state.ending] = state
                        if not self.remaining:
                            return False
                    continue
                d, f, v = state.dims, state.flags, state.visited
                for move, kept in plan[state.scene]:
                    if move.when is not None and not move.when(d, f, v):
                        continue
                    try:
                        nxt = apply(move, state)
                    except NoEnding:
                        continue
                    ncost = cost if kept else cost + 1
                    old = info.get(nxt)
                    if old is None or ncost < old[0] or (ncost == old[0] and nlength < old[1]):
                        info[nxt] = (ncost, nlength, state, move)
                        while len(levels) <= ncost:
                            levels.append([])
                        row = levels[ncost]
                        while len(row) <= nlength:
                            row.append([])
                        row[nlength].append(nxt)
                if len(info) > self.max_states:
                    self.cut = True
                    return False
            length += 1
        return True

    def route(self, end: State) -> list[Move]:
        moves: list[Move] = []
        entry = self.info[end]
        while entry[2] is not None and entry[3] is not None:
            moves.append(entry[3])
            entry = self.info[entry[2]]
        moves.reverse()
        return moves


def guided_route(story: Story, start: State, policy: dict[str, frozenset[str]], ending: str,
            max_states: int, floor: int) -> tuple[list[Move] | None, int]:
    """Phase 2, for an ending the exact phase did not reach within its budget: a best-first search ordered by
    changed decisions plus the guide's distance to the ending (``trainer.engine.guide``), so it heads for the
    ending while still preferring the player's own choices. It goes on after the first route, keeping only
    cheaper ones, until its budget is spent or a route costs ``floor`` (the exact phase's lower bound).
    Finds a route, not necessarily the cheapest; returns it (or None) and the number of states it saw."""
    rules = rules_for(story)
    apply = rules.apply
    guide = Guide(story, ending)
    distance = guide.distance
    if distance(start) >= FAR:
        return None, 0
    best: dict[State, int] = {start: 0}
    parent: dict[State, tuple[State, Move]] = {}
    heap: list[tuple[float, float, int, int, State]] = [(distance(start), 0.0, 0, 0, start)]
    seq = 0
    found: State | None = None
    bound = FAR  # the cost of the best route found so far: anytime search, only cheaper routes are kept
    while heap and len(best) <= max_states:
        _, _, length, _, state = heapq.heappop(heap)
        changes = best[state]
        if changes >= bound:
            continue
        if state.ending is not None:  # only the wanted ending is ever queued
            found, bound = state, changes
            if bound <= floor:
                break  # as cheap as the exact phase proved possible
            continue
        kept = policy.get(state.scene, frozenset())
        d, f, v = state.dims, state.flags, state.visited
        for move in rules.scene_moves[state.scene]:
            if move.when is not None and not move.when(d, f, v):
                continue
            try:
                nxt = apply(move, state)
            except NoEnding:
                continue
            if nxt.ending is not None:
                if nxt.ending != ending:
                    continue
                h = 0.0
            else:
                h = distance(nxt)
                if h >= FAR:
                    continue
            ncost = changes if move.id in kept else changes + 1
            old = best.get(nxt)
            if ncost >= bound or (old is not None and old <= ncost):
                continue
            best[nxt] = ncost
            parent[nxt] = (state, move)
            seq += 1
            heapq.heappush(heap, (ncost + h, h, length + 1, seq, nxt))
    if found is None:
        return None, len(best)
    moves = []
    while found in parent:
        found, move = parent[found]
        moves.append(move)
    moves.reverse()
    return moves, len(best)
