"""Properties over random games (hypothesis): replay is deterministic, undo/redo restores, counterfactuals
replay to the endings they claim, saves round-trip, and every debrief is plain JSON data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_helpers import STORIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.engine import AskChoice, AskDebate, AskWhy, Session, build_debrief, replay_choices
from trainer.engine.saves import load_save, resume, write_save
from trainer.story import load_story

STORY_FILES = ["engine_strike.yaml", "engine_loop.yaml"]
_CACHE: dict[str, object] = {}


def story(name: str):
    if name not in _CACHE:
        _CACHE[name] = load_story(STORIES / name)
    return _CACHE[name]


def play(name: str, picks: list[int]) -> Session:
    """A game driven by ``picks``: each answers the next prompt (a pick past the options skips it)."""
    s = Session(story(name))  # type: ignore[arg-type]
    for pick in picks:
        p = s.next_prompt()
        if isinstance(p, AskDebate):
            rebuttals = list(p.debate.exchanges[p.exchange].rebuttals)
            s.answer_debate(rebuttals[pick] if pick < len(rebuttals) else None)
        elif isinstance(p, AskWhy):
            s.answer_why(pick if pick < len(p.prompt.reasons) else None)
        elif isinstance(p, AskChoice):
            enabled = [o for o in p.options if o.enabled]
            s.choose(enabled[pick % len(enabled)].id)
        else:
            break
    return s


games = st.tuples(st.sampled_from(STORY_FILES), st.lists(st.integers(0, 5), max_size=14))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(games)
def test_replaying_twice_gives_equal_states(game: tuple[str, list[int]]) -> None:
    s = play(*game)
    a = Session(s.story, s.decisions)
    b = Session(s.story, s.decisions)
    assert a.state == b.state == s.state
    assert [a.frame(i) for i in range(len(a.decisions) + 1)] == [s.frame(i) for i in range(len(s.decisions) + 1)]


@SETTINGS
@given(games, st.integers(0, 20))
def test_undo_then_redo_restores(game: tuple[str, list[int]], back: int) -> None:
    s = play(*game)
    state, decisions = s.state, s.decisions
    k = max(0, len(decisions) - back)
    s.undo_to(k)
    assert s.decisions == decisions[:k]
    while s.can_redo:
        s.redo()
    assert s.state == state and s.decisions == decisions


@SETTINGS
@given(games)
def test_every_counterfactual_replays_to_its_ending(game: tuple[str, list[int]]) -> None:
    s = play(*game)
    verdict = s.verdict()
    if verdict is None:
        return
    for c in verdict.counterfactuals:
        final = replay_choices(s.story, [choice for _, choice in c.route], s.start)[-1]
        assert final.ending == c.ending != verdict.ending
        assert c.cost == len(c.changes)


@SETTINGS
@given(games)
def test_saves_round_trip(tmp_path_factory: pytest.TempPathFactory, game: tuple[str, list[int]]) -> None:
    s = play(*game)
    path: Path = tmp_path_factory.mktemp("save") / "g.json"
    write_save(path, s)
    again, report = resume(s.story, load_save(path))
    assert report.complete and again.decisions == s.decisions and again.state == s.state


@SETTINGS
@given(games)
def test_debrief_is_json(game: tuple[str, list[int]]) -> None:
    json.dumps(build_debrief(play(*game)).to_dict())
