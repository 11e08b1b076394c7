"""The verdict at an ending: the rule that chose it and the terms that decided, the decisions that moved the
deciding dimensions most, and the counterfactuals (``trainer.engine.counterfactual``).

"Decisive" dimensions are the ones the chosen rule reads, plus the ones in the failed terms of the earlier
rules that were passed over (for the default ending, those are the whole story of why it was chosen). When a
choice went straight to an ending (``goto: ending_id``) no rule decided; then every dimension counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from trainer.engine.conditions import ConditionTrace, TermTrace, trace_condition
from trainer.engine.counterfactual import MAX_STATES, Counterfactual, Search, Unreached, find_counterfactuals
from trainer.engine.explain import reference_dict
from trainer.engine.rules import ENDING, rules_for
from trainer.engine.state import State
from trainer.story.expr import names_used
from trainer.story.model import Reference, Story


@dataclass(frozen=True, slots=True)
class Played:
    """One decision of the player's game, as the verdict needs it."""

    scene: str
    choice: str
    before: State
    after: State


@dataclass(frozen=True, slots=True)
class RuleTrace:
    ending: str
    title: str
    index: int  # 1-based position among the ending rules
    count: int
    condition: ConditionTrace | None  # None for a rule without ``when`` (always holds)

    @property
    def held(self) -> bool:
        return self.condition is None or self.condition.held

    @property
    def source(self) -> str:
        return self.condition.source if self.condition else "always"

    def to_dict(self) -> dict[str, object]:
        return {"ending": self.ending, "title": self.title, "index": self.index, "count": self.count,
                "source": self.source, "held": self.held,
                "condition": self.condition.to_dict() if self.condition else None}


@dataclass(frozen=True, slots=True)
class Mover:
    """A decision that moved a decisive dimension."""

    step: int
    scene: str
    scene_title: str
    choice: str
    label: str
    dimension: str
    dimension_label: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "scene_title": self.scene_title, "choice": self.choice,
                "label": self.label, "dimension": self.dimension, "dimension_label": self.dimension_label,
                "before": self.before, "after": self.after, "delta": self.delta}


@dataclass(frozen=True, slots=True)
class Switch:
    """A decision that switched a flag the ending's rules read, or entered a scene they read (``visited.X``)."""

    step: int
    scene: str
    scene_title: str
    choice: str
    label: str
    name: str  # the flag, or "visited.<scene>"
    on: bool
    text: str  # "sets coup_defeated", "clears premature", "leads to The long wait"
    meaning: str  # the flag's text in the story ("" for a visit)

    def to_dict(self) -> dict[str, object]:
        return {"step": self.step, "scene": self.scene, "scene_title": self.scene_title, "choice": self.choice,
                "label": self.label, "name": self.name, "on": self.on, "text": self.text, "meaning": self.meaning}


@dataclass(frozen=True, slots=True)
class Verdict:
    ending: str
    title: str
    text: str  # the ending's Markdown debrief
    references: tuple[Reference, ...]
    direct: bool  # the last choice went straight to this ending; no rule was consulted
    last_choice: str  # label of the choice that ended the game
    last_scene: str  # title of its scene
    rule: RuleTrace | None  # the rule that chose it (None when direct)
    passed_over: tuple[RuleTrace, ...]  # earlier rules that did not hold
    decisive: tuple[str, ...]
    movers: tuple[Mover, ...]
    counterfactuals: tuple[Counterfactual, ...]
    unreached: tuple[Unreached, ...]
    dims: dict[str, int]
    flags: tuple[str, ...]
    search_states: int
    search_complete: bool
    deciding_flags: tuple[str, ...] = ()  # flags (and "visited.<scene>") the deciding terms read
    switches: tuple[Switch, ...] = ()  # every decision that switched one of them, in the game's order
    flag_text: dict[str, str] = field(default_factory=dict)  # flag -> its text, for the deciding flags

    @property
    def unswitched_own(self) -> tuple[str, ...]:
        """Flags the chosen rule's deciding terms read that no decision of the player's switched: the ending
        came because nothing set (or cleared) them."""
        if self.rule is None or self.rule.condition is None:
            return ()
        done = {s.name for s in self.switches}
        out: list[str] = []
        for t in self.rule.condition.deciding:
            for name, value in t.values.items():
                if isinstance(value, bool) and not name.startswith("visited.") and name not in done \
                        and name not in out:
                    out.append(name)
        return tuple(out)

    @property
    def decided_by(self) -> tuple[TermTrace, ...]:
        """The terms that decided: the chosen rule's, then the failed terms of each rule passed over."""
        out: list[TermTrace] = []
        if self.rule is not None and self.rule.condition is not None:
            out.extend(self.rule.condition.deciding)
        for r in self.passed_over:
            if r.condition is not None:
                out.extend(r.condition.deciding)
        seen: set[str] = set()
        unique = []
        for t in out:
            if t.text not in seen:
                seen.add(t.text)
                unique.append(t)
        return tuple(unique)

    def to_dict(self) -> dict[str, object]:
        return {
            "ending": self.ending, "title": self.title, "text": self.text,
            "references": [reference_dict(r) for r in self.references], "direct": self.direct,
            "last_choice": self.last_choice, "last_scene": self.last_scene,
            "rule": self.rule.to_dict() if self.rule else None,
            "passed_over": [r.to_dict() for r in self.passed_over],
            "decided_by": [t.to_dict() for t in self.decided_by], "decisive": list(self.decisive),
            "movers": [m.to_dict() for m in self.movers], "deciding_flags": list(self.deciding_flags),
            "switches": [w.to_dict() for w in self.switches],
            "counterfactuals": [c.to_dict() for c in self.counterfactuals],
            "unreached": [u.to_dict() for u in self.unreached], "dims": dict(self.dims), "flags": list(self.flags),
            "search": {"states": self.search_states, "complete": self.search_complete},
        }


