"""Explaining a condition against a state: which of its terms held, which failed, and with what values.

Used for locked choices ("needs organisation >= 3 (you have 2)") and for the verdict ("organisation 3,
needed 5 or more"). A condition is split into its top-level terms (``expr.terms``); each term is compiled
once per story and cached here, since the same locked choice is explained on every visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.engine.state import State
from trainer.story.expr import Binary, Compiled, Name, Node, Num, Unary, Visited, compile_expr, describe, terms
from trainer.story.model import Condition, Story

_NEEDED = {">=": "{c} or more", ">": "more than {c}", "<=": "{c} or less", "<": "less than {c}",
           "==": "exactly {c}", "!=": "anything but {c}"}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True, slots=True)
class TermTrace:
    """One term of a condition evaluated in a state."""

    text: str  # the term as the author wrote it, e.g. "organisation >= 3"
    held: bool
    values: dict[str, int | bool] = field(default_factory=dict)  # every name it reads -> its value
    sentence: str = ""  # e.g. "organisation 3, needed 5 or more" / "militia is not set"
    need: str = ""  # for a comparison of one dimension with a number, what it needs: "5 or more"

    @property
    def needs(self) -> str:
        """The phrase for a locked choice: "needs organisation >= 3 (you have 2)"."""
        return f"needs {self.text} ({self._have()})"

    def _have(self) -> str:
        if len(self.values) == 1:
            (name, value), = self.values.items()
            if isinstance(value, bool):
                return _flag_phrase(name, value)
            return f"you have {value}"
        return ", ".join(value_phrase(k, v) for k, v in self.values.items())

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "held": self.held, "values": dict(self.values), "sentence": self.sentence,
                "need": self.need}


@dataclass(frozen=True, slots=True)
class ConditionTrace:
    """A whole condition: its source, whether it held, how its terms combine, and each term."""

    source: str
    held: bool
    combine: str  # "and", "or", or "" for a single term
    terms: tuple[TermTrace, ...]

    @property
    def deciding(self) -> tuple[TermTrace, ...]:
        """The terms that decided the outcome: for a failed 'and' the failed terms, for a held 'or' the held
        ones, otherwise all of them."""
        if (self.combine == "and" and not self.held) or (self.combine == "or" and self.held):
            return tuple(t for t in self.terms if t.held == self.held)
        return self.terms

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "held": self.held, "combine": self.combine,
                "terms": [t.to_dict() for t in self.terms]}


def _flag_phrase(name: str, value: bool) -> str:
    if name.startswith("visited."):
        return _visited_phrase(name[len("visited."):], value)
    return f"{name} is set" if value else f"{name} is not set"


def value_phrase(name: str, value: int | bool) -> str:
    if isinstance(value, bool):
        return _flag_phrase(name, value)
    return f"{name} {value}"


def _visited_phrase(scene: str, value: bool) -> str:
    return f"visited {scene}" if value else f"{scene} not visited"


def _reads(node: Node, out: dict[str, str]) -> None:
    """Collect the names a node reads, in order: name -> 'name' or 'visited'."""
    if isinstance(node, Name):
        out.setdefault(node.name, "name")
    elif isinstance(node, Visited):
        out.setdefault(f"visited.{node.scene}", "visited")
    elif isinstance(node, Unary):
        _reads(node.operand, out)
    elif isinstance(node, Binary):
        _reads(node.left, out)
        _reads(node.right, out)


class _Term:
    __slots__ = ("evaluate", "node", "reads", "text")

    def __init__(self, node: Node, story: Story) -> None:
        self.node = node
        self.text = describe(node)
        self.evaluate: Compiled = compile_expr(node, story.dimension_index)
        reads: dict[str, str] = {}
        _reads(node, reads)
        self.reads = tuple(reads)


_TERMS: dict[int, tuple[Condition, str, tuple[_Term, ...]]] = {}


def _compiled_terms(condition: Condition, story: Story) -> tuple[str, tuple[_Term, ...]]:
    cached = _TERMS.get(id(condition))
    if cached is not None and cached[0] is condition:
        return cached[1], cached[2]
    node = condition.node
    combine = node.op if isinstance(node, Binary) and node.op in ("and", "or") else ""
    compiled = tuple(_Term(t, story) for t in terms(node))
    if len(_TERMS) > 4096:
        _TERMS.clear()
    _TERMS[id(condition)] = (condition, combine, compiled)
    return combine, compiled


def _value(name: str, state: State, story: Story) -> int | bool:
    if name.startswith("visited."):
        return name[len("visited."):] in state.visited
    if name in story.dimension_index:
        return state.dims[story.dimension_index[name]]
    return name in state.flags


def _need(node: Node, values: dict[str, int | bool]) -> tuple[str, str]:
    """For ``dimension op number`` (either way round): the dimension and what it needs ("5 or more")."""
    if isinstance(node, Binary) and node.op in _NEEDED:
        left, right, op = node.left, node.right, node.op
        if isinstance(left, Num) and isinstance(right, Name):
            left, right, op = right, left, _FLIP[op]
        value = values.get(left.name) if isinstance(left, Name) else None
        if isinstance(left, Name) and isinstance(right, Num) and isinstance(value, int) \
                and not isinstance(value, bool):
            return left.name, _NEEDED[op].format(c=right.value)
    return "", ""


def _sentence(node: Node, held: bool, values: dict[str, int | bool]) -> str:
    """A sentence for the common shapes; a generic "term (values)" otherwise."""
    name, need = _need(node, values)
    if name:
        joiner = ", needed " if not held else " (needed "
        return f"{name} {values[name]}{joiner}{need}{'' if not held else ')'}"
    if isinstance(node, Name) and isinstance(values.get(node.name), bool):
        return _flag_phrase(node.name, bool(values[node.name]))
    if isinstance(node, Unary) and node.op == "not" and isinstance(node.operand, Name):
        name = node.operand.name
        if isinstance(values.get(name), bool):
            return _flag_phrase(name, bool(values[name]))
    if isinstance(node, Visited):
        return _visited_phrase(node.scene, bool(values.get(f"visited.{node.scene}")))
    if isinstance(node, Binary) and node.op in ("and", "or"):
        parts = _compound(node, held, values)
        if parts:
            return ", ".join(parts)
    shown = ", ".join(value_phrase(k, v) for k, v in values.items())
    verdict = "holds" if held else "does not hold"
    return f"{describe(node)} {verdict}" + (f" ({shown})" if shown else "")


_COMPARE = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b,
            "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


def _leaf_held(node: Node, values: dict[str, int | bool]) -> bool | None:
    """Whether a simple leaf (a flag, ``not`` a flag, a visit, ``dimension op number``) holds; None for any
    other shape."""
    if isinstance(node, Name) and isinstance(values.get(node.name), bool):
        return bool(values[node.name])
    if isinstance(node, Unary) and node.op == "not":
        inner = _leaf_held(node.operand, values)
        return None if inner is None else not inner
    if isinstance(node, Visited):
        return bool(values.get(f"visited.{node.scene}"))
    name, _ = _need(node, values)
    if name and isinstance(node, Binary):
        left, right = node.left, node.right
        a = values[name] if isinstance(left, Name) else left.value if isinstance(left, Num) else None
        b = values[name] if isinstance(right, Name) else right.value if isinstance(right, Num) else None
        if a is not None and b is not None:
            return bool(_COMPARE[node.op](a, b))
    return None


def _compound(node: Binary, held: bool, values: dict[str, int | bool]) -> list[str]:
    """A nested ``a or b`` / ``a and b`` of simple leaves, said by the leaves that decided it: for a held
    ``or`` the leaves that held, for a failed ``and`` the leaves that failed, otherwise all. [] otherwise."""
    leaves = terms(node)
    truths = [_leaf_held(leaf, values) for leaf in leaves]
    if any(t is None for t in truths):
        return []
    pick = (node.op == "or") == held
    out: list[str] = []
    for leaf, truth in zip(leaves, truths, strict=True):
        if pick and truth != held:
            continue
        sub = {k: v for k, v in values.items() if k in _reads_of(leaf)}
        phrase = _sentence(leaf, bool(truth), sub)
        if phrase not in out:
            out.append(phrase)
    return out


def _reads_of(node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    _reads(node, out)
    return out


def trace_condition(condition: Condition, state: State, story: Story) -> ConditionTrace:
    """Evaluate ``condition`` term by term in ``state``."""
    combine, compiled = _compiled_terms(condition, story)
    d, f, v = state.dims, state.flags, state.visited
    traces = []
    for term in compiled:
        held = bool(term.evaluate(d, f, v))
        values = {name: _value(name, state, story) for name in term.reads}
        traces.append(TermTrace(term.text, held, values, _sentence(term.node, held, values),
                                _need(term.node, values)[1]))
    held = bool(condition.evaluate(d, f, v))
    return ConditionTrace(condition.source, held, combine, tuple(traces))


def unmet_terms(condition: Condition, state: State, story: Story) -> tuple[TermTrace, ...]:
    """The terms to show for a condition that fails: the failed terms of an 'and', every term of an 'or'."""
    trace = trace_condition(condition, state, story)
    if trace.held:
        return ()
    return trace.deciding
