"""Counterfactual search: the fewest changed decisions to each other ending, checked against brute force."""

from __future__ import annotations

import pytest
from engine_helpers import story_from

from trainer.engine import find_counterfactuals, replay_choices, rules_for, start_state
from trainer.engine.counterfactual import short_label
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
        'conference of factory delegates" in Winter, you would have reached "Dual power" (organisation 8 — '
        "needed 6 or more; councils is set): Elected delegates give the strike its own leadership.")
    # ranked by what each did toward the rule, compared with the player's choice there
    assert [(ch.rank, ch.moved) for ch in dual.changes] == [
        (1, ("sets councils", "organisation +2 (instead of -2)")), (2, ("organisation +3",))]
    assert [ch.why for ch in dual.changes] == ["Elected delegates give the strike its own leadership.",
                                               "The delegates coordinate the whole city."]
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
                                       "square (3 times), ")
    assert victory.sentence.endswith('you would have reached "Victory" (support 3 — needed 3 or more; leaflet is '
                                     "set).")


RANKED = """
format: 1
id: ranked
title: t
summary: s
dimensions:
  power: {label: Power, low: l, high: h, start: 0}
  mood: {label: Mood, low: l, high: h, start: 0}
flags:
  armed: The workers are armed
  gone: Gone abroad
scenes:
  one:
    title: One
    text: t
    choices:
      cheer: {label: Cheer, effects: {mood: {by: 1, why: Spirits rise.}}, goto: two}
      sulk: {label: Sulk, goto: two}
  two:
    title: Two
    text: t
    choices:
      build:
        label: Build councils in every workplace
        when: mood >= 1
        effects: {power: {by: 3, why: delegates elected and recallable give the strike its own leadership}}
        goto: three
      wait: {label: Wait, goto: three}
  three:
    title: Three
    text: t
    choices:
      arm: {label: Arm the pickets, set: [armed], explain: Pickets with rifles. Nobody expected it., goto: end}
      flee: {label: Flee, goto: abroad}
      rest: {label: Rest, goto: end}
endings:
  armed_rising: {title: The rising, when: armed, text: t}
  dual: {title: Dual power, when: power >= 3, text: t}
  abroad: {title: Abroad, when: gone, text: t}
  lose: {title: Lose, text: t}
"""


def test_the_reason_comes_from_the_change_that_decides_not_the_first() -> None:
    # 'Cheer' only unlocks 'Build'; 'Build' moves the power the ending's rule reads: its reason is given
    story = story_from(RANKED)
    found = {c.ending: c for c in find_counterfactuals(story, [("one", "sulk"), ("two", "wait"),
                                                               ("three", "rest")], exclude=["lose"]).found}
    dual = found["dual"]
    assert [(ch.choice, ch.rank) for ch in dual.changes] == [("cheer", 0), ("build", 1)]
    assert dual.sentence == (
        'Had you chosen "Cheer" in One and "Build councils in every workplace" in Two, you would have reached '
        '"Dual power" (power 3 — needed 3 or more): delegates elected and recallable give the strike its own '
        "leadership.")
    assert dual.changes[0].why == "" and dual.changes[0].moved == ()


def test_the_change_that_sets_the_deciding_flag_gives_the_flags_meaning() -> None:
    story = story_from(RANKED)
    found = {c.ending: c for c in find_counterfactuals(story, [("one", "sulk"), ("two", "wait"),
                                                               ("three", "rest")], exclude=["lose"]).found}
    rising = found["armed_rising"]
    assert [(ch.choice, ch.rank, ch.moved) for ch in rising.changes] == [("arm", 1, ("sets armed",))]
    assert rising.sentence == ('Had you chosen "Arm the pickets" in Three, you would have reached "The rising" '
                               "(armed is set): The workers are armed.")
    # an ending reached straight by a choice: that choice decides, and no value is quoted
    abroad = found["abroad"]
    assert abroad.changes[0].moved == ("ends the game there",)
    assert abroad.sentence == 'Had you chosen "Flee" in Three, you would have reached "Abroad".'


def test_an_earlier_rule_that_had_to_fail_is_named_in_the_values() -> None:
    # to reach 'Dual power' from a game that reached 'The rising', 'armed' must not be set: its rule is named
    story = story_from(RANKED)
    found = {c.ending: c for c in find_counterfactuals(story, [("one", "cheer"), ("two", "wait"),
                                                               ("three", "arm")], exclude=["armed_rising"]).found}
    dual = found["dual"]
    assert [d.phrase for d in dual.deciding] == ["power 3 — needed 3 or more", "armed is not set"]
    assert [(ch.choice, ch.rank, ch.moved) for ch in dual.changes] == [
        ("build", 1, ("power +3",)), ("rest", 2, ("does not set armed",))]


