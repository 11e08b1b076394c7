"""Conditions: a small expression language, parsed once at load, type-checked, compiled to closures.

Never ``eval`` and never Python's ``ast``: a hand-written tokenizer and recursive-descent parser with limits on
length, nesting and number size, so a hostile story cannot make the loader slow or crash it.

Grammar::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum     := unary (("+"|"-") unary)*
    unary   := "-" unary | atom
    atom    := INT | "true" | "false" | NAME | "visited" "." NAME | "(" expr ")"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_LENGTH = 500
MAX_DEPTH = 20
MAX_INT = 1_000_000

INT, BOOL = "number", "true/false"

#: A compiled condition: (dimension values, flags set, scenes visited) -> value.
Compiled = Callable[[tuple[int, ...], frozenset[str], frozenset[str]], "int | bool"]


class ExprError(Exception):
    def __init__(self, code: str, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.offset, self.hint = code, message, offset, hint


@dataclass(frozen=True, slots=True)
class Num:
    value: int
    offset: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    offset: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Visited:
    scene: str
    offset: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "not" or "-"
    operand: Node
    offset: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node
    offset: int


Node = Num | Bool | Name | Visited | Unary | Binary

COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
KEYWORDS = {"and", "or", "not", "true", "false", "visited"}
_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|<|>|\+|-|\(|\)|\.)|(\S))")


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) triples; kind is num, name, op or end."""
    if len(text) > MAX_LENGTH:
        raise ExprError("E023", f"condition is {len(text)} characters long; the limit is {MAX_LENGTH}", 0)
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while True:
        m = _TOKEN.match(text, pos)
        if not m:
            break
        num, name, op, bad = m.groups()
        start = m.start(m.lastindex or 0)
        if bad is not None:
            hint = "write 'and', 'or', 'not' for logic, and '==' for equality" if bad in "&|!=" else ""
            raise ExprError("E020", f"unexpected character {bad!r} in condition", start, hint)
        if num is not None:
            if len(num) > 7 or int(num) > MAX_INT:
                raise ExprError("E023", f"number {num} is too large (the limit is {MAX_INT:,})", start)
            tokens.append(("num", num, start))
        elif name is not None:
            tokens.append(("name", name, start))
        else:
            tokens.append(("op", op, start))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, text: str) -> bool:
        kind, value, _ = self.peek()
        if kind in ("op", "name") and value == text:
            self.i += 1
            return True
        return False

    def nest(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("E023", f"condition nests deeper than {MAX_DEPTH} levels", offset)

    def parse(self) -> Node:
        node = self.expr()
        kind, value, offset = self.peek()
        if kind != "end":
            raise ExprError("E020", f"unexpected {value!r} after a complete condition", offset,
                            "join conditions with 'and' or 'or'")
        return node

    def expr(self) -> Node:
        node = self.and_()
        while self.peek()[1] == "or" and self.peek()[0] == "name":
            offset = self.take()[2]
            node = Binary("or", node, self.and_(), offset)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek()[1] == "and" and self.peek()[0] == "name":
            offset = self.take()[2]
            node = Binary("and", node, self.not_(), offset)
        return node

    def not_(self) -> Node:
        kind, value, offset = self.peek()
        if kind == "name" and value == "not":
            self.take()
            self.nest(offset)
            node = Unary("not", self.not_(), offset)
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        kind, value, offset = self.peek()
        if kind == "op" and value in COMPARISONS:
            self.take()
            right = self.sum()
            nxt = self.peek()
            if nxt[0] == "op" and nxt[1] in COMPARISONS:
                raise ExprError("E020", "comparisons cannot be chained", nxt[2],
                                "write 'a < b and b < c'")
            return Binary(value, left, right, offset)
        return left

    def sum(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            _, op, offset = self.take()
            node = Binary(op, node, self.unary(), offset)
        return node

    def unary(self) -> Node:
        kind, value, offset = self.peek()
        if kind == "op" and value == "-":
            self.take()
            self.nest(offset)
            node = Unary("-", self.unary(), offset)
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        kind, value, offset = self.take()
        if kind == "num":
            return Num(int(value), offset)
        if kind == "name":
            if value in ("true", "false"):
                return Bool(value == "true", offset)
            if value == "visited":
                if not self.accept("."):
                    raise ExprError("E020", "'visited' must be followed by '.' and a scene id", offset,
                                    "write visited.general_strike")
                k2, scene, off2 = self.take()
                if k2 != "name":
                    raise ExprError("E020", "expected a scene id after 'visited.'", off2)
                return Visited(scene, off2)
            if value in KEYWORDS:
                raise ExprError("E020", f"expected a value, found the keyword {value!r}", offset)
            if self.peek()[1] == "." and self.peek()[0] == "op":
                raise ExprError("E020", f"unexpected '.' after {value!r}", self.peek()[2],
                                "only visited.SCENE uses a dot; flags are named plainly")
            return Name(value, offset)
        if kind == "op" and value == "(":
            self.nest(offset)
            node = self.expr()
            self.depth -= 1
            if not self.accept(")"):
                _, found, off = self.peek()
                raise ExprError("E020", f"expected ')' but found {found or 'the end'!r}", off)
            return node
        if kind == "end":
            raise ExprError("E020", "condition ends where a value was expected", offset)
        raise ExprError("E020", f"expected a value, found {value!r}", offset)


def parse(text: str) -> Node:
    """Parse a condition; raises ExprError with an offset into ``text``."""
    return _Parser(text).parse()


@dataclass(frozen=True)
class Names:
    """What names a condition may use, for static checking."""

    dimensions: Mapping[str, int]  # id -> index in the state's dimension tuple
    flags: frozenset[str]
    scenes: frozenset[str]


def check_types(node: Node, names: Names) -> str:
    """The type of ``node``; raises ExprError for unknown names and type mismatches."""
    from trainer.story.diagnostics import did_you_mean

    if isinstance(node, Num):
        return INT
    if isinstance(node, Bool):
        return BOOL
    if isinstance(node, Name):
        if node.name in names.dimensions:
            return INT
        if node.name in names.flags:
            return BOOL
        if node.name in names.scenes:
            raise ExprError("E021", f"'{node.name}' is a scene, not a dimension or flag", node.offset,
                            f"to test whether it was visited, write visited.{node.name}")
        known = [*names.dimensions, *names.flags]
        raise ExprError("E021", f"unknown name '{node.name}' in condition", node.offset,
                        did_you_mean(node.name, known) or f"known names: {', '.join(known) or 'none'}")
    if isinstance(node, Visited):
        if node.scene not in names.scenes:
            raise ExprError("E021", f"unknown scene '{node.scene}' after visited.", node.offset,
                            did_you_mean(node.scene, names.scenes))
        return BOOL
    if isinstance(node, Unary):
        inner = check_types(node.operand, names)
        want = BOOL if node.op == "not" else INT
        if inner != want:
            raise ExprError("E022", f"'{node.op}' needs a {want} value, not a {inner}", node.offset)
        return want
    left, right = check_types(node.left, names), check_types(node.right, names)
    if node.op in ("and", "or"):
        want, result = BOOL, BOOL
    elif node.op in ("+", "-"):
        want, result = INT, INT
    else:
        want, result = INT, BOOL
    for side, typ in ((node.left, left), (node.right, right)):
        if typ != want:
            what = describe(side)
            raise ExprError("E022", f"'{node.op}' needs {want} values, but {what} is a {typ}", node.offset,
                            "compare a dimension with a number, e.g. organisation >= 3" if want == INT
                            else "combine comparisons or flags with and/or")
    return result


def names_used(node: Node) -> set[str]:
    """Dimension and flag names (not visited scenes) a condition reads."""
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Unary):
        return names_used(node.operand)
    if isinstance(node, Binary):
        return names_used(node.left) | names_used(node.right)
    return set()


def scenes_used(node: Node) -> set[str]:
    if isinstance(node, Visited):
        return {node.scene}
    if isinstance(node, Unary):
        return scenes_used(node.operand)
    if isinstance(node, Binary):
        return scenes_used(node.left) | scenes_used(node.right)
    return set()


def describe(node: Node) -> str:
    """Source-like text of a node, for messages and explanations."""
    if isinstance(node, Num):
        return str(node.value)
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Visited):
        return f"visited.{node.scene}"
    if isinstance(node, Unary):
        inner = describe(node.operand)
        if isinstance(node.operand, Binary):
            inner = f"({inner})"
        return f"not {inner}" if node.op == "not" else f"-{inner}"
    left, right = describe(node.left), describe(node.right)
    if node.op == "and":
        left = f"({left})" if isinstance(node.left, Binary) and node.left.op == "or" else left
        right = f"({right})" if isinstance(node.right, Binary) and node.right.op == "or" else right
    return f"{left} {node.op} {right}"


