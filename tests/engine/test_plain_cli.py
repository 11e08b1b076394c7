"""``trainer play --plain`` end to end: piped input, explanations and the verdict in the output, saves."""

from __future__ import annotations

import json
from pathlib import Path

from engine_cli import STORIES, run_trainer

STRIKE = str(STORIES / "engine_strike.yaml")
# debate: rebuttal 1, then skip; choose 1 (leaders); why: reason 2; a bad answer, a locked one, then 2 (bargain)
GAME = "1\ns\n1\n2\nnonsense\n1\n2\n"


def test_plays_to_an_ending_with_explanations(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, GAME)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    # the scene, as plain text (Markdown emphasis removed) and the debate grade with the counter-reply
    assert "== The general strike ==" in out and "The ports are shut. The union leaders want to negotiate." in out
    assert "Analysis 2/2: Names whose state it is." in out and "So you would refuse the majority" in out
    # the explanation after a choice: effects with reasons, the story's logic, the roads not taken
    assert "Organisation 3 → 1 (-2): The committees stop meeting." in out
    assert '"Give up and emigrate": no change → ending: Exile' in out
    # the why prompt graded
    assert "Not quite: They are personally dishonest." in out
    # bad input re-asked with a clear message; a locked choice refused with its reason
    assert "'nonsense' is not one of the choices: type a number from 1 to 3." in out
    assert ("That choice is not available: The committees are too weak yet — needs organisation >= 4 "
            "(you have 1).") in out
    # the clamp said
    assert "[held at its maximum 5: +3 asked, +1 applied]" in out
    # the verdict with its causal trace and counterfactuals
    assert "ENDING  The coup  (rule 2 of 4: organisation < 5 and not councils)" in out
    assert "Decided by: organisation 1 (needed less than 5); councils is not set." in out
    assert '-2  "Hand the strike to the union leadership"  in  The general strike' in out
    verdict = out[out.index("ENDING"):out.index("Endings found")]
    assert all(len(line) <= 80 for line in verdict.splitlines())  # wrapped for an 80-column terminal
    assert ('  Had you chosen "Build councils of action in every workplace" in The general\n'
            '  strike, you would have reached "Stalemate" (organisation 5 — The coup needs\n'
            "  less than 5; councils is set): Elected delegates give the strike its own\n"
            "  leadership.\n") in verdict
    # a counterfactual of several changes: the headline, then every change indented below it
    assert ('you would have\n  reached "Dual power" (organisation 8 — needed 6 or more; councils is set):\n'
            "  Elected delegates give the strike its own leadership.\n"
            '    1. The general strike: "Build councils of action in every workplace"\n') in verdict
    assert "None of your choices set councils (Councils of action exist in the workplaces)." in verdict
    save = tmp_path / "saves" / "engine_strike.json"
    assert json.loads(save.read_text(encoding="utf-8"))["ending"] == "coup"
    assert "coup" in json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))["stories"][
        "engine_strike"]["endings"]


def test_end_of_input_saves_and_resumes(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, "1\ns\n1\n")
    assert r.returncode == 0 and "End of input: game saved to" in r.stdout
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, "1\n2\n")
    assert r.returncode == 0, r.stderr
    assert "Resuming your saved game (1 choices made so far)." in r.stdout
    assert "ENDING  The coup" in r.stdout


def test_typed_rebuttal_and_empty_input(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, "\nThe army serves capital, not the people\n")
    assert r.returncode == 0
    assert "Please type a number from 1 to 2." in r.stdout
    assert 'Covered: The capitalist state is not neutral (your words: "army")' in r.stdout
    assert "Missed: Workers need organs of their own" in r.stdout
    assert "A model answer:" in r.stdout


def test_typed_rebuttal_shows_phrases_as_typed(tmp_path: Path) -> None:
    answer = "The State is not neutral: its army serves capital. Not. Neutral at all\n"
    r = run_trainer(["play", STRIKE, "--plain", "--no-save"], tmp_path, answer)
    assert r.returncode == 0
    assert 'Covered: The capitalist state is not neutral (your words: "State", "not neutral", "army")' in r.stdout


def test_undo(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, "s\ns\n3\ns\nu\n2\n")
    assert "Undone: you are back in The general strike." in r.stdout
    assert "You chose: Build councils of action in every workplace" in r.stdout


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    story = tmp_path / "evil.yaml"
    text = (STORIES / "engine_strike.yaml").read_text(encoding="utf-8")
    story.write_text(text.replace("title: The general strike", 'title: "The \\e[2J\\e]0;pwned\\a strike"'),
                     encoding="utf-8")
    r = run_trainer(["play", str(story), "--plain"], tmp_path, "s\ns\n4\n")
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "== The strike ==" in r.stdout


