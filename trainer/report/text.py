"""Plain-text renderings of the engine's explanations, for ``trainer play --plain`` and ``report --format text``.

Line-oriented and without decoration beyond words and a few symbols, so that screen readers and pipes get the
same content a sighted player gets on screen. Every story string passes through ``plaintext.clean`` (one-line
fields) or ``markdown_to_plain`` (Markdown fields).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from trainer.engine.conditions import TermTrace
from trainer.engine.counterfactual import Change, Counterfactual, short_label
from trainer.engine.debrief import Debrief, ScoreRow
from trainer.engine.explain import ChoiceExplanation, Destination, EffectChange, FlagChange
from trainer.engine.grading import RebuttalResult, TypedResult, WhyResult
from trainer.engine.quiz import QuizResult, QuizScore
from trainer.engine.verdict import Verdict
from trainer.report.plaintext import clean, markdown_to_plain
from trainer.story.model import Reference

INDENT = "  "
WIDTH = 79  # the verdict fits an 80-column terminal


def md_lines(text: str, indent: str = "") -> list[str]:
    """Markdown as plain lines, each indented; [] for empty text."""
    body = markdown_to_plain(text)
    return [indent + line if line else "" for line in body.split("\n")] if body else []


def destination(d: Destination) -> str:
    if d.kind == "ending":
        return f"ending: {clean(d.title)}"
    if d.kind == "scene":
        return clean(d.title)
    return "no ending (no ending's rule holds)"


def effect_line(e: EffectChange) -> str:
    line = f"{clean(e.label)} {e.before} → {e.after} ({e.applied:+d})"
    if e.why:
        line += f": {clean(e.why)}"
    if e.note:
        line += f" [{e.note}]"
    return line


def flag_line(f: FlagChange) -> str:
    verb = "set" if f.on else "cleared"
    already = "" if f.changed else " (already so)"
    return f"Flag {verb}: {f.flag}{already} — {clean(f.meaning)}"


def reference_lines(refs: Iterable[Reference], indent: str = INDENT) -> list[str]:
    out = []
    for r in refs:
        when = ", ".join(clean(x) for x in (r.date, r.place) if x)
        line = f"{indent}{clean(r.title)}" + (f" ({when})" if when else "") + f": {clean(r.text)}"
        if r.url:
            line += f" <{clean(r.url)}>"
        out.append(line)
    return out


def short_effects(effects: Iterable[EffectChange], flags: Iterable[FlagChange]) -> str:
    parts = [f"{clean(e.label)} {e.applied:+d}" for e in effects if e.applied]
    parts += [f"{'sets' if f.on else 'clears'} {f.flag}" for f in flags if f.changed]
    return ", ".join(parts) or "no change"


def explanation(e: ChoiceExplanation) -> list[str]:
    """Everything to say after a choice."""
    out = [f"You chose: {clean(e.label)}  (in {clean(e.scene_title)})"]
    flags = [f for f in e.flags if f.changed]
    if e.effects or flags:
        out.append("What changed:")
        out += [INDENT + effect_line(x) for x in e.effects]
        out += [INDENT + flag_line(f) for f in flags]
    else:
        out.append("What changed: nothing you can measure.")
    if e.explain.strip():
        out.append("Why it matters:")
        out += md_lines(e.explain, INDENT)
    if e.references:
        out.append("History:")
        out += reference_lines(e.references)
    if e.roads_not_taken:
        out.append("Roads not taken:")
        for r in e.roads_not_taken:
            out.append(f'{INDENT}"{clean(r.label)}": {short_effects(r.effects, r.flags)} → {destination(r.leads_to)}')
    out.append(f"Next: {destination(e.leads_to)}")
    return out


def _terms(terms: Iterable[TermTrace]) -> str:
    seen: list[str] = []
    for t in terms:
        if t.sentence not in seen:
            seen.append(t.sentence)
    return "; ".join(seen)


def wrap(text: str, first: str = "", rest: str | None = None, width: int = WIDTH) -> list[str]:
    """One line of text wrapped to ``width`` columns, the first line after ``first``, the others after
    ``rest`` (default: as many spaces as ``first``). Words longer than a line (a URL) are not broken; ``width``
    0 keeps the line whole."""
    if not width:
        return [first + text]
    rest = " " * len(first) if rest is None else rest
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                         break_on_hyphens=False) or [first.rstrip()]


def _wrap_md(text: str, width: int) -> list[str]:
    """Markdown as plain wrapped paragraphs; list items hang under their text, code blocks are kept as they are."""
    out: list[str] = []
    for line in md_lines(text):
        if not line or not width:
            out.append(line)
        elif line.startswith("- "):
            out += wrap(line[2:], "- ", width=width)
        else:
            out += wrap(line, width=width)
    return out


def change_line(c: Change, short: bool = False) -> str:
    """One changed decision of a counterfactual: 'The general strike: "Build councils…" instead of "Hand the
    strike to the union leadership" — organisation +2 (instead of -2), sets councils'. ``short`` cuts long
    labels to their first clause (``short_label``)."""
    label = short_label(c.label) if short else c.label
    line = f'{clean(c.scene_title)}: "{clean(label)}"'
    if c.instead_of is not None:
        line += f' instead of "{clean(short_label(c.instead_label))}"'
    else:
        line += " (a scene you did not reach)"
    if c.moved:
        line += " — " + ", ".join(clean(m) for m in c.moved)
    return line


def counterfactual(c: Counterfactual, width: int = WIDTH) -> list[str]:
    """The headline, then (for more than one change) every changed decision, numbered, indented below it."""
    head = clean(c.sentence) + (f" ({c.caveat})" if c.caveat else "")
    out = wrap(head, INDENT, width=width)
    if len(c.changes) > 1:
        for i, ch in enumerate(c.changes, start=1):
            out += wrap(change_line(ch), f"{INDENT * 2}{i}. ", width=width)
    return out


def _names(names: list[str]) -> str:
    if len(names) > 3:
        return "the deciding values"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def verdict(v: Verdict, dims: dict[str, tuple[str, int]] | None = None, *, movers: int = 5,
            width: int = WIDTH) -> list[str]:
    """The ending with its causal trace and counterfactuals, wrapped to ``width`` columns (0: not wrapped).
    ``dims`` maps id -> (label, max)."""
    if v.rule is not None:
        head = f"ENDING  {clean(v.title)}  (rule {v.rule.index} of {v.rule.count}: {v.rule.source})"
    else:
        head = f'ENDING  {clean(v.title)}  (reached directly by "{clean(v.last_choice)}" in {clean(v.last_scene)})'
    out = wrap(head, "", INDENT, width)
    out += _wrap_md(v.text, width)
    if v.rule is not None and v.rule.condition is not None:
        out += wrap(f"Decided by: {_terms(v.rule.condition.deciding)}.", "", INDENT, width)
    for r in v.passed_over:
        if r.condition is not None:
            out += wrap(f"Not {clean(r.title)} (rule {r.index}: {r.source}): {_terms(r.condition.deciding)}.",
                        "", INDENT, width)
    switched: list[str] = []
    for w in v.switches:
        if w.name not in switched:
            switched.append(w.name)
    flags = [f.removeprefix("visited.") for f in switched]
    if v.movers or v.switches:
        out.append(f"What moved {_names([*v.decisive, *flags])} most:" if v.movers
                   else f"What decided {_names(flags)}:")
        for w in v.switches:
            out += wrap(f'{clean(w.text)}  "{clean(w.label)}"  in  {clean(w.scene_title)}', INDENT, INDENT * 2,
                        width)
        for m in v.movers[:movers]:
            dim = f" {m.dimension}" if len(v.decisive) > 1 or v.switches else ""
            out += wrap(f'{m.delta:+d}{dim}  "{clean(m.label)}"  in  {clean(m.scene_title)}', INDENT, INDENT * 2,
                        width)
    elif v.decisive:
        out.append(f"None of your choices moved {_names(list(v.decisive))}.")
    for f in v.unswitched_own:
        meaning = v.flag_text.get(f, "")
        verb = "cleared" if f in v.flags else "set"
        out += wrap(f"None of your choices {verb} {f}" + (f" ({clean(meaning)})" if meaning else "") + ".",
                    "", INDENT, width)
    if v.counterfactuals:
        out.append("What a different decision would have done:")
        for c in v.counterfactuals:
            out += counterfactual(c, width)
    for u in v.unreached:
        out += wrap(f"{clean(u.title)}: {u.reason}.", INDENT, width=width)
    if v.references:
        out.append("History:")
        for line in reference_lines(v.references):
            out += wrap(line.strip(), INDENT, width=width)
    if dims:
        values = ", ".join(f"{clean(label)} {v.dims[d]}/{hi}" for d, (label, hi) in dims.items())
        out += wrap(f"Final values: {values}", "", INDENT, width)
    return out


def rebuttal(r: RebuttalResult) -> list[str]:
    out = [f"Your rebuttal: {clean(r.text)}", f"Score {r.total} of {r.max_total}:"]
    out += [f"{INDENT}{clean(s.label)} {s.score}/{s.max}: {clean(s.why)}" for s in r.scores]
    if r.feedback:
        out.append("Feedback:")
        out += md_lines(r.feedback, INDENT)
    if r.reply:
        out.append("They reply:")
        out += md_lines(r.reply, INDENT)
    return out


def typed(r: TypedResult) -> list[str]:
    if not r.graded:
        return [r.message]
    out = [r.message]
    for p in r.covered:
        words = ", ".join(f'"{clean(w)}"' for w in (p.spans or p.words))
        out.append(f"{INDENT}Covered: {clean(p.text)} (your words: {words})")
    for _, text in r.missed:
        out.append(f"{INDENT}Missed: {clean(text)}")
    if r.model_answer:
        out.append("A model answer:")
        out += md_lines(r.model_answer, INDENT)
    out.append("(The grader looks for the key words; it cannot tell a negation or irony from the point itself.)")
    return out


def why(r: WhyResult) -> list[str]:
    if r.right:
        out = [f"Right: {clean(r.picked_text)}"]
        out += md_lines(r.feedback, INDENT)
        return out
    out = [f"Not quite: {clean(r.picked_text)}"]
    out += md_lines(r.feedback, INDENT)
    out.append(f"The right reason: {clean(r.right_text)}")
    out += md_lines(r.right_feedback, INDENT)
    return out


def quiz_result(r: QuizResult) -> list[str]:
    head = "Right." if r.right else f"Not quite: the answer is {r.answer}) {clean(r.answer_text)}."
    return [head, *md_lines(r.explain, INDENT)]


def quiz_score(s: QuizScore) -> str:
    return f"Quiz ({'before' if s.phase == 'pre' else 'after'} the story): {s.correct} of {s.total} right."


NEW_SITUATION = "new situation"


def quiz_rows(d: Debrief) -> list[tuple[str, bool, str, str]]:
    """Each question answered before or after playing: (question, transfer, before, after), where before and
    after are "right", "wrong" or "" (not answered then)."""
    rows: dict[str, list[object]] = {}
    for score, col in ((d.quiz_pre, 2), (d.quiz_post, 3)):
        for r in score.results if score is not None else ():
            row = rows.setdefault(r.question, [r.text, r.transfer, "", ""])
            row[col] = "right" if r.right else "wrong"
    return [(str(t), bool(tr), str(b), str(a)) for t, tr, b, a in rows.values()]


def score_cells(row: ScoreRow) -> list[str]:
    """A scorecard row's cells: one per rubric criterion ("2/3", or "–" where not graded), then the total
    (for a typed answer, the key points it covered)."""
    cells = ["–" if s is None else f"{s[1]}/{s[2]}" for s in row.scores]
    total = f"typed: {row.total}/{row.max_total} key points" if row.typed else f"{row.total}/{row.max_total}"
    return [*cells, total]


def quiz_lines(d: Debrief) -> list[str]:
    """The quiz before and after playing, question by question, with the normalised gain."""
    if not d.quiz_total:
        return []
    out = ["Quiz:"]
    for text, transfer, before, after in quiz_rows(d):
        tag = f" [{NEW_SITUATION}]" if transfer else ""
        out += wrap(f"before: {before or '—'}, after: {after or '—'}. {clean(text)}{tag}", INDENT, INDENT * 2)
    for s in (d.quiz_pre, d.quiz_post):
        if s is not None:
            out.append(INDENT + quiz_score(s))
    out += wrap(d.gain_text, INDENT, INDENT * 2)
    return out


def scorecard_lines(d: Debrief) -> list[str]:
    """The debate scorecard: a line per round and exchange, a score per rubric criterion."""
    if not d.criteria and not d.scorecard:
        return []
    out = ["Debate scorecard:"]
    if not d.scorecard:
        return [*out, f"{INDENT}No debate rounds were answered in this game."]
    labels = [clean(lb) for _, lb, _ in d.criteria]
    for row in d.scorecard:
        head = f"{clean(row.title)}, exchange {row.exchange}: "
        if row.typed:
            line = head + f"a typed answer covering {row.total} of {row.max_total} key points"
        else:
            cells = score_cells(row)
            parts = [f"{lb} {c}" for lb, c in zip(labels, cells, strict=False) if c != "–"]
            line = head + ", ".join([*parts, f"total {cells[-1]}"])
        out += wrap(line, INDENT, INDENT * 2)
    return out


def debrief(d: Debrief) -> list[str]:
    """The whole session as plain text."""
    out = [clean(d.title), ""]
    for e in d.entries:
        for g in e.debate:
            out += rebuttal(g) if isinstance(g, RebuttalResult) else typed(g)
            out.append("")
        out.append(f"{e.explanation.step}.")
        if e.vote is not None:
            out += wrap(clean(e.vote.sentence), "", INDENT)
        out += explanation(e.explanation)
        if e.why is not None:
            out += why(e.why)
        out.append("")
    out.append("Values over time:")
    for t in d.timeline:
        where = f'"{clean(t.choice)}"' if t.step else "start"
        out.append(f"{INDENT}{t.step:>2} {where}: " + ", ".join(f"{k} {v}" for k, v in t.dims.items()))
    out.append("")
    if d.verdict is not None:
        out += verdict(d.verdict, {i: (label, hi) for i, label, _, hi in d.dimensions})
    else:
        out.append(f"Unfinished: the game is at {clean(d.position)}.")
    for block in (scorecard_lines(d), quiz_lines(d)):
        if block:
            out += ["", *block]
    return out
