"""Small modal dialogs that return a value with ``dismiss``: a yes/no confirmation and a choice of actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trainer.tui.safe import plain


class ActionDialog(ModalScreen[str | None]):
    """A question with a row of buttons; returns the id of the button pressed, or None on Escape.

    ``actions`` are (id, label, key): the key presses the button too."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, body: str | Text, actions: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text, self.body = title, body
        self.actions = list(actions)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.title_text, "bold"), id="dialog-title", markup=False)
            body = self.body if isinstance(self.body, Text) else plain(self.body)
            yield Static(body, id="dialog-body", markup=False)
            with Horizontal(id="dialog-buttons"):
                for i, (action, label, key) in enumerate(self.actions):
                    yield Button(f"{label} ({key})" if key else label, id=f"do-{action}",
                                 variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event: events.Key) -> None:
        for action, _, key in self.actions:
            if key and event.key == key:
                event.stop()
                self.dismiss(action)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("do-"):
            self.dismiss(event.button.id[3:])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes (y / Enter on Yes) or No (n / Escape)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self.title_text, "bold"), id="dialog-title", markup=False)
            yield Static(plain(self.body), id="dialog-body", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
