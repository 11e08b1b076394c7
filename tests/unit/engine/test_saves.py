"""Saves: round trip, atomic writes with a .bak, and a clear refusal for anything unusable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trainer.engine import AnswerWhy, Choose, Session, start_state
from trainer.engine.atomic import clean_stray_temp, write_atomic
from trainer.engine.home import autosave_path
from trainer.engine.saves import SAVE_VERSION, Autosave, SaveError, last_save, load_save, resume, write_save
from trainer.story.model import Story


def played(strike: Story) -> Session:
    return Session(strike, [Choose("strike", "leaders"), AnswerWhy("strike", 0)])


def test_round_trip(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    s = played(strike)
    write_save(path, s)
    data = load_save(path)
    assert (data.story_id, data.story_digest, data.decisions) == (strike.id, strike.digest, s.decisions)
    again, report = resume(strike, data)
    assert again.state == s.state and report.complete and not report.story_changed
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert (raw["format"], raw["version"]) == ("trainer-save", SAVE_VERSION)


def test_warp_start_is_saved(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    s = Session(strike, start=start_state(strike, scene="winter", values={"organisation": 7}))
    write_save(path, s)
    again, _ = resume(strike, load_save(path))
    assert again.start == s.start


def test_previous_save_kept_as_bak(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    s = Session(strike)
    s.choose("leaders")
    write_save(path, s)
    first = path.read_bytes()
    s.choose("bargain")
    write_save(path, s)
    assert (tmp_path / "g.json.bak").read_bytes() == first
    assert load_save(path).ending == "coup"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


BAD = [
    # (what the file holds, what the message says)
    (b"", "it is empty"),
    (b'{"format": "trainer-save", "version": 1, "story": {"id": "engine_str', "not valid JSON (truncated or corrupt"),
    (b"\xff\xfe\x00garbage", "not text (not UTF-8)"),
    (b'{"name": "some other program"}', "not a trainer save"),
    (b"[1, 2, 3]", "not a trainer save"),
    (b'{"format": "trainer-save", "version": 99, "story": {"id": "x"}, "decisions": []}',
     "written by a newer trainer (save version 99; this trainer reads up to 1)"),
    (b'{"format": "trainer-save", "version": 1, "decisions": []}', "does not say which story"),
    (b'{"format": "trainer-save", "version": 1, "story": {"id": "x"}, "decisions": [{"kind": "fly"}]}',
     "decision 1 is malformed: unknown decision kind 'fly'"),
]


@pytest.mark.parametrize(("content", "problem"), BAD)
def test_unusable_saves_are_refused_and_kept(strike: Story, tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(content)
    with pytest.raises(SaveError) as err:
        load_save(path)
    assert problem in err.value.message
    assert str(path) in err.value.message
    assert err.value.backup is None
    with pytest.raises(SaveError):
        write_save(path, played(strike))  # an autosave must not destroy it
    assert path.read_bytes() == content
    assert not (tmp_path / "g.json.bak").exists()


def test_a_good_bak_is_offered(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_save(path, played(strike))
    write_save(path, played(strike))  # now g.json.bak exists and is good
    path.write_bytes(path.read_bytes()[:40])  # truncated, as by a failing disk
    with pytest.raises(SaveError) as err:
        load_save(path)
    assert err.value.backup == tmp_path / "g.json.bak"
    assert "The previous save" in err.value.message and "g.json.bak is intact" in err.value.message
    assert load_save(err.value.backup).story_id == strike.id


def test_foreign_story(strike: Story, loop: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_save(path, played(strike))
    with pytest.raises(SaveError, match="it is a game of story 'engine_strike', not 'engine_loop'"):
        resume(loop, load_save(path))
    with pytest.raises(SaveError, match="another story"):
        write_save(path, Session(loop))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such file"):
        load_save(tmp_path / "none.json")


def test_autosave_reports_instead_of_raising(strike: Story, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text("not json", encoding="utf-8")
    errors: list[Exception] = []
    s = Session(strike, on_change=Autosave(path, on_error=errors.append))
    s.choose("leaders")  # the game goes on
    assert len(errors) == 1 and isinstance(errors[0], SaveError)
    assert path.read_text(encoding="utf-8") == "not json"


def test_autosave_path_is_in_trainer_home(trainer_home: Path) -> None:
    assert autosave_path("x") == trainer_home / "saves" / "x.json"


def test_last_save(strike: Story, tmp_path: Path) -> None:
    assert last_save(tmp_path) is None
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_save(a, played(strike))
    write_save(b, played(strike))
    os.utime(a, (1, 1))
    assert last_save(tmp_path) == b


def test_stray_temp_files_are_cleaned(tmp_path: Path) -> None:
    dead = tmp_path / ".g.json.999999999.abcd1234.tmp"  # no such process
    mine = tmp_path / f".g.json.{os.getpid()}.abcd1234.tmp"  # being written by this process
    old = tmp_path / f".g.json.{os.getpid()}.00000000.tmp"  # ours but stale: left from a pid reused
    other = tmp_path / "notes.tmp"  # not ours: never touched
    for p in (dead, mine, old, other):
        p.write_text("x", encoding="utf-8")
    os.utime(old, (1, 1))
    assert sorted(clean_stray_temp(tmp_path)) == sorted([dead, old])
    assert mine.exists() and other.exists()


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
