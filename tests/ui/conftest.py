"""The app over the small test anatomy, with its autosave and files in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import MINI_DIR
from tui.app import VascularApp, make_app
from tui.screens.main import MainScreen
from vascular import load_anatomy

SIZE = (140, 44)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder (where dialogs propose files)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def autosave(workdir: Path) -> Path:
    return workdir / "state" / "autosave.json"


@pytest.fixture
def app(autosave: Path) -> VascularApp:
    """A fresh app (an App instance runs once) over the mini anatomy, with no cursor blink."""
    return make_app(load_anatomy(MINI_DIR), autosave=autosave, blink=False)


def main_screen(app: VascularApp) -> MainScreen:
    screen = app.main
    assert screen is not None
    return screen


def claim(app: VascularApp) -> list[str]:
    explained = main_screen(app).explained
    if explained is None:
        return []
    return [
        line.label + (f" x{line.units}" if line.units > 1 else "")
        for line in explained.result.lines
    ]


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Put text in an input (as typing would) and press Enter."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def add_access(pilot: Pilot[None], vessel: str, direction: str | None = None) -> None:
    await pilot.press("ctrl+t")
    await pilot.pause()
    if direction is not None:
        pilot.app.screen.query_one(f"#{direction}").value = True  # type: ignore[attr-defined]
    await type_into(pilot, "#access-name", vessel)


async def add_placement(pilot: Pilot[None], vessel: str) -> None:
    await pilot.press("ctrl+f")
    await type_into(pilot, "#search-input", vessel)


async def select_placement(pilot: Pilot[None], index: int) -> None:
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    await pilot.press("ctrl+l")
    screen.query_one("#case").move_cursor(row=len(screen.document.case.accesses) + index)  # type: ignore[attr-defined]
    await pilot.pause()
