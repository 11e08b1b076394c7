"""The drill progress store: round trips, merges, and a corrupt file that is kept, named and never overwritten."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from drill_helpers import NOW, played, round_of

from trainer.drill.deck import Deck
from trainer.drill.store import DrillStoreError, drill_path, load_drill, record_attempt


def test_no_file_yet_is_empty_progress(tmp_path: Path) -> None:
    assert dict(load_drill(tmp_path / "drill.json").rounds) == {}


def test_the_store_lives_in_trainer_home(trainer_home: Path) -> None:
    assert drill_path() == trainer_home / "drill.json"


def test_record_and_read_back(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    rnd = round_of(deck, "left_government")
    record = record_attempt(rnd, played(rnd, "t:The army and Chile.", "trust"), NOW, path)
    assert record.box == 1 and record.due == NOW  # (2/3 + 0) / 2 = 0.33: back to box 1, due at once
    again = load_drill(path).rounds[rnd.key]
    assert again == record
    assert again.points["councils"].missed == 1 and again.points["state"].missed == 0
    assert again.criteria["analysis"].score == 0 and again.criteria["analysis"].max == 2
    assert again.title == "Is a left government enough?"


def test_totals_accumulate_and_the_box_moves(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    rnd = round_of(deck, "left_government")
    later = NOW + timedelta(days=1)
    first = record_attempt(rnd, played(rnd, "t:Build councils.", "chile"), NOW, path)  # (1/3 + 1) / 2
    second = record_attempt(rnd, played(rnd, "state", "chile"), later, path)  # (2/4 + 4/4) / 2
    third = record_attempt(rnd, played(rnd, "state", "chile"), later, path)
    assert [r.box for r in (first, second, third)] == [1, 2, 3]  # 0.67 stays, 0.75 moves up, and again
    assert third.attempts == 3 and third.last == later
    assert third.scores == pytest.approx((2 / 3, 0.75, 0.75))
    assert (third.criteria["evidence"].score, third.criteria["evidence"].max) == (2 + 2 + 2, 2 + 4 + 4)
    assert (third.points["councils"].missed, third.points["state"].missed, third.points["state"].asked) == (0, 1, 1)


def test_two_rounds_are_kept_side_by_side(deck: Deck, tmp_path: Path) -> None:
    """Each write re-reads the file, so a second round (or a second terminal) does not erase the first."""
    path = tmp_path / "drill.json"
    a, b = round_of(deck, "left_government"), round_of(deck, "patience")
    record_attempt(a, played(a, "state", "chile"), NOW, path)
    record_attempt(b, played(b, "now", "tired"), NOW, path)
    assert set(load_drill(path).rounds) == {a.key, b.key}


CORRUPT = [
    (b"", "it is empty"),
    (b'{"format": "trainer-drill", "version": 1, "rounds": {', "not valid JSON (truncated or corrupt at line 1"),
    (b"\xff\xfe garbage", "not text"),
    (b'{"format": "trainer-save", "version": 1}', "not a drill progress file"),
    (b'{"format": "trainer-drill", "version": 99, "rounds": {}}', "newer trainer"),
    (b'{"format": "trainer-drill", "version": 1}', "list of rounds is missing"),
    (b'{"format": "trainer-drill", "version": 1, "rounds": {"a/b": {"box": 9}}}',
     "rounds['a/b'].box should be a whole number from 1 to 5, not 9"),
    (b'{"format": "trainer-drill", "version": 1, "rounds": {"a/b": {"box": 1, "due": "soon"}}}',
     "rounds['a/b'].due should be a date and time"),
]


@pytest.mark.parametrize(("content", "problem"), CORRUPT)
def test_corrupt_file_gives_a_clear_message(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "drill.json"
    path.write_bytes(content)
    with pytest.raises(DrillStoreError) as info:
        load_drill(path)
    assert problem in info.value.message
    assert str(path) in info.value.message
    assert "left as it is" in info.value.message


@pytest.mark.parametrize(("content", "problem"), CORRUPT[:3])
def test_corrupt_file_is_never_overwritten(deck: Deck, tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "drill.json"
    path.write_bytes(content)
    rnd = round_of(deck, "patience")
    with pytest.raises(DrillStoreError):
        record_attempt(rnd, played(rnd, "now", "tired"), NOW, path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drill.json"]  # no temp file, no backup, no rename


def test_the_error_offers_a_good_backup(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    rnd = round_of(deck, "patience")
    record_attempt(rnd, played(rnd, "now", "tired"), NOW, path)
    record_attempt(rnd, played(rnd, "now", "tired"), NOW, path)  # the first version is now drill.json.bak
    path.write_text('{"format": "trainer-drill", "ver', encoding="utf-8")
    with pytest.raises(DrillStoreError) as info:
        load_drill(path)
    bak = tmp_path / "drill.json.bak"
    assert info.value.backup == bak
    assert f"the previous version {bak} is intact" in info.value.message
    assert json.loads(bak.read_text(encoding="utf-8"))["rounds"][rnd.key]["attempts"] == 1


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    path = tmp_path / "drill.json"
    path.mkdir()
    with pytest.raises(DrillStoreError, match="it is a folder"):
        load_drill(path)
