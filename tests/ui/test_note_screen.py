"""The note screen driven from the keyboard: open or type a note, read it, accept or reject, use."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from tests.reading.corpus import NOTES
from tests.ui.conftest import SIZE, session, settle, type_text
from tui.app import VascularApp
from tui.files import case_json
from tui.note_review import NoteReview, position
from tui.screens.note_screen import NoteScreen
from vascular import Anatomy


class TestNoteScreen:
    async def test_open_read_reject_and_use_a_note(
        self, real_app: VascularApp, workdir: Path
    ) -> None:
        note = (NOTES / "01_uterine_embolization.txt").read_text(encoding="utf-8")
        (workdir / "note.txt").write_text(note, encoding="utf-8")
        async with real_app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f6")
            await settle(pilot)
            assert isinstance(real_app.screen, NoteScreen)
            await pilot.press("ctrl+o")
            await settle(pilot)
            await pilot.press("enter")  # the default path: note.txt in the working folder
            await settle(pilot)
            screen = real_app.screen
            assert isinstance(screen, NoteScreen)
            steps = screen.query_one("#note-steps", OptionList)
            assert steps.option_count == 5
            await pilot.press("down", "down")
            area = screen.query_one("#note-text", TextArea)
            assert area.selected_text == "left uterine artery"
            await pilot.press("space")
            await settle(pilot)
            assert "Rejected: Left uterine artery" in str(
                screen.query_one("#note-message", Static).render()
            )
            await pilot.press("f10")
            await settle(pilot)
            case = session(real_app).case
            assert [p.vessel for p in case.placements] == [
                "left_internal_iliac_artery",
                "right_internal_iliac_artery",
                "right_uterine_artery",
            ]
            assert case.note == note
            assert json.loads(case_json(case))["note"] == note
            await pilot.press("ctrl+z")
            await settle(pilot)
            assert session(real_app).case.placements == ()

    async def test_a_typed_note_is_read_and_its_queries_listed(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f6")
            await settle(pilot)
            await type_text(pilot, "R CFA accessed. The renal artery was selected.")
            await pilot.press("f5")
            await settle(pilot)
            screen = real_app.screen
            assert screen.query_one("#note-steps", OptionList).option_count == 1
            queries = str(screen.query_one("#note-queries", Static).render())
            assert "which side" in queries

    async def test_a_note_that_is_not_vascular_says_why(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f6")
            await settle(pilot)
            await type_text(pilot, "Colonoscopy to the cecum.")
            await pilot.press("f5", "f10")
            await settle(pilot)
            screen = real_app.screen
            assert isinstance(screen, NoteScreen)
            message = str(screen.query_one("#note-message", Static).render())
            assert "Read the note first" in message or "Not read" in message
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(real_app.screen, NoteScreen)


def test_a_review_builds_the_case_from_the_accepted_steps(atlas: Anatomy) -> None:
    text = (NOTES / "24_two_accesses.txt").read_text(encoding="utf-8")
    review = NoteReview.read(text, atlas)
    assert [s.kind for s in review.steps] == ["access", "access"] + ["placement"] * 3
    review.toggle(1)  # reject the venous access: its placements go with it
    data = review.case_data()
    assert data["accesses"] == [{"vessel": "right_common_femoral_artery"}]
    assert data["placements"] == [{"vessel": "superior_mesenteric_artery", "imaging": True}]
    assert review.case().note == text


def test_positions_count_rows_and_columns() -> None:
    assert position("ab\ncd", 4) == (1, 1)
    assert position("ab", 99) == (0, 2)
