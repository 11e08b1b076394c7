"""Every bundled story's rounds can be drilled: the round opens on its debate, every exchange can be answered,
and the model answer, typed back, covers every key point (a drill shows it as the answer to aim for)."""

from __future__ import annotations

import pytest

from trainer.drill.deck import Round
from trainer.drill.play import RoundPlay
from trainer.paths import bundled_stories
from trainer.story import load_story

# Read at collection time, so only the bundled folder: the library would also read TRAINER_HOME, which the
# fixtures have not yet pointed at a test folder.
ROUNDS = [Round(story, d) for path in bundled_stories() for story in [load_story(path)] for d in story.debates.values()]


def test_every_bundled_story_gives_rounds() -> None:
    assert len({r.story.id for r in ROUNDS}) >= 3


@pytest.mark.parametrize("rnd", ROUNDS, ids=[r.key for r in ROUNDS])
def test_a_bundled_round_plays_to_the_end(rnd: Round) -> None:
    play = RoundPlay(rnd)
    assert play.typed_allowed, "the first exchange takes a typed answer"
    result = play.type(rnd.debate.model_answer)
    assert result.graded and not result.missed, f"the model answer misses {[p for p, _ in result.missed]}"
    while not play.finished:
        best = max(play.exchange.rebuttals, key=lambda rid: sum(g.score for g in play.exchange.rebuttals[rid].grades))
        play.choose(best)
    assert play.attempt().score > 0.5
