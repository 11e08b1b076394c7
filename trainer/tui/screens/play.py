"""The play screen: the scene as Markdown and its numbered choices; after a choice, the explanation panel;
then the "why?" pick-list when the story asks one. The sidebar shows the meters, flags and timeline, and folds
away below 100 columns (``s`` brings it back). Debate rounds and the ending open their own screens.

The screen asks the engine what comes next (``Session.next_prompt``) after every change and draws that; it
keeps no game state of its own beyond which panel is showing.

A choice should be on screen in the next frame: the explanation panel is filled in place and the choice is
taken straight from the number key. Python's cyclic garbage collector is kept out of the way: Textual leaves
much cyclic garbage (a rendered line caches itself), so a full collection falls every few choices, and it walks
every object alive, 30-120 ms. While a game is open, what is alive when its screen is first drawn (modules,
Textual, the stories, this screen) is frozen (``gc.freeze``; thawed when the screen goes), and a full
collection, now of the game's own objects only, is run just after each explanation is drawn rather than in the
middle of the next choice.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, OptionList, Static

from trainer.engine import (
    AnswerQuiz,
    AskChoice,
    AskDebate,
    AskWhy,
    ChoiceExplanation,
    Decision,
    DecisionError,
    Finished,
    Stuck,
)
from trainer.engine.saves import Autosave
from trainer.story.model import Scene
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.screens.dialogs import ConfirmDialog
from trainer.tui.widgets.choices import ChoiceList, ReasonList
from trainer.tui.widgets.explanation import ExplanationPanel
from trainer.tui.widgets.footer import KeyFooter
from trainer.tui.widgets.markdown import StoryMarkdown
from trainer.tui.widgets.sidebar import Sidebar
from trainer.tui.widgets.votes import VotePanel

CONTINUE = "Enter or Space: continue    u: take this choice back"


def _freeze_heap() -> None:
    """Collect what earlier screens and games left (once, as the game opens), then freeze what is alive."""
    gc.collect()
    gc.freeze()


class ReadingPane(VerticalScroll):
    """The scrolling pane of the scene, the explanation and the "why?" prompt.

    Focus changes only this pane's own look (``#reading:focus`` tints its background in play.tcss; no rule
    matches anything inside it by the pane's focus), so on focus and blur only its own style is recomputed (the
    new tint repaints what it holds). Textual would restyle every widget inside (some thirty: 10-20 ms), and
    the pane takes focus after every choice and gives it back to the choices after it."""

    def watch_has_focus(self, has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)

    def show_view(self, view: str) -> None:
        """Show one of the pane's views by id (the scene, the explanation, the "why?"), hide the others. (Not a
        ContentSwitcher: one container less to lay out and draw under every line of the pane.)"""
        for child in self.children:
            child.display = child.id == view


class PlayScreen(Screen[None]):
    CSS_PATH = "play.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("enter,space", "proceed", "Continue"),
        Binding("x", "skip", "Skip", show=False),  # the dock line says "x: skip"
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("h", "history", "History"),
        Binding("m", "map", "Map"),
        Binding("d", "discuss", "Discuss", show=False),
        Binding("s", "toggle_sidebar", "Sidebar"),
        Binding("pageup", "scroll_reading(-1)", show=False),
        Binding("pagedown", "scroll_reading(1)", show=False),
        Binding("escape", "leave", "Back"),
    ]

    phase: reactive[str] = reactive("ask", bindings=True)
    show_discuss: reactive[bool] = reactive(False)

    def __init__(self, game: Game, *, workshop: bool = False) -> None:
        super().__init__(classes="workshop" if workshop else "")
        self.game = game
        self.workshop = workshop
        self._shown: tuple[str, str] | None = None  # (story digest, scene id) whose text is on screen
        self._post_quiz_offered: tuple[Decision, ...] | None = None  # the game the last offer came after
        self.set_reactive(PlayScreen.show_discuss, workshop)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with ReadingPane(id="reading"):
                    with Vertical(id="scene-view"):
                        yield Static(id="scene-title", markup=False)
                        yield StoryMarkdown(id="scene-text")
                        yield Static(id="discuss", markup=False)
                    explain = ExplanationPanel(self.game.story, id="explain-view")  # one, refilled after each choice
                    explain.display = False
                    yield explain
                    why = Vertical(id="why-view")
                    why.display = False
                    with why:
                        yield Static(id="why-question", markup=False)
                        yield Static(id="why-result", markup=False)
                with ContentSwitcher(initial="choices", id="dock"):
                    yield ChoiceList(id="choices")
                    yield Vertical(id="votes")
                    yield ReasonList(id="reasons")
                    yield Static(id="prompt-line", markup=False)
            yield Sidebar(self.game.story, id="sidebar")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.game.story.title)
        self.sync()
        if self._quiz_due("pre"):  # a new game: the quiz before the first scene (skippable)
            self._open_quiz("pre", lambda _: self.sync())
        self.call_after_refresh(_freeze_heap)

    def on_unmount(self) -> None:
        gc.unfreeze()  # the next full collection frees what the game left
        Autosave.flush()  # the game's last decisions are on disk once its screen is gone

    # -- drawing what the engine asks -----------------------------------------------------------------

    def sync(self) -> None:
        """Redraw from the engine: the sidebar, then whatever ``next_prompt`` asks for."""
        game = self.game
        self.query_one(Sidebar).show(game)
        prompt = game.session.next_prompt()
        if isinstance(prompt, Finished):
            self.phase = "ended"
            self._open_ending()
            return
        if isinstance(prompt, AskWhy):  # about the choice just made: the next scene waits until it is answered
            self.sub_title = one_line(prompt.scene.title)
            self._why(prompt)
            return
        scene = game.story.scenes[game.state.scene]
        self._show_scene(scene)
        self.query_one(ReadingPane).show_view("scene-view")
        if isinstance(prompt, AskChoice):
            self._ask(prompt)
        elif isinstance(prompt, AskDebate):
            o = prompt.debate.opponent
            line = Text.assemble(plain(one_line(o.name), "bold"), " (", plain(one_line(o.position)),
                                 ") wants to argue first.  ", ("Enter: answer", "bold"), "    x: skip the debate")
            self._dock_line(line)
            self.phase = "debate"
        elif isinstance(prompt, Stuck):
            self.query_one("#choices", ChoiceList).set_choices(prompt.options)
            self.query_one("#dock", ContentSwitcher).current = "choices"
            self.notify("No choice is open here: the story has a dead end. Press u to go back.",
                        severity="warning")
            self.phase = "stuck"

    def _show_scene(self, scene: Scene) -> None:
        self.sub_title = one_line(scene.title)
        key = (self.game.story.digest, scene.id)
        title = Text.assemble(plain(one_line(scene.title), "bold"),
                              (f"    decision {self.game.steps + 1}", "dim"))
        self.query_one("#scene-title", Static).update(title)
        if key != self._shown:
            self._shown = key
            self.query_one("#scene-text", StoryMarkdown).update(scene.text)
            self.query_one("#reading", VerticalScroll).scroll_home(animate=False)
        discuss = self.query_one("#discuss", Static)
        if scene.discuss:
            lines = [Text("Discuss", style="bold")] + [Text.assemble("• ", plain(one_line(q)))
                                                         for q in scene.discuss]
            discuss.update(Text("\n").join(lines))
        discuss.display = bool(scene.discuss) and self.show_discuss

    def _ask(self, prompt: AskChoice) -> None:
        dock = self.query_one("#dock", ContentSwitcher)
        if self.workshop:
            votes = self.query_one("#votes", Vertical)
            votes.remove_children()  # removed after this handler: a fixed id on the new panel would clash
            panel = VotePanel(prompt.options)
            votes.mount(panel)
            dock.current = "votes"
            self.phase = "ask"
            self.call_after_refresh(panel.focus_first)
            return
        choices = self.query_one("#choices", ChoiceList)
        choices.set_choices(prompt.options)
        dock.current = "choices"
        self.phase = "ask"
        choices.focus()

    def _why(self, prompt: AskWhy) -> None:
        self.query_one(ReadingPane).show_view("why-view")
        self.query_one("#why-question", Static).update(
            Text.assemble(("Why?  ", "bold"), plain(one_line(prompt.prompt.question), "bold"), "\n",
                          ("Pick the reason you think is right (1–9), or x to skip.", "dim")))
        result = self.query_one("#why-result", Static)
        result.update("")
        result.display = False
        reasons = self.query_one("#reasons", ReasonList)
        reasons.set_reasons([r.text for r in prompt.prompt.reasons])
        self.query_one("#dock", ContentSwitcher).current = "reasons"
        self.phase = "why"
        reasons.focus()

    def _dock_line(self, text: Text | str) -> None:
        line = self.query_one("#prompt-line", Static)
        line.update(text)
        self.query_one("#dock", ContentSwitcher).current = "prompt-line"
        self.query_one("#reading", VerticalScroll).focus()

    def _show_explained(self, explanation: ChoiceExplanation) -> None:
        self.query_one(ExplanationPanel).show(self.game.story, explanation, self.game.tally(explanation.step))
        self.query_one(ReadingPane).show_view("explain-view")
        self.query_one("#reading", VerticalScroll).scroll_home(animate=False)
        self._dock_line(Text(CONTINUE, style="bold"))
        self.phase = "explained"
        self.query_one(Sidebar).show(self.game)
        self.call_after_refresh(gc.collect)  # once the explanation is out: see the module's docstring

    def _open_ending(self) -> None:
        from trainer.tui.screens.ending import EndingScreen
        from trainer.tui.screens.quiz import QuizScreen

        if any(isinstance(s, EndingScreen | QuizScreen) for s in self.app.screen_stack):
            return
        if self._quiz_due("post"):  # the quiz again after the ending (skippable), then the ending screen
            self._post_quiz_offered = self.game.session.decisions
            self._open_quiz("post", lambda _: self._open_ending())
            return
        self.app.push_screen(EndingScreen(self.game), self._after_ending)

    def _quiz_due(self, phase: str) -> bool:
        """Offer the quiz before the first scene of a new game, and after an ending until it is taken (once per
        visit to the ending); never in an author's preview (--from/--set)."""
        game = self.game
        if not game.story.quiz or game.warp:
            return False
        if phase == "pre":
            return not game.session.decisions
        return (game.session.finished and not game.session.quiz_score("post").results
                and self._post_quiz_offered != game.session.decisions)

    def _open_quiz(self, phase: str, then: Callable[[bool | None], None]) -> None:
        from trainer.tui.screens.quiz import QuizScreen

        self.app.push_screen(QuizScreen(self.game, phase), then)

    def _after_ending(self, result: tuple[str, int] | None) -> None:
        if result is None:
            return
        what, index = result
        if what == "undo":
            self.game.undo()
        elif what == "rewind":
            self.game.rewind(index)
        elif what == "restart":
            self.game.restart()
        elif what == "library":
            self.dismiss()
            return
        self.sync()

    # -- answers ----------------------------------------------------------------------------------------

    def choose(self, choice_id: str, tally: dict[str, int] | None = None) -> None:
        try:
            explanation = self.game.choose(choice_id, tally)
        except DecisionError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self._show_explained(explanation)

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.phase == "ask" and event.option.id:
            self.choose(event.option.id)

    @on(VotePanel.Confirmed)
    def _voted(self, event: VotePanel.Confirmed) -> None:
        event.stop()
        if self.phase == "ask":
            self.choose(event.choice, event.tally)

    @on(OptionList.OptionSelected, "#reasons")
    def _reason(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.phase != "why" or not event.option.id:
            return
        result = self.game.answer_why(int(event.option.id[1:]))
        if result is None:
            return
        verdict = ("✓ Right. ", "bold") if result.right else ("✗ Not the best reason. ", "bold")
        lines = [Text.assemble(verdict, plain(one_line(result.feedback)))]
        if not result.right:
            lines.append(Text.assemble(("The better reason: ", "bold"), plain(one_line(result.right_text))))
            if result.right_feedback:
                lines.append(plain(one_line(result.right_feedback)))
        lines.insert(0, Text.assemble(("You picked: ", "dim"), plain(one_line(result.picked_text), "dim")))
        out = self.query_one("#why-result", Static)
        out.update(Text("\n\n").join(lines))
        out.display = True
        self._dock_line(Text("Enter or Space: continue", style="bold"))
        self.phase = "answered"

    # -- actions ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.phase
        if action == "pick":
            return (phase == "ask" and not self.workshop) or phase == "why"
        if action == "proceed":
            return phase in ("explained", "answered", "debate")
        if action == "skip":
            return phase in ("why", "debate")
        if action == "undo":
            return bool(self.game.session.decisions) or None
        if action == "redo":
            return self.game.session.can_redo
        if action == "toggle_sidebar":
            return self.has_class("-narrow")
        if action == "discuss":
            scene = self.game.story.scenes.get(self.game.state.scene)
            return phase == "ask" and scene is not None and bool(scene.discuss)
        return True

    def action_pick(self, n: int) -> None:
        if self.phase == "why":
            self.query_one("#reasons", ReasonList).pick(n)
            return
        option = self.query_one("#choices", ChoiceList).pick(n, select=False)
        if option is not None and option.disabled:
            reason = next((o.reason for o in self.game.session.available_choices() if o.id == option.id), "")
            self.notify(f"Option {n} is locked: {reason}", severity="warning", markup=False)
        elif option is not None and option.id and self.phase == "ask":
            self.choose(option.id)  # at once, not through OptionSelected bubbling up: the explanation is one frame away

    def action_proceed(self) -> None:
        if self.phase == "debate":
            self._open_debate()
        elif self.phase in ("explained", "answered"):
            self.sync()

    def action_skip(self) -> None:
        if self.phase == "why":
            self.game.answer_why(None)
            self.sync()
        elif self.phase == "debate":
            while isinstance(self.game.session.next_prompt(), AskDebate):
                self.game.answer_debate(None)
            self.sync()

    def _open_debate(self) -> None:
        from trainer.tui.screens.debate import DebateScreen

        self.app.push_screen(DebateScreen(self.game), self._after_debate)

    def _after_debate(self, result: str | None) -> None:
        if result == "undo":
            self.action_undo()
            return
        self.sync()

    def action_undo(self) -> None:
        played = self.game.session.played()
        if not self.game.undo():
            decisions = self.game.session.decisions
            if decisions and not isinstance(decisions[-1], AnswerQuiz):  # the quiz before playing stays
                self.game.undo_last()
                self.sync()
                return
            self.notify("Nothing to undo: this is the start of the story.")
            return
        label = played[-1].choice if played else ""
        scene = self.game.story.scenes.get(played[-1].scene) if played else None
        if scene is not None and label in scene.choices:
            self.notify(f"Took back: {one_line(scene.choices[label].label)}", markup=False)
        self.sync()

    def action_redo(self) -> None:
        if self.game.redo():
            self.sync()

    def action_history(self) -> None:
        from trainer.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.game), self._rewind_chosen)

    def action_map(self) -> None:
        from trainer.tui.screens.map import MapScreen

        self.app.push_screen(MapScreen(self.game), self._rewind_chosen)

    def _rewind_chosen(self, index: int | None) -> None:
        if index is not None:
            self.confirm_rewind(index)

    @on(Sidebar.RewindRequested)
    def _timeline(self, event: Sidebar.RewindRequested) -> None:
        event.stop()
        self.confirm_rewind(event.index)

    def confirm_rewind(self, index: int) -> None:
        decisions = self.game.session.decisions
        if not 0 <= index < len(decisions):
            return
        step = sum(1 for i in self.game.choice_indices() if i <= index)
        played = self.game.session.played()[step - 1] if step else None
        scene = self.game.story.scenes[played.scene] if played else None
        if played is None or scene is None:
            return
        body = (f"Go back to \u201c{one_line(scene.title)}\u201d, before you chose \u201c"
                f"{one_line(scene.choices[played.choice].label)}\u201d. The decisions after it can be redone "
                "with ctrl+y until you choose differently.")

        def done(yes: bool | None) -> None:
            if yes:
                self.game.rewind(index)
                self._close_overlays()
                self.sync()

        self.app.push_screen(ConfirmDialog(f"Rewind to decision {step}?", body, yes="Rewind", no="Stay"), done)

    def _close_overlays(self) -> None:
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_discuss(self) -> None:
        self.show_discuss = not self.show_discuss

    def watch_show_discuss(self, show: bool) -> None:
        if self.is_mounted:
            scene = self.game.story.scenes.get(self.game.state.scene)
            self.query_one("#discuss", Static).display = show and bool(scene and scene.discuss)

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-show-sidebar")

    def action_scroll_reading(self, pages: int) -> None:
        reading = self.query_one("#reading", VerticalScroll)
        if pages < 0:
            reading.scroll_page_up()
        else:
            reading.scroll_page_down()

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 1 and self.app.screen is self:
            self.dismiss()

    # -- live preview (--watch) -------------------------------------------------------------------------

    def show_banner(self, text: str) -> None:
        banner = self.query_one("#banner", Static)
        banner.update(plain(text))
        banner.display = bool(text)

    async def story_reloaded(self) -> None:
        """The game's story object was replaced: rebuild what depends on its shape, then redraw."""
        sidebar = self.query_one(Sidebar)
        if list(sidebar.story.dimensions) != list(self.game.story.dimensions):
            await sidebar.remove()
            await self.query_one("#body", Horizontal).mount(Sidebar(self.game.story, id="sidebar"))
        else:
            sidebar.story = self.game.story
        self._shown = None
        self.title = one_line(self.game.story.title)
        self.show_banner("")
        self.sync()
