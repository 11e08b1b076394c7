"""The debrief as one self-contained HTML page (inline CSS, no scripts, no external requests).

Every story string is escaped; Markdown fields are flattened to paragraphs first (``plaintext``), so a story
can neither inject markup nor scripts into a page a facilitator opens in a browser.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from trainer.engine.conditions import TermTrace
from trainer.engine.counterfactual import Change
from trainer.engine.debrief import Debrief
from trainer.engine.explain import ChoiceExplanation
from trainer.engine.grading import RebuttalResult, TypedResult
from trainer.engine.verdict import Verdict
from trainer.report.plaintext import clean, markdown_to_plain
from trainer.report.text import NEW_SITUATION, quiz_rows, quiz_score, score_cells, short_effects

_CSS = """
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
h1,h2,h3{line-height:1.2} .scene{color:#555;font-style:italic} .note{color:#a60}
table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem;color:#444}
.held{color:#060} .failed{color:#a00}
"""


def _e(text: str) -> str:
    return escape(clean(text))


def _paras(text: str) -> str:
    body = markdown_to_plain(text)
    return "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())


def _explanation(e: ChoiceExplanation) -> str:
    out = [f"<section><h3>{e.step}. {_e(e.label)}</h3><p class='scene'>In {_e(e.scene_title)}</p>"]
    if e.effects or e.flags:
        out.append("<ul>")
        for x in e.effects:
            note = f" <span class='note'>({escape(x.note)})</span>" if x.note else ""
            why = f" — {_e(x.why)}" if x.why else ""
            out.append(f"<li><b>{_e(x.label)}</b> {x.before} → {x.after} ({x.applied:+d}){why}{note}</li>")
        for f in (f for f in e.flags if f.changed):
            out.append(f"<li>flag <code>{escape(f.flag)}</code> {'set' if f.on else 'cleared'} — "
                       f"{_e(f.meaning)}</li>")
        out.append("</ul>")
    out.append(_paras(e.explain))
    for r in e.references:
        when = ", ".join(_e(x) for x in (r.date, r.place) if x)
        title = (f"<a href='{escape(r.url, quote=True)}'>{_e(r.title)}</a>" if r.url.startswith(("http://", "https://"))
                 else _e(r.title))
        out.append(f"<blockquote><b>{title}</b>{f' ({when})' if when else ''}: {_e(r.text)}</blockquote>")
    if e.roads_not_taken:
        out.append("<p>Roads not taken:</p><ul>")
        for r in e.roads_not_taken:
            out.append(f"<li>{_e(r.label)}: {escape(short_effects(r.effects, r.flags))} → "
                       f"{_e(r.leads_to.title)}</li>")
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _debate(g: RebuttalResult | TypedResult) -> str:
    if isinstance(g, RebuttalResult):
        rows = "".join(f"<li>{_e(s.label)} {s.score}/{s.max}: {_e(s.why)}</li>" for s in g.scores)
        reply = f"<p><i>Reply:</i> {_e(g.reply)}</p>" if g.reply else ""
        return (f"<section><p><b>Debate rebuttal:</b> {_e(g.text)} — {g.total}/{g.max_total}</p>"
                f"<ul>{rows}</ul>{reply}</section>")
    rows = "".join(f"<li>covered: {_e(p.text)} (your words: {', '.join(f'“{_e(w)}”' for w in p.spans or p.words)})"
                   "</li>" for p in g.covered)
    rows += "".join(f"<li>missed: {_e(text)}</li>" for _, text in g.missed)
    return f"<section><p><b>Typed rebuttal:</b> {escape(g.message)}</p><ul>{rows}</ul></section>"


def _terms(terms: Iterable[TermTrace]) -> str:
    items = []
    for t in terms:
        cls, mark = ("held", "✓") if t.held else ("failed", "✗")
        items.append(f"<li class='{cls}'>{mark} <code>{escape(t.text)}</code> — {escape(t.sentence)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _verdict(v: Verdict) -> str:
    out = [f"<h2>Ending: {_e(v.title)}</h2>"]
    if v.rule is not None:
        out.append(f"<p>Chosen by rule {v.rule.index} of {v.rule.count}: <code>{escape(v.rule.source)}</code></p>")
    else:
        out.append(f"<p>Reached directly by <i>{_e(v.last_choice)}</i> in {_e(v.last_scene)}.</p>")
    out.append(_paras(v.text))
    if v.rule is not None and v.rule.condition is not None:
        out.append("<p><b>Decided by:</b></p>" + _terms(v.rule.condition.terms))
    for r in v.passed_over:
        if r.condition is not None:
            out.append(f"<p><b>Not {_e(r.title)}</b> (rule {r.index}: <code>{escape(r.source)}</code>):</p>"
                       + _terms(r.condition.terms))
    if v.movers or v.switches:
        out.append("<p><b>What moved the deciding values most:</b></p><table><tr><th>change</th><th>dimension"
                   " or flag</th><th>choice</th><th>scene</th></tr>")
        out += [f"<tr><td>{'set' if w.on else 'cleared'}</td><td><code>{escape(w.name)}</code></td>"
                f"<td>{_e(w.label)}</td><td>{_e(w.scene_title)}</td></tr>" for w in v.switches]
        out += [f"<tr><td>{m.delta:+d}</td><td>{_e(m.dimension_label)}</td><td>{_e(m.label)}</td>"
                f"<td>{_e(m.scene_title)}</td></tr>" for m in v.movers[:8]]
        out.append("</table>")
    for f in v.unswitched_own:
        meaning = v.flag_text.get(f, "")
        out.append(f"<p>None of your choices {'cleared' if f in v.flags else 'set'} <code>{escape(f)}</code>"
                   + (f" ({_e(meaning)})" if meaning else "") + ".</p>")
    if v.counterfactuals or v.unreached:
        out.append("<p><b>What a different decision would have done:</b></p><ul>")
        for c in v.counterfactuals:
            item = f"<li>{_e(c.sentence)}" + (f" <i>({escape(c.caveat)})</i>" if c.caveat else "")
            if len(c.changes) > 1:
                item += "<ol>" + "".join(f"<li>{_change(ch)}</li>" for ch in c.changes) + "</ol>"
            out.append(item + "</li>")
        out += [f"<li><i>{_e(u.title)}</i>: {escape(u.reason)}.</li>" for u in v.unreached]
        out.append("</ul>")
    return "".join(out)


def _change(c: Change) -> str:
    """A changed decision, its label whole: what it replaced and, in bold, what it did toward the ending."""
    line = f"<i>{_e(c.scene_title)}</i>: “{_e(c.label)}”"
    line += f" instead of “{_e(c.instead_label)}”" if c.instead_of is not None else " (a scene you did not reach)"
    if c.moved:
        line += " — <b>" + escape(", ".join(clean(m) for m in c.moved)) + "</b>"
    return line


def _scorecard(d: Debrief) -> str:
    if not d.criteria and not d.scorecard:
        return ""
    if not d.scorecard:
        return "<h2>Debate scorecard</h2><p>No debate rounds were answered in this game.</p>"
    out = ["<h2>Debate scorecard</h2><table><tr><th>round</th><th>exchange</th>"]
    out += [f"<th>{_e(lb)} (of {mx})</th>" for _, lb, mx in d.criteria]
    out.append("<th>total</th></tr>")
    for r in d.scorecard:
        cells = "".join(f"<td>{escape(c)}</td>" for c in score_cells(r))
        out.append(f"<tr><td>{_e(r.title)}</td><td>{r.exchange}</td>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _quiz(d: Debrief) -> str:
    if not d.quiz_total:
        return ""
    out = ["<h2>Quiz</h2>"]
    rows = quiz_rows(d)
    if rows:
        out.append("<table><tr><th>question</th><th>before</th><th>after</th></tr>")
        for text, transfer, before, after in rows:
            tag = f" <i>({NEW_SITUATION})</i>" if transfer else ""
            out.append(f"<tr><td>{_e(text)}{tag}</td><td>{before or '—'}</td><td>{after or '—'}</td></tr>")
        out.append("</table>")
    out += [f"<p>{escape(quiz_score(s))}</p>" for s in (d.quiz_pre, d.quiz_post) if s is not None]
    out.append(f"<p>{escape(d.gain_text)}</p>")
    return "".join(out)


def render_html(d: Debrief) -> str:
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>{_e(d.title)} — debrief</title><style>{_CSS}</style></head><body>",
           f"<h1>{_e(d.title)}</h1>", _paras(d.summary), "<h2>Decisions</h2>"]
    for e in d.entries:
        out += [_debate(g) for g in e.debate]
        if e.vote is not None:
            out.append(f"<p class='vote'><b>{_e(e.vote.sentence)}</b></p>")
        out.append(_explanation(e.explanation))
        if e.why is not None:
            mark = "right" if e.why.right else "not quite"
            out.append(f"<p><b>Why?</b> {_e(e.why.question)} — you said: <i>{_e(e.why.picked_text)}</i> "
                       f"({mark}). {_e(e.why.feedback)}</p>")
    out += [_debate(g) for g in d.open_debate]
    out.append("<h2>Values over time</h2><table><tr><th>step</th><th>choice</th>")
    out += [f"<th>{_e(label)}</th>" for _, label, _, _ in d.dimensions]
    out.append("</tr>")
    for t in d.timeline:
        cells = "".join(f"<td>{t.dims[i]}</td>" for i, _, _, _ in d.dimensions)
        out.append(f"<tr><td>{t.step}</td><td>{_e(t.choice) if t.step else 'start'}</td>{cells}</tr>")
    out.append("</table>")
    if d.verdict is not None:
        out.append(_verdict(d.verdict))
    else:
        out.append(f"<p><i>Unfinished: the game is at {_e(d.position)}.</i></p>")
    out.append(_scorecard(d))
    out.append(_quiz(d))
    out.append("</body></html>\n")
    return "\n".join(out)
