"""The deck: which rounds a drill draws from, and the messages when a named story cannot be drilled."""

from __future__ import annotations

from pathlib import Path

import pytest
from drill_helpers import SMALL

from trainer.drill.deck import DeckError, load_deck, resolve_story


def test_a_story_file_gives_its_rounds_in_order() -> None:
    deck = load_deck(str(SMALL))
    assert [r.key for r in deck.rounds] == ["drill_small/left_government", "drill_small/patience"]


def test_a_bundled_story_by_id() -> None:
    deck = load_deck("tutorial")
    assert deck.rounds and all(r.story.id == "tutorial" for r in deck.rounds)


def test_an_own_story_by_id(trainer_home: Path) -> None:
    own = trainer_home / "stories"
    own.mkdir()
    (own / "mine.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve_story("mine") == own / "mine.yaml"


def test_all_stories_skip_a_broken_own_story_with_a_note(trainer_home: Path) -> None:
    own = trainer_home / "stories"
    own.mkdir()
    (own / "broken.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    (own / "drill_small.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    deck = load_deck(None)
    assert "drill_small/patience" in deck.by_key()
    assert "tutorial/wait_for_officer" in deck.by_key()
    assert any("broken.yaml is not a story that loads" in n for n in deck.notes)


def test_unknown_story_is_a_usage_error() -> None:
    with pytest.raises(DeckError) as info:
        load_deck("no_such_story")
    assert info.value.code == 2
    assert "no story file or story id 'no_such_story'" in info.value.message
    assert "tutorial" in info.value.message  # lists what there is


def test_a_broken_named_story_shows_every_error_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nsummary: x\nfoo: 1\n", encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_deck(str(bad))
    assert info.value.code == 1
    assert f"{bad}:5:1: error[E002]" in info.value.message
    assert "run 'trainer check" in info.value.message


def test_a_story_without_debates_cannot_be_drilled() -> None:
    tiny = SMALL.parent / "tiny.yaml"
    with pytest.raises(DeckError, match="has no debate rounds"):
        load_deck(str(tiny))
