"""Counterfactuals: for each ending the player did not reach, the fewest changed decisions that reach it.

Definition (what "fewest changed decisions" means here)
-------------------------------------------------------
The player's game defines a *policy*: for every scene they played, the choice(s) they made there. An
alternative game is any sequence of choices from the same start state to an ending. Its *cost* is the number
of its decisions that are not the player's: a decision costs 0 when it is a choice the player made in that
same scene, and 1 otherwise — a different choice in a scene they played, or any choice in a scene they never
saw (a new decision they would have had to make). So after a changed decision leads elsewhere, the rest of
the game is replayed wherever it comes back to the player's scenes and their choice is still open, and where
it cannot be (a new scene, or the player's choice is now locked), the cheapest continuation is searched.

This is a shortest-path problem on the state graph with 0/1 edge weights, searched in two phases:

1. **Exact.** Dijkstra's algorithm keyed on (cost, length) with a bucket queue — exactly the breadth-first
   "change 1 decision, then 2, ..." search; among equally cheap routes the shortest game wins, ties going to
   the author's choice order. Every ending it reaches gets its proven cheapest route. It stops when all
   target endings are found, or after ``max_states`` distinct states (bundled stories have up to ~500,000
   reachable states; the cheap counterfactuals, the ones worth telling, lie in the first few thousand).
2. **Guided**, only for endings phase 1 did not reach within its budget: a best-first search ordered by changes
   made plus an estimate of the distance to the ending (``trainer.engine.guide``), which keeps improving its
   route until its share of ``max_guided`` states is spent. Its routes are real and verified but may not be
   the cheapest; each says so (``minimal`` is False, ``at_least`` is the lower bound phase 1 proved: every
   route with fewer changes was searched).

Every counterfactual returned has been verified by replaying its route from the start with the checked
``Rules.step``; one that did not replay to the ending it claims would be a bug and is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainer.engine.cheapest import ExactSearch, guided_route
from trainer.engine.errors import EngineError
from trainer.engine.rules import Move, rules_for, start_state
from trainer.engine.state import State
from trainer.story.expr import names_used
from trainer.story.model import Story

MAX_STATES = 15_000  # exact phase: enough for every cheap counterfactual of a bundled story
MAX_GUIDED_STATES = 3_000  # guided phase, shared by the endings it has to look for


@dataclass(frozen=True, slots=True)
class Change:
    """One decision of a counterfactual that differs from the player's."""

    step: int  # 1-based position in the counterfactual route
    scene: str
    scene_title: str
    choice: str
    label: str
    instead_of: str | None  # the player's choice in this scene; None when they never played it
    instead_label: str
    original_step: int | None  # where in the player's game they made ``instead_of``

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "scene_title": self.scene_title, "choice": self.choice,
                "label": self.label, "instead_of": self.instead_of, "instead_label": self.instead_label,
                "original_step": self.original_step}


