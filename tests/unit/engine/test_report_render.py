"""The debrief and its renderings: the same facts in Markdown, HTML, JSON and text; story text escaped."""

from __future__ import annotations

import json

import pytest
from engine_helpers import STORIES, story_from

from trainer.engine import AnswerDebate, AnswerQuiz, AnswerWhy, Choose, Session, build_debrief
from trainer.report import FORMATS, render
from trainer.story.model import Story

GAME = [
    AnswerQuiz("pre", "q_state", "a"),
    AnswerDebate("left_gov", 0, "state"),
    AnswerDebate("left_gov", 1, typed="In Chile the army struck; councils were needed."),
    Choose("strike", "leaders"),
    AnswerWhy("strike", 1),
    Choose("winter", "bargain"),
    AnswerQuiz("post", "q_state", "b"),
]


def test_debrief_data(strike: Story) -> None:
    d = build_debrief(Session(strike, GAME))
    assert [e.explanation.choice for e in d.entries] == ["leaders", "bargain"]
    assert [type(g).__name__ for g in d.entries[0].debate] == ["RebuttalResult", "TypedResult"]
    assert d.entries[0].why is not None and not d.entries[0].why.right
    assert [t.dims for t in d.timeline] == [{"organisation": 3, "illusions": 2}, {"organisation": 1, "illusions": 4},
                                            {"organisation": 1, "illusions": 5}]
    assert d.verdict is not None and d.verdict.ending == "coup"
    assert d.gain == 0.5  # 0 of 2 before, 1 of 2 after


def test_unfinished_debrief(strike: Story) -> None:
    d = build_debrief(Session(strike, [AnswerDebate("left_gov", 0, "state")]))
    assert d.verdict is None and d.position == "The general strike" and len(d.open_debate) == 1
    assert "Unfinished: the game is at The general strike." in render(d, "text")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_the_facts(strike: Story, fmt: str) -> None:
    out = render(build_debrief(Session(strike, GAME)), fmt)
    for fact in ("Hand the strike to the union leadership", "3 → 1", "held at its maximum 5",
                 "The coup", "Had you chosen", "Dual power", "Not addressed"):
        assert fact in out, (fmt, fact)


def test_json_is_plain_data(strike: Story) -> None:
    data = json.loads(render(build_debrief(Session(strike, GAME)), "json"))
    assert data["format"] == "trainer-debrief"
    assert data["verdict"]["rule"]["index"] == 2
    assert data["entries"][0]["debate"][1]["covered"][0]["words"] == ["army"]
    assert data["entries"][0]["debate"][1]["covered"][0]["spans"] == ["army"]
    dual = next(c for c in data["verdict"]["counterfactuals"] if c["ending"] == "dual_power")
    assert [c["rank"] for c in dual["changes"]] == [1, 2] and dual["named"] == [1, 2]
    assert data["quiz"]["gain"] == 0.5


def test_hostile_story_text_is_escaped() -> None:
    text = (STORIES / "engine_strike.yaml").read_text(encoding="utf-8")
    text = text.replace("label: Hand the strike to the union leadership",
                        'label: "<script>alert(1)</script> \\e[2J **x** | y"')
    story = story_from(text)
    d = build_debrief(Session(story, [Choose("strike", "leaders")]))
    html = render(d, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    for fmt in FORMATS:
        assert "\x1b" not in render(d, fmt)
    assert "\\|" in render(d, "md")  # a pipe cannot break a Markdown table


def test_unknown_format(strike: Story) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(build_debrief(Session(strike)), "pdf")


def test_counterfactual_changes_are_a_nested_list(strike: Story) -> None:
    d = build_debrief(Session(strike, GAME))
    md = render(d, "md")
    assert ('- Had you chosen "Build councils of action in every workplace" in The general strike and "Call a '
            'conference of factory delegates" in Winter, you would have reached "Dual power"') in md
    assert ('    1. *The general strike*: "Build councils of action in every workplace" instead of "Hand the strike '
            'to the union leadership" — **sets councils, organisation +2 (instead of -2)**') in md
    assert '    2. *Winter*: "Call a conference of factory delegates" instead of "Bargain with the government"' in md
    html = render(d, "html")
    assert "<ol><li><i>The general strike</i>: “Build councils of action in every workplace” instead of" in html
    assert "<b>sets councils, organisation +2 (instead of -2)</b></li><li><i>Winter</i>" in html
    assert "None of your choices set <code>councils</code>" in html


def test_the_text_verdict_fits_80_columns(strike: Story) -> None:
    text = render(build_debrief(Session(strike, GAME)), "text")
    verdict = text[text.index("ENDING"):]
    assert all(len(line) <= 80 for line in verdict.splitlines())
    assert ("  Had you chosen \"Build councils of action in every workplace\" in The general\n"
            "  strike and \"Call a conference of factory delegates\" in Winter, you would have\n") in verdict
    assert ("    1. The general strike: \"Build councils of action in every workplace\"\n"
            "       instead of \"Hand the strike to the union leadership\" — sets councils,\n") in verdict
