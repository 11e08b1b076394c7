"""Rows with a marker and hanging indent: wrapped lines stay under the text, not under the marker."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_KEEP = 4  # widths remembered per row set: the width of its list, and perhaps of a narrower or wider screen


class Hanging:
    """A rich ``Table`` grid that remembers how it rendered at each width.

    The same rows are drawn many times at one width (an option list measures the height of every option at
    every layout, and a sidebar timeline holds one per decision), and a table works out its column widths and
    wraps its cells anew each time. What it yields depends only on the width and the render options, so the
    segments are kept and yielded again: the same output, once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._rendered: dict[tuple[object, ...], list[Segment]] = {}
        self._measured: dict[tuple[int, int], Measurement] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (id(console), options.min_width, options.max_width, options.height, options.max_height,
               options.justify, options.overflow, options.no_wrap, options.highlight, options.markup,
               options.is_terminal, options.legacy_windows, options.ascii_only, options.encoding)
        segments = self._rendered.get(key)
        if segments is None:
            if len(self._rendered) >= _KEEP:
                self._rendered.clear()
            segments = self._rendered[key] = list(console.render(self.table, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        key = (options.min_width, options.max_width)
        measured = self._measured.get(key)
        if measured is None:
            if len(self._measured) >= _KEEP:
                self._measured.clear()
            measured = self._measured[key] = Measurement.get(console, options, self.table)
        return measured


def hanging(rows: list[tuple[str | Text, Text]], gap: int = 1, spaced: bool = False) -> Hanging:
    """Marker + text rows whose wrapped lines stay indented under the text, ``gap`` cells apart (and a blank
    line between rows when ``spaced``)."""
    grid = Table.grid(padding=(0, gap, 1 if spaced else 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text in rows:
        grid.add_row(marker, text)
    return Hanging(grid)
