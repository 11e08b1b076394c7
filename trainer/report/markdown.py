"""The debrief as a Markdown document: for a workshop's shared notes, a wiki, or a printed handout.

Story Markdown is kept as Markdown (it is the author's own formatting); one-line fields are cleaned of control
characters and line breaks so a label cannot break the document's structure.
"""

from __future__ import annotations

from trainer.engine.counterfactual import Change
from trainer.engine.debrief import Debrief
from trainer.engine.explain import ChoiceExplanation
from trainer.engine.grading import RebuttalResult, TypedResult
from trainer.engine.verdict import Verdict
from trainer.report.plaintext import strip_controls
from trainer.report.text import NEW_SITUATION, quiz_rows, quiz_score, score_cells, short_effects


def _one(text: str) -> str:
    return " ".join(strip_controls(text).split()).replace("|", "\\|")


def _block(text: str) -> str:
    return strip_controls(text).strip()


def _explanation(e: ChoiceExplanation) -> list[str]:
    out = [f"### {e.step}. {_one(e.label)}", "", f"*In {_one(e.scene_title)}*", ""]
    for x in e.effects:
        line = f"- **{_one(x.label)}** {x.before} → {x.after} ({x.applied:+d})"
        if x.why:
            line += f" — {_one(x.why)}"
        if x.note:
            line += f" *({x.note})*"
        out.append(line)
    for f in (f for f in e.flags if f.changed):
        out.append(f"- flag `{f.flag}` {'set' if f.on else 'cleared'} — {_one(f.meaning)}")
    if e.effects or e.flags:
        out.append("")
    if e.explain.strip():
        out += [_block(e.explain), ""]
    for r in e.references:
        when = ", ".join(_one(x) for x in (r.date, r.place) if x)
        title = f"[{_one(r.title)}]({r.url})" if r.url else _one(r.title)
        out.append(f"> **{title}**" + (f" ({when})" if when else "") + f": {_one(r.text)}")
    if e.references:
        out.append("")
    if e.roads_not_taken:
        out.append("Roads not taken:")
        out.append("")
        for r in e.roads_not_taken:
            dest = f"ending *{_one(r.leads_to.title)}*" if r.leads_to.kind == "ending" else _one(r.leads_to.title)
            out.append(f"- {_one(r.label)}: {short_effects(r.effects, r.flags)} → {dest}")
        out.append("")
    return out


def _debate(g: RebuttalResult | TypedResult) -> list[str]:
    if isinstance(g, RebuttalResult):
        out = [f"**Debate rebuttal:** {_one(g.text)} — {g.total}/{g.max_total}", ""]
        out += [f"- {_one(s.label)} {s.score}/{s.max}: {_one(s.why)}" for s in g.scores]
        if g.reply:
            out += ["", f"*Reply:* {_one(g.reply)}"]
        return [*out, ""]
    out = [f"**Typed rebuttal:** {g.message}", ""]
    for p in g.covered:
        out.append(f"- covered: {_one(p.text)} (your words: {', '.join(f'“{_one(w)}”' for w in p.spans or p.words)})")
    for _, text in g.missed:
        out.append(f"- missed: {_one(text)}")
    return [*out, ""]


