"""Code lines on the small test anatomy: families, add-ons, access codes, veins, modifiers."""

from __future__ import annotations

from typing import Any

import pytest

from vascular import Anatomy, code_case
from vascular.errors import CaseError
from vascular.results import CodingResult

RCFA = {"vessel": "right common femoral artery"}
RCFV = {"vessel": "right common femoral vein"}


def claim(result: CodingResult) -> list[str]:
    """Each line as a coder writes it: '36247-LT', '36248-LT x2'."""
    return [line.label + (f" x{line.units}" if line.units > 1 else "") for line in result.lines]


def code(anatomy: Anatomy, access: dict[str, Any], *vessels: str, **options: str) -> list[str]:
    case = {
        "accesses": [access],
        "placements": [{"vessel": v} for v in vessels],
        "options": options,
    }
    return claim(code_case(case, anatomy))


CLAIMS: dict[str, tuple[dict[str, Any], tuple[str, ...], dict[str, str], list[str]]] = {
    "puncture only": (RCFA, (), {}, ["36140"]),
    "up the same iliac only": (RCFA, ("right common iliac",), {}, ["36140"]),
    "aorta": (RCFA, ("abdominal aorta",), {}, ["36200"]),
    "contralateral SFA": (RCFA, ("left SFA",), {}, ["36247-LT"]),
    "lower orders on the way are folded": (
        RCFA,
        ("left common iliac", "left external iliac", "left SFA"),
        {},
        ["36247-LT"],
    ),
    "add-on units on one line": (
        RCFA,
        ("left SFA", "left profunda femoris", "left superior gluteal"),
        {},
        ["36247-LT", "36248-LT x2"],
    ),
    "a first-order terminal beside a deeper one is included": (
        RCFA,
        ("celiac trunk", "left gastric"),
        {},
        ["36246"],
    ),
    "first-order families are each": (
        RCFA,
        ("celiac", "SMA", "IMA"),
        {},
        ["36245 x3"],
    ),
    "a lesser code for another family takes 59": (
        RCFA,
        ("left SFA", "right renal"),
        {},
        ["36247-LT", "36245-59-RT"],
    ),
    "a repeated initial code for another family takes 59": (
        RCFA,
        ("left gastric", "middle colic"),
        {},
        ["36246", "36246-59"],
    ),
    "RT and LT tell a repeat apart": (
        RCFA,
        ("left uterine", "right uterine"),
        {"order_from": "aorta"},
        ["36247-LT", "36247-RT"],
    ),
    "XS instead of 59": (
        RCFA,
        ("left SFA", "right renal"),
        {"distinct_modifier": "XS"},
        ["36247-LT", "36245-XS-RT"],
    ),
    "innominate family carries RT": (RCFA, ("right common carotid",), {}, ["36216-RT"]),
    "arch vessels both sides (AAPC-VERT)": (
        RCFA,
        ("right vertebral", "left vertebral"),
        {},
        ["36217-RT", "36216-59-LT"],
    ),
    "antegrade branches counted from the puncture": (
        {"vessel": "right CFA", "direction": "antegrade"},
        ("right peroneal", "right anterior tibial"),
        {},
        ["36247-RT", "36248-RT"],
    ),
    "antegrade limb non-selective": (
        {"vessel": "right CFA", "direction": "antegrade"},
        ("right peroneal",),
        {"antegrade_extremity": "non-selective"},
        ["36140"],
    ),
    "translumbar aorta": ({"vessel": "abdominal aorta"}, (), {}, ["36160"]),
    "vena cava": (RCFV, ("inferior vena cava",), {}, ["36010"]),
    "vein only": (RCFV, (), {}, ["36000"]),
    "first-order vein": (RCFV, ("right renal vein",), {}, ["36011"]),
    "second-order vein": (RCFV, ("left adrenal vein",), {}, ["36012"]),
    "a vein on the way is folded": (RCFV, ("left renal vein", "left gonadal vein"), {}, ["36012"]),
    "each venous branch its own line": (
        RCFV,
        ("right renal vein", "middle hepatic vein"),
        {},
        ["36011", "36011-59"],
    ),
    "jugular first order with central brachiocephalic": (
        RCFV,
        ("right IJ",),
        {},
        ["36011"],
    ),
    "jugular second order with first-order brachiocephalic": (
        RCFV,
        ("right IJ",),
        {"brachiocephalic_vein": "first-order"},
        ["36012"],
    ),
    "main pulmonary artery": (RCFV, ("main pulmonary artery",), {}, ["36013"]),
    "right pulmonary artery": (RCFV, ("right pulmonary artery",), {}, ["36014-RT"]),
    "segmental pulmonary": (
        RCFV,
        ("right posterior basal segmental pulmonary artery",),
        {},
        ["36015-RT"],
    ),
    "lobar default 36014": (RCFV, ("left lower lobe pulmonary artery",), {}, ["36014-LT"]),
    "lobar option 36015": (
        RCFV,
        ("left lower lobe pulmonary artery",),
        {"pulmonary_lobar": "36015"},
        ["36015-LT"],
    ),
    "portal access alone": ({"vessel": "right portal vein"}, (), {}, ["36481"]),
    "portal tributaries": (
        {"vessel": "right portal vein"},
        ("splenic vein", "inferior mesenteric vein"),
        {},
        ["36481", "36012"],
    ),
    "portal tributaries included": (
        {"vessel": "right portal vein"},
        ("inferior mesenteric vein",),
        {"portal_tributaries": "included"},
        ["36481"],
    ),
    "extremity venography": (
        {"vessel": "left basilic vein"},
        (),
        {},
        ["36000"],
    ),
}


