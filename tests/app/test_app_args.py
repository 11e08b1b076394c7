"""The contract with ``trainer play``: ``run(args)`` and ``make_app(args)`` take an argparse.Namespace; bad
arguments are refused with a message and an exit status before the terminal is taken over."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.app.helpers import BROKEN, COUNCIL, TUTORIAL, app_for, async_test, play_screen, settle
from trainer.tui.app import make_app, run
from trainer.tui.config import AppConfig, ConfigError, parse_values
from trainer.tui.themes import HIGH_CONTRAST, resolve_theme


def ns(**kw: object) -> argparse.Namespace:
    base: dict[str, object] = {"paths": [], "watch": False, "from_scene": None, "set_values": [], "theme": None,
                               "workshop": False}
    base.update(kw)
    return argparse.Namespace(**base)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (ns(paths=["no/such/story.yaml"]), 2, "no story file"),  # a missing file is a usage error
        (ns(paths=[str(BROKEN)]), 1, "error[E012]"),  # a broken story: its diagnostics
        (ns(paths=[str(COUNCIL)], theme="sparkly"), 2, "unknown theme 'sparkly'"),
        (ns(paths=[str(COUNCIL)], from_scene="nowhere"), 2, "no scene 'nowhere'"),
        (ns(paths=[str(COUNCIL)], set_values=["organisation=99"]), 2, "outside its range"),
        (ns(paths=[str(COUNCIL)], set_values=["organisation"]), 2, "DIMENSION=NUMBER"),
        (ns(paths=[str(COUNCIL), str(TUTORIAL)], from_scene="talks"), 2, "exactly one story"),
    ],
)
def test_bad_arguments_are_refused_before_drawing(args: argparse.Namespace, status: int, message: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(args) == status
    assert message in capsys.readouterr().err


def test_config_from_the_contract_and_from_trainer_play() -> None:
    config = AppConfig.from_args(ns(paths=[str(COUNCIL)], set_values=["morale=2"], from_scene="talks",
                                    theme="ansi", workshop=True, watch=True))
    assert config.paths == (COUNCIL,) and config.values == {"morale": 2} and config.from_scene == "talks"
    assert config.theme == "trainer-ansi" and config.workshop and config.watch and config.warp
    # the names trainer.commands.play uses: a story file or a bundled story's id, --at, --set, --new, --no-save
    play_args = argparse.Namespace(story="tutorial", at=None, set=[], new=True, no_save=True, plain=False)
    config = AppConfig.from_args(play_args)
    assert config.paths[0].name == "tutorial.yaml" and config.new and not config.save
    assert AppConfig.from_args(argparse.Namespace()).paths == ()


def test_parse_values() -> None:
    assert parse_values(["organisation=5", " morale = -1 "]) == {"organisation": 5, "morale": -1}
    for bad in ("organisation", "=3", "organisation=high"):
        with pytest.raises(ConfigError):
            parse_values([bad])


def test_themes_and_no_color() -> None:
    # aliases, Textual's names, unknown names, and the default under NO_COLOR
    assert resolve_theme("dark") == "textual-dark"
    assert resolve_theme("light") == "textual-light"
    assert resolve_theme("High-Contrast") == HIGH_CONTRAST.name
    assert resolve_theme("ansi") == "trainer-ansi"
    assert resolve_theme("nord") == "nord"
    assert resolve_theme("nope") is None
    assert resolve_theme(None, no_color=True) == HIGH_CONTRAST.name
    assert resolve_theme(None) == "textual-dark"


@async_test
async def test_every_theme_draws_the_play_screen() -> None:
    app = make_app(ns(paths=[str(COUNCIL)], theme="high-contrast"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        for theme in ("textual-dark", "textual-light", HIGH_CONTRAST.name, "trainer-ansi"):
            app.theme = theme
            await pilot.pause()
            assert play_screen(app).is_mounted


@async_test
async def test_warp_starts_at_a_scene_with_values_and_is_not_saved(trainer_home: Path) -> None:
    app = app_for(COUNCIL, from_scene="talks", values={"organisation": 8})
    async with app.run_test() as pilot:
        await settle(pilot)
        game = play_screen(app).game
        assert game.state.scene == "talks"
        assert game.state.dims[game.story.dimension_index["organisation"]] == 8
        await pilot.press("2")
        await settle(pilot)
    assert not (trainer_home / "saves" / "app_council.json").exists()


@async_test
async def test_sidebar_folds_away_below_100_columns() -> None:
    app = app_for(COUNCIL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one("#sidebar")
        assert not sidebar.display or sidebar.region.width == 0
        await pilot.press("s")
        await pilot.pause()
        assert sidebar.region.width > 0
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide") and sidebar.region.width > 0


@async_test
async def test_save_file_and_no_save(tmp_path: Path, trainer_home: Path) -> None:
    from tests.app.helpers import choose

    save = tmp_path / "mine.json"
    app = app_for(COUNCIL, save_path=save)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "elect")
        await pilot.press("q")
    assert save.is_file() and not (trainer_home / "saves" / "app_council.json").exists()

    again = app_for(COUNCIL, save_path=save)
    async with again.run_test() as pilot:
        await settle(pilot)
        await pilot.press("r")  # resume
        await settle(pilot)
        assert play_screen(again).game.state.scene == "talks"

    unsaved = app_for(COUNCIL, save=False, new=True)
    async with unsaved.run_test() as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "wait")
    assert not (trainer_home / "saves" / "app_council.json").exists()
