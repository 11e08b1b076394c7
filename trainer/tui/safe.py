"""Author and player text, made harmless before it is drawn.

Story files and typed answers are untrusted: a title may hold ``[@click=app.quit]`` or an escape sequence
(``\\x1b]0;title\\x07`` sets the terminal's title, ``\\x1b]52;...`` writes the clipboard, ``\\x1b[2J`` clears
the screen). Two rules keep them inert:

- never parse them as markup: build ``rich.text.Text`` with ``plain()`` (or ``Static(..., markup=False)``), or
  render Markdown with ``widgets.markdown.StoryMarkdown``;
- strip control characters first (``clean``): each C0 control becomes its visible Unicode "control picture"
  (ESC shows as ␛), each C1 control becomes �, so the author sees what is in the file and the terminal never
  receives it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text

_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_TABLE[0x09] = "    "
_TABLE[0x7F] = "\u2421"
_TABLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` with every control character but newline replaced by a visible, harmless character."""
    return text.replace("\r\n", "\n").translate(_TABLE)


def one_line(text: str) -> str:
    """``clean(text)`` on one line: runs of whitespace (newlines included) become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def plain(text: str, style: str | Style = "") -> Text:
    """A Rich ``Text`` of untrusted ``text``: cleaned, never parsed as markup."""
    return Text(clean(text), style=style)


def safe_url(href: str) -> bool:
    """Only http(s) links with a host may be opened from story Markdown."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and clean(href) == href
