"""The app driven from the keyboard with Pilot: assertions on the case and the code lines."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, SelectionList

from tests.conftest import MINI_DIR
from tests.ui.conftest import SIZE, add_access, add_placement, claim, main_screen, select_placement
from tui.actions import ACTIONS
from tui.app import VascularApp, make_app
from tui.files import case_json
from tui.screens.confirm_dialog import ConfirmDialog, MessageDialog
from tui.screens.family import FamilyScreen
from tui.screens.help import HelpScreen
from tui.screens.settings import SettingsScreen
from vascular import code_case, load_anatomy


class TestTracing:
    async def test_typing_an_access_and_a_vessel_codes_it(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral artery")
            await add_placement(pilot, "left SFA")
            screen = main_screen(app)
            assert [a.vessel for a in screen.document.case.accesses] == [
                "right_common_femoral_artery"
            ]
            assert [p.vessel for p in screen.document.case.placements] == [
                "left_superficial_femoral_artery"
            ]
            assert claim(app) == ["36247-LT"]
            assert screen.selected == ("line", 0)

    async def test_an_access_from_the_list_of_common_sites(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+t", "tab", "down", "enter")
            await pilot.pause()
            assert [a.vessel for a in main_screen(app).document.case.accesses] == [
                "left_common_femoral_artery"
            ]

    async def test_an_antegrade_access_counts_from_the_puncture(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right CFA", direction="antegrade")
            await add_placement(pilot, "right peroneal")
            assert main_screen(app).document.case.accesses[0].direction == "antegrade"
            assert claim(app) == ["36247-RT"]

    async def test_a_vessel_from_the_tree(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            tree = main_screen(app).query_one("#tree")
            tree.reveal("celiac_trunk")  # type: ignore[attr-defined]
            tree.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert claim(app) == ["36245"]

    async def test_a_placement_before_any_access_is_refused(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_placement(pilot, "left SFA")
            screen = main_screen(app)
            assert screen.document.case.placements == ()
            assert "Add an access first" in str(screen.query_one("#message").render())

    async def test_a_name_left_open_is_refused_with_its_reason(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "SFA")
            screen = main_screen(app)
            assert screen.document.case.placements == ()
            assert "say which side" in str(screen.query_one("#message").render())

    async def test_an_artery_from_a_venous_access_is_refused(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left renal artery")
            screen = main_screen(app)
            assert screen.document.case.placements == ()
            message = str(screen.query_one("#message").render())
            assert "is an artery and cannot be reached" in message

    async def test_typing_shows_matches_and_down_walks_them(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f", *"hypogas")
            await pilot.pause()
            matches = main_screen(app).query_one("#search-matches")
            assert matches.option_count == 2  # type: ignore[attr-defined]
            await pilot.press("down", "enter")
            await pilot.pause()
            assert claim(app) == ["36246-LT"]


class TestEditing:
    async def _traced(self, pilot: object) -> None:
        await add_access(pilot, "R CFA")  # type: ignore[arg-type]
        for vessel in ("left SFA", "SMA", "left profunda femoris"):
            await add_placement(pilot, vessel)  # type: ignore[arg-type]

    async def test_remove_a_placement(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._traced(pilot)
            await select_placement(pilot, 1)
            await pilot.press("delete")
            await pilot.pause()
            case = main_screen(app).document.case
            assert [p.vessel for p in case.placements] == [
                "left_superficial_femoral_artery",
                "left_profunda_femoris_artery",
            ]
            assert claim(app) == ["36247-LT", "36248-LT"]

    async def test_reorder_does_not_change_the_codes(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._traced(pilot)
            before = claim(app)
            await select_placement(pilot, 0)
            await pilot.press("ctrl+down")
            await pilot.pause()
            case = main_screen(app).document.case
            assert [p.vessel for p in case.placements][:2] == [
                "superior_mesenteric_artery",
                "left_superficial_femoral_artery",
            ]
            assert claim(app) == before

    async def test_undo_and_redo(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._traced(pilot)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert len(main_screen(app).document.case.placements) == 2
            assert claim(app) == ["36247-LT", "36245-59"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(main_screen(app).document.case.placements) == 3

    async def test_imaging_where_the_position_shows_one_territory(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "right renal artery")
            await select_placement(pilot, 0)
            await pilot.press("i")
            await pilot.pause()
            assert main_screen(app).document.case.placements[0].imaging is True
            assert claim(app) == ["36251-RT"]

    async def test_imaging_where_the_position_shows_several(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "innominate")
            await select_placement(pilot, 0)
            await pilot.press("i")
            await pilot.pause()
            territories = app.screen.query_one(SelectionList)
            territories.select("cervical")
            territories.select("vertebral")
            await pilot.click("#imaging-set")
            await pilot.pause()
            assert main_screen(app).document.case.placements[0].imaging == ("cervical", "vertebral")
            assert claim(app) == ["36222-RT", "36225-RT"]

    async def test_sampling(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left adrenal vein")
            assert claim(app) == ["36012"]
            await select_placement(pilot, 0)
            await pilot.press("s")
            await pilot.pause()
            assert main_screen(app).document.case.placements[0].sampling
            assert claim(app) == ["36500"]

    async def test_switch_the_access_of_a_placement(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right CFA")
            await add_access(pilot, "left CFA")
            await add_placement(pilot, "left SFA")
            assert main_screen(app).document.case.placements[0].access == "B"
            await select_placement(pilot, 0)
            await pilot.press("t")
            await pilot.pause()
            assert main_screen(app).document.case.placements[0].access == "A"
            assert claim(app) == ["36247-LT", "36140-59"]

    async def test_remove_an_access_with_its_placements(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._traced(pilot)
            await pilot.press("ctrl+l")
            main_screen(app).query_one("#case").move_cursor(row=0)  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("delete")
            await pilot.pause()
            case = main_screen(app).document.case
            assert (case.accesses, case.placements) == ((), ())
            assert claim(app) == []


class TestFiles:
    async def test_save_writes_the_json_the_cli_reads(
        self, app: VascularApp, workdir: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            await pilot.press("ctrl+s")
            await pilot.pause()
            box = app.screen.query_one("#path-input", Input)
            assert box.value == str(workdir / "case.json")
            await pilot.press("enter")
            await pilot.pause()
            screen = main_screen(app)
            saved = workdir / "case.json"
            assert saved.read_text() == case_json(screen.document.case)
            assert not screen.document.dirty
            assert list(workdir.glob(".case.json.*")) == []
            lines = code_case(json.loads(saved.read_text()), load_anatomy(MINI_DIR)).lines
            assert [line.label for line in lines] == ["36247-LT"]

    async def test_a_damaged_file_shows_its_error_and_keeps_the_case(
        self, app: VascularApp, workdir: Path
    ) -> None:
        (workdir / "broken.json").write_text(
            '{"accesses": [{"vessel": "R CFA"}], "placements": [', "utf-8"
        )
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            before = main_screen(app).document.case
            main_screen(app).document.mark_saved(workdir / "current.json")
            await pilot.press("ctrl+o")
            await pilot.pause()
            app.screen.query_one("#path-input", Input).value = str(workdir / "broken.json")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "not valid JSON" in app.screen.message
            assert main_screen(app).document.case == before

    async def test_a_foreign_file_is_refused(self, app: VascularApp, workdir: Path) -> None:
        (workdir / "other.json").write_text('{"patient": "x"}', "utf-8")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            app.screen.query_one("#path-input", Input).value = str(workdir / "other.json")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "accesses" in app.screen.message

    async def test_open_a_saved_case(self, app: VascularApp, workdir: Path) -> None:
        path = workdir / "saved.json"
        path.write_text(
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "GDA"}]}),
            "utf-8",
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            app.screen.query_one("#path-input", Input).value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            assert main_screen(app).document.path == path
            assert claim(app) == ["36247"]

    async def test_changes_are_autosaved_and_offered_back(self, autosave: Path) -> None:
        first = make_app(load_anatomy(MINI_DIR), autosave=autosave, blink=False)
        async with first.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            assert autosave.is_file()
        second = make_app(load_anatomy(MINI_DIR), autosave=autosave, blink=False)
        async with second.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(second.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
            assert claim(second) == ["36247-LT"]
            assert main_screen(second).document.dirty

    async def test_a_discarded_autosave_is_removed(self, autosave: Path) -> None:
        autosave.parent.mkdir(parents=True)
        autosave.write_text(json.dumps({"accesses": [{"vessel": "R CFA"}]}), "utf-8")
        app = make_app(load_anatomy(MINI_DIR), autosave=autosave, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert not autosave.exists()
            assert main_screen(app).document.case.accesses == ()

    async def test_quitting_with_unsaved_changes_asks(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
            assert main_screen(app).document.case.accesses

    async def test_export_three_ways(self, app: VascularApp, workdir: Path) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            for kind, suffix in (
                ("json", ".result.json"),
                ("lines", ".claim.txt"),
                ("note", ".note.txt"),
            ):
                await pilot.press("f4")
                await pilot.pause()
                app.screen.query_one("#path-kind").value = kind  # type: ignore[attr-defined]
                await pilot.pause()
                box = app.screen.query_one("#path-input", Input)
                assert box.value.endswith(suffix)
                await pilot.press("enter")
                await pilot.pause()
            assert (
                json.loads((workdir / "case.result.json").read_text())["lines"][0]["code"]
                == "36247"
            )
            assert (workdir / "case.claim.txt").read_text() == "36247\tLT\t1\n"
            note = (workdir / "case.note.txt").read_text()
            assert (
                "Left superficial femoral artery: order 3, left common iliac artery family" in note
            )

    async def test_a_case_file_opens_at_start(self, autosave: Path, workdir: Path) -> None:
        path = workdir / "start.json"
        path.write_text(
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "SMA"}]})
        )
        app = make_app(load_anatomy(MINI_DIR), case_path=path, autosave=autosave, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert claim(app) == ["36245"]


class TestViews:
    async def test_family_view_of_the_selected_placement(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left uterine")
            await select_placement(pilot, 0)
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, FamilyScreen)
            rows = {row.vessel: row.code for row in app.screen.chart.rows}
            assert rows["left_common_iliac_artery"] == "36245-LT"
            assert rows["left_superficial_femoral_artery"] == "36247-LT"
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, FamilyScreen)

    async def test_help_lists_every_action(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)

    async def test_settings_change_the_options_and_the_codes(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right radial")
            await add_placement(pilot, "right vertebral")
            assert claim(app) == ["36215-RT"]
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen)
            app.screen.query_one("#option-order_from").value = "aorta"  # type: ignore[attr-defined]
            app.screen.query_one("#settings-name", Input).value = "Arm case"
            await pilot.click("#settings-apply")
            await pilot.pause()
            case = main_screen(app).document.case
            assert (case.options.order_from, case.name) == ("aorta", "Arm case")
            assert claim(app) == ["36217-RT"]
            assert app.title == "vascular · Arm case"

    async def test_every_action_is_in_the_command_palette(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            titles = {command.title for command in app.get_system_commands(app.screen)}
            assert {action.title for action in ACTIONS} <= titles

    async def test_a_palette_command_runs_its_action(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            command = next(c for c in app.get_system_commands(app.screen) if c.title == "Help")
            command.callback()
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)


async def test_the_atlas_loads_in_the_background(autosave: Path) -> None:
    app = make_app(autosave=autosave, data_dir=MINI_DIR, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app).anatomy.data_dir == str(MINI_DIR)
