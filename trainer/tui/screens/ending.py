"""The ending screen: the verdict with its causal trace (the rule that chose the ending and the terms that
decided it, the decisions that moved it most), the counterfactuals ("had you…", searched in a worker), a chart
of each dimension across the game, the endings found so far, the quiz before and after playing with the
normalised gain (``t`` takes the quiz again), the debate scorecard, replay from any decision, and export of
the debrief.

Dismisses with ("undo" | "rewind" | "restart" | "library", decision index) for the play screen to act on.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from trainer.engine import Played, State, Verdict, build_debrief, build_verdict
from trainer.story import Story
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.screens.dialogs import ActionDialog, ConfirmDialog
from trainer.tui.widgets.chart import DimensionChart
from trainer.tui.widgets.choices import PickList, numbered
from trainer.tui.widgets.grades import scorecard
from trainer.tui.widgets.markdown import StoryMarkdown
from trainer.tui.widgets.rows import hanging

Result = tuple[str, int]


def rule_line(v: Verdict) -> Text:
    if v.rule is None:
        return Text.assemble("Reached directly by \u201c", plain(one_line(v.last_choice), "italic"),
                             "\u201d in ", plain(one_line(v.last_scene)), ".")
    return Text.assemble(f"Chosen by rule {v.rule.index} of {v.rule.count}: ", plain(one_line(v.rule.source),
                                                                                         "bold"))


def trace_text(v: Verdict) -> Text:
    """✓ each term of the rule that chose the ending; ✗ each earlier rule, with the terms that failed it."""
    lines = []
    if v.rule is not None and v.rule.condition is not None:
        for t in v.rule.condition.deciding:
            lines.append(Text.assemble("✓ ", plain(one_line(t.sentence or t.text))))
    elif v.rule is not None:
        lines.append(Text("✓ the last rule holds whenever no earlier one does"))
    for r in v.passed_over:
        failed = r.condition.deciding if r.condition is not None else ()
        why = "; ".join(one_line(t.sentence or t.text) for t in failed) or one_line(r.source)
        lines.append(Text.assemble("✗ not ", plain(f"\u201c{one_line(r.title)}\u201d"), f" (rule {r.index}): ",
                                   plain(why)))
    return Text("\n").join(lines) if lines else Text("No rule was consulted.", style="dim")


def movers_text(v: Verdict) -> RenderableType:
    if not v.movers:
        return Text("No decision moved the deciding dimensions.", style="dim")
    rows: list[tuple[str | Text, Text]] = []
    for m in v.movers[:8]:
        rows.append((Text(f"{m.delta:+d}", style="bold"), Text.assemble(
            plain(one_line(m.dimension_label), "bold"), ": \u201c", plain(one_line(m.label), "italic"), "\u201d in ",
            plain(one_line(m.scene_title)), (f" (decision {m.step})", "dim"))))
    return hanging(rows)


def counterfactuals_text(v: Verdict) -> RenderableType:
    rows: list[tuple[str | Text, Text]] = [("▸", plain(one_line(c.sentence))) for c in v.counterfactuals]
    rows += [("▹", plain(f"\u201c{one_line(u.title)}\u201d: {one_line(u.reason)}", "dim")) for u in v.unreached]
    if not v.search_complete:
        rows.append(("", Text(f"(The search stopped after {v.search_states:,} states.)", style="dim")))
    if not rows:
        return Text("No other ending can be reached.", style="dim")
    return hanging(rows, spaced=True)


class EndingScreen(Screen[Result | None]):
    CSS_PATH = "ending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export"),
        Binding("r", "replay", "Replay"),
        Binding("m", "map", "Map"),
        Binding("t", "quiz", "Quiz"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("n", "restart", "New game"),
        Binding("pageup", "scroll_body(-1)", show=False),
        Binding("pagedown", "scroll_body(1)", show=False),
        Binding("escape", "library", "Library"),
    ]

    class ExportRequested(Message):
        """The player asked for the debrief as "markdown" or "html"; the app writes it in a worker."""

        def __init__(self, fmt: str) -> None:
            super().__init__()
            self.fmt = fmt

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        game, story = self.game, self.game.story
        verdict = game.session.verdict(counterfactuals=False)
        assert verdict is not None
        debrief = build_debrief(game.session, counterfactuals=False)
        yield Header()
        with VerticalScroll(id="ending-body"):
            yield Static(Text.assemble(("ENDING  ", "bold"), plain(one_line(verdict.title), "bold")),
                         id="ending-title", markup=False)
            yield Static(rule_line(verdict), id="ending-rule", markup=False)
            yield StoryMarkdown(verdict.text, id="ending-text")
            yield Label("Why this ending", classes="heading")
            yield Static(trace_text(verdict), id="trace", markup=False)
            yield Label("What moved it most", classes="heading")
            yield Static(movers_text(verdict), id="movers", markup=False)
            yield Label("Had you chosen differently", classes="heading")
            yield LoadingIndicator(id="searching")
            yield Static(id="counterfactuals", markup=False)
            yield Label("Each dimension across your game (0 is the start)", classes="heading")
            yield DimensionChart(story, debrief.timeline, id="chart")
            yield Label("Endings found", classes="heading")
            yield Static(self._endings_text(verdict), id="endings", markup=False)
            if story.quiz:
                yield Label("What you learnt: the quiz before and after", classes="heading")
                yield Static(self._quiz_text(), id="quiz-scores", markup=False)
            yield Label("Debate scorecard", classes="heading")
            yield Static(scorecard(story, game.session.debate_results()), id="scorecard", markup=False)
            yield Label("Replay from a decision  (select one; r jumps here)", classes="heading")
            yield PickList(id="replay")
            yield Label("Debrief", classes="heading")
            yield Static(Text("Press e to save the whole debrief as Markdown or HTML.", style="dim"),
                         id="export-path", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.game.story.title)
        self.sub_title = "The ending"
        replay = self.query_one("#replay", PickList)
        options = []
        for step, (index, p) in enumerate(zip(self.game.choice_indices(), self.game.session.played(),
                                              strict=True), start=1):
            scene = self.game.story.scenes[p.scene]
            options.append(Option(numbered(step, scene.title, scene.choices[p.choice].label, "dim"), id=f"d{index}"))
        replay.set_options(options)
        self.query_one("#counterfactuals").display = False
        self.query_one("#ending-body", VerticalScroll).focus()
        session = self.game.session  # read here, on the event loop; the worker gets its own copies
        self.search_counterfactuals(session.story, session.start, session.played(), len(session.played()))

    def _endings_text(self, verdict: Verdict) -> Text:
        story = self.game.story
        found = set(self.game.endings_found) | {verdict.ending}
        lines = []
        for e in story.endings.values():
            if e.id == verdict.ending:
                lines.append(Text.assemble("◆ ", plain(one_line(e.title), "bold"), ("  (this game)", "dim")))
            elif e.id in found:
                lines.append(Text.assemble("◆ ", plain(one_line(e.title))))
        missing = len(story.endings) - len(found & set(story.endings))
        lines.append(Text(f"{len(found & set(story.endings))} of {len(story.endings)} found"
                          + (f"; {missing} still hidden (◇)" if missing else ": all of them"), style="dim"))
        return Text("\n").join(lines)

    def _quiz_text(self) -> Text:
        from trainer.tui.screens.quiz import scores_text

        session = self.game.session
        pre, post = session.quiz_score("pre"), session.quiz_score("post")
        text = scores_text(pre if pre.results else None, post if post.results else None)
        hint = "Press t to take the quiz again." if post.results else "Press t to take the quiz."
        return Text.assemble(text, "\n", (hint, "dim"))

    @work(thread=True, exclusive=True, group="verdict")
    def search_counterfactuals(self, story: Story, start: State, played: list[Played], count: int) -> None:
        try:
            verdict = build_verdict(story, start, played, counterfactuals=True)
        except Exception as exc:  # an engine failure must not end the game; say so where the answer would be
            self.app.call_from_thread(self._search_failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._show_counterfactuals, verdict, count)

    def _search_failed(self, problem: str) -> None:
        if self.is_mounted:
            self.query_one("#searching").display = False
            out = self.query_one("#counterfactuals", Static)
            out.update(plain(f"The search for other endings failed ({problem}).", "italic"))
            out.display = True

    def _show_counterfactuals(self, verdict: Verdict, count: int) -> None:
        if not self.is_mounted or count != len(self.game.session.played()):  # quiz answers do not count
            return
        self.query_one("#searching").display = False
        out = self.query_one("#counterfactuals", Static)
        out.update(counterfactuals_text(verdict))
        out.display = True

    def show_export(self, path: str) -> None:
        self.query_one("#export-path", Static).update(Text.assemble(("Saved: ", "bold"), plain(path)))

    # -- actions ------------------------------------------------------------------------------------------

    def action_export(self) -> None:
        def chosen(fmt: str | None) -> None:
            if fmt:
                self.query_one("#export-path", Static).update(Text("Exporting…", style="dim"))
                self.post_message(self.ExportRequested(fmt))

        self.app.push_screen(ActionDialog("Export the debrief", "Save every decision with its explanation, the "
                                          "verdict and the counterfactuals as a file.",
                                          [("markdown", "Markdown", "m"), ("html", "HTML", "h")]), chosen)

    def action_replay(self) -> None:
        replay = self.query_one("#replay", PickList)
        replay.focus()
        self.query_one("#ending-body", VerticalScroll).scroll_to_widget(replay)

    @on(OptionList.OptionSelected, "#replay")
    def _replay(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.confirm_replay(int(event.option.id[1:]))

    def confirm_replay(self, index: int | None) -> None:
        """Ask, then close with ("rewind", index): the play screen goes back to just before that decision."""
        if index is None or index not in self.game.choice_indices():
            return
        step = self.game.choice_indices().index(index) + 1

        def done(yes: bool | None) -> None:
            if yes:
                self.dismiss(("rewind", index))

        self.app.push_screen(ConfirmDialog(f"Replay from decision {step}?", "Go back to just before this "
                                           "decision and play on from there.", yes="Replay", no="Stay"), done)

    def action_map(self) -> None:
        from trainer.tui.screens.map import MapScreen

        self.app.push_screen(MapScreen(self.game), self.confirm_replay)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quiz":
            return bool(self.game.story.quiz)
        return True

    def action_quiz(self) -> None:
        from trainer.tui.screens.quiz import QuizScreen

        def done(_: bool | None) -> None:
            if self.is_mounted:
                self.query_one("#quiz-scores", Static).update(self._quiz_text())

        self.app.push_screen(QuizScreen(self.game, "post"), done)

    def action_undo(self) -> None:
        self.dismiss(("undo", 0))

    def action_restart(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.dismiss(("restart", 0))

        self.app.push_screen(ConfirmDialog("Start a new game?", "Begin the story again from the first scene.",
                                           yes="New game", no="Stay"), done)

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#ending-body", VerticalScroll)
        if pages < 0:
            body.scroll_page_up()
        else:
            body.scroll_page_down()

    def action_library(self) -> None:
        self.dismiss(("library", 0))
