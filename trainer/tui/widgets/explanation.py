"""The explanation panel shown after a choice: each effect as a labelled bar before → after with its reason,
the flags it set, the story's explanation, its historical references, the roads not taken, where it leads, and
(in a workshop) the room's vote.

The play screen keeps one panel and calls ``show`` after every choice: the panel's widgets are made once and
updated in place (the parts a choice does not have are hidden), so a choice restyles and mounts nothing and
its explanation is drawn in the next frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Label, Static

from trainer.engine import ChoiceExplanation, Destination, EffectChange, FlagChange, RoadNotTaken
from trainer.story import Story
from trainer.story.model import Reference
from trainer.tui.safe import one_line, plain
from trainer.tui.themes import METER_COUNT
from trainer.tui.widgets.markdown import StoryMarkdown
from trainer.tui.widgets.meter import bar, change_mark
from trainer.tui.widgets.rows import hanging


class EffectBar(Widget):
    """One effect: "Organisation 2 → 4 (+2)", a bar showing the change, and the story's reason."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "effect--fill", "effect--gain", "effect--loss", "effect--track", "effect--why"}
    DEFAULT_CSS = """
    EffectBar { height: auto; margin: 0 0 1 0; }
    EffectBar > .effect--fill { color: $meter-0; }
    EffectBar > .effect--gain { color: $meter-0; }
    EffectBar > .effect--loss { color: $text-muted; }
    EffectBar > .effect--track { color: $text-disabled; }
    EffectBar > .effect--why { color: $text; }
    """ + "".join(f"""
    EffectBar.c{i} > .effect--fill {{ color: $meter-{i}; }}
    EffectBar.c{i} > .effect--gain {{ color: $meter-{i}; }}
    """ for i in range(1, METER_COUNT))

    def __init__(self, effect: EffectChange | None = None, low: int = 0, high: int = 0, index: int = 0) -> None:
        super().__init__(classes=f"c{index % METER_COUNT}")
        self.effect, self.low, self.high = effect, low, high
        self._width: int | None = None  # the width the layout last measured this bar at
        self._styles: tuple[object, dict[str, Style]] | None = None  # (what they depend on, the role styles)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Remember the width: render() is called to measure the height, and asking for its own size then (before
        # the layout is done) would make Textual lay the whole screen out a second time to find it.
        self._width = width
        return super().get_content_height(container, viewport, width)

    def set_effect(self, effect: EffectChange, low: int, high: int, index: int) -> None:
        self.effect, self.low, self.high = effect, low, high
        colour = f"c{index % METER_COUNT}"
        if not self.has_class(colour):
            self.set_classes(colour)
        self.refresh(layout=True)

    def _role_styles(self) -> dict[str, Style]:
        """The component styles, kept while the theme, the colour class and the background stay the same (each
        lookup resolves the CSS anew, and a bar is rendered twice a frame: measured, then drawn)."""
        key = (self.app.theme, self.classes, self.background_colors)
        if self._styles is None or self._styles[0] != key:
            get = self.get_component_rich_style
            self._styles = (key, {r: get(f"effect--{r}") for r in ("fill", "gain", "loss", "track", "why")})
        return self._styles[1]

    def render(self) -> Text:
        e = self.effect
        if e is None:
            return Text()
        roles = self._role_styles()
        head = Text.assemble(plain(one_line(e.label), "bold"), f"  {e.before} → {e.after}  ",
                             (f"({e.applied:+d})", "bold"), f" {change_mark(e.applied)}")
        width = min(max(self._width if self._width is not None else self.content_size.width, 10), 40)
        strip = Text.assemble(*((g, roles[r]) for g, r in bar(e.after, e.before, self.low, self.high, width)),
                              f"  {self.low}–{self.high}")
        lines = [head, strip]
        if e.why:
            lines.append(plain(one_line(e.why), roles["why"]))
        if e.note:
            lines.append(plain(f"({e.note})", "italic"))
        return Text("\n").join(lines)


