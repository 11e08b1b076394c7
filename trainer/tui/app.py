"""The app: one factory (``make_app``) used by ``trainer play`` (through ``run``) and by the tests.

``run(args)`` takes the ``argparse.Namespace`` of ``trainer play``:

- ``paths``: story files or folders; empty opens the library of bundled stories and ``TRAINER_HOME/stories``;
  exactly one story opens it at once (offering to resume a game in progress);
- ``watch``: reload the story when its file changes, replaying the decisions so far (errors show in a banner
  and the last good version keeps playing);
- ``from_scene`` / ``set_values`` (``["dim=value", ...]``): start at a scene with chosen values, an author's
  preview that is not autosaved;
- ``theme``: dark, light, high-contrast, ansi, or any Textual theme name;
- ``workshop``: bigger spacing, the scenes' discussion prompts, and a vote panel for the room.

``trainer play``'s own names are read too (``story`` for ``paths``, ``at`` for ``from_scene``, ``set`` for
``set_values``, plus ``new``, ``no_save``, ``save`` FILE and ``quiz``); see ``AppConfig.from_args``.

It returns the process exit status: 0 after a normal quit, 1 when the single story given cannot be loaded, 2 for
bad arguments. Nothing here decides anything about the game: see ``trainer.tui.game`` and the engine.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from trainer.tui.config import AppConfig, ConfigError
from trainer.tui.safe import one_line
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.themes import METERS_DARK, THEMES, meter_variables

# Only what the library needs is imported up front, so that its first frame comes early: the engine, the story
# loader and every other screen are imported where they are first used (a game, a dialog, the ending).
if TYPE_CHECKING:
    from trainer.engine import Session
    from trainer.story import Story
    from trainer.tui.game import Game
    from trainer.tui.library import StoryEntry
    from trainer.tui.screens.ending import EndingScreen
    from trainer.tui.screens.play import PlayScreen

WATCH_INTERVAL = 0.5


class TrainerApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, config: AppConfig) -> None:
        super().__init__()
        self.config = config
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = config.theme
        self.game: Game | None = None
        self._watched: tuple[str, int, int] | None = None  # (path, mtime_ns, size) of the story playing
        self._save_error = ""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return meter_variables(METERS_DARK)

    def get_default_screen(self) -> Screen:
        return LibraryScreen(self.config.paths)

    def on_mount(self) -> None:
        if len(self.config.paths) == 1:
            self.call_after_refresh(self._open_single)
        if self.config.watch:
            self.set_interval(WATCH_INTERVAL, self._check_story_file)

    def _open_single(self) -> None:
        from trainer.tui.library import load_entry

        entry = load_entry(self.config.paths[0], "given")
        if self.config.quiz and entry.story is not None and not entry.story.quiz:
            self.notify("This story has no quiz.", markup=False)  # a story's quiz is always offered full screen
        if self.config.save_path is not None and entry.story is not None:
            entry = self._entry_with_save(entry, self.config.save_path)
            if entry is None:
                return
        if self.config.new and entry.story is not None:
            self._start(entry.story, new=True)
        else:
            self.open_entry(entry)

    def _entry_with_save(self, entry: StoryEntry, path: Path) -> StoryEntry | None:
        """``entry`` with the save given by --save FILE (none yet when the file does not exist)."""
        from trainer.engine.saves import SaveError, load_save
        from trainer.tui.library import position_of

        if not path.exists():
            return replace(entry, save=None, save_error="")
        assert entry.story is not None
        try:
            save = load_save(path)
            position = position_of(entry.story, save)
        except SaveError as exc:
            self.notify(exc.message, title="Cannot use that save", severity="error", markup=False, timeout=15)
            return None
        return replace(entry, save=save, save_error="", position=position)

    # -- starting a game ----------------------------------------------------------------------------------

    def on_library_screen_open(self, event: LibraryScreen.Open) -> None:
        self.open_entry(event.entry)

    def open_entry(self, entry: StoryEntry) -> None:
        from trainer.tui.screens.dialogs import ActionDialog

        story = entry.story
        if story is None:
            self.notify(entry.error, title="This story cannot be played", severity="error", markup=False,
                        timeout=12)
            return
        if self.config.warp:
            self._start(story, new=True)
            return
        if entry.save_error:
            body = entry.save_error + "\n\nYou can play, but this game will not be saved until that file is " \
                                      "moved away."
            self.push_screen(ActionDialog("Your saved game cannot be used", body,
                                          [("new", "Play anyway", "p")]),
                             lambda answer: self._start(story, new=True) if answer else None)
            return
        save = entry.save
        if save is None or not save.decisions:
            self._start(story, new=True)
            return
        if save.ending is None:
            title, actions = "Resume your game?", [("resume", "Resume", "r"), ("new", "Start again", "n")]
            body = f"You were at {entry.position}."
        else:
            title, actions = "You finished this story", [("resume", "See the ending", "r"),
                                                          ("new", "Play again", "n")]
            body = f"Your last game reached {entry.position}."

        def answered(answer: str | None) -> None:
            if answer == "resume":
                self._start(story, new=False, entry=entry)
            elif answer == "new":
                self._start(story, new=True)

        self.push_screen(ActionDialog(title, body, actions), answered)

    def _start(self, story: Story, *, new: bool, entry: StoryEntry | None = None) -> None:
        from trainer.engine.saves import SaveError
        from trainer.tui.game import Game
        from trainer.tui.screens.play import PlayScreen

        warp = (self.config.from_scene, self.config.values) if self.config.warp else None
        try:
            if new or entry is None or entry.save is None:
                game = Game.new(story, warp=warp, on_save_error=self._autosave_error, save=self.config.save,
                                save_path=self.config.save_path)
                message = ""
            else:
                game, report = Game.resume(story, entry.save, on_save_error=self._autosave_error)
                if not self.config.save:
                    game.autosave = None
                message = report.message
        except (SaveError, ValueError) as exc:
            self.notify(getattr(exc, "message", str(exc)), title="Cannot start", severity="error", markup=False,
                        timeout=12)
            return
        self.game = game
        self._watched = None
        if message:
            self.notify(message, title="The story has changed", severity="warning", markup=False, timeout=12)
        if warp:
            self.notify("A preview from --from/--set: this game is not saved.", markup=False)
        self.push_screen(PlayScreen(game, workshop=self.config.workshop), lambda _: self._left_game())

    def _left_game(self) -> None:
        self.game = None

    class AutosaveFailed(Message):
        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def _autosave_error(self, exc: Exception) -> None:
        self.post_message(self.AutosaveFailed(exc))  # from the autosave thread (post_message is thread-safe)

    def on_trainer_app_autosave_failed(self, event: AutosaveFailed) -> None:
        self._autosave_failed(event.error)

    def _autosave_failed(self, exc: Exception) -> None:
        message = getattr(exc, "message", None) or str(exc)
        if message != self._save_error:
            self._save_error = message
            self.notify(message, title="Autosave failed", severity="error", markup=False, timeout=12)

    # -- commands -----------------------------------------------------------------------------------------

    def _game_screen(self) -> PlayScreen | None:
        from trainer.tui.screens.play import PlayScreen

        return next((s for s in reversed(self.screen_stack) if isinstance(s, PlayScreen)), None)

    def _on_play(self, action: str) -> None:
        play = self._game_screen()
        if play is None:
            self.notify("No game is being played: open a story first.")
            return
        while self.screen is not play:
            self.pop_screen()
        self.call_later(play.run_action, action)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.game is not None:
            yield SystemCommand("Undo", "Take back the last choice", lambda: self._on_play("undo"))
            yield SystemCommand("Redo", "Redo what was undone", lambda: self._on_play("redo"))
            yield SystemCommand("Restart", "Start this story again from the beginning", self.action_restart)
            yield SystemCommand("History", "Every decision so far; select one to rewind",
                                lambda: self._on_play("history"))
            yield SystemCommand("Map", "The story so far as a flowchart", lambda: self._on_play("map"))
            yield SystemCommand("Export Markdown", "Save the debrief as Markdown", lambda: self.export("markdown"))
            yield SystemCommand("Export HTML", "Save the debrief as HTML", lambda: self.export("html"))
        yield SystemCommand("Help", "Every key, and what the meters mean", self.action_help)

    def action_help(self) -> None:
        from trainer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.game.story if self.game else None))

    def action_restart(self) -> None:
        from trainer.tui.screens.dialogs import ConfirmDialog

        def done(yes: bool | None) -> None:
            play = self._game_screen()
            if yes and self.game is not None and play is not None:
                while self.screen is not play:
                    self.pop_screen()
                self.game.restart()
                play.sync()

        self.push_screen(ConfirmDialog("Start again?", "Begin the story again from the first scene. Your "
                                       "decisions can be redone with ctrl+y until you choose differently.",
                                       yes="Start again", no="Stay"), done)

    # -- export -------------------------------------------------------------------------------------------

    def on_ending_screen_export_requested(self, event: EndingScreen.ExportRequested) -> None:
        self.export(event.fmt)

    def export(self, fmt: str) -> None:
        if self.game is None:
            self.notify("No game to export.")
            return
        from trainer.engine import Session

        session = self.game.session
        copy = Session(session.story, session.decisions, start=session.start)  # the worker's own
        self._export_worker(copy, fmt)

    @work(thread=True, group="export")
    def _export_worker(self, session: Session, fmt: str) -> None:
        from trainer.tui.export import export_session

        try:
            path = export_session(session, fmt)
        except Exception as exc:  # a failed export (disk full, engine error) must not end the game
            self.call_from_thread(self.notify, f"Could not export the debrief: {exc}", severity="error",
                                  markup=False)
            return
        self.call_from_thread(self._exported, path)

    def _exported(self, path: Path) -> None:
        from trainer.tui.screens.ending import EndingScreen

        self.notify(f"Debrief saved to {path}", title="Exported", markup=False, timeout=10)
        for screen in self.screen_stack:
            if isinstance(screen, EndingScreen):
                screen.show_export(str(path))

    # -- live preview -------------------------------------------------------------------------------------

    def _check_story_file(self) -> None:
        game = self.game
        if game is None or not game.story.path:
            return
        path = Path(game.story.path)
        try:
            st = path.stat()
        except OSError:
            return
        stamp = (str(path), st.st_mtime_ns, st.st_size)
        if self._watched is None or self._watched[0] != stamp[0]:
            self._watched = stamp
            return
        if stamp != self._watched:
            self._watched = stamp
            self._reload_story(path)

    @work(thread=True, exclusive=True, group="watch")
    def _reload_story(self, path: Path) -> None:
        from trainer.story import StoryError, load_story

        try:
            story = load_story(path)
        except StoryError as exc:
            self.call_from_thread(self._story_broken, str(exc))
            return
        except OSError as exc:
            self.call_from_thread(self._story_broken, f"{path}: cannot read it ({exc.strerror or exc})")
            return
        self.call_from_thread(self._story_reloaded, story)

    def _story_broken(self, message: str) -> None:
        play = self._game_screen()
        if play is not None:
            lines = message.splitlines()
            more = f"\n… and {len(lines) - 6} more" if len(lines) > 6 else ""
            play.show_banner("The story file has errors; still playing the last good version.\n"
                             + "\n".join(lines[:6]) + more)

    async def _story_reloaded(self, story: Story) -> None:
        game, play = self.game, self._game_screen()
        if game is None or play is None:
            return
        if story.id != game.story.id:
            play.show_banner(f"The file now holds another story ('{story.id}'); still playing "
                             f"'{game.story.id}'.")
            return
        try:
            report = game.reload(story)
        except ValueError as exc:
            play.show_banner(f"Cannot replay on the new version: {exc}")
            return
        while self.screen is not play:
            self.pop_screen()
        await play.story_reloaded()
        note = report.message or f"Reloaded {one_line(story.title)}; {report.replayed} decisions replayed."
        self.notify(note, title="Story reloaded", markup=False)


def make_app(config: AppConfig | argparse.Namespace) -> TrainerApp:
    """The one way to build the app (the CLI and the tests both use it). Raises ConfigError."""
    if isinstance(config, argparse.Namespace):
        config = AppConfig.from_args(config, no_color="NO_COLOR" in os.environ)
    return TrainerApp(config)


def _preflight(config: AppConfig) -> tuple[str, int]:
    """Problems worth refusing to start over, with the exit status: a single story that does not exist (2),
    cannot be loaded (1), or cannot be started at the --from/--set point (2)."""
    if len(config.paths) != 1:
        return "", 0
    from trainer.story import StoryError, load_story

    path = config.paths[0]
    try:
        story = load_story(path)
    except StoryError as exc:
        return f"{exc}\ntrainer: {path} is not a playable story; run 'trainer check {path}' for details", 1
    except FileNotFoundError:
        return f"trainer: no story file '{path}'", 2
    except OSError as exc:
        return f"trainer: cannot read {path}: {exc.strerror or exc}", 1
    if config.warp:
        from trainer.engine import start_state

        try:
            start_state(story, scene=config.from_scene, values=config.values)
        except ValueError as exc:
            return f"trainer: --from/--set: {exc}", 2
    return "", 0


def run(args: argparse.Namespace) -> int:
    """Play in the terminal; returns the exit status (see the module docstring)."""
    try:
        config = AppConfig.from_args(args, no_color="NO_COLOR" in os.environ)
    except ConfigError as exc:
        print(f"trainer play: {exc}", file=sys.stderr)
        return 2
    problem, status = _preflight(config)
    if problem:
        print(problem, file=sys.stderr)
        return status
    app = make_app(config)
    app.run()
    return app.return_code or 0


run_play = run  # the name ``trainer.commands.play`` looks for
