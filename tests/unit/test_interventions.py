"""Interventions: the intervention's own line, what it includes, diagnostic studies, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.strategies import atlas
from vascular import CaseError, code_case
from vascular.cli import main
from vascular.explain import written
from vascular.results import CodingResult

RIJ = {"id": "A", "vessel": "right internal jugular vein"}
RCFA = {"id": "A", "vessel": "right common femoral artery"}
RCFV = {"id": "A", "vessel": "right common femoral vein"}


def coded(case: dict[str, Any]) -> CodingResult:
    return code_case(case, atlas())


def claim(case: dict[str, Any]) -> list[str]:
    return [written(line, atlas()) for line in coded(case).lines]


def problems(case: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(CaseError) as caught:
        coded(case)
    return {p.where: p.message for p in caught.value.problems}


FILTER: dict[str, Any] = {
    "accesses": [RIJ],
    "placements": [
        {"vessel": "right brachiocephalic vein"},
        {"vessel": "SVC"},
        {"vessel": "IVC", "imaging": True},
    ],
    "interventions": [{"code": "37191", "vessel": "infrarenal IVC"}],
}


class TestIncluded:
    def test_a_filter_from_the_jugular_has_no_catheter_line(self) -> None:
        result = coded(FILTER)
        assert [line.label for line in result.lines] == ["37191"]
        line = result.lines[0]
        assert line.entered
        assert line.includes == (
            "right_brachiocephalic_vein",
            "superior_vena_cava",
            "inferior_vena_cava",
        )
        assert [p.included_in for p in result.placements] == ["37191"] * 3

    def test_what_it_includes_is_listed_struck_through_with_the_reason(self) -> None:
        included = coded(FILTER).included_lines
        assert [(i.code, i.included_in) for i in included] == [("36010", "37191")]
        assert "37191 includes it" in included[0].reason

    def test_each_included_placement_has_a_note_naming_the_intervention(self) -> None:
        result = coded(FILTER)
        scope = atlas().rules.table("interventions").table.rules.scope
        notes = [f for f in result.findings if f.rule == scope and f.severity == "note"]
        assert sorted(i for f in notes for i in f.subject) == [0, 1, 2]
        assert all(f.facts["code"] == "37191" for f in notes)

    def test_the_line_cites_the_codes_own_sources(self) -> None:
        reason = coded(FILTER).lines[0].reasons[0]
        assert reason.rule == "intervention-line"
        assert "AAPC-IVCF" in reason.sources

    def test_tips_from_the_jugular_codes_no_hepatic_or_portal_line(self) -> None:
        case = {
            "accesses": [RIJ],
            "constructs": ["tips_shunt"],
            "placements": [
                {"vessel": "right hepatic vein", "imaging": True},
                {"vessel": "TIPS tract"},
                {"vessel": "main portal vein", "imaging": True},
            ],
            "interventions": [{"code": "37182", "vessel": "TIPS"}],
        }
        assert claim(case) == ["37182"]

    def test_an_embolization_keeps_its_selective_catheter_codes(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [{"vessel": "left uterine artery"}, {"vessel": "right uterine artery"}],
            "interventions": [{"code": "37243", "vessel": "left uterine artery"}],
        }
        assert claim(case) == ["37243", "36247-LT", "36247-RT"]
        assert coded(case).included_lines == ()

    def test_a_carotid_stent_keeps_the_other_sides_qualifying_study_with_59(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [
                {"vessel": "right ICA", "imaging": True},
                {"vessel": "left ICA", "imaging": True},
            ],
            "interventions": [
                {
                    "code": "37215",
                    "vessel": "right ICA",
                    "diagnostic": {"reason": "no-prior-study"},
                }
            ],
        }
        assert claim(case) == ["37215-RT", "36224-59-LT"]

    def test_the_same_study_that_does_not_qualify_earns_nothing(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [
                {"vessel": "right ICA", "imaging": True},
                {"vessel": "left ICA", "imaging": True},
            ],
            "interventions": [
                {
                    "code": "37215",
                    "vessel": "right ICA",
                    "diagnostic": {"reason": "prior-study-adequate"},
                }
            ],
        }
        result = coded(case)
        assert [line.label for line in result.lines] == ["37215-RT"]
        assert [(i.code, i.included_in) for i in result.included_lines] == [("36224", "37215")]
        assert "guidance" in result.included_lines[0].reason


class TestDiagnostic:
    def test_an_imaged_position_without_a_diagnostic_answer_is_a_query(self) -> None:
        case = {
            **FILTER,
            "placements": [*FILTER["placements"], {"vessel": "left renal vein", "imaging": True}],
        }
        result = coded(case)
        assert [line.label for line in result.lines] == ["37191"]
        (warning,) = result.warning_details
        assert warning.where == "placements[3].imaging"
        assert warning.message.startswith("query: was the imaging from the left renal vein")

    def test_a_qualifying_study_of_another_vein_keeps_its_line_with_59(self) -> None:
        case = {
            **FILTER,
            "placements": [*FILTER["placements"], {"vessel": "left renal vein", "imaging": True}],
            "interventions": [
                {"code": "37191", "vessel": "IVC", "diagnostic": {"reason": "changed-condition"}}
            ],
        }
        assert claim(case) == ["37191", "36011-59"]

    def test_a_component_code_takes_the_plain_code_when_the_study_does_not_qualify(self) -> None:
        case: dict[str, Any] = {
            "accesses": [RCFA],
            "placements": [{"vessel": "left renal artery", "imaging": True}],
            "interventions": [
                {
                    "code": "37236",
                    "vessel": "left renal artery",
                    "diagnostic": {"reason": "prior-study-adequate"},
                }
            ],
        }
        assert claim(case) == ["37236", "36245-LT"]
        qualifying = {
            **case,
            "interventions": [
                {**case["interventions"][0], "diagnostic": {"reason": "no-prior-study"}}
            ],
        }
        assert claim(qualifying) == ["37236", "36251-59-LT"]


class TestWarnings:
    def test_a_disputed_point_is_a_warning_naming_what_to_confirm(self) -> None:
        case = {
            "accesses": [RCFV],
            "placements": [{"vessel": "right pulmonary artery"}],
            "interventions": [{"code": "37197", "vessel": "right pulmonary artery"}],
        }
        result = coded(case)
        assert claim(case) == ["37197", "36014-RT"]
        rules = {w.rule for w in result.warning_details}
        assert "intervention-dispute" in rules
        assert any("point 3" in w for w in result.warnings)

    def test_an_add_on_without_its_primary_is_flagged(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [{"vessel": "left uterine artery"}],
            "interventions": [{"code": "+37237", "vessel": "left uterine artery"}],
        }
        result = coded(case)
        assert result.lines[0].label == "37237"
        assert any("is an add-on to" in w for w in result.warnings)

    def test_a_retired_code_is_accepted_only_with_the_option(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [{"vessel": "left SFA"}],
            "interventions": [{"code": "37224", "vessel": "left SFA"}],
        }
        message = problems(case)["interventions[0].code"]
        assert "deleted from CPT in 2026" in message
        assert "37263-37279" in message
        accepted = coded({**case, "options": {"retired_codes": "accept"}})
        assert accepted.lines[0].label == "37224-LT"
        assert any("before 2026" in w for w in accepted.warnings)


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "where", "words"),
        [
            ({"code": "37190"}, "interventions[0].code", "close codes it knows: 37191"),
            ({"code": "36010"}, "interventions[0].code", "catheter-placement code"),
            ({"code": "3719"}, "interventions[0].code", "five-digit"),
            ({"vessel": "left renal vein"}, "interventions[0].vessel", "treats the inferior"),
            ({"vessel": "left renl vein"}, "interventions[0].vessel", "no vessel is called"),
            ({"access": "B"}, "interventions[0].access", "no access 'B'"),
            (
                {"diagnostic": {"reason": "because"}},
                "interventions[0].diagnostic.reason",
                "reasons",
            ),
            (
                {"diagnostic": {"reason": "prior-study-adequate", "qualifies": True}},
                "interventions[0].diagnostic.qualifies",
                "make them agree",
            ),
            ({"units": 0}, "interventions[0].units", "1"),
        ],
    )
    def test_a_bad_intervention_names_its_field(
        self, change: dict[str, Any], where: str, words: str
    ) -> None:
        case = {**FILTER, "interventions": [{**FILTER["interventions"][0], **change}]}
        found = problems(case)
        assert where in found, found
        assert words in found[where]

    def test_a_vessel_the_access_cannot_reach_is_refused(self) -> None:
        case = {
            "accesses": [RCFA],
            "placements": [],
            "interventions": [{"code": "37191", "vessel": "IVC"}],
        }
        assert "cannot be reached" in problems(case)["interventions[0].vessel"]

    def test_a_construct_vessel_needs_its_construct(self) -> None:
        case = {
            "accesses": [{"vessel": "left upper arm AV graft"}],
            "placements": [{"vessel": "left axillary vein"}],
            "interventions": [{"code": "36901", "vessel": "left upper arm AV graft"}],
        }
        found = problems(case)
        assert '"constructs": ["left_upper_arm_av_graft"]' in found["accesses[0].vessel"]

    def test_a_dialysis_code_needs_a_fistula_or_graft(self) -> None:
        case = {
            "accesses": [{"vessel": "left basilic vein"}],
            "placements": [{"vessel": "left axillary vein"}],
            "interventions": [{"code": "36902", "vessel": "left axillary vein"}],
        }
        assert "fistula or graft" in problems(case)["interventions[0].vessel"]

    def test_two_accesses_need_the_interventions_access(self) -> None:
        case = {
            "accesses": [RCFA, {"id": "B", "vessel": "left CFA"}],
            "placements": [{"vessel": "left uterine artery", "access": "A"}],
            "interventions": [{"code": "37243", "vessel": "left uterine artery"}],
        }
        assert "say which one" in problems(case)["interventions[0].access"]

    def test_a_construct_listed_as_a_variant_says_where_it_goes(self) -> None:
        case = {**FILTER, "variants": ["tips_shunt"]}
        assert "list it under constructs" in problems(case)["variants[0]"]


def test_the_cli_codes_interventions_like_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    path = json.dumps(FILTER)
    import io
    import sys

    sys.stdin = io.StringIO(path)
    try:
        status = main(["code", "-", "--json"])
    finally:
        sys.stdin = sys.__stdin__
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [line["code"] for line in out["lines"]] == [line.code for line in coded(FILTER).lines]
    assert out["included_lines"][0]["code"] == "36010"


def test_the_interventions_command_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interventions"]) == 0
    listing = capsys.readouterr().out
    assert "37191" in listing
    assert "+37237" in listing
    assert main(["interventions", "37215", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["interventions"]
    assert (row["scope"], row["side_modifier"]) == ("territory", "RT/LT")
    assert main(["interventions", "12345"]) == 2
