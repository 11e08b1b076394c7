"""Counterfactual search: the fewest changed decisions to each other ending, checked against brute force."""

from __future__ import annotations

import pytest
from engine_helpers import story_from

from trainer.engine import find_counterfactuals, replay_choices, rules_for, start_state
from trainer.engine.state import State
from trainer.story.model import Story


def routes(story: Story, state: State, depth: int) -> list[list[tuple[str, str]]]:
    """Every complete route of at most ``depth`` decisions (brute force, for small stories)."""
    if state.ending is not None:
        return [[]]
    if depth == 0:
        return []
    rules = rules_for(story)
    out = []
    for move in rules.enabled(state):
        for rest in routes(story, rules.apply(move, state), depth - 1):
            out.append([(state.scene, move.id), *rest])
    return out


def brute_force(story: Story, played: list[str], depth: int) -> dict[str, tuple[int, int]]:
    """ending -> (fewest changed decisions, shortest length among those), by the module's definition."""
    states = replay_choices(story, played)
    policy: dict[str, set[str]] = {}
    for s, c in zip(states, played, strict=False):
        policy.setdefault(s.scene, set()).add(c)
    best: dict[str, tuple[int, int]] = {}
    rules = rules_for(story)
    for route in routes(story, start_state(story), depth):
        state = start_state(story)
        for _, c in route:
            state = rules.step(state, c)
        cost = sum(c not in policy.get(s, ()) for s, c in route)
        key = (cost, len(route))
        assert state.ending is not None
        if state.ending not in best or key < best[state.ending]:
            best[state.ending] = key
    return best


PLAYS = [
    ["leaders", "bargain"],
    ["leaders", "wait"],
    ["councils", "conference"],
    ["councils", "bargain"],
    ["rally", "conference"],
    ["emigrate"],
]


@pytest.mark.parametrize("played", PLAYS)
def test_fewest_changes_match_brute_force_on_an_acyclic_story(strike: Story, played: list[str]) -> None:
    final = replay_choices(strike, played)[-1]
    route = [(s.scene, c) for s, c in zip(replay_choices(strike, played), played, strict=False)]
    search = find_counterfactuals(strike, route, exclude=[final.ending or ""])
    expected = brute_force(strike, played, depth=5)
    expected.pop(final.ending or "", None)
    assert {c.ending: (c.cost, len(c.route)) for c in search.found} == expected
    assert search.complete and not search.unreached


@pytest.mark.parametrize("played", [["talk", "talk", "market", "back", "march"], ["market", "print", "talk",
                                                                                  "talk", "talk", "march"]])
def test_fewest_changes_match_brute_force_with_a_loop(loop: Story, played: list[str]) -> None:
    states = replay_choices(loop, played)
    final = states[-1]
    route = [(s.scene, c) for s, c in zip(states, played, strict=False)]
    search = find_counterfactuals(loop, route, exclude=[final.ending or ""])
    expected = brute_force(loop, played, depth=8)
    expected.pop(final.ending or "", None)
    assert {c.ending: (c.cost, len(c.route)) for c in search.found} == expected
    # 'quiet' can never be chosen (marching needs support 2, and then an earlier rule holds)
    assert [(u.ending, u.reason) for u in search.unreached] == [
        ("quiet", "no sequence of choices from this start reaches it")]


def test_every_counterfactual_replays_to_its_ending(strike: Story) -> None:
    route = [("strike", "leaders"), ("winter", "bargain")]
    for c in find_counterfactuals(strike, route, exclude=["coup"]).found:
        assert c.verified
        assert replay_choices(strike, [choice for _, choice in c.route])[-1].ending == c.ending


def test_changes_name_what_the_player_did_instead(strike: Story) -> None:
    route = [("strike", "leaders"), ("winter", "bargain")]
    found = {c.ending: c for c in find_counterfactuals(strike, route, exclude=["coup"]).found}
    dual = found["dual_power"]
    assert [(ch.scene, ch.choice, ch.instead_of, ch.original_step) for ch in dual.changes] == [
        ("strike", "councils", "leaders", 1), ("winter", "conference", "bargain", 2)]
    assert dual.sentence == (
        'Had you chosen "Build councils of action in every workplace" in The general strike and "Call a '
        'conference of factory delegates" in Winter, you would have reached "Dual power" (organisation 8): '
        "Elected delegates give the strike its own leadership.")
    # one change, and the rest of the game replayed as played ("bargain" in Winter)
    stalemate = found["stalemate"]
    assert stalemate.route == (("strike", "councils"), ("winter", "bargain"))
    assert stalemate.cost == 1


