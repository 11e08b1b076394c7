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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainer.engine.cheapest import ExactSearch, guided_route
from trainer.engine.decisive import OWN, Deciding, Target, Weight, deciding_terms, flipped, weigh
from trainer.engine.decisive import targets as goals_for
from trainer.engine.errors import EngineError
from trainer.engine.rules import ENDING, Move, rules_for, start_state
from trainer.engine.state import State
from trainer.story.expr import names_used
from trainer.story.model import Story

MAX_STATES = 15_000  # exact phase: enough for every cheap counterfactual of a bundled story
MAX_GUIDED_STATES = 3_000  # guided phase, shared by the endings it has to look for
HEADLINE_CHANGES = 2  # changed decisions a headline names; the others are counted ("and 3 more changes")
MAX_TERMS = 3  # deciding terms a headline quotes


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
    rank: int = 0  # 1 for the change that did most toward the ending, 2 next, ...; 0 when it moved nothing
    # that decides the ending (it opened the way: made a choice available, led to a scene)
    moved: tuple[str, ...] = ()  # what it did, compared with the player's choice, to what decides the ending
    why: str = ""  # the story's reason for it ("" for a change that moved nothing that decides)

    @property
    def decisive(self) -> bool:
        return self.rank > 0

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "scene_title": self.scene_title, "choice": self.choice,
                "label": self.label, "instead_of": self.instead_of, "instead_label": self.instead_label,
                "original_step": self.original_step, "rank": self.rank, "moved": list(self.moved),
                "why": self.why}


_SEPARATORS = re.compile(r": | — | – |; ")
_COMMA = re.compile(r", (\w+)")
# a comma before these words starts a qualification, not an elaboration: never cut there
_QUALIFIERS = frozenset({"but", "yet", "unless", "except", "only", "not", "without", "if", "provided", "so", "as",
                         "or", "instead", "even", "nor", "though", "although", "while"})


def short_label(label: str) -> str:
    """A long choice label cut to its first clause, for a headline: "Defeat the coup through the council: a
    defence committee of …" becomes "Defeat the coup through the council…". Labels of up to ten words are kept
    whole; a cut needs four words before a colon, dash or semicolon, or, in a label of more than fourteen
    words, five before a comma that does not start a qualification (", but …", ", unless …")."""
    words = len(label.split())
    if words <= 10:
        return label
    cuts = [m.start() for m in _SEPARATORS.finditer(label) if len(label[:m.start()].split()) >= 4]
    if words > 14:
        cuts += [m.start() for m in _COMMA.finditer(label)
                 if len(label[:m.start()].split()) >= 5 and m.group(1).casefold() not in _QUALIFIERS]
    return label[:min(cuts)].rstrip(" ,;:") + "…" if cuts else label


