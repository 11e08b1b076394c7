"""`trainer explore`: exhaustive exploration checked against brute force, the shortest routes replayed through
the engine, every finding on a story made to show it, the state limit, and the command's output and exits."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.author import explore as explore_module
from trainer.author.explore import StateLimitExceeded, explore, random_playthroughs
from trainer.cli import main
from trainer.engine.errors import NoEnding
from trainer.engine.rules import replay_choices, rules_for, start_state
from trainer.engine.state import State
from trainer.story import load_story
from trainer.story.model import Story

ROOT = Path(__file__).resolve().parents[3]
TEST_STORIES = ROOT / "tests" / "stories"
BUNDLED = sorted((ROOT / "stories").glob("*.yaml"))
COMPLETE = TEST_STORIES / "author_complete.yaml"
UNREACHABLE = TEST_STORIES / "author_unreachable.yaml"
STUCK = TEST_STORIES / "author_stuck.yaml"
LOOP = TEST_STORIES / "author_loop.yaml"
SMALL = sorted(TEST_STORIES.glob("*.yaml"))
MINE = sorted(TEST_STORIES.glob("author_*.yaml"))


def _load(path: Path) -> Story:
    return load_story(path)


# -- brute force: every route, no memo, straight from the engine ---------------------------------------------


def _routes(story: Story, max_depth: int = 12) -> Iterator[tuple[tuple[str, ...], State | None]]:
    """Every route from the start as (choice ids, final state), None for a route that gets stuck."""
    rules = rules_for(story)
    stack: list[tuple[State, tuple[str, ...]]] = [(start_state(story), ())]
    while stack:
        state, route = stack.pop()
        if state.ending is not None:
            yield route, state
            continue
        moves = rules.enabled(state)
        if not moves or len(route) >= max_depth:
            yield route, None
            continue
        for m in moves:
            try:
                stack.append((rules.apply(m, state), (*route, m.id)))
            except NoEnding:
                yield (*route, m.id), None


@pytest.mark.parametrize("path", [p for p in MINE if p != LOOP], ids=lambda p: p.stem)
def test_exhaustive_matches_brute_force_on_acyclic_stories(path: Path) -> None:
    story = _load(path)
    report = explore(story)
    assert not report.cyclic
    routes = list(_routes(story, max_depth=100))
    finals: dict[str, set[State]] = {}
    for _, final in routes:
        if final is not None and final.ending:
            finals.setdefault(final.ending, set()).add(final)
    for e in report.endings:
        # the distinct final states of each ending, and the length of its shortest route
        assert e.states == len(finals.get(e.id, ()))
        if e.reached:
            assert e.shortest is not None
            assert len(e.shortest) == min(len(r) for r, f in routes if f is not None and f.ending == e.id)
            low = {d: min(f.dims[k] for f in finals[e.id]) for k, d in enumerate(story.dimensions)}
            high = {d: max(f.dims[k] for f in finals[e.id]) for k, d in enumerate(story.dimensions)}
            assert e.ranges == {d: (low[d], high[d]) for d in story.dimensions}
    assert report.longest == max(len(r) for r, _ in routes)
    # the mean over routes weighted by the chance a uniformly random player takes each one
    assert report.average == pytest.approx(_expected_length(story))


def _expected_length(story: Story) -> float:
    rules = rules_for(story)

    def expected(state: State) -> float:
        moves = rules.enabled(state) if state.ending is None else []
        if not moves:
            return 0.0
        total = 0.0
        for m in moves:
            with contextlib.suppress(NoEnding):  # a dead route adds nothing
                total += expected(rules.apply(m, state))
        return 1.0 + total / len(moves)

    return expected(start_state(story))


def _reached_states(story: Story) -> set[State]:
    rules = rules_for(story)
    seen = {start_state(story)}
    todo = list(seen)
    while todo:
        state = todo.pop()
        for m in rules.enabled(state):
            try:
                nxt = rules.apply(m, state)
            except NoEnding:
                continue
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _endings_from(story: Story, state: State) -> frozenset[str]:
    rules = rules_for(story)
    seen = {state}
    todo = [state]
    found = set()
    while todo:
        s = todo.pop()
        if s.ending is not None:
            found.add(s.ending)
            continue
        for m in rules.enabled(s):
            try:
                nxt = rules.apply(m, s)
            except NoEnding:
                continue
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(found)


def _after(story: Story, state: State, choice: str) -> frozenset[str]:
    try:
        return _endings_from(story, rules_for(story).step(state, choice))
    except NoEnding:
        return frozenset()


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.stem)
def test_dominated_choices_match_the_definition(path: Path) -> None:
    """C is dominated by sibling D: both enabled somewhere, and wherever both are, endings(C) < endings(D)."""
    story = _load(path)
    rules = rules_for(story)
    states = [s for s in _reached_states(story) if s.ending is None]
    expected = set()
    for sid, scene in story.scenes.items():
        here = [s for s in states if s.scene == sid]
        for c in scene.choices:
            for d in scene.choices:
                together = [s for s in here if {c, d} <= {m.id for m in rules.enabled(s)}]
                if c != d and together and all(_after(story, s, c) < _after(story, s, d) for s in together):
                    expected.add((sid, c, d))
    assert {(x.scene, x.choice, x.by) for x in explore(story).dominated} == expected
    assert explore(story).states == len(_reached_states(story))


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.stem)
def test_every_shortest_route_replays_to_its_ending(path: Path) -> None:
    story = _load(path)
    for e in explore(story).endings:
        if e.reached:
            assert e.shortest is not None
            assert replay_choices(story, e.shortest)[-1].ending == e.id


@pytest.mark.slow
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_stories_shortest_routes_replay(path: Path) -> None:
    """Every bundled story explores within the default limit and its shortest routes are real games."""
    story = _load(path)
    report = explore(story)
    for e in report.endings:
        if e.reached:
            assert e.shortest is not None
            assert replay_choices(story, e.shortest)[-1].ending == e.id


# -- findings ------------------------------------------------------------------------------------------------


def test_a_complete_story_is_ok_and_lists_what_it_should() -> None:
    report = explore(_load(COMPLETE))
    assert report.ok
    # defeat is reached by give_up and by wait + rest with the same values: one final state
    assert [(e.id, e.states) for e in report.endings] == [("victory", 1), ("partial", 2), ("defeat", 1)]
    assert dict(report.endings[0].ranges) == {"org": (4, 4)}
    assert report.endings[0].shortest == ("organise", "push")
    assert dict(report.endings[1].ranges) == {"org": (2, 3)}
    assert report.endings[2].shortest == ("give_up",)
    assert report.never_available == (("winter", "secret_deal"),)
    assert report.unreached_scenes == report.unreached_debates == report.unreached_choices == ()
    assert report.stuck == ()
    assert report.longest == 2
    assert not report.cyclic


def test_dominated_choice_is_a_strict_subset_wherever_both_are_offered() -> None:
    # give_up reaches only defeat; wait can still reach partial or defeat; organise reaches victory or partial
    # (not defeat), so give_up is dominated by wait alone.
    report = explore(_load(COMPLETE))
    assert [(d.scene, d.choice, d.by, d.closes) for d in report.dominated] == [
        ("strike", "give_up", "wait", ("partial",))]


def test_unreachable_ending_scene_choices_and_debate_are_named() -> None:
    report = explore(_load(UNREACHABLE))
    assert not report.ok
    assert report.unreached_endings == ("utopia",)
    assert report.unreached_scenes == ("hideout",)
    assert report.unreached_choices == (("hideout", "leave"),)
    assert report.unreached_debates == ("hideout_talk",)
    assert report.never_available == (("start", "hide"),)


def test_dead_ends_and_missing_endings_are_found_with_their_routes() -> None:
    report = explore(_load(STUCK))
    assert not report.ok
    assert [(s.kind, s.scene, s.choice, s.path) for s in report.stuck] == [
        ("dead_end", "trap", "", ("rush",)),
        ("no_ending", "last", "finish", ("build",)),
    ]
    state = replay_choices(_load(STUCK), ("rush",))[-1]
    assert rules_for(_load(STUCK)).enabled(state) == []


def test_a_story_that_loops_is_explored_with_its_cycle() -> None:
    story = _load(LOOP)
    report = explore(story)
    assert report.ok and report.cyclic
    assert report.longest is None and report.average is None
    assert [e.id for e in report.endings if e.reached] == ["victory", "quiet"]
    assert report.endings[0].shortest == ("talk", "talk", "print", "march")
    # reachability through the cycle: back keeps victory and quiet open, march alone cannot
    assert {(d.scene, d.choice, d.by) for d in report.dominated} == {
        ("square", "market", "talk"), ("square", "market", "print"), ("press", "march", "back")}


def test_state_limit_stops_with_what_was_found() -> None:
    with pytest.raises(StateLimitExceeded) as caught:
        explore(_load(COMPLETE), limit=3)
    exc = caught.value
    assert exc.limit == 3
    assert set(exc.endings_reached) | set(exc.endings_missing) == {"victory", "partial", "defeat"}
    assert exc.busiest and all(count > 0 for _, count in exc.busiest)


def test_progress_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explore_module, "PROGRESS_EVERY", 2)
    calls: list[tuple[int, int]] = []
    report = explore(_load(COMPLETE), progress=lambda done, known: calls.append((done, known)))
    assert calls and calls[-1] == (report.states, report.states)
    assert all(done <= known for done, known in calls)


# -- random playthroughs -------------------------------------------------------------------------------------


def test_random_playthroughs_are_seeded_and_counted() -> None:
    story = _load(COMPLETE)
    a = random_playthroughs(story, 300, seed=7)
    b = random_playthroughs(story, 300, seed=7)
    assert a.endings == b.endings
    assert sum(a.endings.values()) == 300
    assert list(a.endings) == ["victory", "partial", "defeat"]
    assert a.shortest == 1 and a.longest == 2
    assert a.scenes_seen == {"strike", "winter"}


def test_random_playthroughs_report_runs_that_cannot_finish() -> None:
    stuck = random_playthroughs(_load(STUCK), 200, seed=1)
    assert stuck.dead_ends > 0 and stuck.no_ending > 0
    assert stuck.dead_ends + stuck.no_ending + sum(stuck.endings.values()) == 200
    looping = random_playthroughs(_load(LOOP), 200, seed=1, max_steps=3)
    assert looping.too_long > 0
    assert looping.too_long + sum(looping.endings.values()) == 200


# -- the command ---------------------------------------------------------------------------------------------


def test_command_ok_story_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(COMPLETE), "--random", "100"]) == 0
    out = capsys.readouterr().out
    assert "Endings: 3 of 3 reachable" in out
    assert "shortest, 2 decisions: organise → push" in out
    assert "winter.secret_deal   when: org > 5" in out
    assert "give_up is never better than wait" in out
    assert out.rstrip().endswith("ok: every ending and every scene can be reached, and every game can finish")


def test_command_names_the_unreachable_ending_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(UNREACHABLE)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.strip().startswith("utopia"))
    assert line.split() == ["utopia", "NEVER", "REACHED", "(its", "rule:", "org", ">=", "9)"]
    assert "FAILED: unreachable ending 'utopia'; unreachable scene 'hideout'" in out


def test_command_dead_end_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(STUCK), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert "dead end in scene trap: no choice is enabled, after rush" in out
    assert "last.finish goes to end but no ending rule holds, after build" in out


def test_command_state_limit_exits_3_with_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(COMPLETE), "--limit", "3", "--random", "0"]) == 3
    out = capsys.readouterr().out
    assert "explore stopped: the story has more than 3 distinct states (the --limit), so nothing is proven" in out
    assert "Raise --limit" in out


def test_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(UNREACHABLE), "--format", "json", "--random", "50", "--seed", "3"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False
    assert doc["explore"]["unreached_endings"] == ["utopia"]
    assert doc["explore"]["never_available"] == ["start.hide"]
    assert doc["random"]["runs"] == 50 and doc["random"]["seed"] == 3
    assert doc["limit_exceeded"] is None


def test_command_json_state_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(COMPLETE), "--format", "json", "--limit", "2"]) == 3
    doc = json.loads(capsys.readouterr().out)
    assert doc["explore"] is None and doc["limit_exceeded"]["limit"] == 2


def test_command_story_that_does_not_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(COMPLETE.read_text().replace("goto: winter", "goto: wintr", 1))
    assert main(["explore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "error[E012]" in err and "did you mean 'winter'?" in err
    assert "^" in err  # the caret under the column


@pytest.mark.parametrize("argv", [
    ["explore", "/no/such/story.yaml"],  # cannot open: usage
    ["explore", str(COMPLETE), "--random", "-1"],  # negative
    ["explore", str(COMPLETE), "--limit", "zero"],  # not a number
    ["explore", str(COMPLETE), "--limit", "0"],  # below 1
    ["explore"],  # no story
])
def test_command_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    assert code == 2


def test_progress_bar_draws_and_erases() -> None:
    import io

    from trainer.commands.explore import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar("exploring", "states", stream, delay=0)
    bar(5, 10)
    assert "[############------------] 5 of 10 states" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")
