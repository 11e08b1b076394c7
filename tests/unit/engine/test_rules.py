"""The rules of play: transitions, clamping, flags, ending rules, warp starts."""

from __future__ import annotations

import pytest
from engine_helpers import story_from

from trainer.engine import InvalidChoice, NoEnding, State, replay_choices, rules_for, start_state, step
from trainer.story.model import Story


def test_start_state_uses_start_values(strike: Story) -> None:
    s = start_state(strike)
    assert s == State("strike", (3, 2), frozenset(), frozenset(), None)
    assert not s.finished
    assert s.value(strike.dimension_index, "illusions") == 2


@pytest.mark.parametrize(
    ("route", "scene", "dims", "flags", "ending"),
    [
        ([], "strike", (3, 2), set(), None),  # nothing chosen yet
        (["councils"], "winter", (5, 2), {"councils"}, None),  # effect and flag
        (["leaders"], "winter", (1, 4), set(), None),  # two effects at once
        (["leaders", "bargain"], "coup", (1, 5), set(), "coup"),  # illusions +3 clamps at max 5
        (["leaders", "wait"], "coup", (0, 4), {"repression"}, "coup"),  # organisation -1 from 1 is 0
        (["councils", "conference"], "dual_power", (8, 2), {"councils"}, "dual_power"),  # rule 1 holds
        (["councils", "bargain"], "stalemate", (5, 5), {"councils"}, "stalemate"),  # default ending
        (["emigrate"], "exile", (3, 2), set(), "exile"),  # goto an ending directly, no rule consulted
    ],
)
def test_routes(strike: Story, route: list[str], scene: str, dims: tuple[int, ...], flags: set[str],
                ending: str | None) -> None:
    final = replay_choices(strike, route)[-1]
    assert final == State(scene, dims, frozenset(flags), frozenset(), ending)


def test_clamp_at_minimum() -> None:
    story = story_from("""
format: 1
id: clamp
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h, min: 0, max: 3, start: 1}}
scenes:
  a: {title: A, text: t, choices: {down: {label: D, effects: {x: -3}, goto: end}}}
endings: {e: {title: E, text: t}}
""")
    assert step(story, start_state(story), "down").dims == (0,)


@pytest.mark.parametrize(
    ("route", "bad", "message"),
    [
        ([], "nope", "offers no choice 'nope'"),  # unknown choice id
        (["leaders"], "conference", "condition 'organisation >= 4' does not hold"),  # locked choice
        (["leaders"], "secret", "does not hold"),  # hidden choice
        (["emigrate"], "leaders", "the game is over"),  # after an ending
    ],
)
def test_invalid_choices(strike: Story, route: list[str], bad: str, message: str) -> None:
    state = replay_choices(strike, route)[-1]
    with pytest.raises(InvalidChoice, match=message):
        step(strike, state, bad)


def test_no_ending_holds() -> None:
    story = story_from("""
format: 1
id: noend
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h}}
scenes:
  a: {title: A, text: t, choices: {go: {label: G, goto: end}}}
endings: {e: {title: E, text: t, when: x > 5}}
""")
    with pytest.raises(NoEnding):
        step(story, start_state(story), "go")


def test_states_are_shared_when_nothing_changes(strike: Story) -> None:
    # a choice without effects or flags reuses the previous tuples: exploration allocates less
    start = start_state(strike)
    after = step(strike, start, "emigrate")
    assert after.dims is start.dims
    assert after.flags is start.flags


def test_visited_is_tracked_only_when_read(strike: Story, loop: Story) -> None:
    assert not strike.uses_visited
    assert step(strike, start_state(strike), "councils").visited == frozenset()
    assert loop.uses_visited
    s = replay_choices(loop, ["market", "back"])[-1]
    assert s.visited == frozenset({"square", "market"})


def test_loop_reaches_the_same_state_twice(loop: Story) -> None:
    # talking at full support changes nothing: the state repeats, which is what makes exploration finite
    states = replay_choices(loop, ["talk", "talk", "talk", "talk"])
    assert states[3] == states[4]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"scene": "winter"}, State("winter", (3, 2))),  # start later in the story
        ({"values": {"organisation": 7}}, State("strike", (7, 2))),  # chosen values
        ({"scene": "winter", "flags": ["councils"]}, State("winter", (3, 2), frozenset({"councils"}))),
    ],
)
def test_warp(strike: Story, kwargs: dict, expected: State) -> None:
    assert start_state(strike, **kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scene": "nowhere"}, "no scene 'nowhere'"),
        ({"values": {"morale": 1}}, "no dimension 'morale'"),
        ({"values": {"organisation": 11}}, "outside its range 0..10"),
        ({"flags": ["coup"]}, "no flag 'coup'"),
    ],
)
def test_warp_errors(strike: Story, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        start_state(strike, **kwargs)


def test_rules_are_cached_per_story_object(strike: Story) -> None:
    assert rules_for(strike) is rules_for(strike)


def test_golden_paths_replay(strike: Story) -> None:
    for path in strike.tests.values():
        final = replay_choices(strike, path.choices)[-1]
        assert final.ending == path.ending
        for dim, value in path.expect.items():
            assert final.value(strike.dimension_index, dim) == value