@dataclass(frozen=True, slots=True)
class Counterfactual:
    ending: str
    title: str
    changes: tuple[Change, ...]
    route: tuple[tuple[str, str], ...]  # (scene, choice) for every decision from the start
    route_labels: tuple[tuple[str, str], ...]  # (scene title, choice label) for the same decisions
    dims: dict[str, int]  # the values at that ending
    shown: tuple[str, ...]  # the dimensions worth quoting (those the ending's rule reads)
    because: str  # why the (first) change matters, in the story's words
    at_least: int = 0  # no route with fewer changes exists; == cost when the route is proven the cheapest
    verified: bool = True

    @property
    def minimal(self) -> bool:
        """Proven to need the fewest changed decisions (False: found by the fallback; a cheaper may exist)."""
        return self.at_least >= self.cost

    @property
    def cost(self) -> int:
        return len(self.changes)

    @property
    def sentence(self) -> str:
        """'Had you chosen "X" in S, you would have reached "E" (organisation 6): because.'"""
        values = ", ".join(f"{d} {self.dims[d]}" for d in self.shown)
        if self.changes:
            parts = []
            for i, c in enumerate(self.changes):
                then = "then " if i and c.instead_of is None else ""
                parts.append(f'{then}"{c.label}" in {c.scene_title}')
            chosen = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
            text = f'Had you chosen {chosen}, you would have reached "{self.title}"'
        else:  # only choices the player made, but a different number of times or in another order
            steps = [f'"{label}" in {scene}' for scene, label in self.route_labels[:6]]
            more = ", …" if len(self.route_labels) > 6 else ""
            text = (f"Making only choices you made, in another order ({', '.join(steps)}{more}), you would have "
                    f'reached "{self.title}"')
        if values:
            text += f" ({values})"
        if self.because:
            return f"{text}: {self.because.rstrip('. ')}."
        return text + "."

    @property
    def caveat(self) -> str:
        """"" for a proven cheapest route; otherwise what is known about the cheapest."""
        if self.minimal:
            return ""
        return (f"one way there, found by a guided search; the fewest changes that reach it are between "
                f"{self.at_least} and {self.cost}")

    def to_dict(self) -> dict[str, object]:
        return {"ending": self.ending, "title": self.title, "cost": self.cost, "caveat": self.caveat,
                "changes": [c.to_dict() for c in self.changes],
                "route": [{"scene": s, "choice": c, "scene_title": t, "label": lb}
                          for (s, c), (t, lb) in zip(self.route, self.route_labels, strict=True)],
                "dims": dict(self.dims), "minimal": self.minimal, "at_least": self.at_least,
                "verified": self.verified, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Unreached:
    ending: str
    title: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"ending": self.ending, "title": self.title, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Search:
    found: tuple[Counterfactual, ...]
    unreached: tuple[Unreached, ...]
    states: int  # distinct states seen
    complete: bool  # False when ``max_states`` cut the exact phase short (then some routes may be guided)

    def to_dict(self) -> dict[str, object]:
        return {"found": [c.to_dict() for c in self.found], "unreached": [u.to_dict() for u in self.unreached],
                "states": self.states, "complete": self.complete}


def _verify(story: Story, start: State, moves: Sequence[Move], ending: str) -> State | None:
    rules = rules_for(story)
    state = start
    try:
        for move in moves:
            if move.scene != state.scene:
                return None
            state = rules.step(state, move.id)
    except EngineError:
        return None
    return state if state.ending == ending else None


def _because(story: Story, move: Move, shown: Sequence[str]) -> str:
    for e in move.choice.effects:
        if e.dimension in shown and e.why:
            return e.why
    for e in move.choice.effects:
        if e.why:
            return e.why
    explain = " ".join(move.choice.explain.split())
    if not explain:
        return ""
    first = explain.split(". ")[0]
    return first


def rule_dimensions(story: Story, ending: str) -> tuple[str, ...]:
    """The dimensions an ending's rule reads, in the story's order."""
    when = story.endings[ending].when
    if when is None:
        return ()
    used = names_used(when.node)
    return tuple(d for d in story.dimensions if d in used)


def find_counterfactuals(story: Story, route: Sequence[tuple[str, str]], *, start: State | None = None,
                         targets: Iterable[str] | None = None, exclude: Iterable[str] = (),
                         show: Sequence[str] = (), max_states: int = MAX_STATES,
                         max_guided: int = MAX_GUIDED_STATES) -> Search:
    """Search, for every target ending (default: every ending but ``exclude``), the cheapest alternative to
    the player's ``route`` of (scene, choice) decisions, as defined in this module's docstring.

    ``show`` lists dimensions to quote for endings whose rule reads none (the default ending).
    ``max_states`` bounds the exact phase, ``max_guided`` the fallback phase (shared by the endings left).
    """
    start = start_state(story) if start is None else start
    excluded = set(exclude)
    wanted = [e for e in (story.endings if targets is None else targets) if e not in excluded]
    policy_sets: dict[str, set[str]] = {}
    original: dict[tuple[str, str], int] = {}
    first_choice: dict[str, str] = {}
    for i, (scene, choice) in enumerate(route, start=1):
        policy_sets.setdefault(scene, set()).add(choice)
        original[(scene, choice)] = i
        first_choice.setdefault(scene, choice)
    policy = {s: frozenset(c) for s, c in policy_sets.items()}
    exact = ExactSearch(story, start, policy, set(wanted), max_states)
    seen = exact.states
    found: list[Counterfactual] = []
    unreached: list[Unreached] = []
    for ending in wanted:
        title = story.endings[ending].title
        if ending in exact.found:
            moves, bound = exact.route(exact.found[ending]), None
        elif not exact.cut:
            unreached.append(Unreached(ending, title, "no sequence of choices from this start reaches it"))
            continue
        else:
            bound = exact.level + 1
            share = max_guided // max(1, sum(e not in exact.found for e in wanted))
            moves, extra = guided_route(story, start, policy, ending, share, bound)
            seen += extra
            if moves is None:
                unreached.append(Unreached(ending, title, f"not found by a search of {seen:,} game states (it "
                                                          f"needs at least {bound} changed decisions)"))
                continue
        final = _verify(story, start, moves, ending)
        if final is None:  # pragma: no cover - would be an engine bug; never report an unverified claim
            unreached.append(Unreached(ending, title, "internal error: the route found did not replay"))
            continue
        changes = []
        for i, m in enumerate(moves, start=1):
            if m.id in policy.get(m.scene, ()):
                continue
            instead = first_choice.get(m.scene)
            instead_label = story.scenes[m.scene].choices[instead].label if instead else ""
            changes.append(Change(i, m.scene, story.scenes[m.scene].title, m.id, m.choice.label, instead,
                                  instead_label, original.get((m.scene, instead)) if instead else None))
        shown = rule_dimensions(story, ending) or tuple(show)
        first_move = next((m for m in moves if m.id not in policy.get(m.scene, ())), None)
        because = _because(story, first_move, shown) if first_move is not None else ""
        found.append(Counterfactual(
            ending=ending, title=title, changes=tuple(changes), route=tuple((m.scene, m.id) for m in moves),
            route_labels=tuple((story.scenes[m.scene].title, m.choice.label) for m in moves),
            dims=dict(zip(story.dimensions, final.dims, strict=True)), shown=shown, because=because,
            at_least=len(changes) if bound is None else min(bound, len(changes)),
        ))
    found.sort(key=lambda c: (c.cost, len(c.route)))
    return Search(tuple(found), tuple(unreached), seen, not exact.cut)
