"""Numbered pick-lists: the scene's choices (locked ones dimmed, with their reason) and the reasons of a
"why?" prompt. Selecting works with the number keys (bound by the screen), arrows + Enter, and the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.rows import Hanging, hanging

if TYPE_CHECKING:
    from trainer.engine import ChoiceOption


def numbered(n: int, label: str, note: str = "", note_style: str = "italic") -> Hanging:
    """"1  label" with wrapped lines (and the note under it) indented under the label, not the number."""
    text = plain(one_line(label))
    if note:
        text.append("\n")
        text.append_text(plain(one_line(note), note_style))
    return hanging([(Text(str(n), style="bold"), text)], gap=2)


class PickList(OptionList, inherit_bindings=False):
    """An OptionList whose options are numbered from 1; ``pick(n)`` selects the n-th like a click would.

    It keeps only the arrow, Home/End and Enter keys, so Page Up/Down scroll the text above it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    DEFAULT_CSS = """
    PickList { height: auto; max-height: 100%; border: none; padding: 0; background: transparent; }
    PickList > .option-list--option { padding: 0 1; }
    PickList:focus { border: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def pick(self, n: int, *, select: bool = True) -> Option | None:
        """Highlight and select the n-th option (1-based) and return it, or only highlight it when ``select`` is
        False (the caller acts on it at once); None when there is none. A disabled option is returned untouched."""
        if not 1 <= n <= self.option_count:
            return None
        option = self.get_option_at_index(n - 1)
        if option.disabled:
            return option
        self.highlighted = n - 1
        if select:
            self.action_select()
        return option


class ChoiceList(PickList):
    def set_choices(self, options: Sequence[ChoiceOption]) -> None:
        shown = [o for o in options if not o.hidden]
        items = []
        for n, o in enumerate(shown, start=1):
            if o.enabled:
                items.append(Option(numbered(n, o.label), id=o.id))
            else:
                items.append(Option(numbered(n, o.label, f"locked: {o.reason}"), id=o.id, disabled=True))
        self.set_options(items)
        first = next((i for i, o in enumerate(shown) if o.enabled), None)
        self.highlighted = first


class ReasonList(PickList):
    def set_reasons(self, reasons: Sequence[str]) -> None:
        self.set_options([Option(numbered(n, r), id=f"r{n - 1}") for n, r in enumerate(reasons, start=1)])
        self.highlighted = 0 if reasons else None
