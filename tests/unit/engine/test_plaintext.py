"""Story text as safe plain text: control sequences stripped, Markdown flattened."""

from __future__ import annotations

import pytest

from trainer.report.plaintext import clean, markdown_to_plain, strip_controls


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("red \x1b[31mtext\x1b[0m", "red text"),  # SGR colour
        ("\x1b[2Jcleared", "cleared"),  # clear screen
        ("\x1b]8;;http://evil\x07link\x1b]8;;\x07", "link"),  # OSC 8 hyperlink
        ("\x1b]0;title\x1b\\x", "x"),  # OSC with ST terminator
        ("bell\x07 back\x08space", "bell backspace"),  # other C0 controls
        ("c1\x9b31m", "c131m"),  # C1 CSI introducer removed
        ("abc\u202edcba", "abcdcba"),  # bidi override
        ("line\r\nnext", "line\nnext"),  # CRLF kept as one newline
        ("over\rwrite", "overwrite"),  # lone CR cannot overwrite a line
        ("tab\tand\nnewline", "tab\tand\nnewline"),  # kept
        ("État ✓ «ok»", "État ✓ «ok»"),  # printable Unicode untouched
        ("a\ue007b", "ab"),  # private-use characters the Markdown flattener uses internally
    ],
)
def test_strip_controls(text: str, safe: str) -> None:
    assert strip_controls(text) == safe


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("The ports are **shut**.\nThe leaders\nwant to talk.", "The ports are shut. The leaders want to talk."),
        ("One.\n\nTwo.", "One.\n\nTwo."),  # paragraphs kept
        ("# Heading\ntext", "Heading\n\ntext"),
        ("See [the coup](https://x.org/c) now", "See the coup (https://x.org/c) now"),
        ("an *emphasised* _word_ and snake_case_id", "an emphasised word and snake_case_id"),
        ("- one\n- two\n  more", "- one\n\n- two more"),
        ("`code` and \\*not emphasis\\*", "code and *not emphasis*"),
        ("> quoted\n> text", "quoted text"),
        ("```\nkeep  spacing\n```", "keep  spacing"),
        ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),  # Rich markup stays literal
    ],
)
def test_markdown_to_plain(markdown: str, plain: str) -> None:
    assert markdown_to_plain(markdown) == plain


def test_clean_is_one_line() -> None:
    assert clean("  a\n **b**\x1b[1m  c ") == "a b c"
