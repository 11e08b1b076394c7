"""Help (``?`` or F1): every key of every screen, and what this story's dimensions and flags mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.story import Story
from trainer.tui.safe import one_line, plain

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Everywhere", (
        ("? or F1", "this help"),
        ("ctrl+p", "command palette: restart, undo, history, map, export, theme, quit"),
        ("q", "quit (your game is saved after every decision)"),
        ("Tab / shift+Tab", "move between parts of the screen"),
    )),
    ("Library", (
        ("↑ ↓ and Enter, or click", "open a story (resume or restart one in progress)"),
    )),
    ("Playing", (
        ("1 – 9", "choose an option (a locked option says what it needs)"),
        ("↑ ↓ and Enter, or click", "choose an option"),
        ("Enter or Space", "continue after an explanation"),
        ("Page Up / Page Down", "scroll the scene or the explanation"),
        ("u or ctrl+z", "undo the last choice"),
        ("ctrl+y", "redo what you undid"),
        ("h", "history of your decisions (select one to rewind)"),
        ("m", "map of the story so far (select a decision to rewind)"),
        ("s", "show or hide the sidebar when the window is narrow"),
        ("d", "show or hide the scene's discussion questions"),
        ("x", "skip a \u201cwhy?\u201d question or a debate"),
        ("Escape", "back to the library"),
    )),
    ("Debate", (
        ("1 – 9", "pick a rebuttal"),
        ("t", "type your own answer instead (first exchange)"),
        ("ctrl+s", "submit a typed answer"),
        ("ctrl+t", "back to the list of rebuttals"),
        ("Enter", "next exchange, or back to the story"),
        ("u", "answer the exchange again"),
    )),
    ("Ending", (
        ("e", "export the debrief (Markdown or HTML)"),
        ("r", "replay from a decision"),
        ("m", "map"),
        ("n", "new game"),
    )),
    ("Workshop", (
        ("0 – 9, + and −", "type the room's count for the highlighted option"),
        ("↑ ↓", "move between options"),
        ("Enter", "take the option with the most votes"),
    )),
)


def keys_table() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("Keys", style="bold", no_wrap=True)
    table.add_column("What they do")
    for section, rows in KEYS:
        table.add_row(Text(section, style="bold underline"), "")
        for keys, what in rows:
            table.add_row(keys, what)
        table.add_row("", "")
    return table


def dimensions_text(story: Story) -> Text:
    lines = []
    for d in story.dimensions.values():
        pair = f"   {one_line(d.pair[0])} ↔ {one_line(d.pair[1])}" if d.pair else ""
        lines.append(Text.assemble(plain(one_line(d.label), "bold"), f"  ({d.min}–{d.max}, starts at {d.start})",
                                   plain(pair, "italic")))
        lines.append(Text.assemble("  low:  ", plain(one_line(d.low))))
        lines.append(Text.assemble("  high: ", plain(one_line(d.high))))
    if story.flags:
        lines.append(Text("\nFlags (⚑ in the sidebar when set)", style="bold"))
        lines.extend(Text.assemble("  ⚑ ", plain(one_line(f.text))) for f in story.flags.values())
    return Text("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,f1,q", "close", "Close help")]

    def __init__(self, story: Story | None = None) -> None:
        super().__init__()
        self.story = story

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("Help  ·  Escape closes", style="bold"), id="help-title", markup=False)
            if self.story is not None:
                yield Static(Text.assemble(("What the meters mean in ", "bold"),
                                           plain(one_line(self.story.title), "bold italic")),
                             classes="help-heading", markup=False)
                yield Static(dimensions_text(self.story), id="help-dimensions", markup=False)
                yield Static(Text("Keys", style="bold"), classes="help-heading", markup=False)
            yield Static(keys_table(), id="help-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
