"""The app checks the claim against the NCCI edits when a database is there, as `code --ncci` does.

The database is built from the synthetic CMS-layout files of `tests.ncci.cms_files` (2026 Q3:
36247/36246 is a practitioner PTP edit with modifier indicator 1). The coder types every date and
code key by key.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label, Static

from tests.ui.conftest import NCCI_CASE, build, main_screen, session, type_text
from tui.app import VascularApp
from tui.claim import claim_codes_text, read_claim_codes
from tui.screens.settings import SettingsScreen
from tui.widgets.code_table import CodeTable
from vascular import Anatomy, parse_case
from vascular.cli import main as cli

SIZE = (150, 48)

CASE = NCCI_CASE


def _case_file(folder: Path, **fields: object) -> Path:
    path = folder / "case.json"
    path.write_text(json.dumps({**CASE, **fields}), encoding="utf-8")
    return path


def _pair_file(folder: Path) -> Path:
    """The case with 36246 on the same claim, on a date the Q3 files cover (PTP 36247/36246)."""
    return _case_file(folder, date_of_service="2026-08-03", claim_codes=[{"code": "36246"}])


def _code_with_ncci(path: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What `vascular code PATH --ncci --json` prints, on the database `db`."""
    monkeypatch.setenv("VASCULAR_NCCI_DB", str(db))
    out = io.StringIO()
    assert cli(["code", str(path), "--ncci", "--json"], stdout=out) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def _summary(app: VascularApp) -> Static:
    return main_screen(app).query_one("#codes-ncci", Static)


def _cells(app: VascularApp) -> list[str]:
    table = main_screen(app).query_one(CodeTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


def _reasons(app: VascularApp) -> list[str]:
    return session(app).rationale()[1]


async def _open_settings(pilot: object) -> SettingsScreen:
    await pilot.press("f2")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, SettingsScreen)
    return screen


