"""The app: loads the atlas, opens the main screen, offers orphaned autosaves, lists every action.

The atlas loads in a worker, so the first frame is immediate. Every action of the main screen is
also in the command palette. Each window keeps its own autosave in the state folder
(`tui.autosave`); at start, the autosaves of windows that are gone are offered back.

`make_app` is the one factory the entry point and the tests share.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from tui.actions import ACTIONS
from tui.autosave import StateFolder, state_folder

if TYPE_CHECKING:  # the library and the main screen load in the worker, after the first frame
    from tui.screens.main import MainScreen
    from tui.session import Said
    from vascular import Anatomy, VascularError

__all__ = ["VascularApp", "make_app"]


class VascularApp(App[None]):
    """Trace a catheter path and watch the codes build."""

    CSS_PATH = "app.tcss"
    TITLE = "vascular"

    def __init__(
        self,
        anatomy: Anatomy | None = None,
        case_path: Path | None = None,
        state: StateFolder | None = None,
        data_dir: Path | None = None,
        cursor_blink: bool = True,
        recover: bool = False,
        ncci_db: Path | None = None,
    ) -> None:
        """An app over `anatomy` (default: the embedded atlas, or the one in `data_dir`).

        Args:
            anatomy: the atlas, when already loaded.
            case_path: a case file to open at start.
            state: where autosaves and the last discarded case are kept (None: nowhere).
            data_dir: another anatomy data directory.
            cursor_blink: whether text cursors blink (every input reads this when it is built).
            recover: open the last discarded case at start.
            ncci_db: the NCCI database claims are checked against (default: the default one).
        """
        super().__init__()
        self._ncci_db = ncci_db
        self.cursor_blink = cursor_blink
        self._anatomy = anatomy
        self._case_path = case_path
        self._state = state
        self._data_dir = data_dir
        self._recover = recover

    def compose(self) -> ComposeResult:
        """The first frame, while the atlas loads."""
        yield Label("Loading the vascular atlas…", id="loading")

    def on_mount(self) -> None:
        """Load the atlas unless it was handed in."""
        if self._anatomy is not None:
            self._atlas_ready(self._anatomy)
        else:
            self._load_atlas()

    @work(thread=True, exclusive=True)
    def _load_atlas(self) -> None:
        import tui.screens.main  # noqa: F401 - warm the import off the main thread
        from vascular import VascularError, load_anatomy

        try:
            anatomy = load_anatomy(self._data_dir)
        except VascularError as error:
            self.call_from_thread(self._failed, error)
            return
        self.call_from_thread(self._atlas_ready, anatomy)

    def _failed(self, error: VascularError) -> None:
        self.query_one("#loading", Label).update(f"The atlas could not be loaded:\n{error}")

    @property
    def main(self) -> MainScreen | None:
        """The main screen, once the atlas is loaded."""
        from tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def _atlas_ready(self, anatomy: Anatomy) -> None:
        from tui.claim import ClaimWatch
        from tui.screens.main import MainScreen
        from tui.session import CaseSession, Said

        # The atlas lives as long as the app: keep the collector from walking it again and
        # again (a full collection over it is a pause of a few hundred ms while typing).
        gc.freeze()

        state = self._state
        autosave = None
        problem = None
        if state is not None:
            try:
                autosave = state.claim()
            except OSError as error:
                problem = Said(
                    f"No autosave: the state folder cannot be written ({error}).", "error"
                )
        self.push_screen(
            MainScreen(
                CaseSession(anatomy, state, autosave, ClaimWatch(self._ncci_db)),
                partial(self._start, problem),
            )
        )

    def _start(self, problem: Said | None, screen: MainScreen) -> None:
        """Once the main screen is up: open the case file, or offer what was left unsaved."""
        from tui.session import Said

        state = self._state
        screen.say(problem)
        if self._case_path is not None:
            screen.files.open_path(self._case_path)
        elif self._recover:
            screen.files.recover_discarded()
        elif state is not None:
            orphans = state.orphans(screen.session.files.autosave)
            if orphans:
                screen.files.offer_orphans(orphans)
            elif state.discarded.is_file():
                hint = (
                    "A discarded case can be recovered (Ctrl+P: Recover the last discarded case)."
                )
                screen.say(Said(hint))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the main screen by name, then Textual's own (theme, keys, quit)."""
        main = self.main
        if main is not None:
            for action in ACTIONS:
                yield SystemCommand(
                    action.title, action.help, partial(main.action_run, action.name)
                )
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit through the main screen, which asks when there are unsaved changes."""
        main = self.main
        if main is None:
            self.exit()
        elif not isinstance(self.screen, ModalScreen):  # a dialog is answered first
            main.action_quit()


def make_app(
    anatomy: Anatomy | None = None,
    case_path: Path | None = None,
    state_dir: Path | None = None,
    data_dir: Path | None = None,
    cursor_blink: bool = True,
    recover: bool = False,
    autosave: bool = True,
    ncci_db: Path | None = None,
) -> VascularApp:
    """The app, as the entry point and the tests build it.

    Args:
        anatomy: the atlas, when already loaded (default: load it in a worker).
        case_path: a case file to open at start.
        state_dir: the state folder (default: $VASCULAR_STATE_DIR or the XDG state folder).
        data_dir: another anatomy data directory.
        cursor_blink: whether text cursors blink (off for snapshots).
        recover: open the last discarded case at start.
        autosave: keep autosaves at all (off for benchmarks).
        ncci_db: the NCCI database claims are checked against (default: $VASCULAR_NCCI_DB or the
            user's data folder; `vascular ncci import` fills it).
    """
    state = StateFolder(state_dir or state_folder()) if autosave else None
    return VascularApp(anatomy, case_path, state, data_dir, cursor_blink, recover, ncci_db)