@pytest.mark.parametrize("name", list(CLAIMS), ids=list(CLAIMS))
def test_claim_lines(mini_anatomy: Anatomy, name: str) -> None:
    access, vessels, options, expected = CLAIMS[name]
    assert code(mini_anatomy, access, *vessels, **options) == expected


def test_extremity_venography_is_36005(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [{"vessel": "left basilic vein"}],
        "placements": [{"vessel": "left basilic vein", "imaging": True}],
    }
    assert claim(code_case(case, mini_anatomy)) == ["36005"]


def test_sampling_replaces_the_selective_venous_code(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [RCFV],
        "placements": [
            {"vessel": "left adrenal vein", "sampling": True},
            {"vessel": "right adrenal vein", "sampling": True},
            {"vessel": "inferior vena cava", "sampling": True},
        ],
    }
    result = code_case(case, mini_anatomy)
    assert claim(result) == ["36500", "36500-59"]
    assert "not selective organ sampling" in result.warnings[0]


def test_bilateral_petrosal_sampling_is_two_units_with_59_on_the_second(
    mini_anatomy: Anatomy,
) -> None:
    case = {
        "accesses": [{"id": "R", **RCFV}, {"id": "L", "vessel": "left common femoral vein"}],
        "placements": [
            {"vessel": "right inferior petrosal sinus", "access": "R", "sampling": True},
            {"vessel": "left inferior petrosal sinus", "access": "L", "sampling": True},
        ],
    }
    assert claim(code_case(case, mini_anatomy)) == ["36500", "36500-59"]


def test_a_cavogram_on_the_way_to_the_pulmonary_artery_keeps_36010(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [RCFV],
        "placements": [
            {"vessel": "inferior vena cava", "imaging": True},
            {"vessel": "right pulmonary artery"},
        ],
    }
    assert claim(code_case(case, mini_anatomy)) == ["36014-RT", "36010-59"]
    plain = {"accesses": [RCFV], "placements": [{"vessel": "IVC"}, {"vessel": "right PA"}]}
    assert claim(code_case(plain, mini_anatomy)) == ["36014-RT"]


def test_two_accesses_are_coded_each_on_its_own(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [{"id": "A", **RCFA}, {"id": "B", "vessel": "left radial"}],
        "placements": [
            {"vessel": "left renal", "access": "A"},
            {"vessel": "left renal", "access": "B"},
            {"vessel": "aortic arch", "access": "B"},
        ],
    }
    result = code_case(case, mini_anatomy)
    assert claim(result) == ["36245-LT", "36245-59-LT"]
    assert [line.access for line in result.lines] == ["A", "B"]
    assert "left renal artery family is reached from more than one access" in result.warnings[0]


def test_a_separate_access_that_stayed_in_the_aorta_keeps_its_code(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [{"id": "A", **RCFA}, {"id": "B", "vessel": "left radial"}],
        "placements": [
            {"vessel": "left SFA", "access": "A"},
            {"vessel": "aortic arch", "access": "B"},
        ],
    }
    assert claim(code_case(case, mini_anatomy)) == ["36247-LT", "36200-59"]


