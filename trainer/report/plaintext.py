"""Story text made safe and readable as plain text: terminal control sequences removed, Markdown flattened.

Story files are untrusted input. A scene text carrying ``ESC [ 2 J`` or an OSC-8 hyperlink would clear or
restyle the player's terminal, and bidi overrides can make a line read differently from what it says, so every
piece of story text printed by ``--plain`` goes through ``clean``. Markdown is flattened rather than rendered:
emphasis markers dropped, links written as "text (url)", soft line breaks joined so that a screen reader reads
a paragraph as one line.
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = {c: None for c in range(0x20) if chr(c) not in "\n\t"}
_CONTROL.update({c: None for c in range(0x7F, 0xA0)})
_CONTROL.update({ord(c): None for c in _BIDI})
_CONTROL.update({c: None for c in range(0xE000, 0xE080)})  # private use: ``_inline`` uses these internally

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_PRIVATE = 0xE000
_RESTORE = re.compile("[\ue000-\ue07f]")


def strip_controls(text: str) -> str:
    """Remove escape sequences, C0/C1 control characters (but newline and tab) and bidi overrides."""
    text = text.replace("\r\n", "\n")
    return _ANSI.sub("", text).translate(_CONTROL)


def _inline(text: str) -> str:
    def link(m: re.Match[str]) -> str:
        label, url = m.group(1), m.group(2)
        if m.group(0).startswith("!"):
            return label
        return f"{label} ({url})" if url and url != label else label

    # Backslash escapes are set aside first (as private-use characters) so they are not read as markup.
    text = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(link, text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    return _RESTORE.sub(lambda m: chr(ord(m.group()) - _PRIVATE), text)


def markdown_to_plain(text: str) -> str:
    """Flatten Markdown to plain paragraphs separated by blank lines; list items and headings keep a line each."""
    out_blocks: list[str] = []
    lines = strip_controls(text).split("\n")
    para: list[str] = []
    in_code = False

    def flush() -> None:
        if para:
            out_blocks.append(_inline(" ".join(p.strip() for p in para)))
            para.clear()

    block: list[str] = []
    for line in lines:
        if _FENCE.match(line):
            flush()
            in_code = not in_code
            continue
        if in_code:
            flush()
            block.append(line.rstrip())
            continue
        if block:
            out_blocks.append("\n".join(block))
            block = []
        if not line.strip():
            flush()
            continue
        if _HEADING.match(line):
            flush()
            out_blocks.append(_inline(_HEADING.sub("", line).strip().rstrip("#").strip()))
            continue
        if _LIST.match(line):
            flush()
            para.append("- " + _LIST.sub("", line))
            continue
        stripped = line.lstrip()
        if stripped.startswith(">"):
            stripped = stripped[1:].lstrip()
        para.append(stripped.rstrip("\\").rstrip())
        if line.endswith(("  ", "\\")):  # a Markdown hard line break
            flush()
    if block:
        out_blocks.append("\n".join(block))
    flush()
    return "\n\n".join(b for b in out_blocks if b.strip())


def clean(text: str) -> str:
    """One line of story text (a label, a title): controls stripped, whitespace collapsed, Markdown inline
    markers dropped."""
    return _inline(" ".join(strip_controls(text).split()))
