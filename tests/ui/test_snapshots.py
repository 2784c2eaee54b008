"""What the coder sees, pinned as SVG snapshots on fixed terminals and the small test anatomy.

Each docstring says what the reviewer should see. The cursor never blinks (the app is built with
`cursor_blink=False`, which every input reads when it is built), nothing on screen runs on a
timer, and each `run_before` ends by waiting for workers and for the screen to be idle.
Regenerate with --snapshot-update only after reading the HTML report of the differences.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui.conftest import (
    NCCI_CASE,
    SIZE,
    add_access,
    add_placement,
    build,
    main_screen,
    select_placement,
    settle,
    type_text,
)
from tui.app import VascularApp
from vascular import Anatomy

SnapCompare = Callable[..., bool]

_CASE = {
    "accesses": [{"vessel": "right common femoral artery"}],
    "placements": [
        {"vessel": "left internal iliac"},
        {"vessel": "left uterine"},
        {"vessel": "GDA"},
        {"vessel": "right renal"},
    ],
}


async def _traced(pilot: Pilot[None]) -> None:
    await add_access(pilot, "right common femoral artery")
    for vessel in ("left internal iliac", "left uterine", "GDA", "right renal"):
        await add_placement(pilot, vessel)
    await settle(pilot)


class TestMainScreen:
    def test_a_traced_case(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Case list: access A and four placements with their orders and families; codes: 36247
        (celiac), 36247-59-LT, 36245-59-RT; the message line names the right renal artery, order
        1 in its own family, 36245-59-RT; the reasoning explains that line."""
        assert snap_compare(app, run_before=_traced, terminal_size=SIZE)

    def test_the_reasoning_for_a_placement(
        self, snap_compare: SnapCompare, app: VascularApp
    ) -> None:
        """The reasoning panel shows placement 1 (left internal iliac): its route from the right CFA
        and that it is included on the way to the left uterine."""

        async def run_before(pilot: Pilot[None]) -> None:
            await _traced(pilot)
            await select_placement(pilot, 0)
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_an_error_message(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """A venous access and an arterial vessel: the message line (red) says the artery cannot be
        reached from the vein, the text stays in the search box, and the case has no placement."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left renal artery")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_matches_for_a_name_that_does_not_read(
        self, snap_compare: SnapCompare, app: VascularApp
    ) -> None:
        """'SFA' typed: the first row (dim, not choosable) says it could mean 2 vessels; under it
        the left and the right superficial femoral arteries."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "SFA")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


class TestSizes:
    """The same traced case on three terminals: no panel vanishes."""

    def test_80_by_24(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Narrow and short: the search box (one line) and the atlas on top, then the case, the
        codes and the reasoning, each with its title and at least two rows; the message line and
        the footer at the bottom."""
        assert snap_compare(app, run_before=_traced, terminal_size=(80, 24))

    def test_120_by_35(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Two columns: search and atlas on the left; case (five rows), codes (three lines) and
        the reasoning on the right."""
        assert snap_compare(app, run_before=_traced, terminal_size=(120, 35))

    def test_160_by_48(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Two columns with room: the vessel names in the case list are not cut."""
        assert snap_compare(app, run_before=_traced, terminal_size=(160, 48))


class TestRestore:
    """A restored autosave renders exactly as the same case opened from a file."""

    def _orphan(self, state: Path) -> None:
        state.mkdir(parents=True, exist_ok=True)
        (state / "autosave-999999999.json").write_text(json.dumps(_CASE), "utf-8")

    def _file(self, workdir: Path) -> Path:
        (workdir / "case.json").write_text(json.dumps(_CASE), "utf-8")
        return Path("case.json")  # relative to the working folder: the same in every run

    def test_a_restored_autosave(
        self, snap_compare: SnapCompare, mini: Anatomy, state: Path
    ) -> None:
        """The case restored from an autosave left by a window that is gone: the codes table has
        full-width columns (36247, 'Celiac trunk'), as when the file is opened; the title says
        'not saved *'."""
        self._orphan(state)

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await pilot.press("enter")  # Restore
            await settle(pilot)

        assert snap_compare(build(mini, state), run_before=run_before, terminal_size=SIZE)

    def test_the_same_case_opened(
        self, snap_compare: SnapCompare, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        """The same case opened from case.json: the panels are those of the restored case."""
        app = build(mini, state, case_path=self._file(workdir))
        assert snap_compare(app, run_before=settle, terminal_size=SIZE)

    async def test_the_two_paths_render_the_same_panels(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        self._orphan(state)
        restored = build(mini, state)
        async with restored.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await settle(pilot)
            after_restore = _panels(restored)
        opened = build(mini, workdir / "other-state", case_path=self._file(workdir))
        async with opened.run_test(size=SIZE) as pilot:
            await settle(pilot)
            after_open = _panels(opened)
        assert after_restore == after_open
        assert any("Celiac trunk" in line for line in after_open["#codes"])


def _panels(app: VascularApp) -> dict[str, list[str]]:
    """The text each panel paints, line by line."""
    screen = main_screen(app)
    painted = {}
    for selector in ("#case", "#codes", "#rationale-body", "#tree"):
        widget = screen.query_one(selector, Widget)
        width, height = widget.size
        painted[selector] = [
            strip.text for strip in widget.render_lines(Region(0, 0, width, height))
        ]
    return painted


class TestProblems:
    def test_a_case_file_with_a_typo(
        self, snap_compare: SnapCompare, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        """Placement 2 'gastroduodnal' is marked (⚠, red) with the library's message in the
        reading column; the codes panel says the case cannot be coded yet and why; the
        reasoning lists the problem; the message line says so and how to fix it."""
        path = workdir / "typo.json"
        path.write_text(
            json.dumps(
                {
                    "accesses": [{"vessel": "R CFA"}],
                    "placements": [{"vessel": "left SFA"}, {"vessel": "gastroduodnal"}],
                }
            ),
            "utf-8",
        )
        app = build(mini, state, case_path=Path(path.name))  # relative: the same in every run
        assert snap_compare(app, run_before=settle, terminal_size=SIZE)


class TestOtherScreens:
    def test_the_family_view(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """The left common iliac family from the right CFA as a tree: common iliac 1 36245-LT,
        internal iliac 2 36246-LT, uterine 4 36247-LT, SFA 3 36247-LT, tibials 4-5 36247-LT."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right common femoral artery")
            await add_placement(pilot, "left SFA")
            await select_placement(pilot, 0)
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_the_help_screen(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Every key with where it works and what it does, over the main screen; 'Recover the
        last discarded case' is listed with Ctrl+P."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("f1")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_the_unsaved_changes_dialog(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Ctrl+N with unsaved changes: Save (focused), Discard and Cancel, and where a discarded
        case can be recovered."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+n")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_a_match_that_was_not_typed_is_confirmed(
        self, snap_compare: SnapCompare, app: VascularApp
    ) -> None:
        """'gastroduodnal' does not read; Down and Enter on the close name 'Gastroduodenal
        artery' asks first: 'Add the Gastroduodenal artery?', with what was typed."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "gastroduodnal")
            await pilot.press("down", "enter")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


class TestNcci:
    def test_a_claim_an_edit_denies(
        self, snap_compare: SnapCompare, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        """With an NCCI database (the synthetic 2026 Q3 files): codes 36247, 36245-59 and the other
        claim code 36246 marked ⚠ in yellow; under them, on a yellow band, that 1 edit denies a
        line (36246 is the column 2 code of 36247, indicator 1); the reasoning for 36247 ends with
        each PTP and MUE edit in force: 36247/36245 bypassed by 59, 36247/36246 denied."""
        path = workdir / "case.json"
        case = {**NCCI_CASE, "date_of_service": "2026-08-03", "claim_codes": [{"code": "36246"}]}
        path.write_text(json.dumps(case), encoding="utf-8")
        app = build(atlas, state, case_path=Path(path.name), ncci_db=q3_db)
        assert snap_compare(app, run_before=settle, terminal_size=(150, 48))