def _rule_trace(story: Story, index: int, ending: str, state: State) -> RuleTrace:
    e = story.endings[ending]
    cond = trace_condition(e.when, state, story) if e.when else None
    return RuleTrace(ending, e.title, index + 1, len(story.endings), cond)


def _decisive(story: Story, rule: RuleTrace | None, passed: Sequence[RuleTrace]) -> tuple[str, ...]:
    used: set[str] = set()
    if rule is None:
        return tuple(story.dimensions)
    e = story.endings[rule.ending]
    if e.when is not None:
        used |= names_used(e.when.node)
    for r in passed:
        if r.condition is not None:
            for t in r.condition.deciding:
                used |= set(t.values)
    return tuple(d for d in story.dimensions if d in used)


def movers(story: Story, played: Sequence[Played], dimensions: Sequence[str]) -> tuple[Mover, ...]:
    """Every (decision, dimension) move on ``dimensions``, largest first; ties keep the game's order."""
    index = story.dimension_index
    out = []
    for step, p in enumerate(played, start=1):
        scene = story.scenes[p.scene]
        for d in dimensions:
            i = index[d]
            if p.before.dims[i] != p.after.dims[i]:
                out.append(Mover(step, p.scene, scene.title, p.choice, scene.choices[p.choice].label, d,
                                 story.dimensions[d].label, p.before.dims[i], p.after.dims[i]))
    out.sort(key=lambda m: -abs(m.delta))
    return tuple(out)


def _deciding_flags(story: Story, terms: Sequence[TermTrace]) -> tuple[str, ...]:
    out: list[str] = []
    for t in terms:
        for name in t.values:
            if name not in story.dimension_index and name not in out:
                out.append(name)
    return tuple(out)


def switches(story: Story, played: Sequence[Played], names: Sequence[str]) -> tuple[Switch, ...]:
    """Every decision that switched one of ``names`` (flags, or ``visited.<scene>``), in the game's order."""
    out = []
    for step, p in enumerate(played, start=1):
        scene = story.scenes[p.scene]
        label = scene.choices[p.choice].label
        for name in names:
            if name.startswith("visited."):
                target = name[len("visited."):]
                if target in p.after.visited and target not in p.before.visited:
                    title = story.scenes[target].title if target in story.scenes else target
                    out.append(Switch(step, p.scene, scene.title, p.choice, label, name, True, f"leads to {title}",
                                      ""))
                continue
            on = name in p.after.flags
            if on != (name in p.before.flags):
                meaning = story.flags[name].text if name in story.flags else ""
                out.append(Switch(step, p.scene, scene.title, p.choice, label, name, on,
                                  f"{'sets' if on else 'clears'} {name}", meaning))
    return tuple(out)


def build_verdict(story: Story, start: State, played: Sequence[Played], *, counterfactuals: bool = True,
                  max_states: int = MAX_STATES) -> Verdict:
    """The verdict for a finished game; ``played`` is every choice made, in order."""
    if not played or played[-1].after.ending is None:
        raise ValueError("the game has not reached an ending")
    final = played[-1].after
    ending = final.ending or ""
    last = played[-1]
    rules = rules_for(story)
    direct = rules.moves[last.scene][last.choice].kind == ENDING
    ids = list(story.endings)
    rule: RuleTrace | None = None
    passed: list[RuleTrace] = []
    if not direct:
        at = ids.index(ending)
        rule = _rule_trace(story, at, ending, final)
        passed = [_rule_trace(story, i, ids[i], final) for i in range(at)]
    decisive = _decisive(story, rule, passed)
    search = (find_counterfactuals(story, [(p.scene, p.choice) for p in played], start=start, exclude=[ending],
                                   show=decisive, max_states=max_states)
              if counterfactuals else Search((), (), 0, False))
    e = story.endings[ending]
    decided = [t for r in ([rule] if rule else []) + passed if r.condition is not None for t in r.condition.deciding]
    flags = _deciding_flags(story, decided)
    return Verdict(
        ending=ending, title=e.title, text=e.text, references=tuple(story.references[r] for r in e.refs),
        direct=direct, last_choice=story.scenes[last.scene].choices[last.choice].label,
        last_scene=story.scenes[last.scene].title, rule=rule, passed_over=tuple(passed), decisive=decisive,
        movers=movers(story, played, decisive), counterfactuals=search.found, unreached=search.unreached,
        dims=dict(zip(story.dimensions, final.dims, strict=True)),
        flags=tuple(f for f in story.flags if f in final.flags),
        search_states=search.states, search_complete=search.complete, deciding_flags=flags,
        switches=switches(story, played, flags),
        flag_text={f: story.flags[f].text for f in flags if f in story.flags},
    )