def effect_summary(effects: tuple[EffectChange, ...], flags: tuple[FlagChange, ...]) -> str:
    parts = [f"{one_line(e.label)} {e.applied:+d}" for e in effects if e.applied]
    parts += [("⚑ " if f.on else "⚐ no longer: ") + one_line(f.meaning) for f in flags if f.changed]
    return "; ".join(parts) or "no change"


def destination_text(d: Destination) -> Text:
    if d.kind == "ending":
        how = " (chosen by the story's ending rules)" if d.by_rule else ""
        return Text.assemble("This ends the story: ", plain(one_line(d.title), "bold"), how)
    if d.kind == "scene":
        return Text.assemble("Next: ", plain(one_line(d.title), "bold"))
    return plain(one_line(d.title), "italic")


def roads_text(roads: tuple[RoadNotTaken, ...]) -> RenderableType:
    rows = []
    for r in roads:
        where = "ending " if r.leads_to.kind == "ending" else ""
        rows.append(("○", Text.assemble(plain(one_line(r.label), "bold"), "\n", plain(effect_summary(r.effects,
                                        r.flags)), " → ", where, plain(one_line(r.leads_to.title), "italic"))))
    return hanging(rows)


def references_text(refs: tuple[Reference, ...]) -> RenderableType:
    rows = []
    for ref in refs:
        when = ", ".join(one_line(x) for x in (ref.date, ref.place) if x)
        text = Text.assemble(plain(one_line(ref.title), "bold"), f" — {when}" if when else "")
        if ref.text:
            text.append("\n")
            text.append_text(plain(one_line(ref.text)))
        if ref.url:
            text.append("\n")
            text.append_text(plain(one_line(ref.url), "underline"))
        rows.append(("▸", text))
    return hanging(rows)


def tally_text(tally: Mapping[str, int], labels: Mapping[str, str], chosen: str) -> Text:
    total = sum(tally.values())
    ranked = sorted(tally.items(), key=lambda kv: -kv[1])
    text = Text(f"The room voted ({total} vote{'s' if total != 1 else ''}):", style="bold")
    for cid, count in ranked:
        mark = "●" if cid == chosen else "○"
        text.append("\n")
        text.append_text(Text.assemble(f"{mark} {count:>3}  ", plain(one_line(labels.get(cid, cid)))))
    return text


def flags_text(flags: tuple[FlagChange, ...]) -> Text:
    lines = []
    for f in flags:
        if not f.changed:
            continue
        head = "⚑ Now true: " if f.on else "⚐ No longer true: "
        lines.append(Text.assemble(head, plain(one_line(f.meaning))))
    return Text("\n").join(lines)


