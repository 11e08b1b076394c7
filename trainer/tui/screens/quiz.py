"""The quiz screen: the story's multiple-choice quiz, one question at a time, offered before the first scene of
a new game and again after the ending; the player may skip it at the first page, skip a question (``x``) or
leave (Escape). Options are picked with 1–9, the arrows and Enter, or the mouse. A question marked
``transfer`` is labelled as a new situation (not one from the story).

After the ending each answer is marked right or wrong, with the right answer and its explanation, and the
last page shows the score before and after playing and the normalised gain, (after − before) / (maximum −
before). Before playing, answers are only recorded: the explanations would teach what the story is meant to
teach, and the gain would then measure the quiz, not the story (``trainer play --plain --quiz`` does the
same).

Every answer is a decision of the engine's session (``Session.answer_quiz``, so it is autosaved and in the
debrief); the screen keeps only which question it shows. Dismisses with True when at least one question was
answered, False when the quiz was skipped.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from trainer.engine.debrief import gain_text
from trainer.engine.quiz import QuizResult, QuizScore, normalised_gain
from trainer.tui.game import Game
from trainer.tui.safe import one_line, plain
from trainer.tui.widgets.choices import PickList, numbered
from trainer.tui.widgets.markdown import StoryMarkdown

NEW_SITUATION = "A new situation: not one from the story"


def scores_text(pre: QuizScore | None, post: QuizScore | None) -> Text:
    """The score before and after playing and the normalised gain (or why there is none), for this screen's
    last page and the ending screen."""
    lines = []
    for label, score in (("Before playing", pre), ("After the ending", post)):
        if score is None:
            lines.append(Text.assemble((f"{label}: ", "bold"), ("not taken", "dim")))
        else:
            lines.append(Text.assemble((f"{label}: ", "bold"), f"{score.correct} of {score.total} right"))
    gain = normalised_gain(pre.correct, post.correct, pre.total) if pre is not None and post is not None else None
    lines.append(Text(gain_text(pre, post, gain)))
    return Text("\n").join(lines)


class QuizScreen(Screen[bool]):
    CSS_PATH = "quiz.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Answer", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("enter,space", "proceed", "Continue"),
        Binding("x", "skip_question", "Skip question"),
        Binding("s", "skip_quiz", "Skip the quiz"),
        Binding("pageup", "scroll_body(-1)", show=False),
        Binding("pagedown", "scroll_body(1)", show=False),
        Binding("escape", "leave", "Leave the quiz"),
    ]

    phase: reactive[str] = reactive("intro", bindings=True)  # intro, ask, answered, done

    def __init__(self, game: Game, phase: str) -> None:
        if phase not in ("pre", "post"):
            raise ValueError(f"a quiz is taken 'pre' or 'post', not {phase!r}")
        super().__init__()
        self.game = game
        self.when = phase
        self.questions = list(game.story.quiz.values())
        self.index = 0  # the question shown
        self.answered = 0  # answers given in this sitting

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-heading", markup=False)
            yield Static(id="quiz-transfer", markup=False)
            yield Static(id="quiz-text", markup=False)
            with Vertical(id="quiz-result"):
                yield Static(id="quiz-verdict", markup=False)
                yield StoryMarkdown(id="quiz-explain")
        with ContentSwitcher(initial="quiz-line", id="quiz-dock"):
            yield PickList(id="quiz-options")
            yield Static(id="quiz-line", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = one_line(self.game.story.title)
        self.sub_title = "Quiz before you play" if self.when == "pre" else "Quiz after the ending"
        self._intro()

    # -- pages --------------------------------------------------------------------------------------------

    def _intro(self) -> None:
        count = len(self.questions)
        transfer = sum(q.transfer for q in self.questions)
        if self.when == "pre":
            head = "Before you play: a short quiz"
            body = (f"{count} multiple-choice question{'s' if count != 1 else ''} on what this story is about. "
                    "Answer what you think now: nobody expects you to know yet. You will take the same quiz "
                    "after the ending, see the answers explained then, and your two scores will show what the "
                    "story taught you.")
        else:
            head = "After the ending: the quiz again"
            body = (f"The same {count} question{'s' if count != 1 else ''} as before you played. This time each "
                    "answer is marked and explained, and your score is compared with your first one.")
        if transfer:
            body += (f" {transfer} of them {'is' if transfer == 1 else 'are'} about a new situation, not one from "
                     "the story: can you use what you learnt elsewhere?")
        self._page(Text(head, style="bold"), plain(body))
        self._line("Enter: start the quiz    s: skip it")
        self.phase = "intro"

    def _question(self) -> None:
        q = self.questions[self.index]
        self.query_one("#quiz-heading", Static).update(Text.assemble(
            ("Question ", "bold"), (f"{self.index + 1} of {len(self.questions)}", "bold"),
            ("    before you play" if self.when == "pre" else "    after the ending", "dim")))
        transfer = self.query_one("#quiz-transfer", Static)
        transfer.update(Text(f"◆ {NEW_SITUATION}", style="italic"))
        transfer.display = q.transfer
        self.query_one("#quiz-text", Static).update(plain(one_line(q.question), "bold"))
        self.query_one("#quiz-result").display = False
        options = self.query_one("#quiz-options", PickList)
        options.set_options([Option(numbered(n, text), id=oid)
                             for n, (oid, text) in enumerate(q.options.items(), start=1)])
        options.highlighted = 0 if q.options else None
        self.query_one("#quiz-dock", ContentSwitcher).current = "quiz-options"
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.phase = "ask"
        options.focus()

    def _result(self, result: QuizResult) -> None:
        q = self.questions[self.index]
        picked = list(q.options).index(result.picked) + 1
        lines = [Text.assemble(("You answered: ", "dim"), plain(f"{picked}  {one_line(result.picked_text)}", "dim"))]
        if result.right:
            lines.append(Text("✓ Right.", style="bold"))
        else:
            right = list(q.options).index(result.answer) + 1 if result.answer in q.options else 0
            lines.append(Text.assemble(("✗ Not quite. ", "bold"), "The answer is ",
                                       plain(f"{right}  {one_line(result.answer_text)}", "bold"), "."))
        self.query_one("#quiz-verdict", Static).update(Text("\n").join(lines))
        explain = self.query_one("#quiz-explain", StoryMarkdown)
        explain.update(result.explain)
        explain.display = bool(result.explain.strip())
        self.query_one("#quiz-result").display = True
        last = self.index + 1 >= len(self.questions)
        self._line("Enter: your results" if last else "Enter: the next question")
        self.phase = "answered"
        body = self.query_one("#quiz-body", VerticalScroll)
        body.focus()
        self.call_after_refresh(lambda: body.scroll_to_widget(self.query_one("#quiz-result"), animate=False))

    def _summary(self) -> None:
        session = self.game.session
        pre, post = session.quiz_score("pre"), session.quiz_score("post")
        pre_s, post_s = (pre if pre.results else None), (post if post.results else None)
        if self.when == "pre":
            mine = pre_s
            head = "Quiz done: now play the story"
            tail = "The answers and their explanations come after the ending, when you take the quiz again."
            go = "Enter: start the story"
        else:
            mine = post_s
            head = "Quiz done: what the story taught you"
            tail = "Your answers are in the debrief (e on the ending screen exports it)."
            go = "Enter: see the ending"
        answered = len(mine.results) if mine is not None else 0
        body = [Text(f"You answered {answered} of {len(self.questions)} questions (a question not answered "
                     "counts as wrong).")]
        body += [scores_text(pre_s, post_s) if self.when == "post" else
                 Text(f"Your score: {pre.correct} of {pre.total}.")]
        body.append(Text(tail, style="dim"))
        self._page(Text(head, style="bold"), Text("\n\n").join(body))
        self._line(go)
        self.phase = "done"

    def _page(self, head: Text, body: Text) -> None:
        self.query_one("#quiz-heading", Static).update(head)
        self.query_one("#quiz-transfer").display = False
        self.query_one("#quiz-text", Static).update(body)
        self.query_one("#quiz-result").display = False

    def _line(self, text: str) -> None:
        self.query_one("#quiz-line", Static).update(Text(text, style="bold"))
        self.query_one("#quiz-dock", ContentSwitcher).current = "quiz-line"
        self.query_one("#quiz-body", VerticalScroll).focus()

    def _next(self) -> None:
        self.index += 1
        if self.index < len(self.questions):
            self._question()
        else:
            self._summary()

    # -- answers ------------------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#quiz-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.phase != "ask" or not event.option.id:
            return
        q = self.questions[self.index]
        result = self.game.session.answer_quiz(self.when, q.id, event.option.id)
        self.answered += 1
        if self.when == "post":
            self._result(result)
        else:
            self._next()

    # -- actions ------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.phase
        if action in ("pick", "skip_question"):
            return phase == "ask"
        if action == "proceed":
            return phase in ("intro", "answered", "done")
        if action == "skip_quiz":
            return phase == "intro"
        return True

    def action_pick(self, n: int) -> None:
        self.query_one("#quiz-options", PickList).pick(n)

    def action_proceed(self) -> None:
        if self.phase == "intro":
            if self.questions:
                self._question()
            else:
                self.dismiss(False)
        elif self.phase == "answered":
            self._next()
        elif self.phase == "done":
            self.dismiss(self.answered > 0)

    def action_skip_question(self) -> None:
        if self.phase == "ask":
            self._next()

    def action_skip_quiz(self) -> None:
        self.dismiss(False)

    def action_leave(self) -> None:
        """Leave: from the first page the quiz is skipped; later, the last page shows the score so far."""
        if self.phase in ("intro", "done") or not self.answered:
            self.dismiss(self.answered > 0)
        else:
            self._summary()

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        if pages < 0:
            body.scroll_page_up()
        else:
            body.scroll_page_down()
