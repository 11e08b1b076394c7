"""`trainer debate --plain` end to end: input piped to ``python -m trainer``, as a player or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from drill_helpers import ROOT, SMALL


def trainer(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINER_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "trainer", *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env, encoding="utf-8")


def test_a_whole_drill(trainer_home: Path) -> None:
    answers = "\n".join([
        "t", "The ARMIES and the État police; remember Pinochet.",  # round 1, argument 1: typed, 2 of 3 points
        "1",                                                       # round 1, argument 2: full marks
        "2", "x", "2",                                             # round 2: bad answers (and one bad input)
        "1", "1",                                                  # round 2 again, at the end: good answers
    ]) + "\n"
    proc = trainer("debate", str(SMALL), "--plain", stdin=answers, home=trainer_home)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    # the opponent and the claim, numbered rebuttals and the typed option
    assert "ROUND 1 of 2  Is a left government enough?  (Drill small; new)" in out
    assert "Your opponent: Ana Ruiz — Reformist, Left MP. Twenty years in the party." in out
    assert "We have a majority. The law is on our side." in out
    assert "1. The army answers to capital, not to parliament." in out
    assert "t. Type your own answer (graded against 3 key points)" in out
    # the typed answer: covered with the words that matched, missed, the model answer
    assert "You covered 2 of 3 key points." in out
    assert 'Covered: The state is not neutral (your words: "ARMIES", "État", "police")' in out
    assert 'Covered: History shows what the generals do (your words: "Pinochet")' in out
    assert "Missed: Workers need councils of their own" in out
    assert "The army answers to capital; build councils; remember Chile 1973." in out
    # a chosen rebuttal: grades with reasons, then the counter-reply
    assert "Analysis 2/2: The oath binds nobody." in out
    assert "They reply:\n  That was Chile." in out
    assert "Round score: 83%. This round is now in box 2 of 5: back in 1 day" in out
    # a bad round comes back at the end of the drill; bad input is answered, not a crash
    assert "'x' is not an answer here: type a number from 1 to 2, s or q." in out
    assert "Round score: 0%. This round is now in box 1 of 5: due again at your next drill." in out
    assert "You will meet this round again before the drill ends." in out
    assert "ROUND 3 of 3  Wait for better times?  (Drill small; again)" in out
    assert "Drilled 3 rounds." in out
    # story text reaches the terminal without escape sequences or bidi overrides
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    # the progress was saved
    data = json.loads((trainer_home / "drill.json").read_text(encoding="utf-8"))
    rounds = data["rounds"]
    assert rounds["drill_small/left_government"]["box"] == 2
    assert rounds["drill_small/patience"]["attempts"] == 2
    assert rounds["drill_small/left_government"]["points"]["councils"] == {
        "text": "Workers need councils of their own", "missed": 1, "asked": 1}


def test_end_of_input_mid_round_saves_finished_rounds_and_exits_0(trainer_home: Path) -> None:
    proc = trainer("debate", str(SMALL), "--plain", stdin="1\n1\n1\n", home=trainer_home)
    assert proc.returncode == 0, proc.stderr
    assert "End of input. The round you were in is not counted." in proc.stdout
    assert "Drilled 1 round." in proc.stdout
    rounds = json.loads((trainer_home / "drill.json").read_text(encoding="utf-8"))["rounds"]
    assert list(rounds) == ["drill_small/left_government"]


def test_q_stops(trainer_home: Path) -> None:
    proc = trainer("debate", str(SMALL), "--plain", stdin="q\n", home=trainer_home)
    assert proc.returncode == 0
    assert "Stopped. The round you were in is not counted." in proc.stdout
    assert not (trainer_home / "drill.json").exists()


@pytest.mark.parametrize(("typed", "says"), [
    ("", "Your answer is empty"),
    ("word " * 4_000, "Your answer is 20,000 characters long; the limit is 10,000."),
])
def test_empty_or_huge_typed_answer_gets_a_message_and_a_second_chance(trainer_home: Path, typed: str,
                                                                       says: str) -> None:
    proc = trainer("debate", str(SMALL), "--plain", "--limit", "1", stdin=f"t\n{typed}\nt\nThe army.\n1\n",
                   home=trainer_home)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert says in proc.stdout
    assert "You covered 1 of 3 key points." in proc.stdout
    assert "Drilled 1 round." in proc.stdout


def test_without_a_terminal_the_drill_is_plain(trainer_home: Path) -> None:
    proc = trainer("debate", str(SMALL), stdin="", home=trainer_home)
    assert proc.returncode == 0
    assert "DEBATE DRILL: 2 rounds (2 new)." in proc.stdout


def test_progress_after_a_drill(trainer_home: Path) -> None:
    answers = "t\nBuild councils!\n2\n2\n2\n"
    trainer("debate", str(SMALL), "--plain", stdin=answers, home=trainer_home)
    trainer("debate", str(SMALL), "--plain", stdin=answers, home=trainer_home)  # box 1: due again at once
    proc = trainer("debate", "--progress", home=trainer_home)
    assert proc.returncode == 0, proc.stderr
    assert "DRILL PROGRESS  2 rounds drilled (2 in box 1)." in proc.stdout
    assert 'The state is not neutral: missed 2 of 2, in "Is a left government enough?"' in proc.stdout
    assert "Evidence: 0 of 12 (0%)" in proc.stdout  # 2 + 4 per drill, twice


def test_progress_with_nothing_yet(trainer_home: Path) -> None:
    proc = trainer("debate", "--progress", home=trainer_home)
    assert proc.returncode == 0
    assert "No drill progress yet" in proc.stdout


@pytest.mark.parametrize("args", [("debate", str(SMALL), "--plain"), ("debate", "--progress")])
def test_a_corrupt_progress_file_is_named_and_kept(trainer_home: Path, args: tuple[str, ...]) -> None:
    path = trainer_home / "drill.json"
    path.write_bytes(b'{"format": "trainer-drill", "version": 1, "rou')
    proc = trainer(*args, stdin="1\n1\n", home=trainer_home)
    assert proc.returncode == 1
    assert f"trainer: cannot use your drill progress {path}: it is not valid JSON" in proc.stderr
    assert "It has been left as it is" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.read_bytes() == b'{"format": "trainer-drill", "version": 1, "rou'
    assert sorted(p.name for p in trainer_home.iterdir()) == ["drill.json"]


def test_unknown_story(trainer_home: Path) -> None:
    proc = trainer("debate", "no_such_story", "--plain", home=trainer_home)
    assert proc.returncode == 2
    assert "trainer: no story file or story id 'no_such_story'" in proc.stderr


def test_the_plain_drill_never_imports_textual(trainer_home: Path) -> None:
    code = ("import io, sys\nsys.stdin = io.StringIO('1\\n1\\n')\nfrom trainer.cli import main\n"
            f"main(['debate', {str(SMALL)!r}, '--plain'])\nmain(['debate', '--progress'])\n"
            "print('LEAKS', sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    env = {**os.environ, "TRAINER_HOME": str(trainer_home)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    assert "LEAKS []" in proc.stdout