class ExplanationPanel(Vertical):
    DEFAULT_CSS = """
    ExplanationPanel { height: auto; }
    ExplanationPanel .heading { text-style: bold; color: $text-accent; margin: 1 0 0 0; }
    ExplanationPanel { padding: 1 1 0 1; }
    ExplanationPanel #expl-chosen { margin: 0 0 1 0; }
    ExplanationPanel StoryMarkdown { padding: 0; }
    """

    def __init__(self, story: Story, explanation: ChoiceExplanation | None = None,
                 tally: Mapping[str, int] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story, self.explanation, self.tally = story, explanation, tally
        self._chosen = Static(id="expl-chosen", markup=False)
        self._effects_heading = Label("What changed", classes="heading")
        # A bar per dimension, in its colour for good (a class change restyles the bar); more if ever needed.
        self._bars: dict[str, EffectBar] = {d: EffectBar(index=i) for i, d in enumerate(story.dimensions)}
        self._spare_bars: list[EffectBar] = []  # for an effect on an unknown dimension, or a second on one
        self._shown_bars: list[EffectBar] = []
        self._flags = Static(markup=False, classes="flags")
        self._explain_heading = Label("Why it matters", classes="heading")
        # A paragraph from the start (never seen: the panel is hidden until a choice is made), so that the first
        # explanation, like the others, replaces a paragraph's text instead of mounting one.
        self._explain = StoryMarkdown("…", id="expl-explain")
        self._refs_heading = Label("From history", classes="heading")
        self._refs = Static(markup=False, id="expl-refs")
        self._roads_heading = Label("Roads not taken", classes="heading")
        self._roads = Static(markup=False, id="expl-roads")
        self._tally = Static(markup=False, classes="tally")
        self._next = Static(markup=False, id="expl-next", classes="heading")
        self._fill()

    def compose(self) -> ComposeResult:
        yield self._chosen
        yield self._effects_heading
        yield from self._shown_bars
        yield from (b for b in [*self._bars.values(), *self._spare_bars] if b not in self._shown_bars)
        yield from (self._flags, self._explain_heading, self._explain, self._refs_heading, self._refs,
                    self._roads_heading, self._roads, self._tally, self._next)

    def show(self, story: Story, explanation: ChoiceExplanation, tally: Mapping[str, int] | None = None) -> None:
        """Show another choice's explanation (of ``story``, which may be a reloaded version)."""
        self.story, self.explanation, self.tally = story, explanation, tally
        self._fill()

    def _fill(self) -> None:
        x, story = self.explanation, self.story
        if x is None:
            for child in self._parts():
                child.display = False
            return
        self._chosen.display = True
        self._chosen.update(Text.assemble((f"Decision {x.step}", "dim"), (" · ", "dim"),
                                          plain(one_line(x.scene_title), "dim"), "\nYou chose: ",
                                          plain(one_line(x.label), "bold")))
        self._effects_heading.display = bool(x.effects)
        self._show_effects(x.effects)
        flags = flags_text(x.flags)
        self._flags.update(flags)
        self._flags.display = bool(flags.plain)
        explain = bool(x.explain.strip())
        self._explain_heading.display = self._explain.display = explain
        if explain and self._explain.is_attached:
            self._explain.update(x.explain)
        elif explain:  # not composed yet: a new one, with its text from the start
            self._explain = StoryMarkdown(x.explain, id="expl-explain")
        self._refs_heading.display = self._refs.display = bool(x.references)
        if x.references:
            self._refs.update(references_text(x.references))
        self._roads_heading.display = self._roads.display = bool(x.roads_not_taken)
        if x.roads_not_taken:
            self._roads.update(roads_text(x.roads_not_taken))
        self._tally.display = bool(self.tally)
        if self.tally:
            labels = {c.id: c.label for c in story.scenes[x.scene].choices.values()} if x.scene in story.scenes \
                else {}
            self._tally.update(tally_text(self.tally, labels, x.choice))
        self._next.display = True
        self._next.update(destination_text(x.leads_to))

    def _show_effects(self, effects: tuple[EffectChange, ...]) -> None:
        story = self.story
        index = list(story.dimensions)
        shown: list[EffectBar] = []
        spares = iter(self._spare_bars)
        new: list[EffectBar] = []
        for e in effects:
            colour = index.index(e.dimension) if e.dimension in index else 0
            effect_bar = self._bars.get(e.dimension)
            if effect_bar is None and e.dimension in index:  # a reloaded story with a new dimension
                effect_bar = self._bars[e.dimension] = EffectBar(index=colour)
                new.append(effect_bar)
            elif effect_bar is None or effect_bar in shown:
                effect_bar = next(spares, None)
                if effect_bar is None:
                    effect_bar = EffectBar()
                    self._spare_bars.append(effect_bar)
                    new.append(effect_bar)
            d = story.dimensions.get(e.dimension)
            low, high = (d.min, d.max) if d else (0, max(e.before, e.after, 1))
            effect_bar.set_effect(e, low, high, colour)
            effect_bar.display = True
            shown.append(effect_bar)
        for effect_bar in [*self._bars.values(), *self._spare_bars]:
            if effect_bar not in shown:
                effect_bar.display = False
        if self.is_attached:
            if new:
                self.mount_all(new, before=self._flags)
            in_order = [child for child in self.children if child in shown]
            if in_order != shown:  # the effects come in another order than last time: put the bars in theirs
                for effect_bar in shown:
                    self.move_child(effect_bar, before=self._flags)
        self._shown_bars = shown

    def _parts(self) -> list[Widget]:
        return [self._chosen, self._effects_heading, *self._bars.values(), *self._spare_bars, self._flags,
                self._explain_heading, self._explain, self._refs_heading, self._refs, self._roads_heading,
                self._roads, self._tally, self._next]
