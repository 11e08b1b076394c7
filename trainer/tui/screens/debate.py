"""The debate screen: the opponent (name, position, who they are) makes a claim; the player picks a rebuttal,
graded on each rubric criterion with its reason, and hears the opponent's counter-reply, for each exchange of
the round. On the first exchange the player may instead type an answer (``t``), graded against the round's
key points: covered ✓ with the words that matched, missed ✗, then the model answer.

Dismisses with "undo" when the player undoes past the start of the round, else None.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from trainer.engine import AnswerDebate, AskDebate
from trainer.tui.game import Game
from trainer.tui.safe import clean, one_line, plain
from trainer.tui.widgets.choices import PickList, numbered
from trainer.tui.widgets.grades import rebuttal_text, typed_text
from trainer.tui.widgets.markdown import StoryMarkdown


class DebateScreen(Screen[str | None]):
    CSS_PATH = "debate.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Pick", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("t", "type_mode", "Type my own"),
        Binding("ctrl+t", "pick_mode", "Pick from list"),
        Binding("ctrl+s", "submit", "Submit answer"),
        Binding("enter,space", "proceed", "Continue"),
        Binding("x", "skip", "Skip"),
        Binding("u", "undo", "Undo"),
        Binding("pageup", "scroll_body(-1)", show=False),
        Binding("pagedown", "scroll_body(1)", show=False),
        Binding("escape", "back", "Back to scene"),
    ]

    phase: reactive[str] = reactive("pick", bindings=True)

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.prompt: AskDebate | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debate-body"):
            yield Static(id="opponent", markup=False)
            yield Static(id="exchange-no", markup=False)
            yield StoryMarkdown(id="claim")
            with Vertical(id="result"):
                yield Static(id="grades", markup=False)
                yield Static(id="reply", markup=False)
                yield Static(id="model-heading", markup=False)
                yield StoryMarkdown(id="model")
        with ContentSwitcher(initial="rebuttals", id="answer"):
            yield PickList(id="rebuttals")
            with Vertical(id="typing"):
                yield Static(id="typed-message", markup=False)
                yield TextArea(id="typed", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="typing-buttons"):
                    yield Button("Submit (ctrl+s)", id="submit", variant="primary", compact=True)
                    yield Button("Pick from the list (ctrl+t)", id="to-pick", compact=True)
            yield Static(id="debate-line", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.game.story.title)
        self.show_prompt()

    # -- drawing ------------------------------------------------------------------------------------------

    def show_prompt(self) -> None:
        prompt = self.game.session.next_prompt()
        if not isinstance(prompt, AskDebate):
            self.dismiss(None)
            return
        self.prompt = prompt
        debate, o = prompt.debate, prompt.debate.opponent
        self.sub_title = one_line(debate.title)
        self.query_one("#opponent", Static).update(Text.assemble(
            plain(one_line(o.name), "bold"), "  ·  ", plain(one_line(o.position), "italic"), "\n",
            plain(one_line(o.who), "dim")))
        count = len(debate.exchanges)
        self.query_one("#exchange-no", Static).update(Text.assemble(
            ("Debate: ", "bold"), plain(one_line(debate.title), "bold"),
            (f"    exchange {prompt.exchange + 1} of {count}", "dim")))
        exchange = debate.exchanges[prompt.exchange]
        self.query_one("#claim", StoryMarkdown).update(exchange.claim)
        self.query_one("#result").display = False
        rebuttals = self.query_one("#rebuttals", PickList)
        rebuttals.set_options([Option(numbered(n, r.text), id=r.id)
                               for n, r in enumerate(exchange.rebuttals.values(), start=1)])
        rebuttals.highlighted = 0 if exchange.rebuttals else None
        self.query_one("#typed-message", Static).update(self._typing_help())
        self.query_one("#debate-body", VerticalScroll).scroll_home(animate=False)
        self.action_pick_mode()

    def _typing_help(self) -> Text:
        return Text("Answer the claim in your own words; it is graded on the key points a strong rebuttal "
                    "makes. ctrl+s submits.", style="dim")

    def _show_result(self, body: RenderableType, reply: Text | None, model: str = "") -> None:
        self.query_one("#grades", Static).update(body)
        reply_widget = self.query_one("#reply", Static)
        reply_widget.update(reply or "")
        reply_widget.display = reply is not None
        self.query_one("#model-heading", Static).update(Text("Model answer", style="bold") if model else "")
        self.query_one("#model-heading").display = bool(model)
        model_md = self.query_one("#model", StoryMarkdown)
        model_md.update(model)
        model_md.display = bool(model)
        self.query_one("#result").display = True
        more = isinstance(self.game.session.next_prompt(), AskDebate)
        line = "Enter: the next exchange" if more else "Enter: back to the story"
        self.query_one("#debate-line", Static).update(Text(f"{line}    u: answer again", style="bold"))
        self.query_one("#answer", ContentSwitcher).current = "debate-line"
        self.phase = "graded"
        body_scroll = self.query_one("#debate-body", VerticalScroll)
        body_scroll.focus()
        self.call_after_refresh(lambda: body_scroll.scroll_to_widget(self.query_one("#result"), top=True,
                                                                     animate=False))

    # -- answers ------------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#rebuttals")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.phase != "pick" or not event.option.id or self.prompt is None:
            return
        opponent = self.prompt.debate.opponent
        result = self.game.answer_debate(event.option.id)
        if result is None:
            return
        reply = None
        if result.reply:
            reply = Text.assemble(plain(one_line(opponent.name), "bold"), " replies:\n",
                                  plain("\u201c" + one_line(result.reply) + "\u201d", "italic"))
        self._show_result(rebuttal_text(result), reply)

    def action_submit(self) -> None:
        if self.phase != "type":
            return
        text = self.query_one("#typed", TextArea).text
        result = self.game.answer_debate_typed(text)
        if not result.graded:
            self.query_one("#typed-message", Static).update(Text(result.message, style="bold"))
            return
        answer = Text.assemble(("Your answer: ", "bold"), plain(one_line(clean(text)), "italic"), "\n\n")
        self._show_result(answer + typed_text(result), None, result.model_answer)

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#to-pick")
    def _to_pick(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_pick_mode()

    # -- actions ------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.phase
        typed_ok = self.prompt is not None and self.prompt.typed_allowed
        if action == "pick":
            return phase == "pick"
        if action == "type_mode":
            return phase == "pick" and typed_ok
        if action in ("pick_mode", "submit"):
            return phase == "type"
        if action == "proceed":
            return phase == "graded"
        if action == "skip":
            return phase in ("pick", "type")
        return True

    def action_pick(self, n: int) -> None:
        self.query_one("#rebuttals", PickList).pick(n)

    def action_type_mode(self) -> None:
        if self.prompt is None or not self.prompt.typed_allowed:
            return
        self.query_one("#answer", ContentSwitcher).current = "typing"
        self.phase = "type"
        self.query_one("#typed", TextArea).focus()

    def action_pick_mode(self) -> None:
        self.query_one("#answer", ContentSwitcher).current = "rebuttals"
        self.phase = "pick"
        self.query_one("#rebuttals", PickList).focus()

    def action_proceed(self) -> None:
        if self.phase == "graded":
            self.query_one("#typed", TextArea).text = ""
            self.show_prompt()

    def action_skip(self) -> None:
        self.game.answer_debate(None)
        self.show_prompt()

    def action_undo(self) -> None:
        decisions = self.game.session.decisions
        if self.prompt is not None and decisions and isinstance(decisions[-1], AnswerDebate) \
                and decisions[-1].debate == self.prompt.debate.id:
            self.game.undo_last()
            self.show_prompt()
        else:
            self.dismiss("undo")

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#debate-body", VerticalScroll)
        if pages < 0:
            body.scroll_page_up()
        else:
            body.scroll_page_down()

    def action_back(self) -> None:
        self.dismiss(None)