def test_corrupt_save_is_kept_and_the_way_out_offered(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.mkdir(parents=True)
    bad = saves / "engine_strike.json"
    bad.write_text('{"format": "trainer-save", "vers', encoding="utf-8")
    r = run_trainer(["play", STRIKE, "--plain"], tmp_path, "1\n")
    assert r.returncode == 1
    assert str(bad) in r.stderr and "not valid JSON" in r.stderr and "--new" in r.stderr
    assert "Traceback" not in r.stderr
    assert bad.read_text(encoding="utf-8") == '{"format": "trainer-save", "vers'
    r = run_trainer(["play", STRIKE, "--plain", "--new"], tmp_path, "s\ns\n4\n")
    assert r.returncode == 0, r.stderr
    assert "The unreadable save was kept as" in r.stdout
    kept = [p for p in saves.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == '{"format": "trainer-save", "vers'


def test_bad_story_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    r = run_trainer(["play", str(bad), "--plain"], tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "is not a playable story" in r.stderr
    r = run_trainer(["play", str(tmp_path / "missing.yaml"), "--plain"], tmp_path)
    assert r.returncode == 2 and "no story file" in r.stderr


def test_quiz_before_and_after(tmp_path: Path) -> None:
    # quiz 1, 1 (both wrong); skip the debate; emigrate; skip the why prompt; quiz 2, 2 (both right)
    r = run_trainer(["play", STRIKE, "--plain", "--quiz"], tmp_path, "1\n1\ns\ns\n4\ns\n2\n2\n")
    assert r.returncode == 0, r.stderr
    assert "Quiz (before the story): 0 of 2 right." in r.stdout
    assert "Quiz (after the story): 2 of 2 right." in r.stdout
    assert "Normalised gain: 1.00" in r.stdout


def test_report_command(tmp_path: Path) -> None:
    assert run_trainer(["play", STRIKE, "--plain"], tmp_path, GAME).returncode == 0
    md = run_trainer(["report", "--last", "--format", "md"], tmp_path)
    assert md.returncode == 0, md.stderr
    assert "## Ending: The coup" in md.stdout and "| 2 | Bargain with the government | 1 | 5 |" in md.stdout
    js = run_trainer(["report", str(tmp_path / "saves" / "engine_strike.json"), "--format", "json"], tmp_path)
    assert json.loads(js.stdout)["verdict"]["ending"] == "coup"
    out = tmp_path / "debrief.html"
    r = run_trainer(["report", "--format", "html", "-o", str(out)], tmp_path)
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_errors(tmp_path: Path) -> None:
    r = run_trainer(["report", "--last"], tmp_path)
    assert r.returncode == 1 and "no saved game found" in r.stderr
    bad = tmp_path / "x.json"
    bad.write_text("[]", encoding="utf-8")
    r = run_trainer(["report", str(bad)], tmp_path)
    assert r.returncode == 1 and str(bad) in r.stderr and "not a trainer save" in r.stderr
    assert bad.read_text(encoding="utf-8") == "[]"


def test_library_when_no_story_is_named(tmp_path: Path) -> None:
    r = run_trainer(["play", "--plain"], tmp_path, "q\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("STORIES\n1. ")
    assert "endings found" in r.stdout


def test_authors_can_start_anywhere(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE, "--plain", "--at", "winter", "--set", "organisation=9"], tmp_path, "1\n")
    assert r.returncode == 0, r.stderr
    assert "== Winter ==" in r.stdout and "Now: Organisation 9/10" in r.stdout
    assert "Organisation 9 → 10 (+1)" in r.stdout  # +3 asked, clamped at 10
    save = json.loads((tmp_path / "saves" / "engine_strike.json").read_text(encoding="utf-8"))
    assert save["start"] == {"scene": "winter", "values": {"organisation": 9}, "flags": []}
    r = run_trainer(["play", STRIKE, "--plain", "--set", "organisation=99"], tmp_path)
    assert r.returncode == 2 and "outside its range 0..10" in r.stderr


def test_report_of_an_unfinished_game(tmp_path: Path) -> None:
    run_trainer(["play", STRIKE, "--plain"], tmp_path, "1\ns\n1\n")
    r = run_trainer(["report", "--format", "text"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Unfinished: the game is at Winter." in r.stdout


def test_pipes_get_the_plain_game_without_asking(tmp_path: Path) -> None:
    r = run_trainer(["play", STRIKE], tmp_path, "s\ns\n4\ns\n")
    assert r.returncode == 0, r.stderr
    assert "ENDING  Exile" in r.stdout
