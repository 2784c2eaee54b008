"""The app's Textual-free core: the case document, pure edits, and files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINI_DIR
from tui import editing
from tui.document import CaseDocument, empty_case
from tui.files import CaseFileError, case_json, export_text, read_case, write_atomically
from vascular import Anatomy, Case, Options, code_case, explain_case, load_anatomy, parse_case


def _case() -> Case:
    case = editing.add_access(empty_case(), "right_common_femoral_artery")
    case = editing.add_placement(case, "left_superficial_femoral_artery", "A")
    return editing.add_placement(case, "superior_mesenteric_artery", "A")


class TestDocument:
    def test_undo_and_redo_walk_the_history(self) -> None:
        document = CaseDocument()
        first = editing.add_access(empty_case(), "right_common_femoral_artery")
        second = editing.add_placement(first, "celiac_trunk", "A")
        document.apply(first)
        document.apply(second)
        assert document.undo()
        assert document.case == first
        assert document.redo()
        assert document.case == second
        assert not document.redo()

    def test_a_new_edit_clears_the_redo_stack(self) -> None:
        document = CaseDocument()
        document.apply(editing.add_access(empty_case(), "right_common_femoral_artery"))
        document.undo()
        document.apply(editing.add_access(empty_case(), "left_common_femoral_artery"))
        assert not document.can_redo

    def test_dirty_until_saved(self, tmp_path: Path) -> None:
        document = CaseDocument()
        assert not document.dirty
        document.apply(_case())
        assert document.dirty
        document.mark_saved(tmp_path / "case.json")
        assert not document.dirty
        document.apply(editing.rename(document.case, "Report 12"))
        assert document.dirty

    def test_undo_after_new_brings_the_case_back_with_its_file(self, tmp_path: Path) -> None:
        document = CaseDocument()
        document.apply(_case())
        document.mark_saved(tmp_path / "case.json")
        document.apply(editing.rename(document.case, "Report 12"))
        before = document.case
        document.start(empty_case(), None)
        assert (document.case, document.path, document.dirty) == (empty_case(), None, False)
        assert document.undo()
        assert (document.case, document.path) == (before, tmp_path / "case.json")
        assert document.dirty

    def test_an_opened_case_is_saved_as_it_is(self, tmp_path: Path) -> None:
        document = CaseDocument()
        document.start(_case(), tmp_path / "case.json")
        assert not document.dirty
        assert document.saved == _case()

    def test_undo_past_a_save_is_unsaved(self, tmp_path: Path) -> None:
        document = CaseDocument()
        document.apply(editing.add_access(empty_case(), "right_common_femoral_artery"))
        document.apply(_case())
        document.mark_saved(tmp_path / "case.json")
        document.undo()
        assert document.dirty
        document.redo()
        assert not document.dirty


class TestEditing:
    def test_an_access_without_an_id_is_a_and_can_be_removed(self, mini: Anatomy) -> None:
        case = parse_case({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "SMA"}]})
        assert editing.access_ids(case) == ["A"]
        removed = editing.remove_access(case, "A")
        assert (removed.accesses, removed.placements) == ((), ())

    def test_a_second_access_names_the_first(self) -> None:
        case = parse_case({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "SMA"}]})
        case = editing.add_access(case, "left_common_femoral_artery")
        assert editing.access_ids(case) == ["A", "B"]
        assert case.placements[0].access == "A"

    def test_replace_a_vessel_keeps_the_rest_of_the_placement(self) -> None:
        case = editing.set_imaging(_case(), 1, True)
        case = editing.replace_vessel(case, 1, "celiac_trunk")
        assert case.placements[1].vessel == "celiac_trunk"
        assert case.placements[1].imaging is True
        assert case.placements[1].access == "A"

    def test_access_ids_are_letters(self) -> None:
        case = editing.add_access(_case(), "left_common_femoral_artery", "antegrade")
        assert [(a.id, a.direction) for a in case.accesses] == [("A", None), ("B", "antegrade")]

    def test_edits_leave_the_original_alone(self) -> None:
        case = _case()
        moved = editing.move_placement(case, 0, 1)
        assert [p.vessel for p in moved.placements] == [
            "superior_mesenteric_artery",
            "left_superficial_femoral_artery",
        ]
        assert case.placements[0].vessel == "left_superficial_femoral_artery"
        assert editing.move_placement(case, 0, -1) == case

    def test_removing_the_last_access_empties_the_case(self) -> None:
        case = editing.remove_access(_case(), "A")
        assert (case.accesses, case.placements) == ((), ())

    def test_imaging_sampling_access_options_variants_name(self) -> None:
        case = editing.add_access(_case(), "left_radial_artery")
        case = editing.set_imaging(case, 0, ["cervical"])
        case = editing.set_imaging(case, 1, True)
        case = editing.toggle_sampling(case, 1)
        case = editing.set_access_of(case, 1, "B")
        case = editing.set_options(case, Options(order_from="aorta"))
        case = editing.set_variants(case, ["bovine_arch"])
        case = editing.rename(case, "Teaching case")
        assert case.placements[0].imaging == ("cervical",)
        assert (case.placements[1].imaging, case.placements[1].sampling) == (True, True)
        assert case.placements[1].access == "B"
        assert (case.options.order_from, case.variants, case.name) == (
            "aorta",
            ("bovine_arch",),
            "Teaching case",
        )

    def test_every_edit_keeps_the_note_the_claim_and_the_date(self) -> None:
        kept = {
            "note": "Right CFA access; celiac and common hepatic selected.",
            "date_of_service": "2026-08-03",
            "setting": "hospital",
            "billed": [{"code": "36246"}],
            "claim_codes": [{"code": "75726", "modifiers": ["26"]}],
        }
        case = parse_case({**_case().to_json(), **kept})
        expected = {key: case.to_json()[key] for key in kept}
        edits: list[Callable[[Case], Case]] = [
            lambda c: editing.add_access(c, "left_radial_artery"),
            lambda c: editing.add_placement(c, "celiac_trunk", "A"),
            lambda c: editing.replace_vessel(c, 0, "superior_mesenteric_artery"),
            lambda c: editing.move_placement(c, 0, 1),
            lambda c: editing.set_imaging(c, 0, True),
            lambda c: editing.toggle_sampling(c, 0),
            lambda c: editing.set_options(c, Options(order_from="aorta")),
            lambda c: editing.set_variants(c, ["bovine_arch"]),
            lambda c: editing.rename(c, "Report 7"),
            lambda c: editing.remove_placement(c, 0),
        ]
        for edit in edits:
            case = edit(case)
            data = case.to_json()
            assert {key: data.get(key) for key in kept} == expected


@pytest.fixture(scope="module")
def mini() -> Anatomy:
    return load_anatomy(MINI_DIR)


class TestFiles:
    def test_a_saved_case_reads_back_and_codes_the_same(
        self, tmp_path: Path, mini: Anatomy
    ) -> None:
        path = tmp_path / "case.json"
        write_atomically(path, case_json(_case()))
        assert read_case(path, mini) == _case()
        data = json.loads(path.read_text())
        assert "variants" not in data
        assert [line.label for line in code_case(data, mini).lines] == ["36247-LT", "36245-59"]

    def test_saving_replaces_the_file_whole_and_keeps_its_mode(self, tmp_path: Path) -> None:
        path = tmp_path / "case.json"
        path.write_text("old")
        path.chmod(0o640)
        write_atomically(path, "new")
        assert path.read_text() == "new"
        assert path.stat().st_mode & 0o777 == 0o640
        assert [p.name for p in tmp_path.iterdir()] == ["case.json"]

    def test_a_new_file_gets_the_usual_mode(self, tmp_path: Path) -> None:
        umask = os.umask(0o022)
        try:
            write_atomically(tmp_path / "new.json", "{}")
        finally:
            os.umask(umask)
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644

    def test_a_failed_write_leaves_no_temporary_file(self, tmp_path: Path) -> None:
        (tmp_path / "taken").mkdir()
        with pytest.raises(IsADirectoryError):
            write_atomically(tmp_path / "taken", "{}")
        assert [p.name for p in tmp_path.iterdir()] == ["taken"]

    @pytest.mark.parametrize(
        ("content", "words"),
        [
            ("{", "not valid JSON: Expecting property name"),
            ("[1, 2]", "must hold one JSON object"),
            ('{"accesses": []}', "accesses"),
            ('{"accesses": [{"vessel": "R CFA"}], "placements": [{"vesel": "SMA"}]}', "vesel"),
        ],
        ids=["broken", "foreign", "empty", "misspelt field"],
    )
    def test_a_bad_file_is_refused_with_its_name_and_reason(
        self, tmp_path: Path, mini: Anatomy, content: str, words: str
    ) -> None:
        path = tmp_path / "bad.json"
        path.write_text(content)
        with pytest.raises(CaseFileError) as raised:
            read_case(path, mini)
        assert str(path) in str(raised.value)
        assert words in str(raised.value)

    @pytest.mark.parametrize("vessel", ["xyzzy", "SFA"], ids=["unknown", "ambiguous"])
    def test_a_case_with_a_bad_name_opens_as_it_is(
        self, tmp_path: Path, mini: Anatomy, vessel: str
    ) -> None:
        path = tmp_path / "typo.json"
        path.write_text(
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": vessel}]})
        )
        assert read_case(path, mini).placements[0].vessel == vessel

    def test_a_missing_file_is_refused(self, tmp_path: Path, mini: Anatomy) -> None:
        with pytest.raises(CaseFileError, match="cannot be read"):
            read_case(tmp_path / "nowhere.json", mini)

    def test_exports(self, mini: Anatomy) -> None:
        explained = explain_case(_case(), mini)
        assert json.loads(export_text("json", explained))["lines"][0]["code"] == "36247"
        assert export_text("lines", explained) == "36247\tLT\t1\n36245\t59\t1\n"
        note = export_text("note", explained)
        assert "Vessels selectively catheterized:" in note
        assert (
            "Superior mesenteric artery: order 1, superior mesenteric artery family (36245-59)"
            in note
        )
