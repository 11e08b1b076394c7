"""What decides an ending, and how much one decision did toward it.

An ending chosen by the rules is decided by the terms of its own rule (those that made it hold: every term of
an ``and``, the terms that held of an ``or``) and by the failed terms of every earlier rule (each earlier
ending had to be missed). ``deciding_terms`` lists them in a state, each with how it came out in another
state (the player's own game); ``flipped`` keeps those that came out otherwise: what a counterfactual had to
change.

``targets`` turns such terms into what had to move: a dimension up or down (and by how much, between the two
games), a flag or a visited scene on or off. ``weigh`` scores one decision against them *relative to the
player's own choice in that scene*: a change from a choice that cost 2 organisation to one that adds 2 moved
organisation by 4; a change that merely avoided setting a flag the player's choice set counts as switching it.
Dimension moves are scaled by the distance between the two games (moving 3 of the 6 needed counts 0.5), a
switched flag counts 1. Decisions are ranked by what they did for the ending's own rule first, then for the
earlier rules it had to miss (``Weight.key``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.engine.conditions import TermTrace, trace_condition
from trainer.engine.state import State
from trainer.story.model import Choice, Story

OWN, EARLIER = 2.0, 1.0  # weight of a term of the ending's own rule, of a failed term of an earlier rule


@dataclass(frozen=True, slots=True)
class Deciding:
    term: TermTrace  # as it came out in the state the ending was reached in
    own: bool  # a term of the ending's own rule (False: a failed term of an earlier rule)
    other: bool | None = None  # how the term came out in the compared state (None: not compared)
    rule_title: str = ""  # the title of the ending whose rule the term belongs to

    @property
    def changed(self) -> bool:
        return self.other is None or self.other != self.term.held

    @property
    def phrase(self) -> str:
        """As a counterfactual quotes it: "organisation 6 — needed 5 or more" (a term of the ending's rule),
        "organisation 5 — The coup needs less than 5" (a failed term of an earlier rule), "councils is set"."""
        t = self.term
        if t.need:
            name, value = next((k, v) for k, v in t.values.items() if not isinstance(v, bool))
            if self.own:
                return f"{name} {value} — needed {t.need}"
            return f"{name} {value} — {self.rule_title} needs {t.need}" if self.rule_title else f"{name} {value}"
        return t.sentence or t.text

    def to_dict(self) -> dict[str, object]:
        return {**self.term.to_dict(), "own": self.own, "rule_title": self.rule_title, "phrase": self.phrase}


def deciding_terms(story: Story, ending: str, state: State, compare: State | None = None) -> list[Deciding]:
    """The terms that decide ``ending`` (chosen by the rules) in ``state``, the ending's own rule first; with
    ``compare``, each says how it came out there (``other``). Empty when the rules do not choose ``ending`` in
    ``state`` (it was reached directly)."""
    ids = list(story.endings)
    at = ids.index(ending)
    out: list[Deciding] = []
    for i in range(at + 1):
        e = story.endings[ids[i]]
        if e.when is None:
            continue
        trace = trace_condition(e.when, state, story)
        if trace.held != (i == at):
            return []  # not the ending these rules choose in this state (reached directly)
        other = trace_condition(e.when, compare, story) if compare is not None else None
        deciding = {id(t) for t in trace.deciding}
        for j, t in enumerate(trace.terms):
            if id(t) in deciding:
                out.append(Deciding(t, i == at, other.terms[j].held if other is not None else None, e.title))
    out.sort(key=lambda d: not d.own)
    return out


def flipped(terms: Sequence[Deciding]) -> list[Deciding]:
    """The terms that came out otherwise in the compared state (all of them when none was compared)."""
    return [d for d in terms if d.changed]


@dataclass(frozen=True, slots=True)
class Target:
    """Something that had to move for an ending: a dimension up (+1) or down (-1) by ``gap``, or a flag or
    visited scene (``visited.<scene>``) switched on (``want`` 1) or off (0)."""

    name: str
    kind: str  # "dimension", "flag" or "visited"
    want: int
    gap: int
    weight: float


def _value(story: Story, state: State, name: str) -> int | bool:
    if name.startswith("visited."):
        return name[len("visited."):] in state.visited
    if name in story.dimension_index:
        return state.dims[story.dimension_index[name]]
    return name in state.flags


def targets(story: Story, terms: Sequence[Deciding], there: State, yours: State) -> tuple[Target, ...]:
    """What the terms read that differs between ``there`` (the ending's state) and ``yours``."""
    found: dict[str, Target] = {}
    for d in terms:
        weight = OWN if d.own else EARLIER
        for name in d.term.values:
            q, p = _value(story, there, name), _value(story, yours, name)
            if q == p:
                continue
            if name in story.dimension_index:
                target = Target(name, "dimension", 1 if q > p else -1, abs(int(q) - int(p)), weight)
            else:
                kind = "visited" if name.startswith("visited.") else "flag"
                target = Target(name, kind, int(bool(q)), 1, weight)
            old = found.get(name)
            if old is None or old.weight < weight:
                found[name] = target
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class Weight:
    own: float  # how much it moved the terms of the ending's own rule (0: nothing)
    earlier: float  # how much it moved the failed terms of earlier rules
    amount: int  # the raw size of what it moved (dimension points plus switches), for ties
    moved: tuple[str, ...]  # e.g. ("organisation +2 (instead of -2)", "sets councils")
    reason: str  # the story's reason: the ``why`` of its largest effect toward a dimension that decides, else
    # the text of the flag it set ("" when it has neither)

    @property
    def score(self) -> float:
        return self.own + self.earlier

    @property
    def key(self) -> tuple[float, float, int]:
        """Ranks decisions: the ending's own rule first (what decides the ending), then the earlier rules
        it had to miss, then the raw amount."""
        return (self.own, self.earlier, self.amount)


NOTHING = Weight(0.0, 0.0, 0, (), "")


def _dimension_why(choice: Choice, dimension: str) -> str:
    return next((e.why for e in choice.effects if e.dimension == dimension and e.why), "")


def weigh(story: Story, goals: Sequence[Target], choice: Choice, before: State, after: State,
          instead: State | None) -> Weight:
    """How much one decision (``before`` -> ``after``) moved the ``goals``, compared with ``instead``, the
    state the player's own choice in that scene would have led to from ``before`` (None: no such choice)."""
    base = instead if instead is not None else before
    own_score, earlier_score, amount = 0.0, 0.0, 0
    parts: list[tuple[float, str, str, bool]] = []  # (share, what, reason, the reason is an effect's why)
    for g in goals:
        if g.kind == "dimension":
            i = story.dimension_index[g.name]
            own, theirs = after.dims[i] - before.dims[i], base.dims[i] - before.dims[i]
            gain = (own - theirs) * g.want
            if gain <= 0:
                continue
            share = g.weight * min(1.0, gain / g.gap)
            what = f"{g.name} {own:+d}" + (f" (instead of {theirs:+d})" if theirs else "")
            # an effect's why explains the move it makes: only a reason when that move is toward the ending
            why = _dimension_why(choice, g.name) if own * g.want > 0 else ""
            parts.append((share, what, why, True))
            amount += gain
        else:
            key = g.name[len("visited."):] if g.kind == "visited" else g.name
            have = key in (after.visited if g.kind == "visited" else after.flags)
            had = key in (base.visited if g.kind == "visited" else base.flags)
            if have != bool(g.want) or had == bool(g.want):
                continue
            share = g.weight
            if g.kind == "visited":
                title = story.scenes[key].title if key in story.scenes else key
                what = f"leads to {title}" if g.want else f"avoids {title}"
                reason = ""
            else:
                was_on = key in before.flags
                what = f"sets {key}" if g.want else (f"clears {key}" if was_on else f"does not set {key}")
                reason = story.flags[key].text if g.want and key in story.flags else ""
            parts.append((share, what, reason, False))
            amount += 1
        if g.weight == OWN:
            own_score += parts[-1][0]
        else:
            earlier_score += parts[-1][0]
    if not parts:
        return NOTHING
    parts.sort(key=lambda p: -p[0])
    reason = next((r for _, _, r, why in parts if r and why), "") or next((r for _, _, r, _ in parts if r), "")
    return Weight(own_score, earlier_score, amount, tuple(p[1] for p in parts), reason)
