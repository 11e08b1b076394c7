"""What a choice did, as plain data: each effect before → after with its reason, the clamps, the flags, the
story's explanation and references, where it led, and what every other open choice would have done.

These objects are what every front end renders (TUI, ``--plain``, Markdown, HTML, JSON through ``to_dict``);
none of them formats text for a particular screen beyond a one-line ``text`` for the simplest renderers.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.engine.errors import NoEnding
from trainer.engine.rules import RULES, Move, rules_for
from trainer.engine.state import State
from trainer.story.model import Reference, Story


@dataclass(frozen=True, slots=True)
class EffectChange:
    dimension: str
    label: str
    before: int
    after: int
    by: int  # what the story asked for
    why: str = ""

    @property
    def applied(self) -> int:
        return self.after - self.before

    @property
    def clamped(self) -> bool:
        return self.applied != self.by

    @property
    def note(self) -> str:
        """Says the clamp, e.g. "already at its maximum 10: +2 had no effect"; "" when not clamped."""
        if not self.clamped:
            return ""
        edge = "maximum" if self.by > 0 else "minimum"
        if self.applied == 0:
            return f"already at its {edge} {self.after}: {self.by:+d} had no effect"
        return f"held at its {edge} {self.after}: {self.by:+d} asked, {self.applied:+d} applied"

    @property
    def text(self) -> str:
        """"Organisation 3 → 5 (+2)"."""
        return f"{self.label} {self.before} → {self.after} ({self.applied:+d})"

    def to_dict(self) -> dict[str, object]:
        return {"dimension": self.dimension, "label": self.label, "before": self.before, "after": self.after,
                "by": self.by, "applied": self.applied, "clamped": self.clamped, "note": self.note,
                "why": self.why, "text": self.text}


@dataclass(frozen=True, slots=True)
class FlagChange:
    flag: str
    meaning: str  # the story's text for the flag
    on: bool  # switched on (set) or off (clear)
    changed: bool  # False when it already had that value

    def to_dict(self) -> dict[str, object]:
        return {"flag": self.flag, "meaning": self.meaning, "on": self.on, "changed": self.changed}


@dataclass(frozen=True, slots=True)
class Destination:
    kind: str  # "scene", "ending", or "none" (goto: end, and no ending's rule holds)
    id: str
    title: str
    by_rule: bool = False  # reached through ``goto: end`` and the ordered ending rules

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "by_rule": self.by_rule}


@dataclass(frozen=True, slots=True)
class RoadNotTaken:
    choice: str
    label: str
    effects: tuple[EffectChange, ...]
    flags: tuple[FlagChange, ...]
    leads_to: Destination

    def to_dict(self) -> dict[str, object]:
        return {"choice": self.choice, "label": self.label, "effects": [e.to_dict() for e in self.effects],
                "flags": [f.to_dict() for f in self.flags], "leads_to": self.leads_to.to_dict()}


@dataclass(frozen=True, slots=True)
class ChoiceExplanation:
    """Everything to say after one choice."""

    step: int  # 1-based position among the game's choices
    scene: str
    scene_title: str
    choice: str
    label: str
    effects: tuple[EffectChange, ...]
    flags: tuple[FlagChange, ...]
    explain: str  # Markdown, the story's own words
    references: tuple[Reference, ...]
    leads_to: Destination
    roads_not_taken: tuple[RoadNotTaken, ...]
    dims_after: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        return {
            "step": self.step, "scene": self.scene, "scene_title": self.scene_title, "choice": self.choice,
            "label": self.label, "effects": [e.to_dict() for e in self.effects],
            "flags": [f.to_dict() for f in self.flags], "explain": self.explain,
            "references": [reference_dict(r) for r in self.references], "leads_to": self.leads_to.to_dict(),
            "roads_not_taken": [r.to_dict() for r in self.roads_not_taken], "dims_after": dict(self.dims_after),
        }


def reference_dict(ref: Reference) -> dict[str, str]:
    return {"id": ref.id, "title": ref.title, "date": ref.date, "place": ref.place, "text": ref.text,
            "url": ref.url}


def destination(story: Story, move: Move, after: State | None) -> Destination:
    if after is None:
        return Destination("none", "", "no ending's rule holds", by_rule=True)
    if after.ending is not None:
        return Destination("ending", after.ending, story.endings[after.ending].title, by_rule=move.kind == RULES)
    return Destination("scene", after.scene, story.scenes[after.scene].title)


def effect_changes(story: Story, move: Move, before: State, after: State | None) -> tuple[EffectChange, ...]:
    out = []
    index = story.dimension_index
    for e in move.choice.effects:
        if not e.by:
            continue
        i = index[e.dimension]
        old = before.dims[i]
        new = after.dims[i] if after is not None else _clamp(story, e.dimension, old + e.by)
        out.append(EffectChange(e.dimension, story.dimensions[e.dimension].label, old, new, e.by, e.why))
    return tuple(out)


def _clamp(story: Story, dimension: str, value: int) -> int:
    d = story.dimensions[dimension]
    return max(d.min, min(d.max, value))


def flag_changes(story: Story, move: Move, before: State) -> tuple[FlagChange, ...]:
    out = []
    for f in move.choice.set_flags:
        if f not in move.clear_flags:
            out.append(FlagChange(f, story.flags[f].text, True, f not in before.flags))
    for f in move.choice.clear_flags:
        out.append(FlagChange(f, story.flags[f].text, False, f in before.flags))
    return tuple(out)


def _try_apply(story: Story, move: Move, before: State) -> State | None:
    try:
        return rules_for(story).apply(move, before)
    except NoEnding:
        return None


def explain_choice(story: Story, before: State, choice_id: str, step: int = 1) -> ChoiceExplanation:
    """Explain choosing ``choice_id`` in ``before`` (which must be a valid choice there)."""
    rules = rules_for(story)
    move = rules.move(before, choice_id)
    after = rules.apply(move, before)
    roads = []
    for other in rules.enabled(before):
        if other.id == choice_id:
            continue
        alt = _try_apply(story, other, before)
        roads.append(RoadNotTaken(other.id, other.choice.label, effect_changes(story, other, before, alt),
                                  flag_changes(story, other, before), destination(story, other, alt)))
    scene = story.scenes[before.scene]
    return ChoiceExplanation(
        step=step, scene=scene.id, scene_title=scene.title, choice=choice_id, label=move.choice.label,
        effects=effect_changes(story, move, before, after), flags=flag_changes(story, move, before),
        explain=move.choice.explain, references=tuple(story.references[r] for r in move.choice.refs),
        leads_to=destination(story, move, after), roads_not_taken=tuple(roads),
        dims_after=dict(zip(story.dimensions, after.dims, strict=True)),
    )
