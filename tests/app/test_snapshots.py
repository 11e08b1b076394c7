"""Snapshots of every screen at 80×24 and 120×40 (``pytest --snapshot-update`` after a deliberate change; look
at ``snapshot_report.html`` when one fails). Each docstring says what must be visible; the SVGs are in
``__snapshots__/``. The stories are the app's own (``tests/app/stories``), so edits to bundled stories never
move these pictures.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.app.helpers import BROKEN, COUNCIL, HOSTILE, app_for, choose, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Steps = Callable[[Pilot], Awaitable[None]]


def keys(*presses: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run


def then(*steps: Steps) -> Steps:
    async def run(pilot: Pilot) -> None:
        for step in steps:
            await step(pilot)

    return run


def pick(choice: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        await choose(pilot, choice)
        await settle(pilot)

    return run


SKIP_DEBATE = keys("x")
ELECTED = then(SKIP_DEBATE, pick("elect"))
AT_OFFER = then(ELECTED, keys("enter", "1", "enter"))
ENDED = then(AT_OFFER, pick("vote"), keys("enter"))


def snap(snap_compare: Any, size: tuple[int, int], steps: Steps, *paths: Any, **config: Any) -> bool:
    app = app_for(*(paths or (COUNCIL,)), **config)
    return bool(snap_compare(app, terminal_size=size, run_before=steps))


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare: Any, size: tuple[int, int]) -> None:
    """The library: "The strike committee" with its summary, "5 min · from the command line", its meters
    (Organisation, Morale) and "endings found 0 of 3"; "broken.yaml cannot be played" with its located error
    E012 (secnd); the footer with Play and Help."""
    assert snap(snap_compare, size, keys(), COUNCIL, BROKEN)


@pytest.mark.parametrize("size", SIZES)
def test_play_debate_pending(snap_compare: Any, size: tuple[int, int]) -> None:
    """A scene whose debate comes first: the title "The gates", the Markdown text (the http link underlined,
    the javascript: link left as text), and in the dock "Pat Byrne (Union official) wants to argue first.
    Enter: answer  x: skip the debate"; at 120 columns the sidebar with both meters (Organisation 3/10 with
    "Reform … Revolution", Morale 4/10), "Flags: none yet" and an empty timeline; at 80 no sidebar."""
    assert snap(snap_compare, size, keys())


@pytest.mark.parametrize("size", SIZES)
def test_play_choices(snap_compare: Any, size: tuple[int, int]) -> None:
    """The choices after the debate was skipped: "1 Elect a strike committee…" highlighted and "2 Wait for the
    union officials…"; the footer shows 1-9 Choose, u Undo, h History, m Map (and s Sidebar at 80 columns)."""
    assert snap(snap_compare, size, SKIP_DEBATE)


@pytest.mark.parametrize("size", SIZES)
def test_play_explanation(snap_compare: Any, size: tuple[int, int]) -> None:
    """The explanation panel after "Elect a strike committee": "Decision 1 · The gates", "You chose: …", "What
    changed" with Organisation 3 → 6 (+3) ▲3 and Morale 4 → 5 (+1) ▲1 as bars with their reasons, the flag now
    true, "Why it matters", "From history" (The London dock strike, August 1889), "Roads not taken" (Wait…
    Organisation -1; Morale -2 → The offer), "Next: The offer", and "Enter or Space: continue" in the dock; at
    120 columns the sidebar shows 6/10 ▲3, the flag, and decision 1 in the timeline."""
    assert snap(snap_compare, size, ELECTED)


@pytest.mark.parametrize("size", SIZES)
def test_play_why_prompt(snap_compare: Any, size: tuple[int, int]) -> None:
    """The "why?" prompt as a pick-list: "Why?  Why elect a committee?" with "1 So the strike answers to the
    strikers." and "2 Because committees always win."."""
    assert snap(snap_compare, size, then(ELECTED, keys("enter")))


@pytest.mark.parametrize("size", SIZES)
def test_play_why_feedback(snap_compare: Any, size: tuple[int, int]) -> None:
    """Feedback on a wrong reason: "You picked: Because committees always win.", "✗ Not the best reason." with
    its feedback, "The better reason: So the strike answers to the strikers." and "Enter or Space: continue"."""
    assert snap(snap_compare, size, then(ELECTED, keys("enter", "2")))