class TestWithADatabase:
    async def test_a_pair_on_the_claim_is_marked_and_explained(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        path = _pair_file(workdir)
        app = build(atlas, state, case_path=path, ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            summary = str(_summary(app).render())
            assert "NCCI (2026-08-03, practitioner) ⚠ 1 edit denies a line" in summary
            assert "36246 (other claim code 1) is the column 2 code of 36247" in summary
            assert _summary(app).has_class("-warning")
            assert _cells(app) == ["36247", "36245", "36246 ⚠"]
            reasons = _reasons(app)  # line 1, 36247, is under the cursor
            denied = [r for r in reasons if r.startswith("NCCI ⚠ PTP 36247/36246")]
            assert len(denied) == 1
            assert "modifier indicator 1: denied unless a PTP-associated modifier" in denied[0]
            assert "in force from 2004-01-01 (no deletion date)" in denied[0]
            assert "2026Q3 file ccipra-v322r0-f1.TXT" in denied[0]
            bypassed = [r for r in reasons if r.startswith("NCCI: PTP 36247/36245")]
            assert len(bypassed) == 1
            assert "bypassed by 59" in bypassed[0]
            # the other claim code's own row, reached with the keys
            main_screen(app).query_one(CodeTable).focus()
            await pilot.press("down", "down")
            await pilot.pause()
            assert session(app).selected == ("claim", 0)
            title, reasons = session(app).rationale()
            assert title == "Other claim code 36246 x1"
            assert any(r.startswith("NCCI ⚠ PTP 36247/36246") for r in reasons)

    async def test_the_app_says_what_the_command_line_says(
        self,
        atlas: Anatomy,
        workdir: Path,
        state: Path,
        q3_db: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        path = _pair_file(workdir)
        expected = _code_with_ncci(path, q3_db, monkeypatch)["ncci"]
        app = build(atlas, state, case_path=path, ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            claim = session(app).ncci.claim
            assert claim is not None
            assert claim.to_json() == expected

    async def test_the_exported_result_carries_the_check_as_code_ncci_json_does(
        self,
        atlas: Anatomy,
        workdir: Path,
        state: Path,
        q3_db: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        path = _pair_file(workdir)
        expected = _code_with_ncci(path, q3_db, monkeypatch)
        app = build(atlas, state, case_path=path, ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("f4")  # the JSON result is the first kind offered
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        exported = json.loads((workdir / "case.result.json").read_text(encoding="utf-8"))
        assert exported == expected

    async def test_a_date_typed_in_the_settings_starts_the_check(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        app = build(atlas, state, case_path=_case_file(workdir), ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "no date of service (set it in the settings, F2)" in str(_summary(app).render())
            await _open_settings(pilot)
            assert app.focused is not None
            assert app.focused.id == "settings-name"  # the first field, ready to type in
            await pilot.press("tab")  # to the date of service
            await type_text(pilot, "2026-08-03")
            await pilot.press("tab", "tab")  # past whose claim, to the other claim codes
            assert app.focused.id == "settings-claim-codes"
            await type_text(pilot, "36246-xs 75726-26")
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, SettingsScreen)
            case = session(app).case
            assert case.date_of_service == "2026-08-03"
            assert [(c.code, c.modifiers) for c in case.claim_codes] == [
                ("36246", ("XS",)),
                ("75726", ("26",)),
            ]
            assert _cells(app) == ["36247", "36245", "36246", "75726"]
            summary = str(_summary(app).render())
            assert "no edit denies a line; 3 PTP edits bypassed" in summary
            assert not _summary(app).has_class("-warning")

    async def test_the_hospital_claim_reads_the_outpatient_tables(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        path = _case_file(
            workdir,
            date_of_service="2026-08-03",
            claim_codes=[{"code": "36246", "modifiers": ["XS"]}],
        )
        app = build(atlas, state, case_path=path, ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "no edit denies a line" in str(_summary(app).render())
            screen = await _open_settings(pilot)
            screen.query_one("#settings-setting").focus()
            await pilot.press("enter", "down", "enter")  # open the list, the next choice, take it
            await pilot.pause()
            await pilot.click("#settings-apply")
            await pilot.pause()
            assert session(app).case.setting == "hospital"
            # the outpatient table gives 36247/36246 indicator 0: no modifier bypasses it
            summary = str(_summary(app).render())
            assert "NCCI (2026-08-03, outpatient) ⚠ 1 edit denies a line" in summary
            assert "(modifier indicator 0)" in summary

    async def test_a_date_no_quarter_covers_is_not_a_clean_claim(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        path = _case_file(workdir, date_of_service="2025-02-03", claim_codes=[{"code": "36246"}])
        app = build(atlas, state, case_path=path, ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            summary = str(_summary(app).render())
            assert "not checked: no NCCI data loaded for 2025-02-03 (practitioner)" in summary
            assert _summary(app).has_class("-warning")
            assert _cells(app) == ["36247", "36245", "36246"]
            assert _reasons(app)[-1] == (
                "NCCI: not checked: no NCCI data loaded for 2025-02-03 (practitioner)"
            )

    async def test_a_refused_field_keeps_the_dialog_and_what_was_typed(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        app = build(atlas, state, case_path=_case_file(workdir), ncci_db=q3_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await _open_settings(pilot)
            screen.query_one("#settings-date").focus()
            await type_text(pilot, "2026-02-30")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            error = str(screen.query_one("#settings-error", Label).render())
            assert error.startswith("Not applied:")
            assert "'2026-02-30' is not a date" in error
            date = screen.query_one("#settings-date")
            await pilot.press(*["backspace"] * 2)
            await type_text(pilot, "28")
            screen.query_one("#settings-claim-codes").focus()
            await type_text(pilot, "7572-26")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
            error = str(screen.query_one("#settings-error", Label).render())
            assert "other claim code 1 ('7572-26') is not CODE[-MODIFIER...][xUNITS]" in error
            assert date.value == "2026-02-28"  # type: ignore[attr-defined]
            assert session(app).case.date_of_service is None

    async def test_a_database_imported_while_the_app_runs_is_read_at_the_next_change(
        self, atlas: Anatomy, workdir: Path, state: Path, q3_db: Path
    ) -> None:
        later = workdir / "later" / "ncci.sqlite3"
        path = _pair_file(workdir)
        app = build(atlas, state, case_path=path, ncci_db=later)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not _summary(app).display
            assert _reasons(app)[-1].startswith("NCCI: no edits loaded")
            later.parent.mkdir()
            shutil.copyfile(q3_db, later)
            await pilot.press("ctrl+z", "ctrl+y")  # any change checks again
            await pilot.pause()
            assert "⚠ 1 edit denies a line" in str(_summary(app).render())

    async def test_a_file_that_is_not_a_database_is_said_not_raised(
        self, atlas: Anatomy, workdir: Path, state: Path
    ) -> None:
        junk = workdir / "junk.sqlite3"
        junk.write_text("not a database", encoding="utf-8")
        path = _case_file(workdir, date_of_service="2026-08-03")
        app = build(atlas, state, case_path=path, ncci_db=junk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            summary = str(_summary(app).render())
            assert summary.startswith("NCCI: the NCCI database cannot be read:")
            assert str(junk) in summary
            assert _cells(app) == ["36247", "36245"]


class TestWithoutADatabase:
    async def test_each_line_says_no_edits_are_loaded(
        self, atlas: Anatomy, workdir: Path, state: Path
    ) -> None:
        path = _pair_file(workdir)
        app = build(atlas, state, case_path=path, ncci_db=workdir / "none" / "ncci.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not _summary(app).display
            assert _cells(app) == ["36247", "36245", "36246"]
            assert (
                _reasons(app)[-1]
                == "NCCI: no edits loaded ('vascular ncci import' reads CMS's files)"
            )

    async def test_the_claim_is_saved_with_the_case_and_opens_again(
        self, atlas: Anatomy, workdir: Path, state: Path
    ) -> None:
        path = _case_file(workdir)
        app = build(atlas, state, case_path=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await _open_settings(pilot)
            screen.query_one("#settings-date").focus()
            await type_text(pilot, "2026-08-03")
            screen.query_one("#settings-claim-codes").focus()
            await type_text(pilot, "75726-26 36248x2")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
        saved = parse_case(json.loads(path.read_text(encoding="utf-8")))
        assert saved.date_of_service == "2026-08-03"
        assert claim_codes_text(saved) == "75726-26 36248x2"
        again = build(atlas, state, case_path=path)
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await _open_settings(pilot)
            assert screen.query_one("#settings-claim-codes").value == "75726-26 36248x2"  # type: ignore[attr-defined]


class TestTypedClaimCodes:
    def test_codes_modifiers_and_units(self) -> None:
        assert read_claim_codes(" 75726-26, +36248x2 99213-25-59 ") == [
            {"code": "75726", "modifiers": ["26"], "units": 1},
            {"code": "36248", "modifiers": [], "units": 2},
            {"code": "99213", "modifiers": ["25", "59"], "units": 1},
        ]
        assert read_claim_codes("") == []

    @pytest.mark.parametrize("typed", ["7572", "75726-", "75726x", "75726-2", "75726x1000"])
    def test_a_word_not_written_as_a_code_is_named(self, typed: str) -> None:
        with pytest.raises(ValueError, match=rf"other claim code 2 \('{typed}'\)"):
            read_claim_codes(f"36246 {typed}")


def test_the_readme_screenshots_are_written(tmp_path: Path) -> None:
    from tests.ui.doc_screens import main as write_screens

    assert write_screens([str(tmp_path)]) == 0
    ncci = (tmp_path / "ncci-screen.svg").read_text(encoding="utf-8")
    assert "1&#160;edit&#160;denies&#160;a&#160;line" in ncci  # Textual writes spaces as &#160;
    assert (tmp_path / "main-screen.svg").stat().st_size > 10_000
