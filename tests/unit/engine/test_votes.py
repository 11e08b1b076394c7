"""Workshop votes as decisions: recorded by the session, saved and resumed with the others, old saves still
loading, ignored by the rules and the counterfactuals, and said in the debrief ("The room voted 12–7–3 for …");
and the debrief's debate scorecard and quiz section in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.engine import AnswerQuiz, AnswerWhy, Choose, DecisionError, Session, build_debrief
from trainer.engine.decisions import Vote, decision_from_dict, decision_to_dict
from trainer.engine.saves import load_save, resume, write_save
from trainer.report import FORMATS, render
from trainer.story.model import Story

ROOM = {"leaders": 3, "councils": 12, "rally": 7}


def voted(strike: Story) -> Session:
    """The councils route, the first choice decided by the room (12–7–3), the second by the facilitator."""
    s = Session(strike)
    s.record_vote(ROOM)
    s.choose("councils")
    s.answer_why(0)
    s.choose("conference")
    return s


@pytest.mark.parametrize(
    "vote",
    [
        Vote("strike", (("councils", 12), ("rally", 7), ("leaders", 3))),
        Vote("strike", (("rally", 0),)),  # a choice nobody voted for is still counted
    ],
)
def test_round_trip(vote: Vote) -> None:
    data = decision_to_dict(vote)
    assert data["kind"] == "vote" and list(data["tallies"]) == [c for c, _ in vote.tallies]  # order kept
    assert decision_from_dict(json.loads(json.dumps(data))) == vote


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "vote", "scene": "strike"}, "'tallies' should be an object"),
        ({"kind": "vote", "scene": "strike", "tallies": [["rally", 1]]}, "'tallies' should be an object"),
        ({"kind": "vote", "scene": "strike", "tallies": {"rally": -1}}, "0 or more"),
        ({"kind": "vote", "scene": "strike", "tallies": {"rally": "3"}}, "whole number"),
        ({"kind": "vote", "scene": "strike", "tallies": {"rally": True}}, "whole number"),  # bool is not int
        ({"kind": "vote", "tallies": {"rally": 1}}, "'scene' should be text"),
    ],
)
def test_malformed(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decision_from_dict(data)


def test_the_session_records_the_vote_before_the_choice(strike: Story) -> None:
    s = voted(strike)
    assert s.decisions[0] == Vote("strike", (("leaders", 3), ("councils", 12), ("rally", 7)))
    assert s.decisions[1] == Choose("strike", "councils")
    assert s.votes() == {1: s.decisions[0]}  # choice 2 had no vote
    assert s.votes()[1].counts == ROOM


def test_votes_are_ignored_by_rules_and_counterfactuals(strike: Story) -> None:
    plain = Session(strike, [Choose("strike", "councils"), AnswerWhy("strike", 0), Choose("winter", "conference")])
    s = voted(strike)
    assert s.state == plain.state and s.played() == plain.played()
    with_votes, without = s.verdict(), plain.verdict()
    assert with_votes is not None and without is not None
    assert with_votes.to_dict() == without.to_dict()  # same ending, trace and counterfactuals
    assert [e.to_dict() for e in s.explanations()] == [e.to_dict() for e in plain.explanations()]


@pytest.mark.parametrize(
    ("before", "tallies", "message"),
    [
        ([], {"conference": 4}, "scene 'strike' has no choice 'conference'"),  # another scene's choice
        ([], {}, "at least one choice"),
        ([], {"rally": -2}, "cannot be negative"),
        ([Choose("strike", "emigrate")], {"rally": 1}, "the game is over"),
    ],
)
def test_votes_that_do_not_fit(strike: Story, before: list, tallies: dict[str, int], message: str) -> None:
    s = Session(strike, before)
    with pytest.raises(DecisionError, match=message):
        s.record_vote(tallies)
    assert s.decisions == tuple(before)  # a refused vote changes nothing
    with pytest.raises(DecisionError, match="not in scene 'strike'"):
        Session(strike, [Choose("strike", "rally"), Vote("strike", (("rally", 1),))])


def test_undo_takes_back_the_vote_with_its_choice_and_redo_brings_both(strike: Story) -> None:
    s = Session(strike)
    s.record_vote(ROOM)
    s.choose("councils")
    s.undo_choice()
    assert s.decisions == () and s.votes() == {}
    s.redo()  # one redo: the vote and the choice it decided
    assert [type(d).__name__ for d in s.decisions] == ["Vote", "Choose"] and s.votes()[1].counts == ROOM


def test_a_later_vote_replaces_an_earlier_one_in_the_same_scene(strike: Story) -> None:
    s = Session(strike)
    s.record_vote({"rally": 5})
    s.record_vote({"rally": 2, "councils": 9})
    s.choose("councils")
    assert s.votes()[1].counts == {"rally": 2, "councils": 9}


def test_votes_are_saved_and_resumed(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    s = voted(strike)
    write_save(path, s)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1  # the format is only extended: a new kind of decision
    assert raw["decisions"][0] == {"kind": "vote", "scene": "strike",
                                   "tallies": {"leaders": 3, "councils": 12, "rally": 7}}
    again, report = resume(strike, load_save(path))
    assert report.complete and again.decisions == s.decisions and again.votes() == s.votes()


def test_an_old_save_without_votes_still_loads(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    old = {  # a save as trainer wrote it before votes were decisions
        "format": "trainer-save", "version": 1, "app": "trainer 0.1.0", "saved_at": "2024-05-01T10:00:00+00:00",
        "story": {"id": strike.id, "digest": strike.digest, "title": strike.title, "path": ""},
        "start": None, "ending": None,
        "decisions": [{"kind": "quiz", "phase": "pre", "question": "q_state", "option": "a"},
                      {"kind": "debate", "debate": "left_gov", "exchange": 0, "rebuttal": "state"},
                      {"kind": "choice", "scene": "strike", "choice": "councils"},
                      {"kind": "why", "scene": "strike", "reason": 0}],
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    session, report = resume(strike, load_save(path))
    assert report.complete and session.state.scene == "winter" and session.votes() == {}
    assert build_debrief(session).entries[0].vote is None


def test_the_debrief_says_how_the_room_voted(strike: Story) -> None:
    d = build_debrief(voted(strike))
    vote = d.entries[0].vote
    assert vote is not None and d.entries[1].vote is None
    assert vote.total == 22 and [c.votes for c in vote.counts] == [12, 7, 3]  # most votes first
    assert vote.sentence == ("The room voted 12–7–3 for “Build councils of action in every workplace” "
                             "(“Call a rally” 7, “Hand the strike to the union leadership” 3).")
    for fmt in FORMATS:
        assert "The room voted 12–7–3 for" in render(d, fmt), fmt


def test_a_choice_the_room_did_not_prefer_is_said_so(strike: Story) -> None:
    s = Session(strike, [Vote("strike", (("rally", 7), ("councils", 7)))])
    s.choose("councils")
    vote = build_debrief(s).entries[0].vote
    assert vote is not None
    assert vote.sentence == ("The room voted 7–7 (“Call a rally” 7); the game took “Build councils of action in "
                             "every workplace” with 7 votes.")


GAME = [
    AnswerQuiz("pre", "q_state", "a"),  # wrong
    AnswerQuiz("pre", "q_councils", "b"),  # right
    Choose("strike", "councils"),
    Choose("winter", "conference"),
    AnswerQuiz("post", "q_state", "b"),
    AnswerQuiz("post", "q_councils", "b"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_the_quiz_and_the_scorecard(strike: Story, fmt: str) -> None:
    from trainer.engine import AnswerDebate

    game = [*GAME[:2], AnswerDebate("left_gov", 0, "state"), AnswerDebate("left_gov", 1, "chile"), *GAME[2:]]
    out = render(build_debrief(Session(strike, game)), fmt)
    facts = ["Is the state neutral?", "What are councils for?", "Normalised gain: 1.00", "Is a left government enough?",
             "Analysis"]
    if fmt == "json":
        facts += ['"transfer": true', '"correct": 1', '"correct": 2', '"max_total": 6']
    else:
        facts += ["new situation", "1 of 2 right", "2 of 2 right", "3/6"]
    for fact in facts:
        assert fact in out, (fmt, fact)


def test_the_scorecard_and_quiz_as_data(strike: Story) -> None:
    from trainer.engine import AnswerDebate

    game = [AnswerDebate("left_gov", 0, "state"), AnswerDebate("left_gov", 1, "chile")]
    d = build_debrief(Session(strike, game))
    assert [c[0] for c in d.criteria] == ["analysis", "evidence", "strategy"]
    first, second = d.scorecard
    assert first.scores == (("analysis", 2, 2), ("evidence", 1, 2), ("strategy", 0, 2)) and first.total == 3
    assert (second.exchange, second.total, second.max_total) == (2, 2, 6)
    data = json.loads(render(d, "json"))
    assert data["scorecard"]["rows"][0]["scores"][0] == {"criterion": "analysis", "score": 2, "max": 2}
    assert data["quiz"]["questions"] == 2 and data["quiz"]["gain_text"] == "The quiz was not taken."


@pytest.mark.parametrize(
    ("pre", "post", "said"),
    [
        (["b", "b"], ["b", "b"], "not defined (full marks before playing"),  # nothing left to gain
        ([], ["b", "b"], "not measured (the quiz was not taken before playing)"),
        (["a", "a"], [], "not measured yet"),
        (["a", "a"], ["b", "a"], "Normalised gain: 0.50"),
    ],
)
def test_the_gain_is_said_or_why_not(strike: Story, pre: list[str], post: list[str], said: str) -> None:
    game = [AnswerQuiz("pre", q, o) for q, o in zip(("q_state", "q_councils"), pre, strict=False)]
    game += [Choose("strike", "emigrate")]
    game += [AnswerQuiz("post", q, o) for q, o in zip(("q_state", "q_councils"), post, strict=False)]
    d = build_debrief(Session(strike, game))
    assert said in d.gain_text
    for fmt in FORMATS:
        assert said in render(d, fmt).replace("\n", " ").replace("  ", " "), fmt
