"""`trainer test`: golden paths replayed through the engine — each kind of failure, the output lines, the
closing count, exit statuses and the JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer.author.golden import GoldenResult, run_golden_paths
from trainer.cli import main
from trainer.story import load_story

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "stories" / "author_golden.yaml"
COMPLETE = ROOT / "tests" / "stories" / "author_complete.yaml"
UNREACHABLE = ROOT / "tests" / "stories" / "author_unreachable.yaml"  # has no golden paths


def _results() -> dict[str, GoldenResult]:
    return {r.name: r for r in run_golden_paths(load_story(GOLDEN))}


@pytest.mark.parametrize(("name", "kind", "reason", "line"), [
    # a choice id that exists, but in another scene
    ("not_offered", "not_offered",
     "step 2 ('flee'): scene 'winter' offers no choice 'flee' (it offers: conference, rest)", 63),
    # offered but its condition fails: the author's locked text, then the unmet term with the value
    ("locked", "locked", "step 2 ('conference'): choice 'conference' in scene 'winter' is locked: "
     "The committees are too weak yet — needs org >= 3 (you have 2)", 66),
    # the game ended on a direct goto with a choice still to play
    ("over", "over", "step 2 ('rest'): the game is already over, at ending 'exile' after 1 choice; "
     "1 choice left unplayed", 69),
    # choices run out in a scene
    ("unfinished", "unfinished",
     "the choices run out in scene 'winter' after 1 choice, before any ending (expected 'stalemate')", 71),
    ("wrong_ending", "wrong_ending", "reached ending 'stalemate', expected 'victory'", 74),
    ("value", "value", "reached 'victory' as expected, but org: expected 5, got 4", 77),
    # goto: end with org 2, which no ending rule covers (the story has no default ending)
    ("no_ending", "no_ending",
     "step 2 ('rest'): choice 'rest' in scene 'winter' goes to end, but no ending rule holds", 82),
])
def test_each_failure_kind_is_reported_with_its_reason_and_place(name: str, kind: str, reason: str,
                                                                 line: int) -> None:
    result = _results()[name]
    assert not result.passed
    assert result.kind == kind
    assert result.reason == reason
    assert result.pos.line == line


def test_a_passing_path() -> None:
    result = _results()["passes"]
    assert result.passed and result.ending == "victory" and result.steps == 2
    assert result.reason == ""


def test_command_prints_a_line_per_path_and_the_closing_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(GOLDEN)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"PASS  {GOLDEN}  passes: reached victory in 2 choices"
    assert lines[1].startswith(f"FAIL  {GOLDEN}:63:25  not_offered: step 2 ('flee')")
    assert sum(line.startswith("FAIL  ") for line in lines) == 7
    assert lines[-1] == "1 passed, 7 failed"


def test_command_all_passing_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(COMPLETE), str(UNREACHABLE)]) == 0
    out = capsys.readouterr().out
    assert f"{UNREACHABLE}: no golden paths" in out
    assert out.splitlines()[-1] == "2 passed, 0 failed"


def test_junit_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "junit.xml"
    assert main(["test", str(COMPLETE), str(GOLDEN), "--junit", str(report)]) == 1
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("10", "7", "0")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"author_complete", "author_golden"}
    cases = {c.get("name"): c for c in suites["author_golden"].iter("testcase")}
    assert cases["passes"].find("failure") is None
    failure = cases["locked"].find("failure")
    assert failure is not None and failure.get("type") == "locked"
    assert "needs org >= 3 (you have 2)" in (failure.get("message") or "")
    assert cases["locked"].get("file") == str(GOLDEN) and cases["locked"].get("line") == "66"


def test_a_story_that_does_not_load_fails_and_is_a_junit_error(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\n")
    report = tmp_path / "junit.xml"
    assert main(["test", str(bad), str(COMPLETE), "--junit", str(report)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:" in captured.err and "error[E004]" in captured.err
    assert f"FAIL  {bad}: the story does not load" in captured.out
    assert captured.out.splitlines()[-1] == "2 passed, 1 failed"
    root = ET.parse(report).getroot()
    assert root.get("errors") == "1"
    error = next(root.iter("error"))
    assert "E004" in (error.text or "")


def test_story_text_cannot_break_the_junit_xml(tmp_path: Path) -> None:
    text = GOLDEN.read_text().replace("The committees are too weak yet", "<b>&amp; \"too\" ]]> weak</b>")
    story = tmp_path / "hostile.yaml"
    story.write_text(text)
    report = tmp_path / "junit.xml"
    main(["test", str(story), "--junit", str(report)])
    failure = next(c for c in ET.parse(report).getroot().iter("testcase") if c.get("name") == "locked")
    assert '<b>&amp; "too" ]]> weak</b>' in (failure.find("failure").get("message") or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("argv", [
    ["test", "/no/such/story.yaml"],  # cannot open
    ["test"],  # nothing to test
])
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2


def test_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(tmp_path)]) == 2
    assert "no story files found" in capsys.readouterr().err
