"""Rows with a marker and hanging indent: wrapped lines stay under the text, not under the marker."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def hanging(rows: list[tuple[str | Text, Text]], gap: int = 1, spaced: bool = False) -> Table:
    """Marker + text rows whose wrapped lines stay indented under the text, ``gap`` cells apart (and a blank
    line between rows when ``spaced``)."""
    grid = Table.grid(padding=(0, gap, 1 if spaced else 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text in rows:
        grid.add_row(marker, text)
    return grid