def _verdict(v: Verdict) -> list[str]:
    out = [f"## Ending: {_one(v.title)}", ""]
    if v.rule is not None:
        out.append(f"Chosen by rule {v.rule.index} of {v.rule.count}: `{_one(v.rule.source)}`")
    else:
        out.append(f"Reached directly by *{_one(v.last_choice)}* in {_one(v.last_scene)}.")
    out.append("")
    if v.text.strip():
        out += [_block(v.text), ""]
    if v.rule is not None and v.rule.condition is not None:
        out += ["**Decided by:**", ""]
        out += [f"- {'✓' if t.held else '✗'} `{_one(t.text)}` — {_one(t.sentence)}" for t in v.rule.condition.terms]
        out.append("")
    for r in v.passed_over:
        if r.condition is not None:
            out += [f"**Not {_one(r.title)}** (rule {r.index}: `{_one(r.source)}`):", ""]
            out += [f"- {'✓' if t.held else '✗'} `{_one(t.text)}` — {_one(t.sentence)}" for t in r.condition.terms]
            out.append("")
    if v.movers or v.switches:
        out += ["**What moved the deciding values most:**", "", "| change | dimension or flag | choice | scene |",
                "|---|---|---|---|"]
        out += [f"| {'set' if w.on else 'cleared'} | {_one(w.name)} | {_one(w.label)} | {_one(w.scene_title)} |"
                for w in v.switches]
        out += [f"| {m.delta:+d} | {_one(m.dimension_label)} | {_one(m.label)} | {_one(m.scene_title)} |"
                for m in v.movers[:8]]
        out.append("")
    for f in v.unswitched_own:
        meaning = v.flag_text.get(f, "")
        out += [f"None of your choices {'cleared' if f in v.flags else 'set'} `{f}`"
                + (f" ({_one(meaning)})" if meaning else "") + ".", ""]
    if v.counterfactuals or v.unreached:
        out += ["**What a different decision would have done:**", ""]
        for c in v.counterfactuals:
            out.append(f"- {_one(c.sentence)}" + (f" *({c.caveat})*" if c.caveat else ""))
            if len(c.changes) > 1:
                out += [f"    {i}. {_change(ch)}" for i, ch in enumerate(c.changes, start=1)]
        out += [f"- *{_one(u.title)}*: {u.reason}." for u in v.unreached]
        out.append("")
    return out


def _change(c: Change) -> str:
    """A changed decision, its label whole: what it replaced and, in bold, what it did toward the ending."""
    line = f'*{_one(c.scene_title)}*: "{_one(c.label)}"'
    line += f' instead of "{_one(c.instead_label)}"' if c.instead_of is not None else " (a scene you did not reach)"
    if c.moved:
        line += " — **" + ", ".join(_one(m) for m in c.moved) + "**"
    return line


def _scorecard(d: Debrief) -> list[str]:
    if not d.criteria and not d.scorecard:
        return []
    out = ["## Debate scorecard", ""]
    if not d.scorecard:
        return [*out, "No debate rounds were answered in this game.", ""]
    out += ["| round | exchange | " + " | ".join(f"{_one(lb)} (of {mx})" for _, lb, mx in d.criteria) + " | total |",
            "|---|---|" + "---|" * (len(d.criteria) + 1)]
    out += [f"| {_one(r.title)} | {r.exchange} | " + " | ".join(score_cells(r)) + " |" for r in d.scorecard]
    return [*out, ""]


def _quiz(d: Debrief) -> list[str]:
    if not d.quiz_total:
        return []
    out = ["## Quiz", ""]
    rows = quiz_rows(d)
    if rows:
        out += ["| question | before | after |", "|---|---|---|"]
        for text, transfer, before, after in rows:
            tag = f" *({NEW_SITUATION})*" if transfer else ""
            out.append(f"| {_one(text)}{tag} | {before or '—'} | {after or '—'} |")
        out.append("")
    out += [f"{quiz_score(s)}  " for s in (d.quiz_pre, d.quiz_post) if s is not None]
    return [*out, d.gain_text, ""]


def render_markdown(d: Debrief) -> str:
    out = [f"# {_one(d.title)}", "", _block(d.summary), "", "## Decisions", ""]
    for e in d.entries:
        for g in e.debate:
            out += _debate(g)
        if e.vote is not None:
            out += [f"**{_one(e.vote.sentence)}**", ""]
        out += _explanation(e.explanation)
        if e.why is not None:
            mark = "right" if e.why.right else "not quite"
            out += [f"**Why?** {_one(e.why.question)} — you said: *{_one(e.why.picked_text)}* ({mark}). "
                    f"{_one(e.why.feedback)}", ""]
    for g in d.open_debate:
        out += _debate(g)
    out += ["## Values over time", "", "| step | choice | " + " | ".join(_one(lb) for _, lb, _, _ in d.dimensions)
            + " |", "|---|---|" + "---|" * len(d.dimensions)]
    for t in d.timeline:
        out.append(f"| {t.step} | {_one(t.choice) if t.step else 'start'} | "
                   + " | ".join(str(t.dims[i]) for i, _, _, _ in d.dimensions) + " |")
    out.append("")
    if d.verdict is not None:
        out += _verdict(d.verdict)
    else:
        out += [f"*Unfinished: the game is at {_one(d.position)}.*", ""]
    out += _scorecard(d)
    out += _quiz(d)
    return "\n".join(out).rstrip() + "\n"
