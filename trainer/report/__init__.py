"""Debrief export: the engine's ``Debrief`` rendered as Markdown, HTML, JSON or plain text.

Renderers only format what the engine computed; none of them decides anything about the game.
Never imports Textual.
"""

from __future__ import annotations

import json

from trainer.engine.debrief import Debrief

FORMATS = ("md", "html", "json", "text")


def render(debrief: Debrief, fmt: str) -> str:
    """The debrief in ``fmt`` (one of ``FORMATS``)."""
    if fmt == "md":
        from trainer.report.markdown import render_markdown

        return render_markdown(debrief)
    if fmt == "html":
        from trainer.report.html import render_html

        return render_html(debrief)
    if fmt == "json":
        return json.dumps({"format": "trainer-debrief", "version": 1, **debrief.to_dict()}, ensure_ascii=False,
                          indent=2) + "\n"
    if fmt == "text":
        from trainer.report.plaintext import strip_controls
        from trainer.report.text import debrief as text_debrief

        return strip_controls("\n".join(text_debrief(debrief))) + "\n"
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
