"""The distance of a state from a condition, and the guide toward an ending that the fallback search uses."""

from __future__ import annotations

import pytest
from engine_helpers import story_from

from trainer.engine import State, replay_choices, start_state
from trainer.engine.distance import FAR, compile_distance
from trainer.engine.guide import Guide
from trainer.story.model import Story

STORY = """
format: 1
id: dist
title: t
summary: s
dimensions:
  a: {label: A, low: l, high: h}
  b: {label: B, low: l, high: h}
flags: {f: f, g: g}
scenes:
  x:
    title: X
    text: t
    choices:
      c: {label: C, when: "%s", goto: end}
endings: {e: {title: E, text: t}}
"""


@pytest.mark.parametrize(
    ("source", "dims", "flags", "negate", "distance"),
    [
        ("a >= 5", (2, 0), set(), False, 3),  # three short
        ("a >= 5", (7, 0), set(), False, 0),  # holds
        ("a > 5", (5, 0), set(), False, 1),
        ("a <= 1", (4, 0), set(), False, 3),
        ("a < 1", (1, 0), set(), False, 1),
        ("a == 3", (6, 0), set(), False, 3),
        ("a != 3", (3, 0), set(), False, 1),
        ("a + b >= 6", (2, 1), set(), False, 3),  # arithmetic: the gap of the sum
        ("f", (0, 0), set(), False, 1),  # a flag to set
        ("f and a >= 2", (0, 0), set(), False, 3),  # 'and' adds up
        ("f or a >= 2", (0, 0), set(), False, 1),  # 'or' takes the nearer
        ("a >= 5", (6, 0), set(), True, 2),  # negated: how far from failing (a < 5)
        ("f and g", (0, 0), {"f", "g"}, True, 1),  # not (f and g) = not f or not g: one flag to clear
        ("not (a >= 5 or f)", (5, 0), {"f"}, False, 2),  # De Morgan: a < 5 (1 away) and not f (1 away)
        ("false", (0, 0), set(), False, FAR),  # never
    ],
)
def test_distance(source: str, dims: tuple[int, int], flags: set[str], negate: bool, distance: float) -> None:
    story = story_from(STORY % source)
    cond = story.scenes["x"].choices["c"].when
    assert cond is not None
    d = compile_distance(cond.node, story.dimension_index, negate)
    assert d(State("x", dims, frozenset(flags))) == distance


def test_guide_toward_a_rule_ending(strike: Story) -> None:
    g = Guide(strike, "dual_power")  # organisation >= 6 and councils
    assert g.distance(start_state(strike)) == 3 + 1  # three points short; councils: one choice, here, open
    after = replay_choices(strike, ["councils"])[-1]
    assert g.distance(after) == 1  # organisation 5 of 6, councils set


def test_guide_cuts_off_scenes_that_cannot_lead_there(strike: Story) -> None:
    g = Guide(strike, "exile")  # only 'emigrate' in the first scene goes there
    assert g.distance(start_state(strike)) == 1
    assert g.distance(replay_choices(strike, ["rally"])[-1]) == FAR


def test_guide_prices_flags_by_the_choices_that_set_them(strike: Story) -> None:
    # 'secret' needs councils and repression; repression is set by 'wait' in winter, reachable from the start
    g = Guide(strike, "coup")  # organisation < 5 and not councils, after dual_power fails
    assert g.distance(replay_choices(strike, ["leaders"])[-1]) == 0
    assert g.distance(replay_choices(strike, ["councils"])[-1]) >= FAR  # councils can never be cleared
