"""Checking claim lines: PTP pairs either way round, modifier indicators, MUEs, dates, coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ncci import cms_files as cms
from vascular.ncci import ClaimLine, MueHit, NcciClaimError, NcciEdits, PtpHit, import_files

Q3_DAY = "2026-08-03"
Q4_DAY = "2026-11-02"


def _ptp(hits: object) -> list[PtpHit]:
    assert isinstance(hits, tuple)
    return [hit for hit in hits if isinstance(hit, PtpHit)]


def _mue(hits: object, code: str) -> MueHit:
    assert isinstance(hits, tuple)
    (hit,) = [h for h in hits if isinstance(h, MueHit) and h.code == code]
    return hit


class TestPtp:
    def test_indicator_1_without_a_modifier_denies_the_column_2_line(
        self, edits: NcciEdits
    ) -> None:
        result = edits.check([("36247", [], 1), ("36246", [], 1)], Q3_DAY, "practitioner")
        (hit,) = _ptp(result.hits)
        assert (hit.column1, hit.column2, hit.column1_lines, hit.column2_line) == (
            "36247",
            "36246",
            (0,),
            1,
        )
        assert (hit.modifier_indicator, hit.outcome, hit.bypass_modifiers) == (1, "denied", ())
        assert hit.rationale == cms.STANDARDS
        assert (hit.effective, hit.deletion, hit.prior_1996) == (dt.date(2004, 1, 1), None, False)
        assert hit.source.name == "ccipra-v322r0-f1.TXT"
        assert (hit.source.quarter, hit.source.version) == ("2026Q3", "v322r0")
        assert result.problems == (hit,)

    @pytest.mark.parametrize("modifier", ["59", "XS", "XU", "XE", "XP", "91", "25", "79"])
    def test_indicator_1_is_bypassed_by_an_associated_modifier_on_the_column_2_line(
        self, edits: NcciEdits, modifier: str
    ) -> None:
        result = edits.check([("36246", [modifier], 1), ("36247", [], 1)], Q3_DAY, "practitioner")
        (hit,) = _ptp(result.hits)
        assert (hit.outcome, hit.bypass_modifiers, hit.column2_line) == ("bypassed", (modifier,), 0)
        assert not result.problems

    def test_a_modifier_on_the_column_1_line_does_not_bypass(self, edits: NcciEdits) -> None:
        result = edits.check([("36247", ["XS"], 1), ("36246", [], 1)], Q3_DAY, "practitioner")
        assert [hit.outcome for hit in _ptp(result.hits)] == ["denied"]

    def test_a_modifier_ncci_does_not_associate_does_not_bypass(self, edits: NcciEdits) -> None:
        result = edits.check([("36247", [], 1), ("36246", ["50", "76"], 1)], Q3_DAY, "practitioner")
        assert [hit.outcome for hit in _ptp(result.hits)] == ["denied"]

    def test_an_anatomic_modifier_bypasses_only_for_another_side(self, edits: NcciEdits) -> None:
        same = edits.check([("36247", ["RT"], 1), ("36246", ["RT"], 1)], Q3_DAY, "practitioner")
        other = edits.check([("36247", ["RT"], 1), ("36246", ["LT"], 1)], Q3_DAY, "practitioner")
        assert [hit.outcome for hit in _ptp(same.hits)] == ["denied"]
        assert [(h.outcome, h.bypass_modifiers) for h in _ptp(other.hits)] == [
            ("bypassed", ("LT",))
        ]

    def test_indicator_0_is_never_bypassed(self, edits: NcciEdits) -> None:
        result = edits.check([("36010", ["59"], 1), ("37191", [], 1)], Q3_DAY, "practitioner")
        (hit,) = _ptp(result.hits)
        assert (hit.column1, hit.column2, hit.modifier_indicator) == ("37191", "36010", 0)
        assert (hit.outcome, hit.bypass_modifiers) == ("denied", ())
        assert "no modifier bypasses" in hit.indicator_meaning

    def test_indicator_9_is_reported_as_not_applicable_and_no_problem(
        self, edits: NcciEdits
    ) -> None:
        result = edits.check([("75726", [], 1), ("75625", [], 1)], "2026-07-01", "practitioner")
        (hit,) = _ptp(result.hits)
        assert (hit.modifier_indicator, hit.outcome) == (9, "not_applicable")
        assert not result.problems

    def test_a_pair_is_found_whichever_order_the_claim_gives_it(self, edits: NcciEdits) -> None:
        forward = edits.check([("36200", [], 1), ("36140", [], 1)], Q3_DAY, "practitioner")
        backward = edits.check([("36140", [], 1), ("36200", [], 1)], Q3_DAY, "practitioner")
        assert [(h.column1, h.column2) for h in _ptp(forward.hits)] == [("36200", "36140")]
        assert [(h.column1, h.column2) for h in _ptp(backward.hits)] == [("36200", "36140")]
        assert _ptp(backward.hits)[0].column2_line == 0

    def test_each_column_2_line_is_judged_on_its_own_modifiers(self, edits: NcciEdits) -> None:
        lines: list[ClaimLine] = [
            ("36247", ["LT"], 1),
            ("36246", ["RT", "59"], 1),
            ("36246", [], 1),
        ]
        result = edits.check(lines, Q3_DAY, "practitioner")
        assert [(h.column2_line, h.outcome) for h in _ptp(result.hits)] == [
            (1, "bypassed"),
            (2, "denied"),
        ]
        assert _ptp(result.hits)[0].bypass_modifiers == ("RT", "59")

    def test_the_prior_1996_mark_is_carried(self, edits: NcciEdits) -> None:
        result = edits.check([("36245", [], 1), ("36200", [], 1)], Q3_DAY, "practitioner")
        (hit,) = _ptp(result.hits)
        assert hit.prior_1996

    def test_the_outpatient_setting_reads_its_own_table(self, edits: NcciEdits) -> None:
        lines: list[ClaimLine] = [("36247", [], 1), ("36246", ["XS"], 1)]
        practitioner = edits.check(lines, Q3_DAY, "practitioner")
        outpatient = edits.check(lines, Q3_DAY, "outpatient")
        assert [h.outcome for h in _ptp(practitioner.hits)] == ["bypassed"]
        (hit,) = _ptp(outpatient.hits)
        assert (hit.modifier_indicator, hit.outcome) == (0, "denied")
        assert hit.source.name == "ccioph-v322r0-f1.TXT"

    def test_codes_with_no_edit_between_them_give_no_ptp_hit(self, edits: NcciEdits) -> None:
        result = edits.check([("36245", [], 1), ("75625", [], 1)], Q3_DAY, "practitioner")
        assert _ptp(result.hits) == []
        assert result.covered


class TestDates:
    def test_an_edit_applies_through_its_deletion_date_and_not_after(
        self, edits: NcciEdits
    ) -> None:
        lines: list[ClaimLine] = [("36215", [], 1), ("36200", [], 1)]
        on_the_day = edits.check(lines, "2026-08-15", "practitioner")
        after = edits.check(lines, "2026-08-16", "practitioner")
        (hit,) = _ptp(on_the_day.hits)
        assert hit.deletion == dt.date(2026, 8, 15)
        assert _ptp(after.hits) == []

    def test_an_edit_deleted_years_ago_does_not_apply(self, edits: NcciEdits) -> None:
        result = edits.check([("36481", [], 1), ("36011", [], 1)], Q3_DAY, "practitioner")
        assert _ptp(result.hits) == []

    def test_each_date_reads_the_quarter_that_covers_it(self, edits: NcciEdits) -> None:
        lines: list[ClaimLine] = [("36246", [], 1), ("36245", [], 1)]
        q3 = edits.check(lines, Q3_DAY, "practitioner")
        q4 = edits.check(lines, Q4_DAY, "practitioner")
        assert [h.outcome for h in _ptp(q3.hits)] == ["denied"]
        assert _ptp(q4.hits) == []  # the Q4 file deletes the edit as of 2026-09-30
        assert q4.ptp_coverage.quarter == "2026Q4"
        assert q4.ptp_coverage.version == "v323r0"
        other = edits.check([("36247", [], 1), ("36246", [], 1)], Q4_DAY, "practitioner")
        assert _ptp(other.hits)[0].source.version == "v323r0"

    def test_a_date_of_service_may_be_a_date_or_iso_text(self, edits: NcciEdits) -> None:
        lines: list[ClaimLine] = [("36247", [], 1), ("36246", [], 1)]
        text = edits.check(lines, Q3_DAY, "practitioner")
        day = edits.check(lines, dt.date(2026, 8, 3), "practitioner")
        assert text.hits == day.hits


class TestMue:
    def test_units_are_summed_over_the_codes_lines_for_a_date_of_service_edit(
        self, edits: NcciEdits
    ) -> None:
        lines: list[ClaimLine] = [("36245", ["RT"], 2), ("36245", ["LT"], 1), ("36200", [], 1)]
        result = edits.check(lines, Q3_DAY, "practitioner")
        hit = _mue(result.hits, "36245")
        assert (hit.lines, hit.line_units, hit.units_claimed, hit.mue_value) == (
            (0, 1),
            (2, 1),
            3,
            2,
        )
        assert (hit.adjudication_indicator, hit.exceeded, hit.units_over) == (3, True, 1)
        assert hit.indicator_text == "Date of Service Edit: Clinical"
        assert "appeal" in hit.indicator_meaning
        assert hit.rationale == "Anatomic Consideration"
        assert hit in result.problems
        within = _mue(result.hits, "36200")
        assert (within.exceeded, within.units_over, within.adjudication_indicator) == (False, 0, 2)

    def test_a_line_edit_checks_each_line_on_its_own(self, edits: NcciEdits) -> None:
        split = edits.check([("J1100", [], 30), ("J1100", [], 30)], Q3_DAY, "practitioner")
        one = edits.check([("J1100", [], 31)], Q3_DAY, "practitioner")
        assert not _mue(split.hits, "J1100").exceeded
        assert _mue(split.hits, "J1100").units_claimed == 60
        assert _mue(one.hits, "J1100").exceeded
        assert _mue(one.hits, "J1100").units_over == 1

    def test_the_mue_of_the_quarter_covering_the_date_applies(self, edits: NcciEdits) -> None:
        q3 = edits.check([("36200", [], 2)], Q3_DAY, "practitioner")
        q4 = edits.check([("36200", [], 2)], Q4_DAY, "practitioner")
        assert _mue(q3.hits, "36200").exceeded
        assert not _mue(q4.hits, "36200").exceeded
        assert (
            _mue(q4.hits, "36200").source.name == "MCR_MUE_PractitionerServices_Eff_10-01-2026.csv"
        )

    def test_the_outpatient_mue_is_its_own(self, edits: NcciEdits) -> None:
        result = edits.check([("36245", [], 3)], Q3_DAY, "outpatient")
        assert not _mue(result.hits, "36245").exceeded


class TestCoverage:
    def test_a_covered_date_names_the_quarters_that_answered(self, edits: NcciEdits) -> None:
        result = edits.check([("36245", [], 1)], Q3_DAY, "practitioner")
        assert result.covered
        assert result.ptp_coverage.parts == (1,)
        assert result.statement == (
            "PTP: practitioner 2026Q3 (v322r0, parts f1); "
            "MUE: practitioner 2026Q3 (effective 2026-07-01)"
        )

    def test_a_date_no_loaded_quarter_covers_says_so_and_is_not_clean(
        self, edits: NcciEdits
    ) -> None:
        result = edits.check([("36247", [], 1), ("36246", [], 1)], "2025-03-14", "practitioner")
        assert result.hits == ()
        assert not result.covered
        assert result.statement == "no NCCI data loaded for 2025-03-14 (practitioner)"
        assert result.to_json()["covered"] is False

    def test_one_kind_loaded_and_not_the_other_is_said_of_that_kind(self, tmp_path: Path) -> None:
        db = tmp_path / "ncci.sqlite3"
        import_files([cms.ptp_zip(tmp_path, "outpatient", "2026q3", "v322r0", cms.OPH_Q3)], db)
        with NcciEdits(db) as edits:
            result = edits.check([("36247", [], 1), ("36246", [], 1)], Q3_DAY, "outpatient")
        assert not result.covered
        assert result.ptp_coverage.covered
        assert (
            result.mue_coverage.statement == "no NCCI MUE data loaded for 2026-08-03 (outpatient)"
        )
        assert "PTP: outpatient 2026Q3" in result.statement

    def test_the_result_is_json_with_a_schema_version(self, edits: NcciEdits) -> None:
        data = edits.check([("36247", [], 1), ("36246", [], 1)], Q3_DAY, "practitioner").to_json()
        assert data["schema_version"] == 1
        assert data["problems"] == 1
        assert {hit["kind"] for hit in data["hits"]} == {"ptp", "mue"}
        assert data["coverage"][0]["quarter"] == "2026Q3"


class TestBadInput:
    @pytest.mark.parametrize(
        ("lines", "field"),
        [
            ([("+36218", [], 1)], "code"),
            ([("3624", [], 1)], "code"),
            ([("36245", [], 0)], "units"),
            ([("36245", [], "2")], "units"),
            ([("36245", [])], "-"),
            ([], "lines"),
        ],
        ids=["plus", "short", "zero-units", "text-units", "two-fields", "empty"],
    )
    def test_a_malformed_line_is_refused_naming_its_field(
        self, edits: NcciEdits, lines: list[object], field: str
    ) -> None:
        with pytest.raises(NcciClaimError) as caught:
            edits.check(lines, Q3_DAY, "practitioner")  # type: ignore[arg-type]
        assert caught.value.field == field

    def test_an_unknown_setting_or_date_is_refused(self, edits: NcciEdits) -> None:
        with pytest.raises(NcciClaimError, match="'dme' is not"):
            edits.check([("36245", [], 1)], Q3_DAY, "dme")
        with pytest.raises(NcciClaimError, match="not a date"):
            edits.check([("36245", [], 1)], "08/03/2026", "practitioner")

    def test_a_single_modifier_may_be_given_as_text(self, edits: NcciEdits) -> None:
        result = edits.check([("36247", [], 1), ("36246", "xs", 1)], Q3_DAY, "practitioner")
        assert [h.outcome for h in _ptp(result.hits)] == ["bypassed"]
        assert result.lines[1] == ("36246", ("XS",), 1)


def test_a_look_up_kept_for_the_codes_still_reads_each_claims_modifiers(
    edits: NcciEdits,
) -> None:
    def outcome(modifiers: list[str]) -> str:
        found = edits.check(
            [("36247", [], 1), ("36246", modifiers, 1)], "2026-08-03", "practitioner"
        )
        (hit,) = [h for h in found.hits if isinstance(h, PtpHit) and h.column2 == "36246"]
        return hit.outcome

    # the same codes, so the second and third checks reuse the rows of the first
    assert [outcome([]), outcome(["XS"]), outcome([])] == ["denied", "bypassed", "denied"]
    # another day is another look-up: Q4 deletes 36246/36245 as of 2026-09-30
    later = edits.check([("36246", [], 1), ("36245", [], 1)], "2026-10-02", "practitioner")
    assert not any(isinstance(h, PtpHit) and h.column2 == "36245" for h in later.hits)
    earlier = edits.check([("36246", [], 1), ("36245", [], 1)], "2026-08-03", "practitioner")
    assert any(isinstance(h, PtpHit) and h.column2 == "36245" for h in earlier.hits)
