"""The choices offered now: enabled, disabled with a reason, or hidden."""

from __future__ import annotations

from trainer.engine import available_choices, replay_choices
from trainer.story.model import Story


def options(story: Story, route: list[str]) -> dict[str, tuple[bool, bool, str]]:
    state = replay_choices(story, route)[-1]
    return {o.id: (o.enabled, o.hidden, o.reason) for o in available_choices(story, state)}


def test_all_open_at_the_start(strike: Story) -> None:
    assert options(strike, []) == {c: (True, False, "") for c in ("leaders", "councils", "rally", "emigrate")}


def test_locked_and_hidden(strike: Story) -> None:
    got = options(strike, ["leaders"])
    # locked text given: shown dimmed, with the author's reason and the unmet term with its value
    assert got["conference"] == (False, False, "The committees are too weak yet — needs organisation >= 4 "
                                               "(you have 1)")
    # no locked text: hidden, though the reason is still computed (for authors and the JSON)
    assert got["secret"] == (False, True, "needs councils (councils is not set); needs repression "
                                          "(repression is not set)")
    assert got["bargain"] == (True, False, "")


def test_opened_by_values(strike: Story) -> None:
    assert options(strike, ["councils"])["conference"] == (True, False, "")


def test_finished_offers_nothing(strike: Story) -> None:
    assert options(strike, ["emigrate"]) == {}


def test_to_dict(strike: Story) -> None:
    state = replay_choices(strike, ["leaders"])[-1]
    d = next(o for o in available_choices(strike, state) if o.id == "conference").to_dict()
    assert d["needs"] == ["needs organisation >= 4 (you have 1)"]
    assert d["unmet"][0]["values"] == {"organisation": 1}
    assert d["enabled"] is False and d["hidden"] is False
