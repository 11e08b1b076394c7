"""``trainer play --plain``: the whole game as lines of text, for screen readers, pipes and scripts.

Reads one answer per line from stdin: a number, a typed rebuttal, or a command (``u`` undo, ``q`` save and
quit, ``h`` help). Bad input is answered with what is expected and asked again; end of input saves and exits
0. Everything shown comes from the engine's explanation objects (rendered by ``trainer.report.text``), and
every line goes through ``strip_controls``, so a story cannot send escape sequences to the terminal.
No Textual import here: this path must start fast and run where no terminal UI can.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from trainer.engine.errors import DecisionError
from trainer.engine.progress import record_ending
from trainer.engine.saves import Autosave, SaveError, write_save
from trainer.engine.session import AskChoice, AskDebate, AskWhy, Finished, Session, Stuck
from trainer.lineio import EndOfInput as _EndOfInput
from trainer.lineio import LineIO as BaseLineIO
from trainer.report import text as render
from trainer.report.plaintext import clean

HELP = ("Type the number of a choice and press Enter. Commands: u = undo your last choice, "
        "q = save and quit, h = this help. At a debate you may also type your own rebuttal.")


class _Quit(Exception):
    pass


class LineIO(BaseLineIO):
    """The shared line I/O, with answers trimmed and a picker for numbered options."""

    def ask(self, prompt: str) -> str:
        return super().ask(prompt).strip()

    def pick(self, prompt: str, count: int, extra: Callable[[str], bool] | None = None,
              commands: Sequence[str] = ("q",)) -> int | str:
        """Ask until the answer is a number 1..count (returns 0-based) or one of ``commands`` or accepted by
        ``extra`` (returned as text)."""
        while True:
            answer = self.ask(prompt)
            low = answer.lower()
            if low in ("h", "help", "?"):
                self.say(HELP)
                continue
            if low in ("q", "quit") and "q" in commands:
                raise _Quit
            if low in commands:
                return low
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer) - 1
            if extra is not None and answer and not answer.isdigit() and extra(answer):
                return answer
            if not answer:
                self.say(f"Please type a number from 1 to {count}.")
            else:
                self.say(f"'{clean(answer)[:40]}' is not one of the choices: type a number from 1 to {count}.")


class PlainGame(LineIO):
    """One game of ``--plain``: asks what the session's ``next_prompt`` says, shows what the engine explains."""

    def __init__(self, session: Session, *, stdin: TextIO, stdout: TextIO, save_path: Path | None,
                 quiz: bool = False, notice: str = "") -> None:
        super().__init__(stdin, stdout)
        self.session = session
        self.story = session.story
        self.save_path = save_path
        self.quiz = quiz and bool(self.story.quiz)
        self.notice = notice
        self._shown: tuple[int, str] | None = None
        self._warned: set[str] = set()
        self.autosave: Autosave | None = None
        if save_path is not None:
            self.autosave = Autosave(save_path, on_error=self._save_failed)
            session.on_change = self.autosave

    def _save_failed(self, exc: Exception) -> None:
        text = str(exc)
        if text not in self._warned:
            self._warned.add(text)
            print(f"trainer: warning: the game could not be saved: {text}", file=sys.stderr)

    # -- the game -----------------------------------------------------------------------------------------

    def run(self) -> int:
        try:
            self._intro()
            if self.quiz and not self.session.decisions:
                self._quiz("pre")
            while True:
                prompt = self.session.next_prompt()
                if isinstance(prompt, Finished):
                    self._finish()
                    return 0
                if isinstance(prompt, AskWhy):
                    self._why(prompt)
                elif isinstance(prompt, AskDebate):
                    self._scene()
                    self._debate(prompt)
                elif isinstance(prompt, AskChoice):
                    self._scene()
                    self._choose(prompt)
                else:
                    self._stuck(prompt)
        except _EndOfInput:
            self._save()
            where = f" to {self.save_path}" if self.save_path is not None else ""
            self.say(f"End of input: game saved{where}." if where else "End of input.")
            return 0
        except _Quit:
            self._save()
            self.say(f"Game saved to {self.save_path}." if self.save_path else "Goodbye.")
            return 0

    def _save(self) -> None:
        """Save unless the autosave already holds this game (saving again would make ``.bak`` a copy)."""
        if self.save_path is None:
            return
        current = self.autosave is not None and self.autosave.error is None and self.save_path.exists()
        if not current and (self.session.decisions or not self.save_path.exists()):
            try:
                write_save(self.save_path, self.session)
            except (OSError, SaveError) as exc:
                self._save_failed(exc)

    def _intro(self) -> None:
        s = self.story
        self.say(clean(s.title).upper(), *render.md_lines(s.summary), "")
        dims = "; ".join(f"{clean(d.label)} ({d.min}–{d.max}): low means {clean(d.low)}, high means "
                         f"{clean(d.high)}" for d in s.dimensions.values())
        self.say(f"You are scored on: {dims}.", HELP, "")
        if self.notice:
            self.say(self.notice, "")

    def _values(self) -> str:
        state = self.session.state
        return ", ".join(f"{clean(d.label)} {v}/{d.max}" for d, v in zip(self.story.dimensions.values(),
                                                                        state.dims, strict=True))

    def _scene(self) -> None:
        """Print the current scene once per visit (not again after bad input)."""
        key = (len(self.session.played()), self.session.state.scene)
        if self._shown == key:
            return
        self._shown = key
        scene = self.story.scenes[self.session.state.scene]
        self.say("", f"== {clean(scene.title)} ==", *render.md_lines(scene.text))
        for q in scene.discuss:
            self.say(f"For discussion: {clean(q)}")
        self.say(f"Now: {self._values()}", "")

    def _choose(self, prompt: AskChoice) -> None:
        visible = [o for o in prompt.options if not o.hidden]
        self.say("", "Choices:")
        for i, o in enumerate(visible, start=1):
            line = f"{i}. {clean(o.label)}"
            if not o.enabled:
                line += f" — unavailable: {clean(o.reason)}"
            self.say(line)
        commands = ("q", "u") if self.session.played() else ("q",)
        undo = ", u to undo" if "u" in commands else ""
        while True:
            picked = self.pick(f"Choose 1-{len(visible)}{undo}, q to save and quit:", len(visible),
                                commands=commands)
            if picked == "u":
                self._undo()
                return
            assert isinstance(picked, int)
            option = visible[picked]
            if not option.enabled:
                self.say(f"That choice is not available: {clean(option.reason)}.")
                continue
            try:
                explanation = self.session.choose(option.id)
            except DecisionError as exc:
                self.say(f"That choice cannot be made: {exc.message}.")
                continue
            self.say("", *render.explanation(explanation))
            return

    def _undo(self) -> None:
        self.session.undo_choice()
        self._shown = None
        scene = self.story.scenes[self.session.state.scene]
        self.say(f"Undone: you are back in {clean(scene.title)}.")

    def _why(self, prompt: AskWhy) -> None:
        reasons = prompt.prompt.reasons
        self.say("", f"Why? {clean(prompt.prompt.question)}")
        for i, r in enumerate(reasons, start=1):
            self.say(f"{i}. {clean(r.text)}")
        picked = self.pick(f"Pick a reason 1-{len(reasons)}, s to skip:", len(reasons), commands=("q", "s"))
        if picked == "s":
            self.session.answer_why(None)
            return
        assert isinstance(picked, int)
        result = self.session.answer_why(picked)
        if result is not None:
            self.say(*render.why(result))

    def _debate(self, prompt: AskDebate) -> None:
        debate = prompt.debate
        exchange = debate.exchanges[prompt.exchange]
        if prompt.exchange == 0:
            o = debate.opponent
            who = ", ".join(clean(x) for x in (o.position, o.who) if x)
            self.say(f"DEBATE  {clean(debate.title)}", f"Your opponent: {clean(o.name)}" + (f" — {who}" if who else ""))
        name = clean(debate.opponent.name) or "Your opponent"
        self.say("", f"{name} (argument {prompt.exchange + 1} of {len(debate.exchanges)}):",
                 *render.md_lines(exchange.claim, "  "))
        rebuttals = list(exchange.rebuttals.values())
        for i, r in enumerate(rebuttals, start=1):
            self.say(f"{i}. {clean(r.text)}")
        typed_ok = prompt.typed_allowed
        if typed_ok:
            self.say("Or type your own rebuttal on one line.")
        ask = f"Answer 1-{len(rebuttals)}" + (", or type your own" if typed_ok else "") + ", s to skip:"
        while True:
            picked = self.pick(ask, len(rebuttals), extra=(lambda _: True) if typed_ok else None,
                                commands=("q", "s"))
            if picked == "s":
                self.session.answer_debate(None)
                return
            if isinstance(picked, int):
                result = self.session.answer_debate(rebuttals[picked].id)
                if result is not None:
                    self.say("", *render.rebuttal(result))
                return
            typed = self.session.answer_debate_typed(picked)
            self.say("", *render.typed(typed))
            if typed.graded:
                return

    def _stuck(self, prompt: Stuck) -> None:
        self.say("No choice is open here: the story has a dead end in this scene.")
        for o in prompt.options:
            self.say(f"- {clean(o.label)} — unavailable: {clean(o.reason) or 'its condition does not hold'}")
        commands = ("q", "u") if self.session.played() else ("q",)
        while True:
            answer = self.ask("Type u to undo your last choice, or q to save and quit:").lower()
            if answer in ("q", "quit"):
                raise _Quit
            if answer == "u" and "u" in commands:
                self._undo()
                return
            self.say("Please type u or q.")

    def _quiz(self, phase: str) -> None:
        when = "before you play" if phase == "pre" else "now that you have played"
        self.say("", f"QUIZ {when}: {len(self.story.quiz)} questions (s skips a question).")
        for q in self.story.quiz.values():
            self.say("", clean(q.question))
            ids = list(q.options)
            for i, text in enumerate(q.options.values(), start=1):
                self.say(f"{i}. {clean(text)}")
            picked = self.pick(f"Your answer 1-{len(ids)}, s to skip:", len(ids), commands=("q", "s"))
            if picked == "s":
                continue
            assert isinstance(picked, int)
            result = self.session.answer_quiz(phase, q.id, ids[picked])
            if phase == "post":
                self.say(*render.quiz_result(result))
        score = self.session.quiz_score(phase)
        self.say("", render.quiz_score(score))

    def _finish(self) -> None:
        verdict = self.session.verdict()
        assert verdict is not None
        dims = {d.id: (d.label, d.max) for d in self.story.dimensions.values()}
        self.say("", *render.verdict(verdict, dims))
        try:
            progress = record_ending(self.story.id, verdict.ending)
            self.say("", f"Endings found in this story: {len(progress.endings)} of {len(self.story.endings)}.")
        except OSError as exc:
            self._save_failed(exc)
        if self.quiz:
            self._quiz("post")
            pre, post = self.session.quiz_score("pre"), self.session.quiz_score("post")
            if pre.results and post.results:
                from trainer.engine.debrief import gain_text
                from trainer.engine.quiz import normalised_gain

                gain = normalised_gain(pre.correct, post.correct, pre.total)
                self.say(*render.wrap(gain_text(pre, post, gain), "", render.INDENT))
        self._save()
        if self.save_path is not None:
            self.say(f"Game saved to {self.save_path}. For the full debrief: trainer report {self.save_path}")


