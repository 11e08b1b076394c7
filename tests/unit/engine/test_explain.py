"""What a choice did: effects before → after with reasons and clamps, flags, references, roads not taken."""

from __future__ import annotations

import pytest

from trainer.engine import EffectChange, explain_choice, replay_choices, start_state
from trainer.story.model import Story


@pytest.mark.parametrize(
    ("change", "text", "note"),
    [
        # an ordinary effect
        (EffectChange("o", "Organisation", 3, 5, 2), "Organisation 3 → 5 (+2)", ""),
        # clamped part way: both numbers said
        (EffectChange("i", "Illusions", 4, 5, 3), "Illusions 4 → 5 (+1)",
         "held at its maximum 5: +3 asked, +1 applied"),
        # already at the edge: nothing happened
        (EffectChange("o", "Organisation", 0, 0, -1), "Organisation 0 → 0 (+0)",
         "already at its minimum 0: -1 had no effect"),
        # a fall
        (EffectChange("o", "Organisation", 3, 1, -2), "Organisation 3 → 1 (-2)", ""),
    ],
)
def test_effect_text(change: EffectChange, text: str, note: str) -> None:
    assert change.text == text
    assert change.note == note
    assert change.clamped is bool(note)


def test_explanation_of_a_choice(strike: Story) -> None:
    e = explain_choice(strike, start_state(strike), "councils", step=1)
    assert [x.text for x in e.effects] == ["Organisation 3 → 5 (+2)"]
    assert e.effects[0].why == "Elected delegates give the strike its own leadership."
    assert [(f.flag, f.on, f.changed) for f in e.flags] == [("councils", True, True)]
    assert e.explain.startswith("A strike led by elected councils")
    assert [r.id for r in e.references] == ["russia_1917", "chile_1973"]
    assert e.references[1].date == "11 September 1973"
    assert (e.leads_to.kind, e.leads_to.id) == ("scene", "winter")
    roads = {r.choice: r for r in e.roads_not_taken}
    assert set(roads) == {"leaders", "rally", "emigrate"}
    assert [x.text for x in roads["leaders"].effects] == ["Organisation 3 → 1 (-2)", "Illusions 2 → 4 (+2)"]
    assert (roads["emigrate"].leads_to.kind, roads["emigrate"].leads_to.title) == ("ending", "Exile")
    assert e.dims_after == {"organisation": 5, "illusions": 2}


def test_roads_not_taken_only_list_open_choices_and_say_the_ending(strike: Story) -> None:
    before = replay_choices(strike, ["leaders"])[-1]
    e = explain_choice(strike, before, "bargain", step=2)
    assert e.effects[0].note == "held at its maximum 5: +3 asked, +1 applied"
    assert (e.leads_to.kind, e.leads_to.id, e.leads_to.by_rule) == ("ending", "coup", True)
    assert [r.choice for r in e.roads_not_taken] == ["wait"]  # conference is locked, secret hidden


def test_to_dict_round_numbers(strike: Story) -> None:
    d = explain_choice(strike, start_state(strike), "leaders").to_dict()
    assert d["effects"][1] == {"dimension": "illusions", "label": "Illusions", "before": 2, "after": 4, "by": 2,
                               "applied": 2, "clamped": False, "note": "", "why": "People wait for a deal from above.",
                               "text": "Illusions 2 → 4 (+2)"}
    assert d["leads_to"] == {"kind": "scene", "id": "winter", "title": "Winter", "by_rule": False}
