"""Shape checking: walks the composed YAML nodes against ``spec.OBJECTS`` and returns plain values.

Reports unknown keys (with "did you mean"), wrong types, missing fields, duplicate keys, bad ids, anchors,
aliases, merge keys and tags — each at the node's own line and column — and keeps going, so an author sees
every error in one run. Scalars are read from their source text, so YAML 1.1's ``no``/``on``/``010``/``12:30``
stay text wherever the format expects text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from trainer.story.diagnostics import Diagnostic, Pos, Severity, did_you_mean
from trainer.story.spec import OBJECTS, Either, Kind, ListOf, MapOf, Obj, Pair, Scalar

MAX_DEPTH = 12
MAX_SCALAR = 64 * 1024
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,8})\Z")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:value",
}
MERGE_TAG = "tag:yaml.org,2002:merge"


def _pack(mark: Any) -> int:
    """A YAML mark as one int, ``line << 32 | column`` (both from 0): cheap to keep for every key of a story."""
    return mark.line << 32 | mark.column


def _unpack(file: str, packed: int) -> Pos:
    return Pos(file, (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1)


_KEY = (1 << 64) - 1  # a Raw place: the key's packed position, then (value's packed position + 1) << 64


@dataclass(slots=True)
class Raw:
    """An object read from YAML: its values by key, where it starts, and where each key stands.

    Positions are kept packed (see ``_pack``), a key's and its value's in one int, and made into ``Pos`` only
    when asked for: a large story has hundreds of thousands of keys, and only the few that a diagnostic or the
    model names need a ``Pos`` (issue 8: this and one dict instead of two keep peak memory down).
    """

    file: str
    where: int  # packed position of the mapping
    values: dict[str, Any]
    #: key -> its packed position | (its value's packed position, inside any quote, + 1) << 64; the key ""
    #: is where the object is named (its id), with no value part.
    places: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def pos(self) -> Pos:
        """Where the object's mapping starts."""
        return _unpack(self.file, self.where)

    @property
    def key_pos(self) -> dict[str, Pos]:
        return {k: _unpack(self.file, v & _KEY) for k, v in self.places.items()}

    @property
    def value_pos(self) -> dict[str, Pos]:
        return {k: _unpack(self.file, (v >> 64) - 1) for k, v in self.places.items() if v >> 64}

    def at(self, key: str) -> Pos:
        """Where ``key`` is written (for errors about the key)."""
        return _unpack(self.file, self.places.get(key, self.where) & _KEY)

    def vat(self, key: str) -> Pos:
        """Where the value of ``key`` starts, inside any quote (for errors about the value)."""
        packed = self.places.get(key, 0) >> 64
        return self.at(key) if not packed else _unpack(self.file, packed - 1)


@dataclass(slots=True)
class Located:
    """A scalar with where it was written (list items and map values that are ids or texts)."""

    value: Any
    pos: Pos


