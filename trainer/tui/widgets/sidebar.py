"""The sidebar: a meter per dimension, the flags now set, and the timeline of decisions. Selecting a past
decision posts ``Sidebar.RewindRequested`` (the screen confirms before rewinding).

``show`` runs after every choice, so it changes only what changed: the timeline gains the new decision
(rebuilt only after an undo or a rewind), the flags are redrawn when they differ."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from trainer.story import Story
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.meter import Meter
from trainer.tui.widgets.rows import hanging


def timeline_options(game: Game, start: int = 0) -> list[Option]:
    """The timeline's options, from the ``start``-th decision on (0: all)."""
    story = game.story
    out = []
    pairs = list(zip(game.choice_indices(), game.session.played(), strict=True))
    for step, (index, played) in enumerate(pairs[start:], start=start + 1):
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


class Timeline(OptionList):
    """The decisions so far. An option list measures every option at every layout of the screen, which with a
    decision added after every choice grows with the game: the height is kept for the same options and width
    (options here are only ever added or replaced, never changed in place)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._height: tuple[tuple[object, ...], int] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        key = (width, *self.options)
        if self._height is None or self._height[0] != key:
            self._height = (key, super().get_content_height(container, viewport, width))
        return self._height[1]


class Sidebar(VerticalScroll):
    class RewindRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index  # 0-based position in the decision list

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._timeline_keys: list[tuple[str, int, str, str]] | None = None  # what the timeline shows (None: unknown)
        self._flags_shown: Text | None = None

    def compose(self) -> ComposeResult:
        yield Label("Meters", classes="sidebar-heading")
        for i, d in enumerate(self.story.dimensions.values()):
            yield Meter(d, i, id=f"meter-{d.id}")
        yield Label("Flags", classes="sidebar-heading")
        yield Static(id="flags", markup=False)
        yield Label("Decisions (select to rewind)", classes="sidebar-heading")
        yield Timeline(id="timeline")

    def show(self, game: Game) -> None:
        story, state = game.story, game.state
        played = game.session.played()
        before = played[-1].before if played else state
        meters = {meter.id: meter for meter in self.query(Meter)}
        for i, d in enumerate(story.dimensions.values()):
            meter = meters.get(f"meter-{d.id}")
            if meter is not None:
                meter.dimension = d
                meter.show(state.dims[i], before.dims[i])
        flags = flag_lines(game)
        if flags != self._flags_shown:
            self._flags_shown = flags
            self.query_one("#flags", Static).update(flags)
        timeline = self.query_one("#timeline", OptionList)
        keys = [(story.digest, index, p.scene, p.choice) for index, p in zip(game.choice_indices(), played,
                                                                             strict=True)]
        shown = self._timeline_keys
        if shown is not None and shown and keys[:len(shown)] == shown:
            if len(keys) > len(shown):
                timeline.add_options(timeline_options(game, start=len(shown)))
        elif shown != keys or not keys:
            timeline.set_options(timeline_options(game))
        self._timeline_keys = keys
        if timeline.option_count and keys:
            if timeline.highlighted != timeline.option_count - 1:
                timeline.highlighted = timeline.option_count - 1
        elif not timeline.option_count:
            timeline.add_option(Option(Text("no decisions yet", style="dim"), disabled=True))

    @on(OptionList.OptionSelected, "#timeline")
    def _rewind(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("d"):
            self.post_message(self.RewindRequested(int(event.option.id[1:])))