@dataclass(frozen=True, slots=True)
class Counterfactual:
    """The fewest changed decisions that reach another ending.

    ``changes`` lists every changed decision in the game's order; ``sentence`` (the headline) names only the
    most decisive of them (``named``) and counts the rest. ``deciding`` are the terms that decide the ending
    there and came out otherwise in the player's game; ``because`` is the reason of the most decisive change.
    """

    ending: str
    title: str
    changes: tuple[Change, ...]
    route: tuple[tuple[str, str], ...]  # (scene, choice) for every decision from the start
    route_labels: tuple[tuple[str, str], ...]  # (scene title, choice label) for the same decisions
    dims: dict[str, int]  # the values at that ending
    shown: tuple[str, ...]  # the dimensions worth quoting when no deciding term is (a direct ending)
    because: str  # why the most decisive change matters, in the story's words
    at_least: int = 0  # no route with fewer changes exists; == cost when the route is proven the cheapest
    verified: bool = True
    deciding: tuple[Deciding, ...] = ()  # own rule first; the earlier rules' terms the changes made fail

    @property
    def minimal(self) -> bool:
        """Proven to need the fewest changed decisions (False: found by the fallback; a cheaper may exist)."""
        return self.at_least >= self.cost

    @property
    def cost(self) -> int:
        return len(self.changes)

    @property
    def ranked(self) -> tuple[Change, ...]:
        """The decisive changes, most decisive first."""
        return tuple(sorted((c for c in self.changes if c.rank), key=lambda c: c.rank))

    @property
    def named(self) -> tuple[Change, ...]:
        """The changes the headline names, in the game's order: all of them when there are at most
        ``HEADLINE_CHANGES``, else the most decisive (the first ones when none moved what decides)."""
        if len(self.changes) <= HEADLINE_CHANGES:
            return self.changes
        keep = {c.step for c in (self.ranked or self.changes)[:HEADLINE_CHANGES]}
        return tuple(c for c in self.changes if c.step in keep)

    @property
    def values(self) -> str:
        """What decides the ending there: "organisation 6 — needed 5 or more, councils is set"."""
        if self.deciding:
            phrases: list[str] = []
            for t in self.deciding:
                phrase = t.phrase
                if phrase not in phrases:
                    phrases.append(phrase)
            return "; ".join(phrases[:MAX_TERMS]) + ("; …" if len(phrases) > MAX_TERMS else "")
        return ", ".join(f"{d} {self.dims[d]}" for d in self.shown)

    @property
    def sentence(self) -> str:
        """The headline: 'Had you chosen "X" in S (and 3 more changes), you would have reached "E"
        (organisation 6 — needed 5 or more): because.'"""
        if self.changes:
            named = self.named
            whole = len(named) == len(self.changes)
            parts = []
            for i, c in enumerate(named):
                then = "then " if whole and i and c.instead_of is None else ""
                parts.append(f'{then}"{short_label(c.label)}" in {c.scene_title}')
            chosen = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
            more = len(self.changes) - len(named)
            extra = f" (and {more} more change{'s' if more > 1 else ''})" if more else ""
            text = f'Had you chosen {chosen}{extra}, you would have reached "{self.title}"'
        else:  # only choices the player made, but a different number of times or in another order
            runs: list[tuple[str, str, int]] = []  # repeated decisions said once: "Talk" in S (3 times)
            for scene, label in self.route_labels:
                if runs and runs[-1][:2] == (scene, label):
                    runs[-1] = (scene, label, runs[-1][2] + 1)
                else:
                    runs.append((scene, label, 1))
            steps = [f'"{short_label(label)}" in {scene}' + (f" ({n} times)" if n > 1 else "")
                     for scene, label, n in runs[:3]]
            more_steps = ", …" if len(runs) > 3 else ""
            text = (f"Making only choices you made, in another order ({', '.join(steps)}{more_steps}), you would "
                    f'have reached "{self.title}"')
        values = self.values
        if values:
            text += f" ({values})"
        if self.because:
            return f"{text}: {self.because.rstrip('. ')}."
        return text + "."

    @property
    def headline(self) -> str:
        return self.sentence

    @property
    def caveat(self) -> str:
        """"" for a proven cheapest route; otherwise what is known about the cheapest."""
        if self.minimal:
            return ""
        return (f"one way there, found by a guided search; the fewest changes that reach it are between "
                f"{self.at_least} and {self.cost}")

    def to_dict(self) -> dict[str, object]:
        return {"ending": self.ending, "title": self.title, "cost": self.cost, "caveat": self.caveat,
                "changes": [c.to_dict() for c in self.changes], "named": [c.step for c in self.named],
                "route": [{"scene": s, "choice": c, "scene_title": t, "label": lb}
                          for (s, c), (t, lb) in zip(self.route, self.route_labels, strict=True)],
                "dims": dict(self.dims), "deciding": [d.to_dict() for d in self.deciding],
                "because": self.because, "minimal": self.minimal, "at_least": self.at_least,
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


def _replay(story: Story, start: State, moves: Sequence[Move], ending: str) -> list[State] | None:
    """Every state along ``moves`` (the start included) when they replay to ``ending``, else None."""
    rules = rules_for(story)
    state = start
    states = [state]
    try:
        for move in moves:
            if move.scene != state.scene:
                return None
            state = rules.step(state, move.id)
            states.append(state)
    except EngineError:
        return None
    return states if state.ending == ending else None


def _players_end(story: Story, start: State, route: Sequence[tuple[str, str]]) -> State | None:
    rules = rules_for(story)
    state = start
    try:
        for scene, choice in route:
            if scene != state.scene:
                return None
            state = rules.step(state, choice)
    except EngineError:
        return None
    return state


def _because(story: Story, move: Move, shown: Sequence[str]) -> str:
    """A reason for a change that moved nothing deciding by itself: an effect's ``why``, else its explain."""
    for e in move.choice.effects:
        if e.dimension in shown and e.why:
            return e.why
    for e in move.choice.effects:
        if e.why:
            return e.why
    explain = " ".join(move.choice.explain.split())
    if not explain:
        return ""
    return explain.split(". ")[0]


def _reason(move: Move, goals: Sequence[Target]) -> str:
    """The reason of a decisive change with no ``why`` toward the ending (it avoided a flag, or moved a value
    less the wrong way than the player's choice): the ``why`` of an effect on a value that does not decide
    (one on a deciding value would explain a move away from the ending), else its ``explain``."""
    deciding = {g.name for g in goals}
    why = next((e.why for e in move.choice.effects if e.why and e.dimension not in deciding), "")
    if why:
        return why
    explain = " ".join(move.choice.explain.split())
    return explain.split(". ")[0] if explain else ""


def rule_dimensions(story: Story, ending: str) -> tuple[str, ...]:
    """The dimensions an ending's rule reads, in the story's order."""
    when = story.endings[ending].when
    if when is None:
        return ()
    used = names_used(when.node)
    return tuple(d for d in story.dimensions if d in used)


def _changes(story: Story, moves: Sequence[Move], states: Sequence[State], policy: dict[str, frozenset[str]],
             first_choice: dict[str, str], original: dict[tuple[str, str], int], yours: State | None,
             ending: str, shown: Sequence[str]) -> tuple[list[Change], tuple[Deciding, ...], str]:
    """The changed decisions of a route, each weighed by what it did toward the ending (``decisive``), the
    deciding terms that came out otherwise than in the player's game, and the reason to give."""
    rules = rules_for(story)
    final = states[-1]
    direct = bool(moves) and moves[-1].kind == ENDING
    terms = [] if direct else deciding_terms(story, ending, final, yours)
    changed = flipped(terms)
    goals = goals_for(story, changed, final, yours if yours is not None else states[0])
    # what the headline quotes: the ending's own rule, and the earlier rules' terms the changes made fail
    quoted = tuple(d for d in sorted(terms, key=lambda d: (not d.own, not d.changed)) if d.own or d.changed)
    weighed: list[tuple[int, Move, Weight]] = []
    for i, m in enumerate(moves):
        if m.id in policy.get(m.scene, ()):
            continue
        before, after = states[i], states[i + 1]
        instead = first_choice.get(m.scene)
        alt: State | None = None
        if instead is not None:  # what the player's choice would have done here (even if locked here now)
            try:
                alt = rules.apply(rules.moves[m.scene][instead], before)
            except EngineError:
                alt = None
        w = weigh(story, goals, m.choice, before, after, alt)
        if direct and i == len(moves) - 1:  # the change that goes straight to the ending decides it
            w = Weight(max(w.own, OWN), w.earlier, w.amount + 1, (*w.moved, "ends the game there"), w.reason)
        weighed.append((i, m, w))
    order = sorted((x for x in weighed if x[2].score > 0), key=lambda x: (tuple(-k for k in x[2].key), x[0]))
    rank = {x[0]: r for r, x in enumerate(order, start=1)}
    changes = []
    for i, m, w in weighed:
        instead = first_choice.get(m.scene)
        instead_label = story.scenes[m.scene].choices[instead].label if instead else ""
        decisive = i in rank
        why = (w.reason or _reason(m, goals)) if decisive else ""
        changes.append(Change(i + 1, m.scene, story.scenes[m.scene].title, m.id, m.choice.label, instead,
                              instead_label, original.get((m.scene, instead)) if instead else None,
                              rank.get(i, 0), w.moved, why))
    if order:
        because = next(c.why for c in changes if c.rank == 1)
    else:
        first = next((m for m in moves if m.id not in policy.get(m.scene, ())), None)
        because = _because(story, first, shown) if first is not None else ""
    return changes, quoted, because


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
    yours = _players_end(story, start, route)
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
        states = _replay(story, start, moves, ending)
        if states is None:  # pragma: no cover - would be an engine bug; never report an unverified claim
            unreached.append(Unreached(ending, title, "internal error: the route found did not replay"))
            continue
        final = states[-1]
        shown = rule_dimensions(story, ending) or tuple(show)
        changes, deciding, because = _changes(story, moves, states, policy, first_choice, original, yours,
                                              ending, shown)
        if deciding:
            read = {n for d in deciding for n in d.term.values}
            shown = tuple(d for d in story.dimensions if d in read)
        elif moves and moves[-1].kind == ENDING:
            shown = ()  # reached directly: no value decided it
        found.append(Counterfactual(
            ending=ending, title=title, changes=tuple(changes), route=tuple((m.scene, m.id) for m in moves),
            route_labels=tuple((story.scenes[m.scene].title, m.choice.label) for m in moves),
            dims=dict(zip(story.dimensions, final.dims, strict=True)), shown=shown, because=because,
            at_least=len(changes) if bound is None else min(bound, len(changes)), deciding=deciding,
        ))
    found.sort(key=lambda c: (c.cost, len(c.route)))
    return Search(tuple(found), tuple(unreached), seen, not exact.cut)
