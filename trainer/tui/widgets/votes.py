"""The workshop's vote panel: the facilitator types the room's count for each open choice (digits, + and −,
Backspace), moves with the arrows, and presses Enter to confirm the choice with the most votes. A tie is not
resolved for the room: the panel says so and waits for a changed count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from trainer.engine import ChoiceOption
from trainer.tui.safe import one_line, plain

MAX_VOTES = 9999


class VoteRow(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(d), f"digit({d})", show=False) for d in range(10)),
        Binding("plus,equals_sign", "add(1)", "+1 vote", key_display="+"),
        Binding("minus,underscore", "add(-1)", "−1 vote", key_display="−"),
        Binding("backspace", "erase", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
        Binding("enter", "confirm", "Confirm the vote"),
    ]
    DEFAULT_CSS = """
    VoteRow { height: auto; padding: 0 1; }
    VoteRow:focus { background: $block-cursor-background; color: $block-cursor-foreground; }
    VoteRow.-locked { color: $text-disabled; }
    """

    count: reactive[int] = reactive(0)

    def __init__(self, n: int, option: ChoiceOption) -> None:
        super().__init__(id=f"vote-{option.id}", classes="" if option.enabled else "-locked")
        self.n, self.option = n, option
        self.can_focus = option.enabled

    def render(self) -> Table:
        votes = f"{self.count:>4} vote{'s' if self.count != 1 else ' '}" if self.option.enabled else "locked"
        label = plain(one_line(self.option.label))
        if not self.option.enabled:
            label.append("\n")
            label.append_text(plain(one_line(self.option.reason), "italic"))
        grid = Table.grid(padding=(0, 2, 0, 0), expand=True)
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, justify="right", style="bold")
        grid.add_row(str(self.n), label, votes)
        return grid

    def action_digit(self, d: int) -> None:
        self.count = min(self.count * 10 + d, MAX_VOTES)

    def action_add(self, by: int) -> None:
        self.count = max(0, min(self.count + by, MAX_VOTES))

    def action_erase(self) -> None:
        self.count //= 10

    def action_confirm(self) -> None:
        panel = next((a for a in self.ancestors if isinstance(a, VotePanel)), None)
        if panel is not None:
            panel.confirm()


class VotePanel(Vertical):
    class Confirmed(Message):
        def __init__(self, choice: str, tally: dict[str, int]) -> None:
            super().__init__()
            self.choice, self.tally = choice, tally

    DEFAULT_CSS = """
    VotePanel { height: auto; }
    VotePanel #vote-help { color: $text-muted; margin: 1 0 0 1; }
    """

    def __init__(self, options: Sequence[ChoiceOption], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = [o for o in options if not o.hidden]

    def compose(self) -> ComposeResult:
        for n, o in enumerate(self.options, start=1):
            yield VoteRow(n, o)
        yield Static("Type the room's count for each option (digits, + and −; ↑↓ to move), then press Enter "
                     "to take the choice with the most votes.", id="vote-help", markup=False)

    def rows(self) -> list[VoteRow]:
        return [r for r in self.query(VoteRow).results(VoteRow) if r.option.enabled]

    def tally(self) -> dict[str, int]:
        return {r.option.id: r.count for r in self.rows()}

    def confirm(self) -> None:
        tally = self.tally()
        if not tally or not any(tally.values()):
            self.notify("No votes counted yet: type the number of hands for each option.", severity="warning")
            return
        top = max(tally.values())
        leaders = [cid for cid, c in tally.items() if c == top]
        if len(leaders) > 1:
            names = " and ".join(str(self._number(c)) for c in leaders)
            self.notify(f"A tie between options {names} ({top} each): ask the room again and change a count.",
                        severity="warning")
            return
        self.post_message(self.Confirmed(leaders[0], tally))

    def _number(self, choice: str) -> int:
        return next(n for n, o in enumerate(self.options, start=1) if o.id == choice)

    def focus_first(self) -> None:
        rows = self.rows()
        if rows:
            rows[0].focus()
