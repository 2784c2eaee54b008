"""The app: loads the atlas, opens the main screen, offers the autosave, lists every action.

The atlas loads in a worker, so the first frame is immediate. Every action of the main screen is
also in the command palette.

`make_app` is the one factory the entry point and the tests share.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import Screen
from textual.widgets import Label

from tui.actions import ACTIONS

if TYPE_CHECKING:  # the library and the main screen load in the worker, after the first frame
    from tui.screens.main import MainScreen
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
        autosave: Path | None = None,
        data_dir: Path | None = None,
        blink: bool = True,
    ) -> None:
        """An app over `anatomy` (default: the embedded atlas, or the one in `data_dir`)."""
        super().__init__()
        self._anatomy = anatomy
        self._case_path = case_path
        self._autosave = autosave
        self._data_dir = data_dir
        self._blink = blink

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
        from tui.screens.main import MainScreen

        opening = self._case_path
        offer = opening is None and self._autosave is not None and self._autosave.is_file()
        screen = MainScreen(anatomy, self._autosave, opening=opening, offer_autosave=offer)
        self.push_screen(screen)
        if not self._blink:
            for node in screen.query("Input"):
                node.cursor_blink = False  # type: ignore[attr-defined]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the main screen by name, then Textual's own (theme, keys, quit)."""
        main = self.main
        if main is not None:
            for action in ACTIONS:
                yield SystemCommand(action.title, action.help, partial(main.run_named, action.name))
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit through the main screen, which asks when there are unsaved changes."""
        main = self.main
        if main is None:
            self.exit()
        else:
            main.action_quit()


def make_app(
    anatomy: Anatomy | None = None,
    case_path: Path | None = None,
    autosave: Path | None = None,
    data_dir: Path | None = None,
    blink: bool = True,
) -> VascularApp:
    """The app, as the entry point and the tests build it (autosave: the user's state folder)."""
    return VascularApp(
        anatomy, case_path, autosave if autosave is not None else autosave_path(), data_dir, blink
    )


def autosave_path() -> Path:
    """Where the app keeps its autosave: $VASCULAR_AUTOSAVE, else the XDG state folder."""
    override = os.environ.get("VASCULAR_AUTOSAVE")
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "vascular-coding" / "autosave.json"
