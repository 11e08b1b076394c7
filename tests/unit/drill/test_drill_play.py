"""Playing a drill round: answers in order, typed answers only where the key points apply, the round's score."""

from __future__ import annotations

import pytest
from drill_helpers import played, round_of

from trainer.drill.deck import Deck
from trainer.drill.play import RoundPlay


def test_chosen_rebuttals_score_rubric_total_over_maximum(deck: Deck) -> None:
    # exchange 1: state = 2+0 of 4; exchange 2: chile = 2+2 of 4 -> (0.5 + 1.0) / 2
    attempt = played(round_of(deck, "left_government"), "state", "chile")
    assert attempt.score == pytest.approx(0.75)
    assert attempt.criteria() == {"analysis": ("Analysis", 4, 4), "evidence": ("Evidence", 2, 4)}
    assert attempt.points() == {}


def test_a_skipped_exchange_scores_zero(deck: Deck) -> None:
    attempt = played(round_of(deck, "left_government"), "-", "chile")
    assert attempt.answers[0] is None
    assert attempt.score == pytest.approx(0.5)


def test_typed_answer_scores_key_points_covered(deck: Deck) -> None:
    attempt = played(round_of(deck, "left_government"), "t:The army serves capital; remember the coup.", "trust")
    assert attempt.score == pytest.approx((2 / 3 + 0) / 2)
    assert attempt.points() == {"state": ("The state is not neutral", True),
                                "councils": ("Workers need councils of their own", False),
                                "history": ("History shows what the generals do", True)}


def test_typed_answer_only_on_the_first_exchange(deck: Deck) -> None:
    play = RoundPlay(round_of(deck, "left_government"))
    assert play.typed_allowed
    play.choose("state")
    assert not play.typed_allowed
    with pytest.raises(ValueError, match="first exchange"):
        play.type("The army.")


@pytest.mark.parametrize("text", ["", "   \n\t", "x" * 20_000])
def test_ungradable_typed_answer_does_not_use_up_the_exchange(deck: Deck, text: str) -> None:
    play = RoundPlay(round_of(deck, "left_government"))
    result = play.type(text)
    assert not result.graded
    assert play.index == 0 and play.typed_allowed


def test_unknown_rebuttal_is_refused_and_changes_nothing(deck: Deck) -> None:
    play = RoundPlay(round_of(deck, "left_government"))
    with pytest.raises(KeyError):
        play.choose("chile")  # a rebuttal of the second exchange
    assert play.index == 0


def test_an_unfinished_round_has_no_attempt(deck: Deck) -> None:
    play = RoundPlay(round_of(deck, "left_government"))
    play.choose("state")
    with pytest.raises(ValueError, match="not finished"):
        play.attempt()


def test_a_debate_no_scene_holds_is_still_drilled() -> None:
    """The round is attached to the start scene in a private copy; the story itself is not changed."""
    from drill_helpers import SMALL

    from trainer.drill.deck import Round
    from trainer.story import load_story_text

    story = load_story_text(SMALL.read_text(encoding="utf-8").replace("    debate: patience\n", ""), "<loose>")
    assert not any(s.debate == "patience" for s in story.scenes.values())
    play = RoundPlay(Round(story, story.debates["patience"]))
    assert play.typed_allowed and play.index == 0
    play.choose("now")
    play.choose("tired")
    assert play.attempt().score == pytest.approx((3 / 4 + 1 / 4) / 2)
    assert story.scenes[story.start].debate == "left_government"


def test_the_round_is_played_by_an_engine_session(deck: Deck) -> None:
    """So the TUI's debate screen, which drives a session, plays drill rounds unchanged."""
    from trainer.engine.session import AskDebate

    play = RoundPlay(round_of(deck, "patience"))
    prompt = play.session.next_prompt()
    assert isinstance(prompt, AskDebate) and prompt.debate.id == "patience"
    play.session.answer_debate("now")
    play.session.answer_debate(None)  # a skip
    assert play.finished
    assert play.attempt().score == pytest.approx(3 / 4 / 2)
