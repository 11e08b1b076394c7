"""The map: the flowchart of the story so far (see ``widgets.flowchart``). Selecting a past decision closes
the map with its position in the decision list, for the screen below to confirm and rewind."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import OptionDoesNotExist

from trainer.tui.game import Game
from trainer.tui.safe import one_line
from trainer.tui.widgets.flowchart import decision_of, flow_options


class FlowList(OptionList):
    DEFAULT_CSS = """
    FlowList { height: 1fr; border: none; padding: 0 1; background: transparent; }
    FlowList:focus { border: none; }
    """


class MapScreen(Screen[int | None]):
    CSS_PATH = "map.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,m", "close", "Close map")]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("The story so far.  ● taken   ○ not taken   ⊘ locked   ? not discovered yet   "
                     "Select a decision to rewind to it.", id="map-legend", markup=False)
        yield FlowList(*flow_options(self.game), id="flow", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.game.story.title)
        self.sub_title = "Map"
        flow = self.query_one("#flow", FlowList)
        flow.focus()
        with suppress(OptionDoesNotExist):
            flow.highlighted = flow.get_option_index("here")

    @on(OptionList.OptionSelected, "#flow")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = decision_of(event.option.id)
        if index is not None:
            self.dismiss(index)
        elif event.option.id and event.option.id.startswith("here"):
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
