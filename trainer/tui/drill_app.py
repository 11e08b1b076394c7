"""The full-screen debate drill (``trainer debate`` in a terminal): a drill screen between rounds, and each
round played on the same ``DebateScreen`` a story uses, so a drill looks and grades exactly like play.

The drill's rules live in ``trainer.drill`` (which rounds, in what order, how each is saved); this module only
draws them. Each round's engine session is wrapped in a ``Game`` without autosave — a drill round is not a
game to resume — and its answers are read back from the session when the debate screen closes. A round left
before its last exchange is not counted and stays due.

Saving a round is a write of a few hundred bytes and happens on the event loop on purpose: it must be on disk
before the next round is scheduled, and the next write re-reads the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.drill.deck import Deck
from trainer.drill.plain import percent, progress_lines
from trainer.drill.play import RoundPlay
from trainer.drill.run import DrillRun, Outcome, utc_now
from trainer.drill.store import DrillProgress, DrillStoreError, load_drill
from trainer.drill.view import progress_view
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.screens.debate import DebateScreen
from trainer.tui.themes import THEMES, resolve_theme


class DrillScreen(Screen[None]):
    """Between rounds: what the drill holds, how the last round went, and the player's progress."""

    CSS_PATH = "drill_app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next_round", "Next round"),
        Binding("p", "toggle_progress", "Progress"),
        Binding("q,escape", "quit_drill", "Quit"),
    ]

    def __init__(self, drill: DrillRun) -> None:
        super().__init__()
        self.drill = drill
        self.play: RoundPlay | None = None
        self.save_error = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="drill-body"):
            yield Static(id="drill-summary", markup=False)
            yield Static(id="drill-last", markup=False)
            yield Static(id="drill-next", markup=False)
            yield Static(id="drill-progress", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Debate drill"
        self.sub_title = self.drill.summary()
        self.query_one("#drill-summary", Static).update(Text.assemble(
            ("Debate drill: ", "bold"), self.drill.summary(), "\n",
            ("Rounds you argue badly come back sooner: box 1 at your next drill, then 1, 3, 7 and 21 days.",
             "dim")))
        self.query_one("#drill-last").display = False
        self.query_one("#drill-progress").display = False
        self._show_next()
        self.query_one("#drill-body", VerticalScroll).focus()

    # -- drawing ------------------------------------------------------------------------------------------

    def _show_next(self) -> None:
        widget = self.query_one("#drill-next", Static)
        if self.save_error:
            widget.update(Text.assemble(("Your progress could not be saved. ", "bold"), plain(self.save_error),
                                        "\n\nq: quit"))
        elif self.drill.queue:
            rnd = self.drill.rounds[self.drill.queue[0]]
            o = rnd.debate.opponent
            widget.update(Text.assemble(
                (f"Round {self.drill.number + 1} of {self.drill.total}: ", "bold"),
                plain(one_line(rnd.debate.title), "bold"), "  ", plain(f"({one_line(rnd.story.title)}; "
                                                                       f"{self.drill.status(rnd.key)})", "dim"),
                "\n", plain(one_line(o.name)), " · ", plain(one_line(o.position), "italic"),
                ("\n\nEnter: start the round    p: your progress    q: quit", "bold")))
        else:
            done = len(self.drill.outcomes)
            widget.update(Text.assemble((f"Drill over: {done} round{'s' if done != 1 else ''} drilled. ", "bold"),
                                        "Your progress is saved.", ("\n\np: your progress    q: quit", "bold")))

    def _show_outcome(self, outcome: Outcome | None, left: str = "") -> None:
        widget = self.query_one("#drill-last", Static)
        widget.display = True
        if outcome is None:
            widget.update(Text.assemble(("You left the round: ", "bold"), plain(left),
                                        " is not counted and stays due."))
            return
        text = Text.assemble((f"Round score: {percent(outcome.score)}", "bold"), "  ",
                             plain(one_line(outcome.round.debate.title)), "\n", f"Now in {outcome.wait}.")
        if outcome.again:
            text.append("\nYou will meet this round again before the drill ends.")
        missed = [t for t, covered in outcome.attempt.points().values() if not covered]
        if missed:
            text.append("\nKey points to work on: ")
            text.append_text(plain("; ".join(one_line(t) for t in missed)))
        widget.update(text)

    def _refresh_progress(self) -> None:
        try:
            progress = load_drill(self.drill.store)
        except DrillStoreError as exc:
            lines = [exc.message]
        else:
            lines = progress_lines(progress_view(progress, self.drill.now()))
        self.query_one("#drill-progress", Static).update(plain("\n".join(lines)))

    # -- actions ------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_round":
            return bool(self.drill.queue) and not self.save_error
        return True

    def action_next_round(self) -> None:
        if self.save_error:
            return
        play = self.drill.next_round()
        if play is None:
            return
        self.play = play
        game = Game(play.session.story, play.session, autosave=None)
        self.app.push_screen(DebateScreen(game), self._round_closed)

    def _round_closed(self, _result: str | None) -> None:
        play, self.play = self.play, None
        if play is None:
            return
        if play.finished:
            try:
                self._show_outcome(self.drill.finish(play))
            except (DrillStoreError, OSError) as exc:
                self.save_error = exc.message if isinstance(exc, DrillStoreError) else f"{self.drill.store}: {exc}"
        else:
            self._show_outcome(None, f"\u201c{one_line(play.round.debate.title)}\u201d")
        if self.query_one("#drill-progress").display:
            self._refresh_progress()
        self._show_next()
        self.refresh_bindings()

    def action_toggle_progress(self) -> None:
        widget = self.query_one("#drill-progress")
        widget.display = not widget.display
        if widget.display:
            self._refresh_progress()
            self.call_after_refresh(lambda: self.query_one("#drill-body", VerticalScroll).scroll_to_widget(widget))

    def action_quit_drill(self) -> None:
        self.app.exit(1 if self.save_error else 0)


class DrillApp(App[int]):
    """``trainer debate`` full screen. Build it with a deck and the progress already read (see ``run_drill``)."""

    TITLE = "trainer"

    def __init__(self, deck: Deck, progress: DrillProgress, *, limit: int | None = None,
                 now: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.drill = DrillRun(deck, progress, limit=limit, now=now)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = resolve_theme(None, no_color=bool(os.environ.get("NO_COLOR"))) or "textual-dark"

    def on_mount(self) -> None:
        self.push_screen(DrillScreen(self.drill))


def run_drill(deck: Deck, *, limit: int | None = None) -> int:
    """Read the progress first, so a file we cannot use is reported before the terminal is taken over."""
    import sys

    try:
        progress = load_drill()
    except DrillStoreError as exc:
        print(f"trainer: {exc.message}", file=sys.stderr)
        return 1
    for note in deck.notes:
        print(f"trainer: {note}", file=sys.stderr)
    if not deck.rounds:
        print("There are no debate rounds to drill.")
        return 0
    return int(DrillApp(deck, progress, limit=limit).run() or 0)
