"""The condition language: parsing, static checks, limits and evaluation."""

from __future__ import annotations

import pytest

from trainer.story import expr

NAMES = expr.Names({"org": 0, "support": 1}, frozenset({"councils", "coup"}), frozenset({"strike"}))

EVALUATE = [
    # (condition, dims, flags, visited, expected)
    ("org >= 3", (3, 0), set(), set(), True),  # boundary holds
    ("org > 3", (3, 0), set(), set(), False),  # strict comparison
    ("org + support >= 5", (2, 3), set(), set(), True),  # arithmetic
    ("org - 1 == support", (4, 3), set(), set(), True),  # subtraction binds tighter than ==
    ("councils and not coup", (0, 0), {"councils"}, set(), True),  # flags
    ("not councils or org < 1", (0, 0), {"councils"}, set(), True),  # not binds tighter than or
    ("visited.strike", (0, 0), set(), {"strike"}, True),  # visited scenes
    ("(org >= 1 or councils) and support != 0", (0, 2), {"councils"}, set(), True),  # parentheses
    ("-org < -2", (3, 0), set(), set(), True),  # unary minus
    ("true and not false", (0, 0), set(), set(), True),  # literals
]


@pytest.mark.parametrize(("source", "dims", "flags", "visited", "expected"), EVALUATE, ids=[e[0] for e in EVALUATE])
def test_evaluate(source: str, dims: tuple[int, ...], flags: set[str], visited: set[str], expected: bool) -> None:
    node = expr.parse(source)
    assert expr.check_types(node, NAMES) == expr.BOOL
    assert expr.compile_expr(node, NAMES.dimensions)(dims, frozenset(flags), frozenset(visited)) is expected


ERRORS = [
    # (condition, code, offset)
    ("org >= ", "E020", 7),  # ends too early
    ("org >= 3 && councils", "E020", 9),  # C-style operator
    ("org => 3", "E020", 4),  # a stray character, at its offset
    ("1 < org < 3", "E020", 8),  # chained comparison
    ("orgg >= 3", "E021", 0),  # unknown name
    ("strike", "E021", 0),  # a scene used as a flag
    ("visited.strik", "E021", 8),  # unknown visited scene
    ("councils + 1 > 2", "E022", 9),  # flag in arithmetic
    ("org and councils", "E022", 4),  # number in logic
    ("org >= 10000000", "E023", 7),  # number too large
    ("(" * 25 + "org > 1" + ")" * 25, "E023", 20),  # nesting limit
    ("org > 1 and " * 50 + "org > 1", "E023", 0),  # length limit
]


@pytest.mark.parametrize(("source", "code", "offset"), ERRORS, ids=[e[0][:30] for e in ERRORS])
def test_errors(source: str, code: str, offset: int) -> None:
    with pytest.raises(expr.ExprError) as info:
        expr.check_types(expr.parse(source), NAMES)
    assert (info.value.code, info.value.offset) == (code, offset)


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(expr.ExprError) as info:
        expr.check_types(expr.parse("councills"), NAMES)
    assert info.value.hint == "did you mean 'councils'?"


def test_terms_and_describe() -> None:
    node = expr.parse("org >= 5 and not coup and (councils or support > 2)")
    assert [expr.describe(t) for t in expr.terms(node)] == ["org >= 5", "not coup", "councils or support > 2"]