class Reader:
    def __init__(self, path: str, *, consume: bool = False, may_alias: bool = True) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()
        self.consume = consume  # empty each map of ids once read, so the node tree is freed as it is read
        self.may_alias = may_alias  # False when the text has no anchor: no node can appear twice

    def pos(self, node: yaml.Node) -> Pos:
        mark = node.start_mark
        return Pos(self.path, mark.line + 1, mark.column + 1)

    def error(self, code: str, message: str, pos: Pos, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, pos, hint))

    def _guard(self, node: yaml.Node, depth: int) -> bool:
        """Common checks for any node; False when the node must not be read further."""
        if depth > MAX_DEPTH:
            self.error("E008", f"nesting deeper than {MAX_DEPTH} levels; a story never needs this",
                       self.pos(node))
            return False
        if self.may_alias:
            key = id(node)
            if key in self._seen:
                self.error("E005", "aliases (*name) are not allowed in a story", self.pos(node),
                           "write the value out in full; this line shows where the anchor (&name) was defined")
                return False
            self._seen.add(key)
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.error("E005", f"YAML tags are not allowed in a story (found {shown})",
                       self.pos(node), "remove the tag; stories hold only text, numbers, lists and mappings")
            return False
        if getattr(node, "anchor", None):  # only set by the pure-Python composer
            self.error("E005", "anchors (&name) are not allowed in a story", self.pos(node))
        return True

    def scan(self, node: yaml.Node, depth: int) -> None:
        """Check a subtree the format does not describe (an unknown key's value) for forbidden features."""
        stack = [(node, depth)]
        while stack:
            current, d = stack.pop()
            if not self._guard(current, d):
                return
            if isinstance(current, yaml.MappingNode):
                for k, v in current.value:
                    if k.tag == MERGE_TAG:
                        self.error("E005", "merge keys (<<) are not allowed in a story", self.pos(k))
                        return
                    stack += [(k, d + 1), (v, d + 1)]
            elif isinstance(current, yaml.SequenceNode):
                stack += [(item, d + 1) for item in current.value]

    def read(self, node: yaml.Node, kind: Kind, depth: int) -> Any:
        if not self._guard(node, depth):
            return None
        if isinstance(kind, Scalar):
            return self.scalar(node, kind)
        if isinstance(kind, Obj):
            return self.obj(node, kind.name, depth)
        if isinstance(kind, MapOf):
            return self.mapping(node, kind, depth)
        if isinstance(kind, ListOf):
            return self.sequence(node, kind, depth)
        if isinstance(kind, Pair):
            return self.pair(node, kind, depth)
        if isinstance(kind, Either):
            for option in kind.options:
                if isinstance(option, Obj) and isinstance(node, yaml.MappingNode):
                    self._seen.discard(id(node))
                    return self.read(node, option, depth)
                if isinstance(option, Scalar) and isinstance(node, yaml.ScalarNode):
                    return self.scalar(node, option)
            self.error("E003", f"expected {kind.name}: {' or '.join(o.name for o in kind.options)}",
                       self.pos(node))
            return None
        raise TypeError(kind)  # pragma: no cover - spec.py declares every kind

    def _wrong(self, node: yaml.Node, want: str) -> None:
        got = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}.get(type(node), "a single value")
        article = "" if want.startswith(("a ", "an ", "true")) else "a "
        self.error("E003", f"expected {article}{want}, found {got}", self.pos(node))

    def scalar(self, node: yaml.Node, kind: Scalar) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self._wrong(node, kind.name)
            return None
        text: str = node.value
        if len(text) > MAX_SCALAR:
            self.error("E028", f"value is {len(text):,} characters long; the limit is {MAX_SCALAR:,}",
                       self.pos(node), "split long text across scenes")
            return None
        plain = not node.style  # None (pure Python) or "" (libyaml) for a plain scalar
        if kind.json_type == "integer":
            if not plain or not _INT.match(text):
                self.error("E003", f"expected a whole number, found {text[:40]!r}", self.pos(node))
                return None
            return int(text)
        if kind.json_type == "boolean":
            if not plain or text not in ("true", "false"):
                self.error("E003", f"expected true or false, found {text[:40]!r}", self.pos(node),
                           "write true or false (not yes/no/on/off)")
                return None
            return text == "true"
        if plain and node.tag == "tag:yaml.org,2002:null" and text in ("", "~", "null", "Null", "NULL"):
            self.error("E003", f"expected {kind.name}, found nothing", self.pos(node))
            return None
        if kind.id_like and not _ID.match(text):
            suggestion = re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_")
            self.error("E007", f"{text[:60]!r} is not a valid id", self.pos(node),
                       "ids are snake_case: a lowercase letter, then lowercase letters, digits and _"
                       + (f" (e.g. '{suggestion}')" if suggestion and _ID.match(suggestion) else ""))
            return None
        return text

    def _keys(self, node: yaml.MappingNode, depth: int) -> list[tuple[str, int, yaml.Node]]:
        """The mapping's (key, packed position, value node) triples, rejecting merge keys and duplicates."""
        seen: dict[str, int] = {}
        out = []
        guard = self._guard
        for key_node, value_node in node.value:
            kat = _pack(key_node.start_mark)
            if key_node.tag == MERGE_TAG:
                self.error("E005", "merge keys (<<) are not allowed in a story", _unpack(self.path, kat),
                           "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or not guard(key_node, depth + 1):
                if not isinstance(key_node, yaml.ScalarNode):
                    self.error("E003", "a key must be a plain word", _unpack(self.path, kat))
                continue
            key = key_node.value
            if key in seen:
                first = _unpack(self.path, seen[key])
                self.error("E006", f"duplicate key '{key}' (first written at line {first.line})",
                           _unpack(self.path, kat), "YAML would silently keep only the last one; rename or remove one")
                continue
            seen[key] = kat
            out.append((key, kat, value_node))
        return out

    def obj(self, node: yaml.Node, name: str, depth: int) -> Raw | None:
        if not isinstance(node, yaml.MappingNode):
            self._wrong(node, f"a mapping ({name.replace('_', ' ')})")
            return None
        fields = OBJECTS[name]
        values: dict[str, Any] = {}
        raw = Raw(self.path, _pack(node.start_mark), values)
        places, read = raw.places, self.read
        for key, kat, value_node in self._keys(node, depth):
            spec = fields.get(key)
            if spec is None:
                self.scan(value_node, depth + 1)
                hint = did_you_mean(key, fields) or f"allowed keys: {', '.join(fields)}"
                self.error("E002", f"unknown key '{key}' in {name.replace('_', ' ')}", _unpack(self.path, kat), hint)
                continue
            key = _CANONICAL[key]  # the spec's own string: the node's copy is freed with the tree
            vat = _pack(value_node.start_mark) + 1  # + 1: "there is a value position" (see Raw.places)
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"'):
                vat += 1  # inside the quote
            places[key] = kat | vat << 64
            values[key] = read(value_node, spec.kind, depth + 1)
        for key, required, doc, default, make in _FILLS[name]:
            if values.get(key) is None:
                if required and key not in values:
                    self.error("E004", f"{name.replace('_', ' ')} is missing required key '{key}'", raw.pos, doc)
                # Missing or unreadable (already reported): an empty value of the right kind lets the
                # cross-reference checks run on the rest, so the author sees every error in one run.
                values[key] = default if make is None else make()
        return raw

    def mapping(self, node: yaml.Node, kind: MapOf, depth: int) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and not node.style:
                return {}
            self._wrong(node, kind.name)
            return {}
        out: dict[str, Any] = {}
        entries = self._keys(node, depth)
        if self.consume:
            node.value = []  # the entries hold the value nodes now; each is freed once read
        entries.reverse()
        value_kind, read, is_id = kind.value, self.read, _ID.match
        while entries:
            key, kat, value_node = entries.pop()
            if not is_id(key):
                suggestion = re.sub(r"[^a-z0-9_]+", "_", key.lower()).strip("_")
                self.error("E007", f"{key[:60]!r} is not a valid id", _unpack(self.path, kat),
                           "ids are snake_case: a lowercase letter, then lowercase letters, digits and _"
                           + (f" (e.g. '{suggestion}')" if suggestion and _ID.match(suggestion) else ""))
                continue
            value = read(value_node, value_kind, depth + 1)
            if value is None:
                continue
            if isinstance(value, Raw):
                value.places.setdefault("", kat)
                out[key] = value
            else:
                out[key] = Located(value, _unpack(self.path, kat))
        return out

    def sequence(self, node: yaml.Node, kind: ListOf, depth: int) -> list[Any]:
        if isinstance(node, yaml.ScalarNode) and isinstance(kind.item, Scalar) and not node.style \
                and node.value not in ("", "~", "null"):
            # A single value where a list is expected: accept `refs: chile_1973` as `[chile_1973]`.
            value = self.scalar(node, kind.item)
            return [] if value is None else [Located(value, self.pos(node))]
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and not node.style:
                return []
            self._wrong(node, kind.name)
            return []
        out = []
        for item in node.value:
            value = self.read(item, kind.item, depth + 1)
            if value is not None:
                out.append(value if isinstance(value, Raw) else Located(value, self.pos(item)))
        return out

    def pair(self, node: yaml.Node, kind: Pair, depth: int) -> tuple[Any, Any] | None:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            self.error("E003", f"expected a {kind.name} written as [first, second]", self.pos(node))
            return None
        first = self.read(node.value[0], kind.first, depth + 1)
        second = self.read(node.value[1], kind.second, depth + 1)
        if first is None or second is None:
            return None
        return (first, second)


def _empty(kind: Kind) -> Any:
    if isinstance(kind, MapOf):
        return {}
    if isinstance(kind, ListOf):
        return []
    if isinstance(kind, Scalar) and kind.json_type == "string":
        return ""
    return None


def _fill(key: str, spec: Any) -> tuple[str, bool, str, Any, Any]:
    """(key, required, doc, default, make): the value a missing key gets is ``make()`` if ``make`` else
    ``default`` — ``spec.default``, or an empty value of the right kind (a fresh one for maps and lists)."""
    if spec.default is not None:
        return key, spec.required, spec.doc, spec.default, None
    empty = _empty(spec.kind)
    return key, spec.required, spec.doc, empty, type(empty) if isinstance(empty, (dict, list)) else None


_FILLS = {name: [_fill(key, spec) for key, spec in fields.items()] for name, fields in OBJECTS.items()}
_CANONICAL = {key: key for fields in OBJECTS.values() for key in fields}


#: Errors that reject a file whole: it is hostile or not a story, so further findings would be noise.
FATAL = {"E005", "E008", "E028"}


#: An anchor is ``&`` then at least one non-blank character; a text without one has no anchor, so no alias.
_ANCHOR = re.compile(r"&\S")


def may_alias(text: str) -> bool:
    """False when ``text`` cannot hold a YAML anchor, so no node of its tree can appear twice."""
    return _ANCHOR.search(text) is not None


def read_story(root: yaml.Node, path: str, *, consume: bool = False,
               may_alias: bool = True) -> tuple[Raw | None, list[Diagnostic]]:
    """Shape-check a composed story.

    ``consume=True`` lets the reader empty the tree's maps as it reads them, so that a caller which drops the
    tree afterwards never holds the whole tree and the result at once. ``may_alias=False`` (only for a text
    where ``may_alias(text)`` is false) skips tracking every node to detect aliases, which cannot occur.
    """
    reader = Reader(path, consume=consume, may_alias=may_alias)
    if isinstance(root, yaml.MappingNode) and not any(
        isinstance(k, yaml.ScalarNode) and k.value in OBJECTS["story"] for k, _ in root.value
    ):
        reader.scan(root, 0)
        if not reader.diagnostics:
            reader.error("E001", "this is not a trainer story: it has none of the top-level keys "
                         "(format, id, title, scenes, ...)", reader.pos(root), "run 'trainer new FILE' for a starter")
        return None, reader.diagnostics[:1]
    raw = reader.read(root, Obj("story"), 0)
    fatal = [d for d in reader.diagnostics if d.code in FATAL]
    if fatal:
        return None, fatal[:1]
    return raw, reader.diagnostics
