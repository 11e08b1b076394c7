"""How far a state is from making a condition true: a number, 0 when it holds.

Used to guide a search toward an ending (``counterfactual``'s fallback phase): the distance of
``organisation >= 6`` at organisation 3 is 3; of a flag that is not set, 1; of ``a and b``, the sum; of
``a or b``, the smaller; ``not`` is pushed inward (De Morgan), so ``not (a and b)`` is the smaller of the two
negations. It is a guide, not a bound: nothing relies on it for correctness, and every route found with it is
verified by replay like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from trainer.engine.state import State
from trainer.story.expr import Binary, Bool, Name, Node, Num, Unary, Visited, compile_expr, terms

Distance = Callable[[State], float]

FAR = 1_000.0  # a literal 'false': no state makes it true
_NEGATE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}


def _gap(op: str, diff: int) -> float:
    """How far ``left - right == diff`` is from satisfying ``left op right``."""
    if op == ">=":
        return max(0, -diff)
    if op == ">":
        return max(0, 1 - diff)
    if op == "<=":
        return max(0, diff)
    if op == "<":
        return max(0, diff + 1)
    if op == "==":
        return abs(diff)
    return 0.0 if diff else 1.0  # "!="


def _compare(op: str, i: int, c: int) -> Distance:
    """``dims[i] op c``, specialised: by far the most common shape, and evaluated for every state searched."""
    if op == ">=":
        return lambda s: c - s.dims[i] if s.dims[i] < c else 0
    if op == ">":
        return lambda s: c + 1 - s.dims[i] if s.dims[i] <= c else 0
    if op == "<=":
        return lambda s: s.dims[i] - c if s.dims[i] > c else 0
    if op == "<":
        return lambda s: s.dims[i] - c + 1 if s.dims[i] >= c else 0
    if op == "==":
        return lambda s: abs(s.dims[i] - c)
    return lambda s: 1 if s.dims[i] == c else 0


def _total(parts: tuple[Distance, ...]) -> Distance:
    def total(s: State) -> float:
        out = 0.0
        for p in parts:
            out += p(s)
        return out

    return total


def _least(parts: tuple[Distance, ...]) -> Distance:
    def least(s: State) -> float:
        out = FAR
        for p in parts:
            d = p(s)
            if d < out:
                if d == 0:
                    return 0.0
                out = d
        return out

    return least


FlagCost = Callable[[str, bool], "Distance"]  # (flag, wanted) -> cost when the flag is not as wanted


def compile_distance(node: Node, dimensions: Mapping[str, int], negate: bool = False,
                     flag_cost: FlagCost | None = None, reachable: Callable[[str, str], bool] | None = None
                     ) -> Distance:
    """A closure giving the distance of ``node`` (a true/false condition) from holding (or, with ``negate``,
    from failing) in a state. ``flag_cost`` prices a flag that is not as wanted (default 1);
    ``reachable(from_scene, scene)`` says whether a scene can still be entered (default: always)."""
    if isinstance(node, Bool):
        value = 0.0 if node.value != negate else FAR
        return lambda s: value
    if isinstance(node, Name):  # a flag, in a true/false position
        name, want = node.name, not negate
        miss = flag_cost(name, want) if flag_cost is not None else (lambda s: 1.0)
        if want:
            return lambda s: 0.0 if name in s.flags else miss(s)
        return lambda s: miss(s) if name in s.flags else 0.0
    if isinstance(node, Visited):
        scene = node.scene
        if negate:  # a visit cannot be undone
            return lambda s: FAR if scene in s.visited else 0.0
        if reachable is None:
            return lambda s: 0.0 if scene in s.visited else 1.0
        return lambda s: 0.0 if scene in s.visited else (1.0 if reachable(s.scene, scene) else FAR)
    if isinstance(node, Unary):  # only 'not' is true/false
        return compile_distance(node.operand, dimensions, not negate, flag_cost, reachable)
    if isinstance(node, Binary) and node.op in ("and", "or"):
        parts = tuple(compile_distance(t, dimensions, negate, flag_cost, reachable) for t in terms(node))
        return _total(parts) if (node.op == "and") != negate else _least(parts)
    if isinstance(node, Binary):  # a comparison between numbers
        op = _NEGATE[node.op] if negate else node.op
        if isinstance(node.left, Name) and node.left.name in dimensions and isinstance(node.right, Num):
            return _compare(op, dimensions[node.left.name], node.right.value)
        lhs, rhs = compile_expr(node.left, dimensions), compile_expr(node.right, dimensions)
        return lambda s: _gap(op, lhs(s.dims, s.flags, s.visited) - rhs(s.dims, s.flags, s.visited))  # type: ignore[operator]
    raise TypeError(f"not a condition node: {node!r}")  # pragma: no cover - the loader type-checks conditions
