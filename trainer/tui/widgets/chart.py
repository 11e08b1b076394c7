"""A column chart of each dimension across the game: the start, then the value after every decision. Each
dimension gets its own band (its label, range, columns and the numbers under them), so the chart reads without
colour; colour comes from the meter palette."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from trainer.engine import TimelinePoint
from trainer.story import Story
from trainer.tui.safe import one_line, plain
from trainer.tui.themes import METER_COUNT

LEVELS = " ▁▂▃▄▅▆▇█"
ROWS = 3
LABEL = 16


def column_cells(value: int, low: int, high: int, rows: int = ROWS) -> list[str]:
    """The glyph in each row (top first) of a column for ``value`` in ``low..high``."""
    span = max(high - low, 1)
    level = round((min(max(value, low), high) - low) * rows * 8 / span)
    if value > low and level == 0:
        level = 1  # anything above the minimum shows
    return [LEVELS[max(0, min(8, level - (rows - 1 - r) * 8))] for r in range(rows)]


class DimensionChart(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"chart--c{i}" for i in range(METER_COUNT)} | {"chart--axis"}
    DEFAULT_CSS = """
    DimensionChart { height: auto; }
    DimensionChart > .chart--axis { color: $text-muted; }
    """ + "".join(f"DimensionChart > .chart--c{i} {{ color: $meter-{i}; }}\n" for i in range(METER_COUNT))

    def __init__(self, story: Story, timeline: Sequence[TimelinePoint], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story, self.timeline = story, list(timeline)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.story.dimensions) * (ROWS + 2) + 1

    def render(self) -> Text:
        width = max(self.content_size.width, 40)
        points = self.timeline
        fit = max((width - LABEL - 1) // 4, 1)
        shown = points[-fit:]
        axis = self.get_component_rich_style("chart--axis")
        lines: list[Text] = []
        for i, d in enumerate(self.story.dimensions.values()):
            bar_style = self.get_component_rich_style(f"chart--c{i % METER_COUNT}")
            columns = [column_cells(p.dims.get(d.id, d.min), d.min, d.max) for p in shown]
            for r in range(ROWS):
                if r == 0:
                    left = plain(one_line(d.label)[: LABEL - 1].ljust(LABEL), "bold")
                elif r == 1:
                    left = Text(f"{d.min}–{d.max}".ljust(LABEL), style=axis)
                else:
                    left = Text(" " * LABEL)
                row = Text.assemble(left, *((" " + c[r] * 3, bar_style) for c in columns))
                lines.append(row)
            values = "".join(f"{p.dims.get(d.id, d.min):>4}" for p in shown)
            lines.append(Text.assemble(" " * LABEL, values))
            lines.append(Text(""))
        steps = "".join(f"{p.step:>4}" for p in shown)
        note = "" if len(shown) == len(points) else f"  (the last {len(shown)} of {len(points)})"
        lines.append(Text.assemble(("after decision".ljust(LABEL), axis), (steps, axis), (note, axis)))
        return Text("\n").join(lines)
