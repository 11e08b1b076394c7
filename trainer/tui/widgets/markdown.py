"""Story Markdown: cleaned of control characters, never parsed as markup, links opened only on a click and
only for http(s).

``update`` replaces the text in place when the new document has the same blocks as the one on screen (the usual
case: a scene or an explanation of a paragraph or two), at once and without mounting anything, so the new text
is in the very next frame; otherwise it re-mounts the blocks as Textual's ``Markdown.update`` does.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual import on
from textual.await_complete import AwaitComplete
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from trainer.tui.safe import clean, safe_url

try:  # the blocks whose text can be replaced (Textual does not export them): without them, updates re-mount
    from textual.widgets._markdown import MarkdownHeader, MarkdownParagraph

    _TEXT_BLOCKS: tuple[type[MarkdownBlock], ...] = (MarkdownParagraph, MarkdownHeader)
except ImportError:  # pragma: no cover - another Textual
    _TEXT_BLOCKS = ()
_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("gfm-like")  # what Markdown.update builds for every update
    return _PARSER


def _same_kind(old: MarkdownBlock, new: MarkdownBlock) -> bool:
    """Blocks whose whole content is their own text (no child blocks), of the same class and nesting."""
    return (type(old) is type(new) and isinstance(old, _TEXT_BLOCKS)
            and old._token.level == new._token.level and not new._blocks)


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
        self._remounts = 0  # Markdown.update calls not finished: an update in place must not overtake them

    def update(self, markdown: str) -> AwaitComplete:
        text = clean(markdown)
        if not self._remounts and self._replace_in_place(text):
            return AwaitComplete.nothing()
        self._remounts += 1
        remount = super().update(text)

        async def done() -> None:
            try:
                await remount
            finally:
                self._remounts -= 1

        return AwaitComplete(done())

    def _replace_in_place(self, markdown: str) -> bool:
        """Give the blocks on screen the text of ``markdown``'s blocks when they match one for one; False (and
        nothing changed) when they do not."""
        if self._parser_factory is not None:
            return False
        old = list(self.children)
        if not all(isinstance(block, MarkdownBlock) for block in old):
            return False
        if markdown == self._markdown and old:
            return True
        self._theme = self.app.theme  # as Markdown.update: the code blocks' theme
        new = list(self._parse_markdown(_parser().parse(markdown)))
        if len(new) != len(old) or not all(_same_kind(a, b) for a, b in zip(old, new, strict=True)):
            return False
        for block, fresh in zip(old, new, strict=True):
            assert isinstance(block, MarkdownBlock)
            block._copy_context(fresh)
            block._inline_token = fresh._inline_token
            block.source_range = fresh.source_range
            block.set_content(fresh._content)
        self._markdown = markdown
        self._table_of_contents = None
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
        self.post_message(Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self))
        return True

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if safe_url(event.href):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {clean(event.href)!r} is not a web (http or https) link.",
                        severity="warning", markup=False)
