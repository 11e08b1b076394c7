"""The verdict: the rule that chose the ending, the terms that decided, the movers, the counterfactuals."""

from __future__ import annotations

from trainer.engine import Played, build_verdict, replay_choices, start_state
from trainer.story.model import Story


def played(story: Story, choices: list[str]) -> list[Played]:
    states = replay_choices(story, choices)
    return [Played(b.scene, c, b, a) for b, c, a in zip(states, choices, states[1:], strict=False)]


def test_rule_terms_and_passed_over_rules(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["leaders", "bargain"]))
    assert (v.ending, v.title, v.direct) == ("coup", "The coup", False)
    assert v.rule is not None and v.rule.condition is not None
    assert (v.rule.index, v.rule.count, v.rule.source) == (2, 4, "organisation < 5 and not councils")
    assert [(t.text, t.held) for t in v.rule.condition.terms] == [("organisation < 5", True), ("not councils", True)]
    (dual,) = v.passed_over
    assert (dual.ending, dual.held) == ("dual_power", False)
    assert [t.sentence for t in dual.condition.deciding] == ["organisation 1, needed 6 or more", "councils is not set"]
    assert v.decisive == ("organisation",)
    assert v.dims == {"organisation": 1, "illusions": 5}


def test_movers_are_ranked_by_size(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["councils", "conference"]))
    assert [(m.step, m.choice, m.delta) for m in v.movers] == [(2, "conference", 3), (1, "councils", 2)]
    assert v.movers[0].scene_title == "Winter"


def test_default_ending_is_decided_by_the_rules_passed_over(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["councils", "bargain"]))
    assert v.ending == "stalemate" and v.rule is not None and v.rule.condition is None
    assert [r.ending for r in v.passed_over] == ["dual_power", "coup"]
    # councils is set, so 'not councils' failed too: both terms of rule 2 decided against it
    assert [t.text for t in v.decided_by] == ["organisation >= 6", "organisation < 5", "not councils"]
    assert v.decisive == ("organisation",)


def test_direct_ending(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["emigrate"]))
    assert v.direct and v.rule is None and v.passed_over == ()
    assert v.last_choice == "Give up and emigrate"
    assert v.decisive == ("organisation", "illusions")  # no rule decided: every dimension counts
    assert {c.ending for c in v.counterfactuals} == {"dual_power", "coup", "stalemate"}


def test_counterfactuals_can_be_skipped(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["emigrate"]), counterfactuals=False)
    assert v.counterfactuals == () and not v.search_complete


def test_to_dict_has_the_whole_trace(strike: Story) -> None:
    d = build_verdict(strike, start_state(strike), played(strike, ["leaders", "bargain"])).to_dict()
    assert d["rule"]["index"] == 2
    assert [t["text"] for t in d["decided_by"]] == ["organisation < 5", "not councils", "organisation >= 6",
                                                    "councils"]
    assert d["counterfactuals"][0]["verified"] is True
    assert d["references"][0]["id"] == "chile_1973"


def test_flags_that_decide_are_traced_to_the_decisions_that_switched_them(strike: Story) -> None:
    v = build_verdict(strike, start_state(strike), played(strike, ["councils", "conference"]))
    assert v.ending == "dual_power" and v.deciding_flags == ("councils",)
    assert [(w.step, w.choice, w.text, w.meaning) for w in v.switches] == [
        (1, "councils", "sets councils", "Councils of action exist in the workplaces")]
    assert v.unswitched_own == ()
    assert v.to_dict()["switches"][0]["name"] == "councils"


def test_a_flag_nothing_set_is_said_to_be_unset(strike: Story) -> None:
    # the coup: 'not councils' held because no choice set councils
    v = build_verdict(strike, start_state(strike), played(strike, ["leaders", "bargain"]))
    assert v.switches == () and v.unswitched_own == ("councils",)
    assert v.flag_text == {"councils": "Councils of action exist in the workplaces"}
