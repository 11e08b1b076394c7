"""``trainer debate --plain``: the drill as lines of text, for screen readers, pipes and scripts.

One answer per line on stdin: the number of a rebuttal, ``t`` then a typed answer on the next line, ``s`` to
skip an exchange, ``q`` to stop. Bad input is answered with what is expected and asked again. Progress is
saved after every finished round, so ``q`` or the end of input loses at most the round being played (which
is not counted) and exits 0. Every line printed goes through ``strip_controls`` and story text through the
report layer's plain renderers, so a story cannot send escape sequences to the terminal. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from trainer.drill.deck import Deck
from trainer.drill.play import RoundPlay
from trainer.drill.run import DrillRun, utc_now
from trainer.drill.store import DrillStoreError, drill_path, load_drill
from trainer.drill.view import ProgressView
from trainer.lineio import EndOfInput, LineIO
from trainer.report import text as render
from trainer.report.plaintext import clean, strip_controls

HELP = ("Type the number of a rebuttal and press Enter; t to type your own answer (on one line), s to skip the "
        "argument, q to stop. Your progress is saved after every round.")


class _Stop(Exception):
    """The player typed q, or the input ended."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def percent(x: float) -> str:
    return f"{round(x * 100)}%"


class PlainDrill(LineIO):
    def __init__(self, deck: Deck, *, stdin: TextIO, stdout: TextIO, stderr: TextIO, limit: int | None = None,
                 store: Path | None = None, now: Callable[[], datetime] = utc_now) -> None:
        self.deck = deck
        super().__init__(stdin, stdout)
        self.stderr = stderr
        self.limit = limit
        self.store = drill_path() if store is None else store
        self.now = now

    # -- output and input ---------------------------------------------------------------------------------

    def ask(self, prompt: str) -> str:
        try:
            return super().ask(prompt)
        except EndOfInput:
            raise _Stop("End of input.") from None

    # -- the drill ----------------------------------------------------------------------------------------

    def run(self) -> int:
        for note in self.deck.notes:
            self.stderr.write(f"trainer: {strip_controls(note)}\n")
        try:
            progress = load_drill(self.store)
        except DrillStoreError as exc:
            self.stderr.write(f"trainer: {exc.message}\n")
            return 1
        if not self.deck.rounds:
            self.say("There are no debate rounds to drill.")
            return 0
        drill = DrillRun(self.deck, progress, limit=self.limit, store=self.store, now=self.now)
        self.say(f"DEBATE DRILL: {drill.summary()}.", HELP)
        try:
            while (play := drill.next_round()) is not None:
                self._round(drill, play)
                try:
                    outcome = drill.finish(play)
                except (DrillStoreError, OSError) as exc:
                    message = exc.message if isinstance(exc, DrillStoreError) else f"cannot save {self.store}: {exc}"
                    self.stderr.write(f"trainer: {message}\n")
                    return 1
                self.say("", f"Round score: {percent(outcome.score)}. This round is now in {outcome.wait}.")
                if outcome.again:
                    self.say("You will meet this round again before the drill ends.")
        except _Stop as stop:
            self.say(f"{stop.why} The round you were in is not counted.")
        done = len(drill.outcomes)
        self.say("", f"Drilled {done} round{'s' if done != 1 else ''}. Progress is kept in {self.store}.",
                 "To see the key points you keep missing: trainer debate --progress")
        return 0

    def _round(self, drill: DrillRun, play: RoundPlay) -> None:
        rnd = play.round
        debate, o = rnd.debate, rnd.debate.opponent
        self.say("", f"ROUND {drill.number} of {drill.total}  {clean(debate.title)}  "
                 f"({clean(rnd.story.title)}; {drill.status(rnd.key)})")
        who = ", ".join(clean(x) for x in (o.position, o.who) if x)
        self.say(f"Your opponent: {clean(o.name)}" + (f" — {who}" if who else ""))
        while not play.finished:
            self._exchange(play)

    def _exchange(self, play: RoundPlay) -> None:
        debate = play.round.debate
        name = clean(debate.opponent.name) or "Your opponent"
        self.say("", f"{name} (argument {play.index + 1} of {len(debate.exchanges)}):",
                 *render.md_lines(play.exchange.claim, "  "))
        rebuttals = list(play.exchange.rebuttals.values())
        for i, r in enumerate(rebuttals, start=1):
            self.say(f"{i}. {clean(r.text)}")
        if play.typed_allowed:
            self.say(f"t. Type your own answer (graded against {len(debate.key_points)} key points)")
        prompt = f"Answer 1-{len(rebuttals)}" + (", t to type your own" if play.typed_allowed else "") + \
            ", s to skip, q to stop:"
        while True:
            answer = self.ask(prompt).strip()
            low = answer.lower()
            if low in ("q", "quit"):
                raise _Stop("Stopped.")
            if low in ("h", "help", "?"):
                self.say(HELP)
            elif low == "s":
                play.skip()
                self.say("Skipped: this argument scores 0.")
                return
            elif low == "t" and play.typed_allowed:
                if self._typed(play):
                    return
            elif answer.isdigit() and 1 <= int(answer) <= len(rebuttals):
                self.say("", *render.rebuttal(play.choose(rebuttals[int(answer) - 1].id)))
                return
            else:
                expected = f"a number from 1 to {len(rebuttals)}" + (", t" if play.typed_allowed else "")
                shown = f"'{clean(answer)[:40]}' is not an answer here" if answer else "Nothing typed"
                self.say(f"{shown}: type {expected}, s or q.")

    def _typed(self, play: RoundPlay) -> bool:
        """Read and grade a typed answer; False when it could not be graded (empty, too long)."""
        text = self.ask("Your answer, on one line:")
        result = play.type(text)
        self.say("", *render.typed(result))
        return result.graded


def progress_lines(view: ProgressView) -> list[str]:
    """The progress view as plain lines: what ``trainer debate --progress`` prints."""
    if view.empty:
        return ["No drill progress yet. Start a drill with: trainer debate"]
    boxes = ", ".join(f"{n} in box {b}" for b, n in enumerate(view.boxes, start=1) if n)
    out = [f"DRILL PROGRESS  {len(view.rounds)} round{'s' if len(view.rounds) != 1 else ''} drilled ({boxes})."]
    out += ["", "Key points you keep missing (missed at least twice, and in at least half of your typed answers):"]
    if view.keeps_missing:
        out += [f"  - {clean(p.text)}: missed {p.missed} of {p.asked}, in \"{clean(p.round_title)}\""
                for p in view.keeps_missing]
    else:
        out.append("  none so far.")
    if view.criteria:
        out += ["", "Rubric over all rounds (chosen rebuttals), weakest first:"]
        out += [f"  {clean(c.label)}: {c.score} of {c.max} ({percent(c.fraction)})" for c in view.criteria]
    out += ["", "Rounds, weakest first:"]
    for v in view.rounds:
        trend = " ".join(percent(s) for s in v.trend[-5:])
        out.append(f"  {clean(v.title)}  ({clean(v.story_title)})")
        out.append(f"    {v.wait}; drilled {v.attempts} time{'s' if v.attempts != 1 else ''}; "
                   f"last score {percent(v.last_score)}; recent: {trend}")
        if v.criteria:
            out.append("    Rubric: " + "; ".join(f"{clean(c.label)} {c.score}/{c.max}" for c in v.criteria))
        missed = [p for p in v.points if p.missed]
        if missed:
            out.append("    Key points missed: " + "; ".join(f"{clean(p.text)} ({p.missed} of {p.asked})"
                                                           for p in missed))
    return out
