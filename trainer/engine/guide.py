"""A guide toward one ending: an estimate of how far a state is from it, for the counterfactual search's
fallback phase (``trainer.engine.counterfactual``).

The estimate adds up what is missing: the ending's rule must hold and every earlier rule must fail
(``distance``); a flag that must be set costs one step plus the distance to the condition of the nearest
choice that sets it, and is impossible (``FAR``) when no scene that sets it can still be reached. Scenes that
cannot lead to the ending at all are cut off. It is a relaxation in the manner of planning heuristics: cheap,
often sharp, never trusted for correctness — every route is verified by replay.
"""

from __future__ import annotations

from collections import deque

from trainer.engine.distance import FAR, Distance, compile_distance
from trainer.engine.state import State
from trainer.story.model import END, Story

ENTRY_DEPTH = 1


class Guide:
    def __init__(self, story: Story, ending: str) -> None:
        self.story = story
        self._into: dict[str, set[str]] = {}
        index = story.dimension_index
        entries: dict[str, list[tuple[str, Distance | None]]] = {}
        for sid, scene in story.scenes.items():
            for c in scene.choices.values():
                if c.goto in story.scenes:
                    self._into.setdefault(c.goto, set()).add(sid)
                    entries.setdefault(c.goto, []).append(
                        (sid, compile_distance(c.when.node, index) if c.when is not None else None))
        self._entries = entries
        self._reach_cache: dict[frozenset[str], frozenset[str]] = {}
        self._lead: dict[str, frozenset[str]] = {}
        ids = list(story.endings)
        by_rule = all(story.endings[e].when is not None for e in ids[:ids.index(ending)])
        exits = {sid for sid, scene in story.scenes.items() for c in scene.choices.values()
                 if c.goto == ending or (c.goto == END and by_rule)}
        self.allowed = self.leading_to(exits)
        parts: list[Distance] = []
        if by_rule:
            for eid, e in story.endings.items():
                if e.when is not None:
                    parts.append(compile_distance(e.when.node, index, eid != ending, self._flag_cost, self.reachable))
                if eid == ending:
                    break
        self.parts = tuple(parts)
        self.direct = frozenset(sid for sid, scene in story.scenes.items()
                                for c in scene.choices.values() if c.goto == ending)
        self._direct_lead = self.leading_to(self.direct)

    def leading_to(self, scenes: set[str] | frozenset[str]) -> frozenset[str]:
        """Scenes from which one of ``scenes`` can be entered (they included), conditions ignored."""
        key = frozenset(scenes)
        cached = self._reach_cache.get(key)
        if cached is not None:
            return cached
        seen = set(key)
        todo = deque(key)
        while todo:
            for prev in self._into.get(todo.popleft(), ()):
                if prev not in seen:
                    seen.add(prev)
                    todo.append(prev)
        out = frozenset(seen)
        self._reach_cache[key] = out
        return out

    def reachable(self, from_scene: str, scene: str) -> bool:
        """Whether ``scene`` can still be entered from ``from_scene`` (the scene graph, conditions ignored)."""
        lead = self._lead.get(scene)
        if lead is None:
            lead = self._lead[scene] = self.leading_to({scene})
        return from_scene in lead

    def entry(self, scene: str, state: State, depth: int = ENTRY_DEPTH) -> float:
        """What it takes to enter ``scene`` from ``state``: the cheapest condition on the way in, looked for
        ``depth`` scenes back (0 beyond: an optimistic guess, which keeps this cheap in big stories)."""
        if state.scene == scene or depth == 0:
            return 0.0
        best = FAR
        for prev, when in self._entries.get(scene, ()):
            if not self.reachable(state.scene, prev):
                continue
            cost = when(state) if when is not None else 0.0
            if cost < best:
                cost += self.entry(prev, state, depth - 1)
                best = min(best, cost)
            if best == 0.0:
                break
        return best

    def _flag_cost(self, flag: str, want: bool) -> Distance:
        """The cost of a flag that is not as wanted: one step plus the nearest switching choice's condition."""
        switches = []
        for sid, scene in self.story.scenes.items():
            for c in scene.choices.values():
                if flag in (c.set_flags if want else c.clear_flags):
                    when = (compile_distance(c.when.node, self.story.dimension_index) if c.when is not None
                            else (lambda s: 0.0))
                    switches.append((sid, self.leading_to({sid}), when))
        if not switches:
            return lambda s: FAR

        def cost(s: State) -> float:
            best = FAR
            for sid, scenes, when in switches:
                if s.scene in scenes:
                    here = 1.0 + when(s)
                    if here < best:
                        best = min(best, here + self.entry(sid, s))
            return best

        return cost

    def distance(self, state: State) -> float:
        if state.scene not in self.allowed:
            return FAR
        rule = 0.0
        for p in self.parts:
            rule += p(state)
        if self.direct and state.scene in self._direct_lead:
            return min(rule, 1.0) if self.parts else 1.0
        return rule if self.parts else FAR
