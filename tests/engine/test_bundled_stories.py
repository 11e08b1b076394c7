"""Every bundled story that loads can be played through ``--plain`` from piped input to an ending."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_cli import ROOT, run_trainer, script_to_an_ending

from trainer.story import StoryError, load_story

BUNDLED = sorted((ROOT / "stories").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_plays_to_an_ending(path: Path, tmp_path: Path) -> None:
    try:
        story = load_story(path)
    except StoryError:
        pytest.skip(f"{path.name} does not load yet (trainer check reports why)")
    script, session = script_to_an_ending(story)
    assert session.finished, "the scripted player found no way to an ending"
    r = run_trainer(["play", str(path), "--plain"], tmp_path, script, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    verdict = session.verdict()
    assert verdict is not None
    out = r.stdout
    assert f"ENDING  {verdict.title}" in out
    assert out.count("You chose: ") == len(session.played())
    assert "What changed" in out and "Next: " in out
    ending = out[out.index(f"ENDING  {verdict.title}"):out.index("Endings found")]
    # the verdict fits 80 columns; only a reference's URL longer than a line is kept whole
    assert all(len(line) <= 80 or line.strip().startswith("<http") for line in ending.splitlines())
    flat = " ".join(ending.split())
    if verdict.rule is not None and verdict.rule.condition is not None:
        assert "Decided by: " in ending
    if verdict.counterfactuals:
        assert "What a different decision would have done:" in out
        for c in verdict.counterfactuals:
            assert " ".join(c.sentence.split()) in flat
            assert len(c.named) <= 2 and len(c.sentence.split()) <= 100, c.sentence
