"""What the coder sees, pinned as SVG snapshots on a fixed terminal and the small test anatomy.

Each docstring says what the reviewer should see. Regenerate with --snapshot-update only after
reading the HTML report of the differences.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tests.ui.conftest import SIZE, add_access, add_placement, select_placement
from tui.app import VascularApp

SnapCompare = Callable[..., bool]


async def _traced(pilot: Pilot[None]) -> None:
    await add_access(pilot, "right common femoral artery")
    for vessel in ("left internal iliac", "left uterine", "GDA", "right renal"):
        await add_placement(pilot, vessel)


class TestMainScreen:
    def test_a_traced_case(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Case list: access A and four placements with their orders and families; codes: 36247
        (celiac), 36247-59-LT, 36245-59-RT; the reasoning explains the last line added (36245)."""
        assert snap_compare(app, run_before=_traced, terminal_size=SIZE)

    def test_the_reasoning_for_a_placement(
        self, snap_compare: SnapCompare, app: VascularApp
    ) -> None:
        """The reasoning panel shows placement 1 (left internal iliac): its route from the right CFA
        and that it is included on the way to the left uterine."""

        async def run_before(pilot: Pilot[None]) -> None:
            await _traced(pilot)
            await select_placement(pilot, 0)

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_an_error_message(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """A venous access and an arterial vessel: the message line (red) says the artery cannot be
        reached from the vein, and the case is unchanged (no placement)."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left renal artery")
            pilot.app.clear_notifications()

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


class TestOtherScreens:
    def test_the_family_view(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """The left common iliac family from the right CFA as a tree: common iliac 1 36245-LT,
        internal iliac 2 36246-LT, uterine 4 36247-LT, SFA 3 36247-LT, tibials 4-5 36247-LT."""

        async def run_before(pilot: Pilot[None]) -> None:
            await add_access(pilot, "right common femoral artery")
            await add_placement(pilot, "left SFA")
            await select_placement(pilot, 0)
            await pilot.press("f3")
            await pilot.pause()

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)

    def test_the_help_screen(self, snap_compare: SnapCompare, app: VascularApp) -> None:
        """Every key with where it works and what it does, over the main screen."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("f1")
            await pilot.pause()

        assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
