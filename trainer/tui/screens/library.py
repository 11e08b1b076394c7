"""The library: every story on offer with its title, summary, minutes, dimensions and the player's progress
(in progress, finished, endings found N of M). Stories are read in a worker; Enter opens one, offering to
resume or restart a game in progress. Posts ``LibraryScreen.Open`` for the app to start the game."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from trainer.paths import user_stories_dir
from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.choices import PickList

if TYPE_CHECKING:
    from trainer.tui.library import StoryEntry

SOURCES = {"bundled": "bundled", "yours": "your stories", "given": "from the command line"}
# Reading the stories competes with the event loop for the interpreter, so the worker waits for the library's
# first frame (with the loading indicator) to be drawn, or this long at most.
FIRST_FRAME_WAIT = 2.0


def entry_text(entry: StoryEntry) -> Text:
    story = entry.story
    if story is None:
        return Text.assemble(plain(entry.path.name, "bold"), ("   cannot be played\n", "dim"),
                             plain(one_line(entry.error), "italic"))
    meta = f"{story.minutes} min · " if story.minutes else ""
    head = Text.assemble(plain(one_line(story.title), "bold"), (f"   {meta}{SOURCES[entry.source]}", "dim"))
    dims = ", ".join(one_line(d.label) for d in story.dimensions.values())
    lines = [head, plain(one_line(story.summary)), Text.assemble(("Meters: ", "dim"), plain(dims, "dim"))]
    status = []
    if entry.in_progress:
        status.append(f"▶ in progress: {one_line(entry.position)}")
    found = len(entry.progress.endings) if entry.progress else 0
    if entry.progress and entry.progress.plays:
        status.append(f"finished {entry.progress.plays}×")
    status.append(f"endings found {found} of {len(story.endings)}")
    if entry.save_error:
        status.append("⚠ the saved game cannot be used")
    lines.append(Text(" · ".join(status), style="italic"))
    return Text("\n").join(lines)


class LibraryScreen(Screen[None]):
    CSS_PATH = "library.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Play"),
        Binding("f5,ctrl+r", "reload", "Reload"),
    ]

    class Open(Message):
        def __init__(self, entry: StoryEntry) -> None:
            super().__init__()
            self.entry = entry

    class Loaded(Message):
        def __init__(self, entries: list[StoryEntry]) -> None:
            super().__init__()
            self.entries = entries

    def __init__(self, paths: tuple[Path, ...]) -> None:
        super().__init__()
        self.paths = paths
        self.entries: list[StoryEntry] = []
        self._drawn = threading.Event()  # set once the screen's first frame is out

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Choose a story. Enter plays it; ? shows every key.", style="dim"), id="library-help",
                     markup=False)
        yield LoadingIndicator(id="library-loading")
        yield PickList(id="stories")
        yield Static(id="library-empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "trainer"
        self.sub_title = "Library"
        self.query_one("#library-empty").display = False
        self.call_after_refresh(self._drawn.set)
        self.reload()

    def on_screen_resume(self) -> None:
        if self.entries:
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.load_entries(self.paths)

    @work(thread=True, exclusive=True, group="library")
    def load_entries(self, paths: tuple[Path, ...]) -> None:
        self._drawn.wait(FIRST_FRAME_WAIT)
        if get_current_worker().is_cancelled:
            return
        from trainer.tui.library import load_entries  # the story loader and the engine: not needed to draw

        self.post_message(self.Loaded(load_entries(paths)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.entries = event.entries
        loading = self.query_one("#library-loading", LoadingIndicator)
        loading.display = False
        loading.auto_refresh = None  # hidden for good: stop its timer (16 repaints a second, even under a game)
        stories = self.query_one("#stories", PickList)
        keep = stories.highlighted
        options: list[Option | None] = []
        for i, e in enumerate(self.entries):
            if i:
                options.append(None)  # a rule between stories
            options.append(Option(entry_text(e), id=f"s{i}"))
        stories.set_options(options)
        if self.entries:
            stories.highlighted = min(keep or 0, stories.option_count - 1)
            stories.focus()
        empty = self.query_one("#library-empty", Static)
        empty.display = not self.entries
        empty.update(plain(f"No stories found. Put .yaml stories in {user_stories_dir()} or give a story "
                           "file: trainer play STORY.yaml"))

    @on(OptionList.OptionSelected, "#stories")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Open(self.entries[int(event.option.id[1:])]))

    def action_open(self) -> None:
        option = self.query_one("#stories", PickList).highlighted_option
        if option is not None and option.id:
            self.post_message(self.Open(self.entries[int(option.id[1:])]))