def terms(node: Node) -> list[Node]:
    """The top-level conjuncts (for 'and') or disjuncts (for 'or') of a condition, for explanations."""
    if isinstance(node, Binary) and node.op in ("and", "or"):
        out: list[Node] = []
        for side in (node.left, node.right):
            if isinstance(side, Binary) and side.op == node.op:
                out.extend(terms(side))
            else:
                out.append(side)
        return out
    return [node]


_BINARY: dict[str, Callable[[Compiled, Compiled], Compiled]] = {
    "+": lambda a, b: lambda d, f, v: a(d, f, v) + b(d, f, v),
    "-": lambda a, b: lambda d, f, v: a(d, f, v) - b(d, f, v),
    "==": lambda a, b: lambda d, f, v: a(d, f, v) == b(d, f, v),
    "!=": lambda a, b: lambda d, f, v: a(d, f, v) != b(d, f, v),
    "<": lambda a, b: lambda d, f, v: a(d, f, v) < b(d, f, v),
    "<=": lambda a, b: lambda d, f, v: a(d, f, v) <= b(d, f, v),
    ">": lambda a, b: lambda d, f, v: a(d, f, v) > b(d, f, v),
    ">=": lambda a, b: lambda d, f, v: a(d, f, v) >= b(d, f, v),
    "and": lambda a, b: lambda d, f, v: a(d, f, v) and b(d, f, v),
    "or": lambda a, b: lambda d, f, v: a(d, f, v) or b(d, f, v),
}


