"""The app driven from the keyboard with Pilot: assertions on the case and the code lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Static

from tests.conftest import MINI_DIR
from tests.ui.conftest import (
    SIZE,
    add_access,
    add_placement,
    build,
    claim,
    main_screen,
    message,
    select_placement,
    select_row,
    session,
    type_text,
)
from tui.actions import ACTIONS
from tui.app import VascularApp, make_app
from tui.files import case_json
from tui.screens.confirm_dialog import ConfirmDialog, MessageDialog
from tui.screens.family import FamilyScreen
from tui.screens.help import HelpScreen
from tui.screens.recover_dialog import RecoverDialog
from tui.screens.settings import SettingsScreen
from tui.screens.unsaved_dialog import UnsavedDialog
from tui.widgets.case_view import CaseView
from vascular import Anatomy, code_case, load_anatomy


class TestTracing:
    async def test_typing_an_access_and_a_vessel_codes_it(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral artery")
            await add_placement(pilot, "left SFA")
            screen = main_screen(app)
            assert [a.vessel for a in screen.session.document.case.accesses] == [
                "right_common_femoral_artery"
            ]
            assert [p.vessel for p in screen.session.document.case.placements] == [
                "left_superficial_femoral_artery"
            ]
            assert claim(app) == ["36247-LT"]
            assert screen.session.selected == ("line", 0)

    async def test_an_access_from_the_list_of_common_sites(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+t", "tab", "down", "enter")
            await pilot.pause()
            assert [a.vessel for a in session(app).document.case.accesses] == [
                "left_common_femoral_artery"
            ]

    async def test_an_antegrade_access_counts_from_the_puncture(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right CFA", direction="antegrade")
            await add_placement(pilot, "right peroneal")
            assert session(app).document.case.accesses[0].direction == "antegrade"
            assert claim(app) == ["36247-RT"]

    async def test_a_vessel_from_the_tree(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            tree = main_screen(app).query_one("#tree")
            tree.reveal("celiac_trunk")  # type: ignore[attr-defined]
            await pilot.press("ctrl+b", "enter")
            await pilot.pause()
            assert claim(app) == ["36245"]

    async def test_a_placement_before_any_access_is_refused(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_placement(pilot, "left SFA")
            screen = main_screen(app)
            assert screen.session.document.case.placements == ()
            assert "Add an access first" in message(app)

    async def test_a_name_left_open_is_refused_with_its_reason(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "SFA")
            screen = main_screen(app)
            assert screen.session.document.case.placements == ()
            assert "say which side" in message(app)

    async def test_an_artery_from_a_venous_access_is_refused(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left renal artery")
            screen = main_screen(app)
            assert screen.session.document.case.placements == ()
            assert "is an artery and cannot be reached" in message(app)

    async def test_typing_shows_matches_and_down_walks_them(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "hypogas")
            matches = main_screen(app).query_one("#search-matches", OptionList)
            assert [str(matches.get_option_at_index(i).prompt) for i in range(3)] == [
                "no vessel is called 'hypogas'",
                "Left internal iliac artery",
                "Right internal iliac artery",
            ]
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
            case = session(app).document.case
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
            case = session(app).document.case
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
            assert len(session(app).document.case.placements) == 2
            assert claim(app) == ["36247-LT", "36245-59"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(session(app).document.case.placements) == 3

    async def test_imaging_where_the_position_shows_one_territory(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "right renal artery")
            await select_placement(pilot, 0)
            await pilot.press("i")
            await pilot.pause()
            assert session(app).document.case.placements[0].imaging is True
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
            assert session(app).document.case.placements[0].imaging == ("cervical", "vertebral")
            assert claim(app) == ["36222-RT", "36225-RT"]

    async def test_sampling(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral vein")
            await add_placement(pilot, "left adrenal vein")
            assert claim(app) == ["36012"]
            await select_placement(pilot, 0)
            await pilot.press("s")
            await pilot.pause()
            assert session(app).document.case.placements[0].sampling
            assert claim(app) == ["36500"]

    async def test_switch_the_access_of_a_placement(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right CFA")
            await add_access(pilot, "left CFA")
            await add_placement(pilot, "left SFA")
            assert session(app).document.case.placements[0].access == "B"
            await select_placement(pilot, 0)
            await pilot.press("t")
            await pilot.pause()
            assert session(app).document.case.placements[0].access == "A"
            assert claim(app) == ["36247-LT", "36140-59"]

    async def test_remove_an_access_with_its_placements(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._traced(pilot)
            await select_row(pilot, 0)
            await pilot.press("delete")
            await pilot.pause()
            case = session(app).document.case
            assert (case.accesses, case.placements) == ((), ())
            assert claim(app) == []


async def answer_path(pilot: Pilot[None], path: Path) -> None:
    """A path dialog is open with its box selected: type the path key by key, Enter."""
    await type_text(pilot, str(path))
    await pilot.press("enter")
    await pilot.pause()


class TestNaming:
    """What Enter adds is the library's reading of the typed text, on the embedded atlas."""

    async def test_r_ha_then_enter_adds_the_right_hepatic_artery(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "R HA")
            matches = real_app.screen.query_one("#search-matches", OptionList)
            assert str(matches.get_option_at_index(0).prompt) == "Right hepatic artery"
            await pilot.press("enter")
            await pilot.pause()
            case = session(real_app).case
            assert [p.vessel for p in case.placements] == ["right_hepatic_artery"]
            assert claim(real_app) == ["36247"]
            assert message(real_app) == (
                "Placement 1 added: Right hepatic artery (from 'R HA': HA with a side read as "
                "RHA) — order 4 in the celiac trunk family, 36247"
            )

    async def test_down_and_enter_on_a_match_not_typed_asks_first(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "R HA")
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            dialog = real_app.screen
            assert isinstance(dialog, ConfirmDialog)
            assert dialog.question == "Add the Right dorsal digital artery of hand?"
            assert session(real_app).case.placements == ()
            await pilot.press("escape")
            await pilot.pause()
            assert session(real_app).case.placements == ()
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            await pilot.press("enter")  # the focus is on "Add it"
            await pilot.pause()
            assert [p.vessel for p in session(real_app).case.placements] == [
                "right_dorsal_digital_artery_of_hand"
            ]

    async def test_the_match_the_text_reads_as_is_added_without_asking(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await pilot.press("ctrl+f")
            await type_text(pilot, "R HA")
            await pilot.press("down", "enter")
            await pilot.pause()
            assert [p.vessel for p in session(real_app).case.placements] == ["right_hepatic_artery"]

    async def test_a_class_name_is_added_as_typed_and_coded(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right IJ")
            await pilot.press("ctrl+f")
            await type_text(pilot, "hepatic vein")
            matches = real_app.screen.query_one("#search-matches", OptionList)
            first = str(matches.get_option_at_index(0).prompt)
            assert first == "hepatic vein: a class of 5, coded member by member"
            await pilot.press("enter")
            await pilot.pause()
            assert [p.vessel for p in session(real_app).case.placements] == ["hepatic vein"]
            assert claim(real_app) == ["36011"]
            assert message(real_app) == (
                "Placement 1 added: 'hepatic vein' (a class of 5: every member codes 36011; "
                "coded as the right hepatic vein) — order 1 in the right hepatic vein family, "
                "36011"
            )

    async def test_a_class_whose_members_code_differently_is_refused(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "right lumbar artery")
            assert session(real_app).case.placements == ()
            assert "whose members code differently" in message(real_app)
            assert "(L5) (36246-RT)" in message(real_app)

    async def test_an_ambiguous_name_is_refused_with_its_candidates(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "R SCA")
            assert session(real_app).case.placements == ()
            assert message(real_app).startswith("Not added: 'R SCA' could mean: ")
            matches = real_app.screen.query_one("#search-matches", OptionList)
            prompts = [str(matches.get_option_at_index(i).prompt) for i in range(3)]
            assert prompts == [
                "'R SCA' could mean 2 vessels: choose one",
                "Right superior cerebellar artery",
                "Right subclavian artery",
            ]
            assert matches.get_option_at_index(0).disabled
            await pilot.press("down", "down", "enter")  # the candidates need no question
            await pilot.pause()
            assert [p.vessel for p in session(real_app).case.placements] == [
                "right_subclavian_artery"
            ]

    async def test_an_unknown_name_offers_close_names_and_asks(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "hepatc")
            assert session(real_app).case.placements == ()
            assert "no vessel is called 'hepatc'" in message(real_app)
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(real_app.screen, ConfirmDialog)


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
            saved = workdir / "case.json"
            assert saved.read_text() == case_json(session(app).case)
            assert not session(app).document.dirty
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
            await pilot.press("ctrl+s", "enter")
            await pilot.pause()
            before = session(app).case
            await pilot.press("ctrl+o")
            await pilot.pause()
            await answer_path(pilot, workdir / "broken.json")
            assert isinstance(app.screen, MessageDialog)
            assert "not valid JSON" in app.screen.message
            assert session(app).case == before

    async def test_a_foreign_file_is_refused(self, app: VascularApp, workdir: Path) -> None:
        (workdir / "other.json").write_text('{"patient": "x"}', "utf-8")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            await pilot.pause()
            await answer_path(pilot, workdir / "other.json")
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
            await answer_path(pilot, path)
            assert session(app).document.path == path
            assert claim(app) == ["36247"]

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
                box.focus()
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

    async def test_a_case_file_opens_at_start(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        path = workdir / "start.json"
        path.write_text(
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "SMA"}]})
        )
        app = build(mini, state, case_path=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert claim(app) == ["36245"]


class TestUnsavedWork:
    """New, Open and Quit never lose work: Save (the default), Discard (recoverable), Cancel."""

    async def _unsaved(self, pilot: Pilot[None]) -> None:
        await add_access(pilot, "R CFA")
        await add_placement(pilot, "left SFA")

    async def test_new_with_unsaved_changes_asks_with_save_focused(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedDialog)
            assert app.screen.focused is app.screen.query_one("#unsaved-save")
            await pilot.press("escape")
            await pilot.pause()
            assert claim(app) == ["36247-LT"]

    async def test_save_asks_for_a_path_saves_then_starts_the_new_case(
        self, app: VascularApp, workdir: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            before = session(app).case
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press("enter")  # Save
            await pilot.pause()
            await answer_path(pilot, workdir / "kept.json")
            assert json.loads((workdir / "kept.json").read_text()) == json.loads(case_json(before))
            assert session(app).case.accesses == ()
            assert not session(app).document.dirty

    async def test_save_cancelled_at_the_path_does_not_go_on(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            await pilot.press("ctrl+n", "enter")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert claim(app) == ["36247-LT"]

    async def test_undo_right_after_new_brings_the_discarded_case_back(
        self, app: VascularApp
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            before = session(app).case
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.click("#unsaved-discard")
            await pilot.pause()
            assert session(app).case.accesses == ()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert session(app).case == before
            assert session(app).document.dirty
            assert claim(app) == ["36247-LT"]

    async def test_a_discarded_case_is_kept_and_recovered_from_the_palette(
        self, app: VascularApp, state: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            before = session(app).case
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.click("#unsaved-discard")
            await pilot.pause()
            assert (state / "autosave.discarded.json").read_text() == case_json(before)
            await add_access(pilot, "left CFA")
            command = next(
                c
                for c in app.get_system_commands(app.screen)
                if c.title == "Recover the last discarded case"
            )
            command.callback()
            await pilot.pause()
            assert isinstance(app.screen, UnsavedDialog)
            await pilot.click("#unsaved-discard")
            await pilot.pause()
            assert session(app).case == before
            assert claim(app) == ["36247-LT"]

    async def test_the_next_start_can_recover_the_discarded_case(
        self, app: VascularApp, mini: Anatomy, state: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.click("#unsaved-discard")
            await pilot.pause()
        assert not list(state.glob("autosave-*.json"))
        again = build(mini, state)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Recover the last discarded case" in message(again)
        recovered = build(mini, state, recover=True)
        async with recovered.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert claim(recovered) == ["36247-LT"]

    async def test_quit_asks_and_cancel_keeps_the_app(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
            assert session(app).case.accesses

    async def test_open_with_unsaved_changes_asks_first(
        self, app: VascularApp, workdir: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await self._unsaved(pilot)
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, UnsavedDialog)


class TestAutosave:
    """One autosave per window; orphans (their window gone) are offered back; live ones never."""

    async def test_changes_are_autosaved_in_this_windows_own_file(
        self, app: VascularApp, state: Path
    ) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            own = session(app).files.autosave
            assert own is not None
            assert own.path == state / f"autosave-{os.getpid()}.json"
            assert json.loads(own.path.read_text())["accesses"][0]["vessel"] == (
                "right_common_femoral_artery"
            )

    async def test_an_orphaned_autosave_is_offered_back(self, mini: Anatomy, state: Path) -> None:
        first = build(mini, state)
        async with first.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
        # the window is gone without saving: its lock is free, its autosave stays
        assert list(state.glob("autosave-*.json"))
        second = build(mini, state)
        async with second.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(second.screen, RecoverDialog)
            assert second.screen.focused is second.screen.query_one("#recover-restore")
            await pilot.press("enter")
            await pilot.pause()
            assert claim(second) == ["36247-LT"]
            assert session(second).document.dirty
            own = session(second).files.autosave
            assert own is not None
            assert [p.name for p in state.glob("autosave-*.json")] == [own.path.name]

    async def test_a_live_windows_autosave_is_never_offered(
        self, mini: Anatomy, state: Path
    ) -> None:
        first = build(mini, state)
        async with first.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            second = build(mini, state)
            async with second.run_test(size=SIZE) as other:
                await other.pause()
                assert not isinstance(second.screen, RecoverDialog)
                theirs, ours = session(first).files.autosave, session(second).files.autosave
                assert theirs is not None
                assert ours is not None
                assert theirs.path != ours.path

    async def test_an_orphan_discarded_is_kept_as_the_last_discarded_case(
        self, mini: Anatomy, state: Path
    ) -> None:
        first = build(mini, state)
        async with first.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
        second = build(mini, state)
        async with second.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click("#recover-discard")
            await pilot.pause()
            assert session(second).case.accesses == ()
            assert (state / "autosave.discarded.json").is_file()
            assert list(state.glob("autosave-*.json")) == []  # nothing unsaved in this window


class TestProblemsInAFile:
    """A case whose names do not read opens with the problem marked, for the coder to fix."""

    def _write(self, workdir: Path, vessel: str) -> Path:
        path = workdir / "typo.json"
        path.write_text(
            json.dumps(
                {
                    "accesses": [{"vessel": "R CFA"}],
                    "placements": [{"vessel": "left SFA"}, {"vessel": vessel}],
                }
            ),
            "utf-8",
        )
        return path

    async def test_a_typo_opens_marked_and_the_codes_say_why(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "gastroduodnal"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            problems = session(app).problems
            assert [p.where for p in problems] == ["placements[1].vessel"]
            view = main_screen(app).query_one(CaseView)
            vessel_cell = view.get_cell_at(Coordinate(2, 1))
            assert str(vessel_cell) == "⚠ gastroduodnal"
            assert str(view.get_cell_at(Coordinate(2, 3))) == problems[0].message
            status = str(main_screen(app).query_one("#codes-status", Static).render())
            assert status.startswith("Cannot be coded yet: placement 2: ")
            assert claim(app) == []

    async def test_removing_the_marked_placement_codes_the_case(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "gastroduodnal"))
        async with app.run_test(size=SIZE) as pilot:
            await select_placement(pilot, 1)
            await pilot.press("delete")
            await pilot.pause()
            assert session(app).problems == ()
            assert claim(app) == ["36247-LT"]

    async def test_replacing_the_marked_placement_by_a_chosen_vessel(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "gastroduodnal"))
        async with app.run_test(size=SIZE) as pilot:
            await select_placement(pilot, 1)
            await pilot.press("r")
            await pilot.pause()
            assert "Replacing placement 2" in message(app)
            await type_text(pilot, "GDA")  # the text is selected: typing replaces it
            await pilot.press("enter")
            await pilot.pause()
            case = session(app).case
            assert case.placements[1].vessel == "gastroduodenal_artery"
            assert claim(app) == ["36247", "36247-59-LT"]
            assert message(app).startswith("Placement 2 replaced: Gastroduodenal artery")

    async def test_an_ambiguous_name_in_a_file_lists_its_candidates(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "uterine"))
        async with app.run_test(size=SIZE) as pilot:
            await select_placement(pilot, 1)
            title, lines = session(app).rationale()
            assert title == "Placement 2 ('uterine') cannot be coded yet"
            assert "Could be: Left uterine artery; Right uterine artery" in lines

    async def test_other_edits_go_on_while_the_problem_stays_marked(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "gastroduodnal"))
        async with app.run_test(size=SIZE) as pilot:
            await add_placement(pilot, "SMA")
            assert [p.vessel for p in session(app).case.placements][-1] == (
                "superior_mesenteric_artery"
            )
            assert len(session(app).problems) == 1

    async def test_deleting_an_access_without_an_id(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "SMA"))
        async with app.run_test(size=SIZE) as pilot:
            await select_row(pilot, 0)
            await pilot.press("delete")
            await pilot.pause()
            case = session(app).case
            assert (case.accesses, case.placements) == ((), ())

    async def test_adding_to_a_case_whose_access_has_no_id(
        self, mini: Anatomy, state: Path, workdir: Path
    ) -> None:
        app = build(mini, state, case_path=self._write(workdir, "SMA"))
        async with app.run_test(size=SIZE) as pilot:
            await add_placement(pilot, "GDA")
            assert claim(app) == ["36247", "36247-59-LT", "36245-59"]
            assert session(app).case.placements[-1].vessel == "gastroduodenal_artery"


class TestLayout:
    """No panel vanishes at 80x24 and 120x35: a narrow terminal stacks them."""

    async def test_every_panel_is_on_screen(self, mini: Anatomy, state: Path) -> None:
        for size in ((80, 24), (120, 35), (160, 48)):
            built = build(mini, state)
            async with built.run_test(size=size) as pilot:
                await pilot.pause()
                screen = main_screen(built)
                assert screen.has_class("-narrow") == (size[0] < 100)
                for selector in ("#search-input", "#tree", "#case", "#codes", "#rationale"):
                    region = screen.query_one(selector).region
                    assert region.height >= (1 if selector == "#search-input" else 2), (
                        size,
                        selector,
                    )
                    assert region.width >= 20, (size, selector, region)
                    assert screen.region.contains_region(region), (size, selector)


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
            app.screen.query_one("#settings-name", Input).focus()
            await type_text(pilot, "Arm case")
            await pilot.click("#settings-apply")
            await pilot.pause()
            case = session(app).document.case
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


async def test_the_atlas_loads_in_the_background(state: Path) -> None:
    app = make_app(state_dir=state, data_dir=MINI_DIR, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session(app).anatomy.data_dir == str(MINI_DIR)
