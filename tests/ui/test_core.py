"""The app's Textual-free core: names read as the library reads them, coding, autosaves, session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI_DIR
from tui import editing
from tui.autosave import StateFolder
from tui.coding import code, problem_index
from tui.document import empty_case
from tui.naming import decide, entries
from tui.session import CaseSession
from vascular import Anatomy, CaseProblem, load_anatomy, parse_case


@pytest.fixture
def mini() -> Anatomy:
    return load_anatomy(MINI_DIR)


class TestNaming:
    @pytest.mark.parametrize(
        ("text", "vessel", "how"),
        [
            ("R HA", "right_hepatic_artery", "HA with a side read as RHA"),
            ("left SFA", "left_superficial_femoral_artery", ""),
            ("hepatic vein", "hepatic vein", "the class 'hepatic vein' of 5"),
            ("R SCA", None, ""),
            ("SFA", None, ""),
            ("replaced RHA", None, ""),
            ("hepatc", None, ""),
        ],
        ids=["interpreted", "plain", "class", "ambiguous", "no side", "variant", "unknown"],
    )
    def test_enter_adds_exactly_the_reading(
        self, atlas: Anatomy, text: str, vessel: str | None, how: str
    ) -> None:
        decision = decide(atlas, text)
        assert (decision.vessel, decision.how) == (vessel, how)
        assert bool(decision.reason) == (vessel is None)

    def test_the_first_row_is_the_reading_then_the_librarys_completions(
        self, atlas: Anatomy
    ) -> None:
        rows = entries(atlas, "R HA")
        assert [(r.vessel, r.kind, r.typed) for r in rows] == [
            ("right_hepatic_artery", "reading", True),
            ("right_dorsal_digital_artery_of_hand", "completion", False),
        ]
        ids = [s.id for s in atlas.complete("R HA", 8)]
        assert [r.vessel for r in rows] == ids

    def test_an_ambiguity_lists_its_candidates_under_a_row_that_adds_nothing(
        self, atlas: Anatomy
    ) -> None:
        rows = entries(atlas, "R SCA")
        assert rows[0].vessel is None
        assert [(r.vessel, r.typed) for r in rows[1:3]] == [
            ("right_superior_cerebellar_artery", True),
            ("right_subclavian_artery", True),
        ]

    def test_completions_of_a_partial_word_are_what_was_typed(self, mini: Anatomy) -> None:
        rows = entries(mini, "hypogas")
        assert [(r.kind, r.typed) for r in rows] == [
            ("note", False),
            ("completion", True),
            ("completion", True),
        ]

    def test_close_names_are_not_what_was_typed(self, atlas: Anatomy) -> None:
        rows = entries(atlas, "gastrodudenal")
        assert rows[0].vessel is None
        assert {r.kind for r in rows[1:]} == {"close"}
        assert not any(r.typed for r in rows[1:])

    def test_nothing_typed_offers_nothing(self, mini: Anatomy) -> None:
        assert entries(mini, "  ") == ()


class TestCoding:
    def test_a_class_is_coded_by_the_library_and_traced(self, atlas: Anatomy) -> None:
        case = parse_case(
            {"accesses": [{"vessel": "right IJ"}], "placements": [{"vessel": "hepatic vein"}]}
        )
        coding = code(case, atlas)
        assert coding.explained is not None
        assert [line.label for line in coding.explained.result.lines] == ["36011"]
        assert coding.explained.tracing.stops[0].route[-1] == "right_hepatic_vein"

    def test_problems_name_their_rows(self, mini: Anatomy) -> None:
        case = parse_case({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "xyz"}]})
        coding = code(case, mini)
        assert coding.explained is None
        assert [problem_index(p) for p in coding.problems] == [("placement", 0)]
        assert problem_index(CaseProblem("variants[0]", "x")) is None


class TestAutosave:
    def test_each_window_has_its_own_locked_autosave(self, tmp_path: Path) -> None:
        state = StateFolder(tmp_path)
        first, second = state.claim(), state.claim()
        assert first.path.name == f"autosave-{os.getpid()}.json"
        assert second.path.name == f"autosave-{os.getpid()}-2.json"
        first.write(editing.add_access(empty_case(), "right_common_femoral_artery"))
        assert state.orphans(second) == []  # the first window is alive
        first.close()
        orphans = state.orphans(second)
        assert [o.path for o in orphans] == [first.path]
        assert StateFolder(tmp_path).orphans() == []  # offered by one window at a time
        orphans[0].release()
        second.close()

    def test_a_dead_process_leaves_an_orphan(self, tmp_path: Path) -> None:
        script = (
            "import sys; from pathlib import Path; from tui.autosave import StateFolder; "
            "from tui import editing; from tui.document import empty_case; "
            "slot = StateFolder(Path(sys.argv[1])).claim(); "
            "slot.write(editing.add_access(empty_case(), 'right_common_femoral_artery')); "
            "import os; os._exit(0)"
        )
        subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True)
        orphans = StateFolder(tmp_path).orphans()
        assert len(orphans) == 1
        data = json.loads(orphans[0].path.read_text())
        assert data["accesses"][0]["vessel"] == "right_common_femoral_artery"
        orphans[0].release()

    def test_a_clean_window_leaves_nothing(self, tmp_path: Path) -> None:
        state = StateFolder(tmp_path)
        slot = state.claim()
        slot.clear()
        slot.close()
        assert list(tmp_path.iterdir()) == []

    def test_a_discarded_orphan_becomes_the_last_discarded_case(self, tmp_path: Path) -> None:
        state = StateFolder(tmp_path)
        slot = state.claim()
        slot.write(editing.add_access(empty_case(), "right_common_femoral_artery"))
        slot.close()
        (orphan,) = state.orphans()
        state.discard_orphan(orphan)
        assert state.discarded.is_file()
        assert list(tmp_path.glob("autosave-*")) == []


class TestSession:
    def test_an_edit_that_adds_a_problem_is_refused(self, mini: Anatomy) -> None:
        session = CaseSession(mini)
        assert session.add_access("right_common_femoral_vein", None).ok
        said = session.add_vessel("left_renal_artery")
        assert not said.ok
        assert session.case.placements == ()

    def test_a_case_with_a_problem_takes_edits_that_add_none(
        self, mini: Anatomy, tmp_path: Path
    ) -> None:
        path = tmp_path / "typo.json"
        path.write_text(
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "xyz"}]})
        )
        session = CaseSession(mini)
        assert not session.files.open(path).ok
        assert session.add_vessel("superior_mesenteric_artery").ok
        assert len(session.problems) == 1
        assert not session.add_vessel("left_renal_vein").ok  # a new problem
        session.select(("placement", 0))
        assert session.remove_selected().ok
        assert not session.problems
        assert session.explained is not None

    def test_saving_clears_the_autosave_and_unsaved_work_keeps_it(
        self, mini: Anatomy, tmp_path: Path
    ) -> None:
        state = StateFolder(tmp_path / "state")
        session = CaseSession(mini, state, state.claim())
        assert session.files.autosave is not None
        slot = session.files.autosave.path
        session.add_access("right_common_femoral_artery", None)
        assert slot.is_file()
        assert session.files.save(tmp_path / "case.json").ok
        assert not slot.exists()
        session.add_vessel("superior_mesenteric_artery")
        assert slot.is_file()
        session.files.close()
        assert slot.is_file()  # unsaved work stays for the next start
