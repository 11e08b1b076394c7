"""Story Markdown: cleaned of control characters, never parsed as markup, links opened only on a click and
only for http(s)."""

from __future__ import annotations

from textual import on
from textual.await_complete import AwaitComplete
from textual.widgets import Markdown

from trainer.tui.safe import clean, safe_url


class StoryMarkdown(Markdown):
    DEFAULT_CSS = """
    StoryMarkdown {
        padding: 0 1;
        margin: 0;
        background: transparent;
    }
    StoryMarkdown > MarkdownParagraph {
        margin: 0 0 1 0;
    }
    StoryMarkdown > MarkdownBlock:last-child {
        margin-bottom: 0;
    }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(clean(markdown), id=id, classes=classes, open_links=False)

    def update(self, markdown: str) -> AwaitComplete:
        return super().update(clean(markdown))

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if safe_url(event.href):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {clean(event.href)!r} is not a web (http or https) link.",
                        severity="warning", markup=False)