def test_every_line_names_family_orders_rule_and_sources(mini_anatomy: Anatomy) -> None:
    result = code_case(
        {
            "accesses": [RCFA],
            "placements": [{"vessel": "left internal iliac"}, {"vessel": "left uterine"}],
        },
        mini_anatomy,
    )
    (line,) = result.lines
    text = "\n".join(line.rationale)
    assert "Family: the left common iliac artery" in text
    assert "left uterine artery (4)" in text
    assert "Included: the left internal iliac artery (order 2)" in text
    assert "[family-initial: AAPC-PERIPH, AAPC-FAM, WNEWZ]" in text
    assert all(r.endswith("]") for r in line.rationale)


def test_an_option_that_changed_the_result_is_in_the_rationale(mini_anatomy: Anatomy) -> None:
    result = code_case(
        {"accesses": [{"vessel": "right radial"}], "placements": [{"vessel": "right vertebral"}]},
        mini_anatomy,
    )
    assert claim(result) == ["36215-RT"]
    assert any("Option order_from = trunk" in r for r in result.lines[0].rationale)


def test_the_result_serialises_to_the_documented_shape(mini_anatomy: Anatomy) -> None:
    result = code_case(
        {
            "accesses": [{"id": "A", **RCFA, "direction": "retrograde"}],
            "placements": [
                {"vessel": "left internal iliac artery", "access": "A"},
                {"vessel": "left uterine artery", "access": "A", "imaging": True},
            ],
            "options": {"order_from": "trunk"},
        },
        mini_anatomy,
    )
    data = result.to_json()
    assert set(data) == {
        "schema_version",
        "lines",
        "placements",
        "warnings",
        "warning_details",
        "included_lines",
    }
    assert data["schema_version"] == 1
    line = data["lines"][0]
    assert set(line) == {
        "code",
        "units",
        "modifiers",
        "access",
        "family",
        "vessels",
        "rationale",
        "reasons",
        "entered",
        "includes",
    }
    assert [
        r["text"] + " [" + r["rule"] + ": " + ", ".join(r["sources"]) + "]" for r in line["reasons"]
    ] == line["rationale"]
    assert {k: line[k] for k in ("code", "units", "modifiers", "access", "family", "vessels")} == {
        "code": "36247",
        "units": 1,
        "modifiers": ["LT"],
        "access": "A",
        "family": "left_common_iliac_artery",
        "vessels": ["left_uterine_artery"],
    }
    assert data["placements"] == [
        {
            "vessel": "left_internal_iliac_artery",
            "selective": True,
            "order": 2,
            "family": "left_common_iliac_artery",
            "access": "A",
            "included_in": None,
        },
        {
            "vessel": "left_uterine_artery",
            "selective": True,
            "order": 4,
            "family": "left_common_iliac_artery",
            "access": "A",
            "included_in": None,
        },
    ]
    assert data["warnings"] == []


@pytest.mark.parametrize(
    ("case", "where"),
    [
        ({"placements": []}, "accesses"),
        ({"accesses": []}, "accesses"),
        ({"accesses": [RCFA], "extra": 1}, "extra"),
        ({"accesses": [{"vessel": "R CFA", "direction": "up"}]}, "accesses[0].direction"),
        ({"accesses": [RCFA], "placements": [{"vessel": "left SFA", "imaging": "brain"}]}, None),
        ({"accesses": [RCFA], "options": {"order_from": "elsewhere"}}, "options.order_from"),
        ({"accesses": [RCFA, RCFA]}, "accesses"),
        ({"accesses": [RCFA], "variants": ["trifurcation"]}, "variants[0]"),
    ],
    ids=[
        "no access",
        "empty accesses",
        "unknown field",
        "bad direction",
        "unknown territory",
        "unknown option value",
        "two accesses without ids",
        "unknown variant",
    ],
)
def test_malformed_cases_name_the_field(
    mini_anatomy: Anatomy, case: dict[str, Any], where: str | None
) -> None:
    with pytest.raises(CaseError) as raised:
        code_case(case, mini_anatomy)
    wheres = [p.where for p in raised.value.problems]
    if where is None:
        assert any(w.startswith("placements[0].imaging") for w in wheres)
    else:
        assert where in wheres


def test_the_cases_variant_anatomy_is_used(mini_anatomy: Anatomy) -> None:
    case = {
        "variants": ["bovine_arch"],
        "accesses": [RCFA],
        "placements": [{"vessel": "left internal carotid"}],
    }
    result = code_case(case, mini_anatomy)
    assert claim(result) == ["36217-LT"]
    assert result.lines[0].family == "brachiocephalic_trunk"
