"""Explaining conditions term by term, with the values that decided them."""

from __future__ import annotations

import pytest
from engine_helpers import story_from

from trainer.engine import State, trace_condition
from trainer.story.model import Story

STORY = """
format: 1
id: cond
title: t
summary: s
dimensions:
  organisation: {label: Organisation, low: l, high: h}
  unity: {label: Unity, low: l, high: h}
flags: {militia: m, coup: c}
scenes:
  a:
    title: A
    text: t
    choices:
      x: {label: X, when: "%s", goto: end}
endings: {e: {title: E, text: t}}
"""


def condition_of(source: str) -> tuple[Story, object]:
    story = story_from(STORY % source)
    return story, story.scenes["a"].choices["x"].when


@pytest.mark.parametrize(
    ("source", "dims", "flags", "held", "sentences", "needs"),
    [
        # a single comparison, failing: the sentence says what was needed
        ("organisation >= 5", (3, 0), set(), False, ["organisation 3, needed 5 or more"],
         ["needs organisation >= 5 (you have 3)"]),
        # the same comparison, holding
        ("organisation >= 5", (6, 0), set(), True, ["organisation 6 (needed 5 or more)"], None),
        # a constant on the left is read the other way round
        ("5 > organisation", (7, 0), set(), False, ["organisation 7, needed less than 5"], None),
        # 'and': each term judged; a flag term reads as set / not set
        ("organisation < 5 and not militia", (3, 0), {"militia"}, False,
         ["organisation 3 (needed less than 5)", "militia is set"], ["needs not militia (militia is set)"]),
        # 'or': when it fails, every term is unmet
        ("militia or organisation == 2", (3, 0), set(), False,
         ["militia is not set", "organisation 3, needed exactly 2"],
         ["needs militia (militia is not set)", "needs organisation == 2 (you have 3)"]),
        # arithmetic: the generic sentence lists every value read
        ("organisation + unity >= 4", (1, 2), set(), False,
         ["organisation + unity >= 4 does not hold (organisation 1, unity 2)"],
         ["needs organisation + unity >= 4 (organisation 1, unity 2)"]),
        # parentheses keep a nested 'or' as one term of the 'and'; it is said by the part that held
        ("(militia or coup) and unity != 0", (0, 0), {"coup"}, False,
         ["coup is set", "unity 0, needed anything but 0"],
         ["needs unity != 0 (you have 0)"]),
        # a nested 'or' that failed is said by all its parts, a nested 'and' that failed by the failed ones
        ("(militia or organisation >= 2) and unity != 0", (1, 1), set(), False,
         ["militia is not set, organisation 1, needed 2 or more", "unity 1 (needed anything but 0)"],
         ["needs militia or organisation >= 2 (militia is not set, organisation 1)"]),
        ("(militia and not coup) or unity > 5", (0, 0), {"militia", "coup"}, False,
         ["coup is set", "unity 0, needed more than 5"], None),
    ],
)
def test_trace(source: str, dims: tuple[int, int], flags: set[str], held: bool, sentences: list[str],
               needs: list[str] | None) -> None:
    story, cond = condition_of(source)
    trace = trace_condition(cond, State("a", dims, frozenset(flags)), story)  # type: ignore[arg-type]
    assert trace.held is held
    assert [t.sentence for t in trace.terms] == sentences
    if needs is not None:
        assert [t.needs for t in trace.deciding] == needs


def test_visited_terms(loop: Story) -> None:
    cond = loop.scenes["square"].choices["march"].when
    assert cond is not None
    trace = trace_condition(cond, State("square", (2,), visited=frozenset({"square"})), loop)
    assert [t.sentence for t in trace.terms] == ["market not visited", "support 2 (needed 2 or more)"]
    assert trace.deciding[0].needs == "needs visited.market (market not visited)"


def test_to_dict_is_plain_data(strike: Story) -> None:
    cond = strike.endings["dual_power"].when
    assert cond is not None
    d = trace_condition(cond, State("winter", (8, 2), frozenset({"councils"})), strike).to_dict()
    assert d == {
        "source": "organisation >= 6 and councils", "held": True, "combine": "and",
        "terms": [
            {"text": "organisation >= 6", "held": True, "values": {"organisation": 8},
             "sentence": "organisation 8 (needed 6 or more)", "need": "6 or more"},
            {"text": "councils", "held": True, "values": {"councils": True}, "sentence": "councils is set",
             "need": ""},
        ],
    }
