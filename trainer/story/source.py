"""Reading a story file safely: size cap before parsing, strict UTF-8 with the bad line named, and YAML
composed (not constructed) so every node keeps its line and column and no tag is ever executed.

Uses libyaml's ``CSafeLoader`` when PyYAML was built with it (``CLoader`` is the unsafe one), else the
pure-Python ``SafeLoader``. Garbage collection is paused while composing: PyYAML allocates many small
objects and the cyclic collector otherwise makes large loads super-linear.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

import yaml

from trainer.story.diagnostics import Diagnostic, Pos, Severity, StoryError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 64 * 1024 * 1024


class _StoryLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """``SafeLoader`` with the same tags, resolved faster (issue 8: about a fifth of a large compose).

    The composer calls back into Python for every node: ``resolve`` to tag it, ``descend_resolver`` and
    ``ascend_resolver`` for path resolvers. Safe loading registers no path resolvers, so those two do nothing
    (``compose`` falls back to the plain loader if any were ever added), and ``resolve`` looks up the implicit
    resolvers by first character once, instead of concatenating two lists per scalar.
    """

    _by_first: ClassVar[dict[str, tuple]] = {  # type: ignore[type-arg]
        k: tuple(v + SafeLoader.yaml_implicit_resolvers.get(None, []))
        for k, v in SafeLoader.yaml_implicit_resolvers.items() if k is not None}
    _wildcard: ClassVar[tuple] = tuple(SafeLoader.yaml_implicit_resolvers.get(None, []))  # type: ignore[type-arg]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):  # type: ignore[index]
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


def _loader_class() -> type:
    fast = not SafeLoader.yaml_path_resolvers and SafeLoader.yaml_implicit_resolvers == _IMPLICIT
    return _StoryLoader if fast else SafeLoader


_IMPLICIT = {k: list(v) for k, v in SafeLoader.yaml_implicit_resolvers.items()}


def _fail(path: str, message: str, line: int = 1, col: int = 1, hint: str = "", code: str = "E001") -> StoryError:
    return StoryError([Diagnostic(code, Severity.ERROR, message, Pos(path, line, col), hint)])


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text; raises StoryError (located) for unreadable, oversized, binary or non-UTF-8 files.

    OSError (missing file, a directory, no permission) propagates: the caller decides that it is a usage
    error rather than a finding.
    """
    name = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise _fail(name, f"file is {size:,} bytes; the limit for a story is {max_bytes:,}",
                    hint="split the story, or check that this is the file you meant")
    data = path.read_bytes()
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192] or b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise _fail(name, "file contains a NUL byte: this is a binary file, not a YAML story", line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise _fail(name, f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded", line, col,
                    "save the file as UTF-8 (it looks like Latin-1 or Windows-1252)") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def compose(text: str, name: str) -> yaml.Node:
    """The YAML node tree of a one-document file; raises StoryError for syntax errors and empty files."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _fail(name, "file is empty: a story needs at least format, id, title, dimensions, scenes and endings",
                    hint="run 'trainer new FILE' for a starter story")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        loader = _loader_class()(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or "YAML syntax error").strip()
        hint = ""
        lines = text.splitlines()
        bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if "tab" in problem.lower() or "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())]:
            hint = "indent with spaces: YAML does not allow tabs for indentation"
        elif "nesting depth" in problem:
            hint = "a story never nests this deep; is this the right file?"
        elif exc.context:
            hint = f"{exc.context.strip()}"
        raise _fail(name, f"YAML syntax error: {problem}", line, col, hint) from None
    except yaml.YAMLError as exc:
        raise _fail(name, f"YAML error: {exc}".strip()) from None
    except RecursionError:
        raise _fail(name, "YAML nests too deeply to be a story") from None
    finally:
        if was_enabled:
            gc.enable()
    if node is None:
        raise _fail(name, "file is empty: it holds no YAML document")
    return node
