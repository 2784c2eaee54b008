"""The app over the small test anatomy, with its state folder and files in a temporary folder.

Helpers drive the app as a coder does: `type_text` presses one key per character.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import MINI_DIR
from tests.ncci.cms_files import q3_database
from tui.app import VascularApp, make_app
from tui.screens.main import MainScreen
from tui.session import CaseSession
from vascular import Anatomy, load_anatomy

SIZE = (140, 44)

NCCI_CASE = {
    "name": "Hepatic and SMA",
    "accesses": [{"vessel": "right_common_femoral_artery"}],
    "placements": [
        {"vessel": "celiac_trunk"},
        {"vessel": "common_hepatic_artery"},
        {"vessel": "proper_hepatic_artery"},
        {"vessel": "superior_mesenteric_artery"},
    ],
}
"""A case on the embedded atlas coded 36247 (celiac family, third order) and 36245-59 (the SMA)."""


@pytest.fixture(scope="session")
def q3_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NCCI database of the synthetic 2026 Q3 files in CMS's layouts (36247/36246: PTP, 1)."""
    return q3_database(tmp_path_factory.mktemp("ncci"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder (where dialogs propose files)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def state(workdir: Path) -> Path:
    """The state folder: autosaves and the last discarded case."""
    return workdir / "state"


@pytest.fixture
def mini() -> Anatomy:
    return load_anatomy(MINI_DIR)


def build(anatomy: Anatomy, state: Path, **kwargs: object) -> VascularApp:
    """An app as the tests build it: no cursor blink (it exists before any input does)."""
    return make_app(anatomy, state_dir=state, cursor_blink=False, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def app(mini: Anatomy, state: Path) -> VascularApp:
    """A fresh app (an App instance runs once) over the mini anatomy."""
    return build(mini, state)


@pytest.fixture
def real_app(atlas: Anatomy, state: Path) -> VascularApp:
    """A fresh app over the embedded atlas (for names the mini anatomy lacks)."""
    return build(atlas, state)


def main_screen(app: VascularApp) -> MainScreen:
    screen = app.main
    assert screen is not None
    return screen


def session(app: VascularApp) -> CaseSession:
    return main_screen(app).session


def claim(app: VascularApp) -> list[str]:
    explained = session(app).explained
    if explained is None:
        return []
    return [
        line.label + (f" x{line.units}" if line.units > 1 else "")
        for line in explained.result.lines
    ]


def message(app: VascularApp) -> str:
    return str(main_screen(app).query_one("#message").render())


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` into the focused widget, one key press per character."""
    for character in text:
        await pilot.press(character)
    await pilot.pause()


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus an input by clicking into it, type `text` key by key and press Enter."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def add_access(pilot: Pilot[None], vessel: str, direction: str | None = None) -> None:
    """Ctrl+T, the vessel punctured typed key by key, the direction, Enter."""
    await pilot.press("ctrl+t")
    await pilot.pause()
    await type_text(pilot, vessel)
    if direction is not None:
        pilot.app.screen.query_one(f"#{direction}").value = True  # type: ignore[attr-defined]
        pilot.app.screen.query_one("#access-name").focus()
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def add_placement(pilot: Pilot[None], vessel: str) -> None:
    """Ctrl+F, the vessel typed key by key, Enter."""
    await pilot.press("ctrl+f")
    await type_text(pilot, vessel)
    await pilot.press("enter")
    await pilot.pause()


async def select_row(pilot: Pilot[None], row: int) -> None:
    """Ctrl+L, then Down to the row (accesses first, then placements)."""
    await pilot.press("ctrl+l", "ctrl+home")
    for _ in range(row):
        await pilot.press("down")
    await pilot.pause()


async def select_placement(pilot: Pilot[None], index: int) -> None:
    """Ctrl+L, then Down to placement `index` (past the accesses)."""
    await select_row(pilot, len(session(pilot.app).case.accesses) + index)  # type: ignore[arg-type]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until workers are done and the screen is idle (for snapshots under load)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
