"""A meter for one dimension: its label, its number, a bar, and the names of the two ends when the story gives
an opposed pair ("Reform ↔ Revolution"). The last change shows as ▲/▼ with its size and as a different glyph in
the bar, so nothing depends on colour (the colour comes from the colour-blind-safe ``$meter-N`` palette)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from trainer.story.model import Dimension
from trainer.tui.safe import one_line, plain
from trainer.tui.themes import METER_COUNT

FILL, GAIN, LOSS, TRACK = "█", "▓", "▒", "░"


def bar_cells(value: int, low: int, high: int, width: int) -> int:
    span = max(high - low, 1)
    return round((min(max(value, low), high) - low) * width / span)


def bar(value: int, before: int, low: int, high: int, width: int) -> list[tuple[str, str]]:
    """(glyphs, role) runs for a bar of ``width`` cells: role is fill, gain, loss or track."""
    now, then = bar_cells(value, low, high, width), bar_cells(before, low, high, width)
    if now >= then:
        runs = [(FILL * then, "fill"), (GAIN * (now - then), "gain"), (TRACK * (width - now), "track")]
    else:
        runs = [(FILL * now, "fill"), (LOSS * (then - now), "loss"), (TRACK * (width - then), "track")]
    return [(g, r) for g, r in runs if g]


def change_mark(delta: int) -> str:
    return f"▲{delta}" if delta > 0 else f"▼{-delta}" if delta < 0 else ""


class Meter(Widget):
    """Set ``value`` (and ``before``, the value before the last choice) to update it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "meter--label", "meter--fill", "meter--gain", "meter--loss", "meter--track", "meter--pair", "meter--change"}
    DEFAULT_CSS = """
    Meter { height: auto; margin: 0 0 1 0; }
    Meter > .meter--label { text-style: bold; }
    Meter > .meter--fill { color: $meter-0; }
    Meter > .meter--gain { color: $meter-0; }
    Meter > .meter--loss { color: $text-muted; }
    Meter > .meter--track { color: $text-disabled; }
    Meter > .meter--pair { color: $text-muted; }
    Meter > .meter--change { text-style: bold; }
    """ + "".join(f"""
    Meter.c{i} > .meter--fill {{ color: $meter-{i}; }}
    Meter.c{i} > .meter--gain {{ color: $meter-{i}; }}
    """ for i in range(1, METER_COUNT))

    value: reactive[int] = reactive(0)
    before: reactive[int] = reactive(0)

    def __init__(self, dimension: Dimension, index: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"c{index % METER_COUNT}")
        self.dimension = dimension
        self.set_reactive(Meter.value, dimension.start)
        self.set_reactive(Meter.before, dimension.start)

    def show(self, value: int, before: int) -> None:
        self.before = before
        self.value = value

    def render(self) -> Text:
        d = self.dimension
        width = max(self.content_size.width, 10)
        style = self.get_component_rich_style
        number = f" {self.value}/{d.max}"
        mark = change_mark(self.value - self.before)
        label = one_line(d.label)
        room = width - len(number) - (len(mark) + 1 if mark else 0)
        if len(label) > room:
            label = label[: max(room - 1, 1)] + "…"
        head = Text.assemble(plain(label, style("meter--label")), " " * max(room - len(label), 0), number)
        if mark:
            head.append(" " + mark, style("meter--change"))
        lines = [head]
        roles = {r: style(f"meter--{r}") for r in ("fill", "gain", "loss", "track")}
        lines.append(Text.assemble(*((g, roles[r]) for g, r in bar(self.value, self.before, d.min, d.max, width))))
        if d.pair:
            low, high = one_line(d.pair[0]), one_line(d.pair[1])
            gap = width - len(low) - len(high)
            pair = f"{low} ↔ {high}" if gap < 3 else f"{low}{' ' * gap}{high}"
            lines.append(plain(pair, style("meter--pair")))
        return Text("\n").join(lines)
