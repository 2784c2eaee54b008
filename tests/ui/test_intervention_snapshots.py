"""Interventions as the coder sees them, pinned as SVG snapshots over the embedded atlas.

Each docstring says what the reviewer should see. Regenerate with --snapshot-update only after
reading the differences.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.ui.conftest import SIZE, add_access, build, main_screen, settle, type_text
from tests.ui.test_interventions import add_intervention, ivc_filter
from tui.app import VascularApp
from tui.widgets.code_table import CodeTable
from vascular import Anatomy

SnapCompare = Callable[..., bool]

_CAROTID = {
    "accesses": [{"id": "A", "vessel": "right_common_femoral_artery"}],
    "placements": [
        {"vessel": "right_common_carotid_artery", "access": "A", "imaging": ["cervical"]},
        {"vessel": "left_common_carotid_artery", "access": "A", "imaging": ["cervical"]},
    ],
}


class TestInterventionScreens:
    def test_the_intervention_dialog(
        self, snap_compare: SnapCompare, real_app: VascularApp
    ) -> None:
        """The dialog over an IVC case: code 37191 with its family and scope under the boxes,
        the vessel box reading 'infrarenal IV' with the inferior vena cava first in the matches,
        access A (right internal jugular vein), 1 unit, no diagnostic study, not stated."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right internal jugular vein")
            await pilot.press("f5")
            await type_text(pilot, "37191")
            await pilot.press("enter")
            await type_text(pilot, "infrarenal IV")
            await settle(pilot)

        assert snap_compare(real_app, run_before=run_before, terminal_size=SIZE)

    def test_a_refused_intervention(self, snap_compare: SnapCompare, real_app: VascularApp) -> None:
        """The dialog stays open with the library's message in red: the right internal carotid
        artery cannot be reached from access A (right internal jugular vein); nothing added."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right internal jugular vein")
            await add_intervention(pilot, "37215", "right internal carotid")
            await settle(pilot)

        assert snap_compare(real_app, run_before=run_before, terminal_size=SIZE)

    def test_included_lines_struck_through(
        self, snap_compare: SnapCompare, real_app: VascularApp
    ) -> None:
        """Case list: access A, placement 1 (inferior vena cava, 'in 37191'), row I1 (37191 x1,
        no study). Codes: 37191 'entered', then 36010 struck through, 'in 37191', selected; the
        reasoning says 37191 includes it, with the scope, sources and reference section."""

        async def run_before(pilot: Pilot[None]) -> None:
            await ivc_filter(pilot)
            main_screen(pilot.app).query_one(CodeTable).focus()  # type: ignore[arg-type]
            await pilot.press("ctrl+home", "down")
            await settle(pilot)

        assert snap_compare(real_app, run_before=run_before, terminal_size=SIZE)

    def test_a_carotid_stent_keeps_the_other_side(
        self, snap_compare: SnapCompare, atlas: Anatomy, state: Path, workdir: Path
    ) -> None:
        """A carotid stent (37215-RT) from the right CFA with a qualifying study: the left common
        carotid angiography stays (36222-59-LT); the right one (36222) is struck through, in
        37215. The case list shows I1 with 'no-prior-study: yes'."""
        path = workdir / "carotid.json"
        path.write_text(json.dumps(_CAROTID))
        app = build(atlas, state, case_path=path)

        async def run_before(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("f5")
            await type_text(pilot, "37215")
            await pilot.press("enter")
            await type_text(pilot, "right internal carotid")
            screen = pilot.app.screen
            screen.query_one("#iv-reason").focus()
            await pilot.press("enter", "down", "enter")
            screen.query_one("#iv-qualifies").focus()
            await pilot.press("down", "enter")
            screen.query_one("#iv-add").focus()
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
