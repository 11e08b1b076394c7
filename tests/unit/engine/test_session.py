"""A session: the pull API, recording decisions, undo and redo, resuming against a changed story."""

from __future__ import annotations

import re

import pytest
from engine_helpers import STORIES, story_from

from trainer.engine import (
    AnswerDebate,
    AnswerWhy,
    AskChoice,
    AskDebate,
    AskWhy,
    Choose,
    DecisionError,
    Finished,
    Session,
    Stuck,
)
from trainer.story.model import Story


def test_prompts_follow_the_game(strike: Story) -> None:
    s = Session(strike)
    p = s.next_prompt()
    assert isinstance(p, AskDebate) and (p.exchange, p.typed_allowed) == (0, True)
    assert s.answer_debate("state").total == 3  # type: ignore[union-attr]
    p = s.next_prompt()
    assert isinstance(p, AskDebate) and (p.exchange, p.typed_allowed) == (1, False)
    s.answer_debate(None)  # skipped
    assert isinstance(s.next_prompt(), AskChoice)
    s.choose("leaders")
    p = s.next_prompt()
    assert isinstance(p, AskWhy) and p.scene.id == "strike"  # asked after the choice, about its scene
    assert s.answer_why(0).right  # type: ignore[union-attr]
    p = s.next_prompt()
    assert isinstance(p, AskChoice) and p.scene.id == "winter"
    s.choose("bargain")
    assert s.next_prompt() == Finished("coup")
    assert s.finished and s.verdict() is s.verdict()  # cached


def test_a_choice_skips_open_prompts(strike: Story) -> None:
    # the engine is lenient about order: choosing while a debate is open skips it
    s = Session(strike)
    s.choose("councils")
    s.choose("conference")  # the why prompt of 'strike' is skipped
    assert s.state.ending == "dual_power"


def test_typed_answers_only_recorded_when_graded(strike: Story) -> None:
    s = Session(strike)
    assert s.answer_debate_typed("  ").status == "empty"
    assert s.decisions == ()
    r = s.answer_debate_typed("The army is theirs.")
    assert r.graded and s.decisions == (AnswerDebate("left_gov", 0, typed="The army is theirs."),)
    assert [x.status for x in s.debate_results()] == ["graded"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ([Choose("winter", "bargain")], "not in scene 'winter'"),  # wrong scene
        ([Choose("strike", "fly")], "offers no choice 'fly'"),  # no such choice
        ([Choose("strike", "leaders"), Choose("winter", "conference")], "does not hold"),  # locked
        ([AnswerWhy("strike", 0)], "no 'why?' prompt of scene 'strike' is open"),  # too early
        ([Choose("strike", "leaders"), AnswerWhy("strike", 5)], "has no reason 6"),
        ([AnswerDebate("left_gov", 1, "chile")], "exchange 2 of debate 'left_gov' is not the open one"),
        ([AnswerDebate("left_gov", 0, "chile")], "has no rebuttal 'chile'"),
        ([AnswerDebate("other", 0, "x")], "does not play debate 'other'"),
        ([Choose("strike", "emigrate"), Choose("exile", "x")], "the game is over (ending 'exile')"),
    ],
)
def test_decisions_that_do_not_fit(strike: Story, decisions: list, message: str) -> None:
    with pytest.raises(DecisionError, match=re.escape(message)):
        Session(strike, decisions)


def test_a_refused_decision_changes_nothing(strike: Story) -> None:
    s = Session(strike)
    with pytest.raises(DecisionError):
        s.answer_why(0)
    assert s.decisions == () and s.state.scene == "strike"


def test_undo_and_redo(strike: Story) -> None:
    s = Session(strike)
    s.choose("leaders")
    s.answer_why(1)
    s.choose("bargain")
    end = s.state
    s.undo_choice()  # back to before 'bargain'
    assert s.state.scene == "winter" and s.can_redo
    s.undo_to(0)  # back to the start
    assert s.decisions == () and s.state == s.start
    for _ in range(3):
        s.redo()
    assert s.state == end and not s.can_redo


def test_a_new_decision_after_undo_drops_the_redo_line(strike: Story) -> None:
    s = Session(strike, [Choose("strike", "leaders"), Choose("winter", "bargain")])
    s.undo_to(0)
    s.choose("leaders")  # the same as the undone one: the redo line is kept
    assert s.can_redo
    s.undo_to(0)
    s.choose("councils")  # a different one: redo is gone
    assert not s.can_redo
    assert s.redo() is None


def test_on_change_is_called(strike: Story) -> None:
    seen: list[int] = []
    s = Session(strike, on_change=lambda sess: seen.append(len(sess.decisions)))
    s.choose("leaders")
    s.undo()
    s.redo()
    assert seen == [1, 0, 1]


def test_resume_when_the_story_changed(strike: Story) -> None:
    # the author renamed the choice 'bargain': the save replays up to it, and says so
    text = (STORIES / "engine_strike.yaml").read_text(encoding="utf-8").replace("      bargain:", "      negotiate:")
    changed = story_from(text)
    saved = [Choose("strike", "leaders"), AnswerWhy("strike", 0), Choose("winter", "bargain")]
    session, report = Session.resume(changed, saved, digest=strike.digest)
    assert (report.replayed, report.total, report.story_changed, report.complete) == (2, 3, True, False)
    assert report.message == (
        "The story has changed since this game was saved; replayed 2 of 3 decisions. Decision 3 no longer fits: "
        "choose 'bargain' in scene 'winter': scene 'winter' offers no choice 'bargain' (it offers: conference, "
        "negotiate, secret, wait). You continue from there.")
    assert session.state.scene == "winter"


def test_resume_unchanged(strike: Story) -> None:
    _, report = Session.resume(strike, [Choose("strike", "leaders")], digest=strike.digest)
    assert report.complete and not report.story_changed and report.message == ""


def test_stuck_in_a_dead_end() -> None:
    story = story_from("""
format: 1
id: dead
title: t
summary: s
dimensions: {x: {label: X, low: l, high: h}}
scenes:
  a: {title: A, text: t, choices: {go: {label: Go, when: x > 3, locked: Too weak, goto: end}}}
endings: {e: {title: E, text: t}}
""")
    p = Session(story).next_prompt()
    assert isinstance(p, Stuck) and p.options[0].reason == "Too weak — needs x > 3 (you have 0)"


def test_explanations_and_quiz(strike: Story) -> None:
    s = Session(strike)
    s.answer_quiz("pre", "q_state", "a")
    s.answer_quiz("pre", "q_state", "b")  # the latest answer counts
    s.choose("councils")
    assert [e.choice for e in s.explanations()] == ["councils"]
    assert s.quiz_score("pre").correct == 1
    with pytest.raises(DecisionError, match="no option 'z'"):
        s.answer_quiz("post", "q_state", "z")