def test_a_locked_choice_forces_a_change() -> None:
    # the player went a, then b; changing a locks b, so a second change is needed: cost 2, not 1
    story = story_from("""
format: 1
id: forced
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h, start: 1}}
scenes:
  a:
    title: A
    text: t
    choices:
      keep: {label: Keep, goto: b}
      drop: {label: Drop, effects: {x: -1}, goto: b}
  b:
    title: B
    text: t
    choices:
      go: {label: Go, when: x >= 1, goto: end}
      other: {label: Other, goto: end}
endings:
  high: {title: High, when: x >= 1, text: t}
  low: {title: Low, text: t}
""")
    search = find_counterfactuals(story, [("a", "keep"), ("b", "go")], exclude=["high"])
    (low,) = search.found
    assert [(c.scene, c.choice) for c in low.changes] == [("a", "drop"), ("b", "other")]


def test_new_scenes_count_as_changes() -> None:
    # a different first choice leads to a scene the player never saw: its decision counts too
    story = story_from("""
format: 1
id: detour
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h}}
scenes:
  a:
    title: A
    text: t
    choices:
      straight: {label: Straight, goto: plain}
      detour: {label: Detour, goto: side}
  side:
    title: Side
    text: t
    choices:
      win: {label: Win, goto: won}
      lose: {label: Lose, goto: plain}
endings:
  won: {title: Won, text: t}
  plain: {title: Plain, text: t}
""")
    (won,) = find_counterfactuals(story, [("a", "straight")], exclude=["plain"]).found
    assert [(c.scene, c.instead_of) for c in won.changes] == [("a", "straight"), ("side", None)]
    assert won.sentence == 'Had you chosen "Detour" in A and then "Win" in Side, you would have reached "Won".'


@pytest.mark.parametrize("played", PLAYS)
def test_guided_phase_when_the_exact_budget_runs_out(strike: Story, played: list[str]) -> None:
    # with room for only a few states, phase 1 stops early; phase 2 still finds a verified route to every ending
    states = replay_choices(strike, played)
    route = [(s.scene, c) for s, c in zip(states, played, strict=False)]
    ending = states[-1].ending or ""
    exact = {c.ending: c.cost for c in find_counterfactuals(strike, route, exclude=[ending]).found}
    search = find_counterfactuals(strike, route, exclude=[ending], max_states=3)
    assert not search.complete
    assert {c.ending for c in search.found} == set(exact)
    for c in search.found:
        assert replay_choices(strike, [choice for _, choice in c.route])[-1].ending == c.ending
        assert c.at_least <= exact[c.ending] <= c.cost  # the bound is honest
        assert c.minimal == (c.at_least >= c.cost)


def test_unfound_endings_say_how_far_the_search_went(loop: Story) -> None:
    search = find_counterfactuals(loop, [("square", "march")], exclude=[], max_states=2, max_guided=0)
    assert not search.complete and not search.found
    assert [u.ending for u in search.unreached] == ["victory", "march_small", "quiet"]
    assert all("not found by a search of" in u.reason and "at least" in u.reason for u in search.unreached)


def test_a_different_order_of_the_players_own_choices_costs_nothing(loop: Story) -> None:
    # the player talked twice; talking a third time is a choice they made in that scene, so it is free
    played = ["talk", "talk", "market", "print", "march"]
    states = replay_choices(loop, played)
    route = [(s.scene, c) for s, c in zip(states, played, strict=False)]
    found = {c.ending: c for c in find_counterfactuals(loop, route, exclude=["march_small"]).found}
    victory = found["victory"]
    assert victory.cost == 0
    assert victory.sentence.startswith('Making only choices you made, in another order ("Talk to people" in The '
                                       "square")
    assert victory.sentence.endswith('you would have reached "Victory" (support 3).')
