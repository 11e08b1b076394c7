"""The sidebar: a meter per dimension, the flags now set, and the timeline of decisions. Selecting a past
decision posts ``Sidebar.RewindRequested`` (the screen confirms before rewinding)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.story import Story
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.meter import Meter
from trainer.tui.widgets.rows import hanging


def timeline_options(game: Game) -> list[Option]:
    story = game.story
    out = []
    for step, (index, played) in enumerate(zip(game.choice_indices(), game.session.played(), strict=True),
                                            start=1):
        scene = story.scenes[played.scene]
        text = Text.assemble(plain(one_line(scene.title), "bold"), "\n",
                             plain(one_line(scene.choices[played.choice].label), "italic"))
        out.append(Option(hanging([(f"{step:>2}", text)]), id=f"d{index}"))
    return out


def flag_lines(game: Game) -> Text:
    story, flags = game.story, game.state.flags
    on_flags = [f for f in story.flags.values() if f.id in flags]
    if not on_flags:
        return Text("none yet", style="dim")
    return Text("\n").join(Text.assemble("⚑ ", plain(one_line(f.text))) for f in on_flags)


class Sidebar(VerticalScroll):
    class RewindRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index  # 0-based position in the decision list

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story

    def compose(self) -> ComposeResult:
        yield Label("Meters", classes="sidebar-heading")
        for i, d in enumerate(self.story.dimensions.values()):
            yield Meter(d, i, id=f"meter-{d.id}")
        yield Label("Flags", classes="sidebar-heading")
        yield Static(id="flags", markup=False)
        yield Label("Decisions (select to rewind)", classes="sidebar-heading")
        yield OptionList(id="timeline", markup=False)

    def show(self, game: Game) -> None:
        story, state = game.story, game.state
        played = game.session.played()
        before = played[-1].before if played else state
        for i, d in enumerate(story.dimensions.values()):
            meters = self.query(f"#meter-{d.id}").results(Meter)
            for meter in meters:
                meter.dimension = d
                meter.show(state.dims[i], before.dims[i])
        self.query_one("#flags", Static).update(flag_lines(game))
        timeline = self.query_one("#timeline", OptionList)
        timeline.set_options(timeline_options(game))
        if timeline.option_count:
            timeline.highlighted = timeline.option_count - 1
        else:
            timeline.add_option(Option(Text("no decisions yet", style="dim"), disabled=True))

    @on(OptionList.OptionSelected, "#timeline")
    def _rewind(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("d"):
            self.post_message(self.RewindRequested(int(event.option.id[1:])))