def compile_expr(node: Node, dimensions: Mapping[str, int]) -> Compiled:
    """A closure evaluating an already type-checked condition; a comparison against a constant is
    specialised, as that is what nearly every story condition is."""
    if isinstance(node, Num | Bool):
        value = node.value
        return lambda d, f, v: value
    if isinstance(node, Name):
        if node.name in dimensions:
            i = dimensions[node.name]
            return lambda d, f, v: d[i]
        name = node.name
        return lambda d, f, v: name in f
    if isinstance(node, Visited):
        scene = node.scene
        return lambda d, f, v: scene in v
    if isinstance(node, Unary):
        inner = compile_expr(node.operand, dimensions)
        if node.op == "not":
            return lambda d, f, v: not inner(d, f, v)
        return lambda d, f, v: -inner(d, f, v)
    if isinstance(node.left, Name) and node.left.name in dimensions and isinstance(node.right, Num):
        i, c = dimensions[node.left.name], node.right.value
        fast = {
            ">=": lambda d, f, v: d[i] >= c, ">": lambda d, f, v: d[i] > c,
            "<=": lambda d, f, v: d[i] <= c, "<": lambda d, f, v: d[i] < c,
            "==": lambda d, f, v: d[i] == c, "!=": lambda d, f, v: d[i] != c,
        }.get(node.op)
        if fast is not None:
            return fast
    return _BINARY[node.op](compile_expr(node.left, dimensions), compile_expr(node.right, dimensions))