@pytest.mark.parametrize("size", SIZES)
def test_play_locked_choice(snap_compare: Any, size: tuple[int, int]) -> None:
    """A locked choice, dimmed with its reason: "1 Put the offer to a mass meeting and vote" then "locked: There
    is no committee to call the meeting. — needs committee (committee is not set)"; "2 Let the officials accept
    the offer" is highlighted."""
    assert snap(snap_compare, size, then(SKIP_DEBATE, pick("wait"), keys("enter", "x")))


@pytest.mark.parametrize("size", SIZES)
def test_sidebar(snap_compare: Any, size: tuple[int, int]) -> None:
    """The sidebar after one decision (shown with s at 80 columns, where it folds away): Organisation 6/10 ▲3
    with its bar and "Reform … Revolution", Morale 5/10 ▲1, the flag "⚑ The strikers elected a committee of their
    own", and the timeline "1 The gates / Elect a strike committee at a mass meeting"."""
    steps = then(AT_OFFER, keys("s")) if size[0] < 100 else AT_OFFER
    assert snap(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_rewind_confirmation(snap_compare: Any, size: tuple[int, int]) -> None:
    """The rewind dialog over the play screen: "Rewind to decision 1?", "Go back to “The gates”, before you chose
    “Elect a strike committee at a mass meeting”…" and the buttons "Rewind (y)" and "Stay (n)"."""

    async def steps(pilot: Pilot) -> None:
        await AT_OFFER(pilot)
        pilot.app.screen.confirm_rewind(pilot.app.screen.game.choice_indices()[0])
        await settle(pilot)

    assert snap(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_debate_pick(snap_compare: Any, size: tuple[int, int]) -> None:
    """The debate screen: "Pat Byrne · Union official", "Regional organiser, honest and overworked.", "Debate:
    Leave it to the officials?  exchange 1 of 2", the claim, and the rebuttals numbered 1 and 2; the footer
    shows 1-9 Pick and t Type my own."""
    assert snap(snap_compare, size, keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_debate_graded(snap_compare: Any, size: tuple[int, int]) -> None:
    """A picked rebuttal graded per criterion: "Your answer: What you win at the table…", "Analysis ●● 2/2 Names
    where bargaining power comes from.", "Evidence ○○ 0/2 No example.", "Total 2 of 4", the feedback, then "Pat
    Byrne replies: “Strength, fine. But who speaks for you?”" and "Enter: the next exchange"."""
    assert snap(snap_compare, size, keys("enter", "1"))


@pytest.mark.parametrize("size", SIZES)
def test_debate_typing(snap_compare: Any, size: tuple[int, int]) -> None:
    """Typing an answer: the hint "Answer the claim in your own words…", the text area holding "We elect a
    committee and stay united", the buttons "Submit (ctrl+s)" and "Pick from the list (ctrl+t)"."""

    async def steps(pilot: Pilot) -> None:
        await keys("enter", "t")(pilot)
        await pilot.press(*"We elect a committee and stay united")
        await settle(pilot)

    assert snap(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_debate_typed_result(snap_compare: Any, size: tuple[int, int]) -> None:
    """A typed answer graded: "You covered 2 of 3 key points.", "✓ Negotiations reflect the strikers' collective
    strength matched: “united”", "✓ The strike needs its own elected committee matched: “committee”, “elect”",
    "✗ The whole workforce must decide missed", then "Model answer" and its text."""

    async def steps(pilot: Pilot) -> None:
        await keys("enter", "t")(pilot)
        await pilot.press(*"We elect a committee and stay united")
        await keys("ctrl+s")(pilot)

    assert snap(snap_compare, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_ending(snap_compare: Any, size: tuple[int, int]) -> None:
    """The ending: "ENDING  A win and a committee", "Chosen by rule 1 of 3: organisation >= 6 and committee", the
    ending's text, "Why this ending" with ✓ terms, "What moved it most" (+3 Organisation “Elect a strike
    committee…” in The gates), and (at 120×40) "Had you chosen differently" with the counterfactuals found by the
    search; the footer shows e Export debrief, r Replay from…, m Map, n New game."""
    assert snap(snap_compare, size, ENDED)


@pytest.mark.parametrize("size", SIZES)
def test_ending_lower_half(snap_compare: Any, size: tuple[int, int]) -> None:
    """The ending scrolled down: the column chart of Organisation and Morale across decisions 0–2 with the
    numbers under each column, "Endings found" (◆ A win and a committee (this game), "1 of 3 found; 2 still
    hidden"), the debate scorecard, the replay list and the export hint."""
    assert snap(snap_compare, size, then(ENDED, keys("end")))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare: Any, size: tuple[int, int]) -> None:
    """The export dialog over the ending: "Export the debrief", its explanation, "Markdown (m)" and "HTML (h)"."""
    assert snap(snap_compare, size, then(ENDED, keys("e")))


@pytest.mark.parametrize("size", SIZES)
def test_map(snap_compare: Any, size: tuple[int, int]) -> None:
    """The map after one decision: the legend, "START", "● 1  The gates" with "● Elect a strike committee… → The
    offer" and "○ Wait for the union officials… → The offer", "◉ 2  The offer  ← you are here" with its branches
    leading to "an ending, by the story's rules", and "ENDINGS" with three "◇ not found yet"."""
    assert snap(snap_compare, size, then(AT_OFFER, keys("m")))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, size: tuple[int, int]) -> None:
    """Help over the play screen: "What the meters mean in The strike committee" with each dimension's range,
    start, pair (Reform ↔ Revolution), low and high, the flag, then the keys table starting with "Everywhere"."""
    assert snap(snap_compare, size, keys("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Any, size: tuple[int, int]) -> None:
    """History after one decision: "1  The gates", "You chose: Elect a strike committee at a mass meeting",
    "Organisation 3 → 6 (+3); Morale 4 → 5 (+1)" and "why? ✓ So the strike answers to the strikers."."""
    assert snap(snap_compare, size, then(AT_OFFER, keys("h")))


@pytest.mark.parametrize("size", SIZES)
def test_resume_dialog(snap_compare: Any, size: tuple[int, int]) -> None:
    """The resume dialog over the library for a game in progress: "Resume your game?", "You were at The offer,
    after 1 choice." and the buttons "Resume (r)" and "Start again (n)"."""
    from trainer.engine import Session
    from trainer.engine.home import autosave_path
    from trainer.engine.saves import write_save
    from trainer.story import load_story

    session = Session(load_story(COUNCIL))
    session.answer_debate(None)
    session.answer_debate(None)
    session.choose("elect")
    path = autosave_path("app_council")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_save(path, session)
    assert snap(snap_compare, size, keys())


@pytest.mark.parametrize("size", SIZES)
def test_workshop_votes(snap_compare: Any, size: tuple[int, int]) -> None:
    """Workshop mode: wider spacing, the "Discuss" box with "Who should decide when the strike ends?", and the
    vote panel: "1 Elect a strike committee… 12 votes" (focused), "2 Wait for the union officials… 5 votes" and
    the help line about digits, + and − and Enter."""

    async def steps(pilot: Pilot) -> None:
        await keys("x")(pilot)
        await pilot.press("1", "2", "down", "5", "up")
        await settle(pilot)

    assert snap(snap_compare, size, steps, COUNCIL, workshop=True)


@pytest.mark.parametrize("size", SIZES)
def test_hostile_text(snap_compare: Any, size: tuple[int, int]) -> None:
    """A hostile story drawn harmlessly: "[/]" and "[@click=app.quit]" verbatim in the title, scene text, choices
    and sidebar; escape sequences shown as "␛]0;pwned␇", "␛[2J" and "␛]52;c;ZXZpbA==␇"; nothing styled by it."""
    assert snap(snap_compare, size, keys("d"), HOSTILE)


@pytest.mark.parametrize("theme", ["textual-light", "trainer-high-contrast", "trainer-ansi"])
def test_themes(snap_compare: Any, theme: str) -> None:
    """The explanation panel in the light, high-contrast and ANSI themes: every label, number, ▲ mark and bar
    glyph readable against the background; meters in the theme's colour-blind-safe palette."""
    assert snap(snap_compare, (80, 24), ELECTED, COUNCIL, theme=theme)


def test_no_color(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR set, the play screen in monochrome (high-contrast theme): the meters still read by their
    numbers, ▲ marks and bar glyphs (█ kept, ▓ gained), the locked choice by its "locked:" reason."""
    monkeypatch.setenv("NO_COLOR", "1")
    from tests.app.helpers import COUNCIL as story

    app = app_for(story, theme="trainer-high-contrast")
    assert snap_compare(app, terminal_size=(120, 40), run_before=then(AT_OFFER))
