"""The bundled stories meet the content bar of the product, and their docs agree with them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.story import load_story
from trainer.story.analysis import stats, warnings

ROOT = Path(__file__).resolve().parents[2]
STORIES = sorted((ROOT / "stories").glob("*.yaml"))
MAIN_STORIES = [p for p in STORIES if p.stem != "tutorial"]
EXPECTED = {"tutorial", "elections_or_councils", "islands_or_power", "organise_the_oppressed", "dual_power",
            "morning_after", "permanent_or_isolated"}


def test_all_seven_stories_are_bundled() -> None:
    assert {p.stem for p in STORIES} == EXPECTED


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_story_is_clean_under_strict_check(path: Path) -> None:
    story = load_story(path)
    assert story.id == path.stem
    assert warnings(story) == []


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_story_has_two_debate_rounds_and_a_quiz_of_six(path: Path) -> None:
    """Issue 6: every bundled story, the tutorial included, has at least two debate rounds, each played from a
    scene, and a quiz of at least six questions with at least one on a new situation."""
    story = load_story(path)
    assert len(story.debates) >= 2, f"{len(story.debates)} debate round(s)"
    assert all(2 <= len(d.exchanges) <= 3 for d in story.debates.values())
    played = {sc.debate for sc in story.scenes.values() if sc.debate}
    assert set(story.debates) <= played, f"never played: {sorted(set(story.debates) - played)}"
    assert len(story.quiz) >= 6, f"{len(story.quiz)} quiz question(s)"
    assert any(q.transfer for q in story.quiz.values())


@pytest.mark.parametrize("path", MAIN_STORIES, ids=[p.stem for p in MAIN_STORIES])
def test_story_meets_the_content_bar(path: Path) -> None:
    story = load_story(path)
    s = stats(story)
    decision_scenes = [sc for sc in story.scenes.values() if sc.choices]
    assert len(decision_scenes) >= 12
    assert 3 <= len(story.endings) <= 5
    assert 2 <= len(story.debates) <= 3
    assert all(2 <= len(d.exchanges) <= 3 for d in story.debates.values())
    assert sum(sc.why is not None for sc in story.scenes.values()) >= 2
    assert len(story.references) >= 4
    assert sum(bool(sc.discuss) for sc in story.scenes.values()) >= 4
    assert s.words >= 4000
    assert len(story.quiz) >= 6
    assert sum(q.transfer for q in story.quiz.values()) >= 2
    assert len(story.tests) >= 2
    assert 20 <= story.minutes <= 40
    for scene in story.scenes.values():
        for choice in scene.choices.values():
            assert choice.explain.strip(), f"{scene.id}.{choice.id} has no explanation"
            assert all(e.why.strip() for e in choice.effects), f"{scene.id}.{choice.id} has an effect with no reason"


def test_history_doc_is_generated_from_the_stories() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "make_history.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def _coverage_rows() -> list[tuple[str, str, str, str]]:
    text = (ROOT / "docs" / "seed-coverage.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (C\d+) \| (.+?) \| (.+?) \| (.+?) \|$", text, re.M)
    return [(c, claim, scenes, debates) for c, claim, scenes, debates in rows]


def _refs(cell: str) -> list[tuple[str, str]]:
    """`story.id` references in a cell (written as `story_id.scene_id`)."""
    return re.findall(r"`([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)`", cell)


def test_seed_coverage_names_only_real_scenes_and_rounds() -> None:
    rows = _coverage_rows()
    assert [r[0] for r in rows] == [f"C{i}" for i in range(1, 16)]
    stories = {p.stem: load_story(p) for p in STORIES}
    for claim, _, scenes, debates in rows:
        scene_refs, debate_refs = _refs(scenes), _refs(debates)
        assert scene_refs or debate_refs, f"{claim} is taught by nothing"
        for story_id, scene_id in scene_refs:
            assert scene_id in stories[story_id].scenes, f"{claim}: no scene {story_id}.{scene_id}"
        for story_id, debate_id in debate_refs:
            assert debate_id in stories[story_id].debates, f"{claim}: no debate {story_id}.{debate_id}"