CHAIN = """
format: 1
id: chain
title: t
summary: s
dimensions:
  prep: {label: Preparation, low: l, high: h, start: 0}
  power: {label: Power, low: l, high: h, start: 0}
scenes:
""" + "".join(f"""
  s{i}:
    title: Step {i}
    text: t
    choices:
      ready: {{label: Get ready number {i}, effects: {{prep: {{by: 1, why: Ready {i}.}}}}, goto: s{i + 1}}}
      idle: {{label: Idle, goto: s{i + 1}}}
""" for i in range(1, 6)) + """
  s6:
    title: The decision
    text: t
    choices:
      build: {label: "Build councils: every workplace elects delegates", when: prep >= 5,
              effects: {power: {by: 3, why: The councils lead.}}, goto: end}
      wait: {label: Wait, goto: end}
endings:
  win: {title: Win, when: power >= 3, text: t}
  lose: {title: Lose, text: t}
"""


def test_a_long_counterfactual_names_the_decisive_change_and_counts_the_rest() -> None:
    story = story_from(CHAIN)
    route = [(f"s{i}", "idle") for i in range(1, 6)] + [("s6", "wait")]
    (win,) = find_counterfactuals(story, route, exclude=["lose"]).found
    assert win.cost == 6 and [c.step for c in win.named] == [6]
    assert win.sentence == ('Had you chosen "Build councils: every workplace elects delegates" in The decision '
                            '(and 5 more changes), you would have reached "Win" (power 3 — needed 3 or more): The '
                            "councils lead.")
    # the whole list stays in the data
    data = win.to_dict()
    assert [c["label"] for c in data["changes"]] == [f"Get ready number {i}" for i in range(1, 6)] + [
        "Build councils: every workplace elects delegates"]
    assert data["named"] == [6] and data["because"] == "The councils lead."
    assert data["deciding"][0]["phrase"] == "power 3 — needed 3 or more"


@pytest.mark.parametrize(("label", "short"), [
    ("Defeat the coup through the council: a defence committee of every workers' party, the railways",
     "Defeat the coup through the council…"),
    ("Abolish the army altogether; only local militias, no central command and no officers of the old army",
     "Abolish the army altogether…"),
    ("Build councils of action in every workplace", "Build councils of action in every workplace"),  # short
    # three words before the colon are too few; the dash comes later
    ("Sign the treaty: recognition and trade, in return for staying out of the region's affairs — goods",
     "Sign the treaty: recognition and trade…"),
    # a comma cut only in a long label, and never before a qualification
    ("Put the Workers' League at the head of the march and call for the overthrow tonight, while the mood is "
     "high", "Put the Workers' League at the head of the march and call for the overthrow tonight, while the "
     "mood is high"),
    ("Give the estates to the peasants' committees, with credit and machines for those who choose to farm",
     "Give the estates to the peasants' committees…"),
])
def test_short_labels_keep_the_first_clause(label: str, short: str) -> None:
    assert short_label(label) == short


def test_a_change_is_weighed_against_the_players_choice_even_where_it_is_locked() -> None:
    # 'Leap' (the player's) sets the flag that decided their ending; in the counterfactual it is locked by
    # then, but 'Wait' still counts as not setting it: compared with what 'Leap' would have done
    story = story_from("""
format: 1
id: locked_baseline
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h, start: 1}}
flags: {rash: Acted rashly}
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
      leap: {label: Leap, when: x >= 1, set: [rash], goto: end}
      wait: {label: Wait, when: x <= 0, explain: Patience. It pays., goto: end}
endings:
  hasty: {title: Hasty, when: rash, text: t}
  calm: {title: Calm, text: t}
""")
    (calm,) = find_counterfactuals(story, [("a", "keep"), ("b", "leap")], exclude=["hasty"]).found
    assert [(c.choice, c.rank, c.moved) for c in calm.changes] == [("drop", 0, ()),
                                                                  ("wait", 1, ("does not set rash",))]
    assert calm.sentence == ('Had you chosen "Drop" in A and "Wait" in B, you would have reached "Calm" (rash is '
                             "not set): Patience.")
