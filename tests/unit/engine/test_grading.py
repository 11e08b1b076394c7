"""Grading why-prompts, chosen rebuttals and typed rebuttals."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.engine import grade_rebuttal, grade_typed, grade_why
from trainer.engine.textmatch import STOP_WORDS
from trainer.story import load_story
from trainer.story.model import Story

BUNDLED = Path(__file__).resolve().parents[3] / "stories"


@pytest.mark.parametrize(
    ("picked", "right", "feedback"),
    [
        (0, True, "Leaders answerable to no one trade the strike for a deal."),  # the right reason
        (1, False, "It is not a question of character."),  # a wrong one: its own feedback
    ],
)
def test_why(strike: Story, picked: int, right: bool, feedback: str) -> None:
    prompt = strike.scenes["strike"].why
    assert prompt is not None
    r = grade_why(prompt, picked)
    assert (r.right, r.feedback) == (right, feedback)
    assert r.right_text == "They would negotiate it away for concessions."


def test_why_out_of_range(strike: Story) -> None:
    prompt = strike.scenes["strike"].why
    assert prompt is not None
    with pytest.raises(IndexError, match="pick 1 to 3"):
        grade_why(prompt, 3)


def test_chosen_rebuttal_scores_every_criterion(strike: Story) -> None:
    r = grade_rebuttal(strike, strike.debates["left_gov"], 0, "state")
    assert [(s.criterion, s.score, s.max, s.why) for s in r.scores] == [
        ("analysis", 2, 2, "Names whose state it is."),
        ("evidence", 1, 2, "Right but no example."),
        ("strategy", 0, 2, "Not addressed."),  # not graded by the author: 0, and said so
    ]
    assert (r.total, r.max_total) == (3, 6)
    assert r.reply == "So you would refuse the majority the people gave us?"


@pytest.mark.parametrize(
    ("answer", "covered", "words", "missed"),
    [
        # both points, with the words as typed
        ("The ARMY serves the bosses; we need workers' councils.", ["state", "councils"],
         [["ARMY"], ["councils"]], []),
        # one point through a two-word phrase
        ("Parliament is not neutral ground.", ["state"], [["not", "neutral"]], ["councils"]),
        # substrings do not count: 'statement' is not 'state', 'armyworm' not 'army'
        ("A statement about the armyworm.", [], [], ["state", "councils"]),
        # plurals and case folded
        ("SOVIETS, and the Armies", ["state", "councils"], [["Armies"], ["SOVIETS"]], []),
    ],
)
def test_typed(strike: Story, answer: str, covered: list[str], words: list[list[str]], missed: list[str]) -> None:
    r = grade_typed(strike.debates["left_gov"], answer)
    assert r.graded
    assert [p.point for p in r.covered] == covered
    assert [list(p.words) for p in r.covered] == words
    assert [p for p, _ in r.missed] == missed
    assert r.model_answer.startswith("The state's army")
    assert r.score == len(covered) / 2


@pytest.mark.parametrize(
    ("answer", "status", "message"),
    [
        ("", "empty", "Your answer is empty"),
        ("   \n\t", "empty", "Your answer is empty"),
        ("x" * 10_001, "too_long", "10,001 characters long; the limit is 10,000"),
    ],
)
def test_typed_refusals_are_results(strike: Story, answer: str, status: str, message: str) -> None:
    r = grade_typed(strike.debates["left_gov"], answer)
    assert (r.status, r.graded) == (status, False)
    assert message in r.message
    assert r.to_dict()["status"] == status


def test_typed_at_the_limit_is_graded(strike: Story) -> None:
    assert grade_typed(strike.debates["left_gov"], "army " * 2000).graded


def test_typed_reports_phrases_as_typed_never_a_stop_word_alone() -> None:
    # the editor's case: "the" was listed as one of "your words" for the phrase "against the right"
    story = load_story(BUNDLED / "elections_or_councils.yaml")
    answer = ("We vote against the right, but without illusions: the state's army and the judges are not "
              "neutral, and the councils must win the rank and file.")
    r = grade_typed(story.debates["left_government"], answer)
    spans = {p.point: p.spans for p in r.covered}
    assert spans["no_illusions"] == ("vote", "against the right", "without illusions")
    assert spans["ranks"] == ("rank and file",)  # 'rank' for the phrase 'ranks' lies inside it: said once
    assert spans["state"] == ("state", "army", "judges", "not neutral")
    words = {p.point: p.words for p in r.covered}
    assert words["no_illusions"] == ("vote", "without", "illusions", "against", "right")  # the author's order
    assert words["ranks"] == ("rank", "file")


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_bundled_grade_lists_a_stop_word_alone(path: Path) -> None:
    story = load_story(path)
    for debate in story.debates.values():
        if not debate.key_points:
            continue
        # the model answer, and every phrase of every point typed one after another
        phrases = " ".join(ph for kp in debate.key_points.values() for ph in kp.phrases)
        for answer in (debate.model_answer, phrases, f"the {phrases} and the"):
            r = grade_typed(debate, answer)
            for p in r.covered:
                assert p.spans and p.words
                assert not [w for w in (*p.spans, *p.words) if w.casefold() in STOP_WORDS], (debate.id, p.point)
