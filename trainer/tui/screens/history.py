"""History (``h``): every decision so far with what it changed, the debate answers and "why?" answers,
like a visual novel's history log. Selecting an entry closes it with that decision's position in the decision
list, for the screen below to confirm and rewind."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trainer.engine import DebriefEntry, RebuttalResult, build_debrief
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain


def entry_text(entry: DebriefEntry) -> Text:
    x = entry.explanation
    lines = [Text.assemble((f"{x.step}  ", "bold"), plain(one_line(x.scene_title), "bold"))]
    for r in entry.debate:
        if isinstance(r, RebuttalResult):
            lines.append(Text.assemble("   debate: ", plain(one_line(r.text), "italic"),
                                       f"  ({r.total}/{r.max_total})"))
        elif r.graded:
            lines.append(Text.assemble("   debate (typed): ", plain(one_line(r.message))))
    lines.append(Text.assemble("   You chose: ", plain(one_line(x.label), "italic")))
    changes = "; ".join(one_line(e.text) for e in x.effects)
    if changes:
        lines.append(plain("   " + changes, "dim"))
    if entry.why is not None:
        mark = "✓" if entry.why.right else "✗"
        lines.append(Text.assemble(f"   why? {mark} ", plain(one_line(entry.why.picked_text), "dim")))
    return Text("\n").join(lines)


class HistoryScreen(ModalScreen[int | None]):
    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,h", "close", "Close")]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        entries = build_debrief(self.game.session, counterfactuals=False).entries
        indices = self.game.choice_indices()
        options = [Option(entry_text(e), id=f"d{indices[i]}") for i, e in enumerate(entries)]
        with Vertical(id="history-box"):
            yield Static(Text("History  ·  select a decision to rewind to it  ·  Escape closes", style="bold"),
                         id="history-title", markup=False)
            if options:
                yield OptionList(*options, id="history", markup=False)
            else:
                yield Static(Text("No decisions yet.", style="dim"), markup=False)

    def on_mount(self) -> None:
        history = self.query("#history").results(OptionList)
        for h in history:
            h.focus()
            h.highlighted = h.option_count - 1

    @on(OptionList.OptionSelected, "#history")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(int(event.option.id[1:]))

    def action_close(self) -> None:
        self.dismiss(None)
