"""Debate grades as text: a chosen rebuttal's score per rubric criterion with its reason, a typed answer's key
points covered (with the words that matched) and missed, and the debate scorecard for the ending."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from trainer.engine import RebuttalResult, TypedResult
from trainer.story import Story
from trainer.tui.safe import one_line, plain


def score_bar(score: int, most: int) -> str:
    score = max(0, min(score, most))
    return "●" * score + "○" * (most - score)


def rebuttal_text(result: RebuttalResult) -> Text:
    """The answer, a line per criterion (label, ●●○, score, reason), the total, the feedback."""
    width = max((len(one_line(s.label)) for s in result.scores), default=5)
    width = max(width, len("Total"))
    lines = [Text.assemble(("Your answer: ", "bold"), plain(one_line(result.text), "italic")), Text("")]
    for s in result.scores:
        lines.append(Text.assemble(plain(one_line(s.label).ljust(width), "bold"), "  ",
                                   (score_bar(s.score, s.max), "bold"), f"  {s.score}/{s.max}  ",
                                   plain(one_line(s.why))))
    dots = len(score_bar(0, result.scores[0].max)) if result.scores else 0
    lines.append(Text.assemble(("Total".ljust(width), "bold"), "  ", " " * dots,
                               f"  {result.total}/{result.max_total}"))
    if result.feedback:
        lines += [Text(""), plain(one_line(result.feedback))]
    return Text("\n").join(lines)


def typed_text(result: TypedResult) -> Text:
    lines = [Text(result.message, style="bold")]
    for c in result.covered:
        words = ", ".join(f"\u201c{one_line(w)}\u201d" for w in c.words)
        lines.append(Text.assemble(("✓ ", "bold"), plain(one_line(c.text)), ("   matched: ", "dim"), plain(words)))
    for _, text in result.missed:
        lines.append(Text.assemble(("✗ ", "bold"), plain(one_line(text)), ("   missed", "dim")))
    return Text("\n").join(lines)


def scorecard(story: Story, results: Sequence[RebuttalResult | TypedResult]) -> Table | Text:
    """Per round and exchange, the score on each criterion (a typed answer: key points covered)."""
    if not results:
        return Text("No debate rounds were answered in this game.", style="dim")
    criteria = list(story.rubric.values())
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False, padding=(0, 1))
    table.add_column("Round", no_wrap=False, max_width=28)
    table.add_column("Ex.", justify="right")
    for c in criteria:
        table.add_column(plain(one_line(c.label)), justify="center")
    table.add_column("Total", justify="right")
    for r in results:
        debate = story.debates.get(r.debate)
        title = plain(one_line(debate.title)) if debate else plain(r.debate)
        if isinstance(r, RebuttalResult):
            by = {s.criterion: s for s in r.scores}
            cells = [Text(f"{by[c.id].score}/{by[c.id].max}") if c.id in by else Text("–") for c in criteria]
            table.add_row(title, str(r.exchange + 1), *cells, f"{r.total}/{r.max_total}")
        else:
            covered, total = len(r.covered), len(r.covered) + len(r.missed)
            cells = [Text("–") for _ in criteria]
            table.add_row(title, "1", *cells, f"typed: {covered}/{total} points")
    return table
