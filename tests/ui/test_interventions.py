"""Interventions in the app, typed key by key: the dialog, the case list, struck-through lines.

The library, the command line and the app give the same lines for the same saved case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Label, OptionList, SelectionList, Tree

from tests.ui.conftest import (
    SIZE,
    add_access,
    add_placement,
    claim,
    main_screen,
    message,
    select_row,
    session,
    type_text,
)
from tui import editing
from tui import interventions as intervening
from tui.app import VascularApp
from tui.document import empty_case
from tui.files import case_json
from tui.screens.family import FamilyScreen
from tui.screens.intervention_dialog import InterventionDialog
from tui.widgets.code_table import CodeTable
from vascular import Anatomy, Diagnostic, Intervention, code_case, parse_case


async def add_intervention(pilot: Pilot[None], code: str, vessel: str) -> None:
    """F5, the code typed key by key, Enter, the vessel typed key by key, Enter."""
    await pilot.press("f5")
    await pilot.pause()
    await type_text(pilot, code)
    await pilot.press("enter")
    await type_text(pilot, vessel)
    await pilot.press("enter")
    await pilot.pause()


async def ivc_filter(pilot: Pilot[None]) -> None:
    """A filter in the infrarenal IVC from the right internal jugular vein."""
    await add_access(pilot, "right internal jugular vein")
    await add_placement(pilot, "infrarenal IVC")
    await add_intervention(pilot, "37191", "infrarenal IVC")


def dialog_error(app: VascularApp) -> str:
    return str(app.screen.query_one("#iv-error", Label).render())


class TestAddingAnIntervention:
    async def test_an_ivc_filter_absorbs_the_catheter_line(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right internal jugular vein")
            await add_placement(pilot, "infrarenal IVC")
            assert claim(real_app) == ["36010"]
            await add_intervention(pilot, "37191", "infrarenal IVC")
            assert not isinstance(real_app.screen, InterventionDialog)
            assert claim(real_app) == ["37191"]
            result = session(real_app).explained.result  # type: ignore[union-attr]
            assert [(x.code, x.included_in) for x in result.included_lines] == [("36010", "37191")]
            assert result.placements[0].included_in == "37191"
            assert "it includes 36010" in message(real_app)
            table = main_screen(real_app).query_one(CodeTable)
            assert table.row_count == 2
            struck = table.get_row_at(1)
            assert struck[0].plain == "36010"
            assert "strike" in str(struck[0].style)
            assert struck[4].plain == "in 37191"

    async def test_the_struck_line_gives_its_reason(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await ivc_filter(pilot)
            main_screen(real_app).query_one(CodeTable).focus()
            await pilot.press("ctrl+home", "down")
            await pilot.pause()
            assert session(real_app).selected == ("included", 0)
            reasons = main_screen(real_app).session.rationale()
            assert reasons[0] == "36010 not on the claim: included in 37191"
            text = " ".join(reasons[1])
            assert "37191 includes it" in text
            assert "includes all the catheter work of its access" in text
            assert "Sources: AAPC-IVCF" in text
            assert "reference section I1.1" in text

    async def test_the_case_list_shows_the_intervention(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await ivc_filter(pilot)
            case_view = main_screen(real_app).panels.case
            rows = [[cell.plain for cell in case_view.get_row_at(i)] for i in range(3)]
            assert rows[1][0] == "1"
            assert rows[1][4].startswith("in 37191")
            assert rows[2][:3] == ["I1", "Inferior vena cava", "A"]
            assert rows[2][3].startswith("37191 x1 · no study")

    async def test_undo_and_redo_cover_it(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await ivc_filter(pilot)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert claim(real_app) == ["36010"]
            assert not session(real_app).case.interventions
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert claim(real_app) == ["37191"]

    async def test_the_code_completes_from_the_engines_table(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right internal jugular vein")
            await pilot.press("f5")
            await type_text(pilot, "3719")
            matches = real_app.screen.query_one("#iv-matches", OptionList)
            shown = [str(matches.get_option_at_index(i).prompt) for i in range(3)]
            assert [s.split()[0] for s in shown] == ["37191", "37192", "37193"]
            await pilot.press("down", "enter")
            await type_text(pilot, "infrarenal IV")
            await pilot.press("down", "enter")  # the library's reading first
            vessel = real_app.screen.query_one("#iv-vessel")
            assert vessel.value == "Inferior vena cava"  # type: ignore[attr-defined]
            await pilot.press("enter")
            await pilot.pause()
            assert claim(real_app) == ["37191"]

    async def test_family_words_find_codes(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral artery")
            await pilot.press("f5")
            await type_text(pilot, "carotid st")
            matches = real_app.screen.query_one("#iv-matches", OptionList)
            first = str(matches.get_option_at_index(0).prompt)
            assert first.startswith("37215")
            assert "Carotid and innominate stents" in first


class TestBadInput:
    async def _refused(self, app: VascularApp, pilot: Pilot[None], code: str, vessel: str) -> str:
        await add_access(pilot, "right internal jugular vein")
        await add_intervention(pilot, code, vessel)
        assert isinstance(app.screen, InterventionDialog)
        assert not session(app).case.interventions
        return dialog_error(app)

    async def test_an_unknown_code(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            error = await self._refused(real_app, pilot, "37999", "infrarenal IVC")
            assert "code: 37999 is not an intervention code this tool knows" in error

    async def test_a_retired_code(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            error = await self._refused(real_app, pilot, "37220", "right common iliac artery")
            assert "37220 was deleted from CPT" in error
            assert "37254-37262" in error

    async def test_a_vessel_the_access_cannot_reach(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            error = await self._refused(real_app, pilot, "37215", "right internal carotid")
            assert "cannot be reached from access A" in error

    async def test_escape_adds_nothing(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right internal jugular vein")
            await pilot.press("f5")
            await type_text(pilot, "37191")
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(real_app.screen, InterventionDialog)
            assert not session(real_app).case.interventions


class TestChangingAndRemoving:
    async def test_r_changes_it_and_delete_removes_it(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await ivc_filter(pilot)
            await select_row(pilot, 2)
            assert session(real_app).selected == ("intervention", 0)
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(real_app.screen, InterventionDialog)
            real_app.screen.query_one("#iv-units").focus()
            await pilot.press("backspace")
            await type_text(pilot, "2")
            await pilot.press("enter")
            await pilot.pause()
            assert session(real_app).case.interventions[0].units == 2
            assert claim(real_app) == ["37191 x2"]
            await select_row(pilot, 2)
            await pilot.press("delete")
            await pilot.pause()
            assert not session(real_app).case.interventions
            assert claim(real_app) == ["36010"]


class TestSameLinesEverywhere:
    async def test_the_saved_case_codes_alike_in_the_library_and_the_cli(
        self, real_app: VascularApp, atlas: Anatomy, workdir: Path
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await ivc_filter(pilot)
            await pilot.press("ctrl+s", "enter")  # the proposed case.json
            await pilot.pause()
            app_result = session(real_app).explained.result  # type: ignore[union-attr]
        saved = workdir / "case.json"
        data = json.loads(saved.read_text())
        assert data["interventions"][0]["code"] == "37191"
        cli = subprocess.run(
            [sys.executable, "-m", "vascular.cli", "code", "--json", str(saved)],
            capture_output=True,
            text=True,
            check=True,
        )
        from_cli = json.loads(cli.stdout)
        from_library = code_case(parse_case(data), atlas).to_json()
        mine = app_result.to_json()
        for key in ("lines", "included_lines", "placements"):
            assert from_cli[key] == from_library[key] == mine[key]


class TestTextFree:
    def test_other_edits_keep_interventions_and_constructs(self, atlas: Anatomy) -> None:
        case = editing.add_access(empty_case(), "right_internal_jugular_vein")
        case = editing.add_intervention(
            case, Intervention(code="37191", vessel="inferior_vena_cava", access="A")
        )
        case = editing.set_constructs(case, ["tips_shunt"])
        case = editing.add_placement(case, "inferior_vena_cava", "A")
        case = editing.rename(case, "filter")
        case = editing.add_access(case, "right_common_femoral_vein")
        assert [i.code for i in case.interventions] == ["37191"]
        assert case.constructs == ("tips_shunt",)
        assert parse_case(json.loads(case_json(case))) == case
        assert editing.remove_access(case, "A").interventions == ()

    def test_codes_complete_from_digits_and_family_words(self, atlas: Anatomy) -> None:
        assert [k.code for k in intervening.code_entries(atlas, "3719")] == [
            "37191",
            "37192",
            "37193",
            "37197",
        ]
        assert intervening.code_entries(atlas, "") == ()
        found = intervening.code_entries(atlas, "dialysis", limit=20)
        assert found
        assert all("dialysis" in k.family.lower() for k in found)
        deleted = [k.deleted for k in intervening.code_entries(atlas, "lower ext", limit=40)]
        assert deleted == sorted(deleted)  # current codes first

    def test_the_diagnostic_answer(self) -> None:
        assert intervening.diagnostic_of(None, "yes") is None
        study = intervening.diagnostic_of("no-prior-study", "unstated")
        assert study == Diagnostic(reason="no-prior-study", qualifies=None)
        assert intervening.diagnostic_words(study) == "no-prior-study: not stated"


class TestSettingsAndFamily:
    async def test_a_construct_is_chosen_in_the_settings_and_saved(
        self, real_app: VascularApp
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right internal jugular vein")
            await pilot.press("f2")
            await pilot.pause()
            constructs = real_app.screen.query_one("#settings-constructs", SelectionList)
            variants = real_app.screen.query_one("#settings-variants", SelectionList)
            assert "tips_shunt" not in [
                variants.get_option_at_index(i).value for i in range(variants.option_count)
            ]
            values = [
                constructs.get_option_at_index(i).value for i in range(constructs.option_count)
            ]
            constructs.focus()
            for _ in range(values.index("tips_shunt")):
                await pilot.press("down")
            await pilot.press("space")
            real_app.screen.query_one("#settings-apply").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert session(real_app).case.constructs == ("tips_shunt",)
            case_view = main_screen(real_app).panels.case
            last = [cell.plain for cell in case_view.get_row_at(case_view.row_count - 1)]
            assert last[0] == "C"
            assert last[1].startswith("TIPS")

    async def test_the_family_chart_marks_a_codes_territory(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "right common femoral artery")
            await add_placement(pilot, "left common carotid")
            await add_intervention(pilot, "37215", "right internal carotid")
            assert claim(real_app)[0] == "37215-RT"
            await select_row(pilot, 2)
            await pilot.press("f3")
            await pilot.pause()
            screen = real_app.screen
            assert isinstance(screen, FamilyScreen)
            assert screen.chart.rows[0].vessel == "right_common_carotid_artery"
            line = str(screen.query_one("#family-territory", Label).render())
            assert line.startswith("◆ 37215 includes the carotid circulation")
            tree = screen.query_one("#family-tree", Tree)
            assert "◆ in 37215" in str(tree.root.label)
            await pilot.press("c")
            await type_text(pilot, "3719")
            await pilot.press("down", "enter")
            await pilot.pause()
            assert screen.code == "37191"
            assert "◆" not in str(tree.root.label)


class TestDialysisCircuit:
    async def test_a_graft_chosen_in_the_settings_then_a_venoplasty_through_it(
        self, real_app: VascularApp, atlas: Anatomy
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            constructs = real_app.screen.query_one("#settings-constructs", SelectionList)
            values = [
                constructs.get_option_at_index(i).value for i in range(constructs.option_count)
            ]
            constructs.focus()
            for _ in range(values.index("left_upper_arm_av_graft")):
                await pilot.press("down")
            await pilot.press("space")
            real_app.screen.query_one("#settings-apply").focus()
            await pilot.press("enter")
            await pilot.pause()
            await add_access(pilot, "left upper arm AV graft")
            await add_placement(pilot, "left axillary vein")
            await add_intervention(pilot, "36902", "left axillary vein")
            case = session(real_app).case
            assert case.constructs == ("left_upper_arm_av_graft",)
            assert claim(real_app) == ["36902"]
            assert claim(real_app) == [line.label for line in code_case(case, atlas).lines]


class TestSession:
    def test_a_refused_intervention_changes_nothing(self, atlas: Anatomy) -> None:
        from tui.session import CaseSession

        case_session = CaseSession(atlas)
        case_session.add_access("right_internal_jugular_vein", None)
        before = case_session.case
        wrong = Intervention(code="37215", vessel="right internal carotid", access="A")
        problems = case_session.interventions.problems(wrong)
        assert len(problems) == 1
        assert problems[0].startswith("vessel: the right internal carotid artery cannot be reached")
        said = case_session.interventions.add(wrong)
        assert not said.ok
        assert case_session.case == before
        assert case_session.interventions.problems(
            Intervention(code="abc", vessel="infrarenal IVC", access="A")
        ) == ["code: 'abc' is not a five-digit code number"]

    def test_a_placement_added_after_the_filter_says_it_is_included(self, atlas: Anatomy) -> None:
        from tui.session import CaseSession

        case_session = CaseSession(atlas)
        case_session.add_access("right_internal_jugular_vein", None)
        filter_ = Intervention(code="37191", vessel="infrarenal IVC", access="A")
        assert case_session.interventions.add(filter_).ok
        said = case_session.add_vessel("inferior_vena_cava")
        assert "included in the intervention 37191" in said.text