def _library(stdin: TextIO, stdout: TextIO) -> str | None:
    """List the bundled stories with the endings found so far; return the path picked, or None at EOF."""
    from trainer.engine.progress import load_progress
    from trainer.paths import bundled_stories
    from trainer.story import StoryError, load_story

    stories = []
    for path in bundled_stories():
        try:
            stories.append((path, load_story(path)))
        except (OSError, StoryError):
            continue
    game = LineIO(stdin, stdout)
    if not stories:
        game.say("No bundled stories were found. Play a story file: trainer play STORY.yaml --plain")
        return None
    progress = load_progress()
    game.say("STORIES")
    for i, (_, s) in enumerate(stories, start=1):
        found = progress.get(s.id)
        endings = f"{len(found.endings) if found else 0} of {len(s.endings)} endings found"
        game.say(f"{i}. {clean(s.title)} ({s.minutes} min, {endings}): {clean(s.summary)}")
    try:
        picked = game.pick(f"Which story? 1-{len(stories)}, q to quit:", len(stories))
    except (_EndOfInput, _Quit):
        return None
    assert isinstance(picked, int)
    return str(stories[picked][0])


def start_plain(args: object, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Entry point for ``trainer play --plain``: load the story, resume or start, and play."""
    from trainer.launch import LaunchError, load, open_game, parse_values

    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    story_arg = getattr(args, "story", None)
    if not story_arg:
        story_arg = _library(stdin, stdout)
        if story_arg is None:
            return 0
    try:
        story = load(story_arg)
        launch = open_game(story, new=getattr(args, "new", False), save=getattr(args, "save", None),
                           no_save=getattr(args, "no_save", False), at=getattr(args, "at", None),
                           values=parse_values(getattr(args, "set", []) or []), story_arg=story_arg)
    except LaunchError as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    game = PlainGame(launch.session, stdin=stdin, stdout=stdout, save_path=launch.save_path,
                     quiz=getattr(args, "quiz", False), notice=launch.notice)
    return game.run()
