"""Hostile text: markup and terminal escapes in a story (and in a typed answer) render as harmless, literal text.

``tests/app/stories/hostile.yaml`` puts ``[/]``, ``[@click=app.quit]``, ``ESC ]0;title BEL`` (set the window title),
``ESC [2J`` (clear the screen) and OSC 52 (write the clipboard) in every kind of text a story has. On every screen
we check what a player reads (the markup verbatim, escapes as visible control pictures ␛ and ␇), that nothing was
executed (the app still runs; no click action from story text), and that the characters the app would write to a
real terminal hold no ESC or BEL beyond Textual's own colour and cursor codes.
"""

from __future__ import annotations

import re

from textual.strip import Strip

from tests.app.helpers import (
    COUNCIL,
    HOSTILE,
    _full_update,
    app_for,
    async_test,
    play_screen,
    screen_text,
    settle,
    terminal_output,
)
from trainer.tui.app import TrainerApp
from trainer.tui.safe import clean, safe_url
from trainer.tui.screens.debate import DebateScreen
from trainer.tui.screens.ending import EndingScreen

# Textual's own output: SGR colours/styles and absolute cursor moves. Anything else with ESC came from text.
OWN_CODES = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H")


def assert_harmless(app: TrainerApp, *visible: str) -> str:
    assert app.is_running and app.return_code is None, "something in the story made the app quit"
    raw = terminal_output(app)
    rest = OWN_CODES.sub("", raw)
    assert "\x1b" not in rest, repr(rest[rest.index("\x1b") - 40: rest.index("\x1b") + 40])
    assert "\x07" not in rest and "\x9b" not in rest and "\x9d" not in rest
    for line in _full_update(app).strips:
        for strip in line:
            assert isinstance(strip, Strip)
            for segment in strip:
                meta = segment.style.meta if segment.style else {}
                click = str(meta.get("@click", ""))
                assert "quit" not in click and "bell" not in click, click
    text = screen_text(app)
    for piece in visible:
        assert piece in text, f"{piece!r} not on screen"
    return text


def test_clean_shows_controls_as_pictures() -> None:
    # each row: raw text, what the player sees
    cases = [
        ("\x1b]0;title\x07", "␛]0;title␇"),  # set the window title
        ("\x1b[2J", "␛[2J"),  # clear the screen
        ("\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"),  # write the clipboard
        ("a\x9bb\x9dc", "a\ufffdb\ufffdc"),  # C1 CSI and OSC
        ("line\r\nnext\ttab\x7f", "line\nnext    tab\u2421"),  # CRLF folded, tab expanded, DEL shown
        ("[/] [@click=app.quit]", "[/] [@click=app.quit]"),  # markup is not a control: untouched
    ]
    for raw, shown in cases:
        assert clean(raw) == shown


def test_only_web_links_open() -> None:
    assert safe_url("https://en.wikipedia.org/wiki/Paris_Commune")
    assert safe_url("http://example.org/x")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://", "vbscript:x",
                "https://example.org/\x1b]0;x\x07"):
        assert not safe_url(bad), bad


@async_test
async def test_hostile_story_renders_literally_on_every_screen() -> None:
    app = app_for(HOSTILE, COUNCIL)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        # Library
        assert_harmless(app, "Hostile [/] [@click=app.quit]quit[/] ␛]0;pwned-title␇",
                        "[bold red]not red[/] ␛[2J cleared? ␛]52;c;ZXZpbA==␇", "Power [@click=app.quit]")
        await pilot.press("enter")
        await settle(pilot)
        play = play_screen(app)

        # Play: scene text, discussion prompt (d), sidebar meter and pair, locked choice with its reason
        await pilot.press("d")
        await pilot.pause()
        assert_harmless(app, "Gates [/] ␛]0;scene-title␇", "Scene [/] [@click=app.quit]click me[/]",
                               "␛[2J ␛]0;pwned␇ ␛]52;c;ZXZpbA==␇", "Discuss [@click=app.quit]",
                               "Go [@click=app.quit]on[/] ␛]0;choice␇", "locked: Reason [@click=app.quit] ␛[2J",
                               "Power [@click=app.quit]", "Reform [/]", "Revolution ␛]0;x␇")
        assert "pwned-title" not in app.title
        # Clicking on the story's fake click markup does nothing.
        for x in range(4, 40, 4):
            await pilot.click("#scene-text", offset=(x, 0))
        await pilot.pause()
        assert app.is_running

        # Explanation: the effect's reason, the flag, the explanation, the reference (its javascript: URL is text)
        await pilot.press("1")
        await pilot.pause()
        assert play.phase == "explained"
        assert_harmless(app, "Why [/] ␛[2J", "Marked [@click=app.bell] ␛]52;c;ZmxhZw==␇",
                        "Explain [@click=app.quit] ␛]52;c;ZXZpbA==␇", "Ref [/] ␛[31mred",
                        "Text [@click=app.quit]x[/]", "javascript:alert(1)")

        # "Why?" prompt and its feedback
        await pilot.press("enter")
        await settle(pilot)
        assert_harmless(app, "Why [/]? ␛[2J", "Reason [@click=app.quit]one", "Reason [/] two")
        await pilot.press("2")
        await pilot.pause()
        assert_harmless(app, "No ␛[2J", "The better reason: Reason [@click=app.quit]one", "Feedback ␛]52;c;")
        await pilot.press("enter")
        await settle(pilot)

        # Debate: opponent, claim, a typed answer full of markup, grades and the model answer
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebateScreen)
        assert_harmless(app, "Op [/] ␛]0;op␇", "Pos [@click=app.quit]", "Who ␛[2J", "Claim [/] ␛]52;c;ZXZpbA==␇",
                        "Rebut [@click=app.quit]")
        await pilot.press("t")
        await pilot.press(*"[/] [@click=app.quit] [bold]strength[/bold]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_harmless(app, "Your answer: [/] [@click=app.quit] [bold]strength[/bold]",
                        "✓ Point [@click=app.quit]", "Model [/] ␛]52;c;ZXZpbA==␇")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert_harmless(app, "Second rebut [/]", "Style [/]")
        await pilot.press("enter")
        await settle(pilot)

        # Ending, map, history, help
        await pilot.press("1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        assert_harmless(app, "Done [/] ␛]0;ending␇", "Ending [@click=app.quit]x[/] ␛[2J")
        await pilot.press("m")
        await pilot.pause()
        assert_harmless(app, "Gates [/] ␛]0;scene-title␇", "Go [@click=app.quit]on[/]")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert_harmless(app, "Power [@click=app.quit]", "low:  low [/]", "high: high ␛[2J")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
