"""Traversal: trunks, orders, families and routes on the small test anatomy."""

from __future__ import annotations

from typing import Any

import pytest

from vascular import Anatomy
from vascular.case import parse_case
from vascular.errors import CaseError
from vascular.traversal import Stop, trace


def _stops(anatomy: Anatomy, case: dict[str, Any]) -> list[Stop]:
    return list(trace(anatomy, parse_case(case)).stops)


def _one(anatomy: Anatomy, access: dict[str, Any], vessel: str, **options: str) -> Stop:
    case = {"accesses": [access], "placements": [{"vessel": vessel}], "options": options}
    return _stops(anatomy, case)[0]


RCFA = {"vessel": "right common femoral artery"}
RCFA_ANTEGRADE = {"vessel": "right common femoral artery", "direction": "antegrade"}
RRADIAL = {"vessel": "right radial artery"}
RCFV = {"vessel": "right common femoral vein"}

# (access, vessel, options) -> (selective, order, family)
READINGS: dict[
    str, tuple[dict[str, Any], str, dict[str, str], tuple[bool, int | None, str | None]]
] = {
    "aorta is non-selective": (RCFA, "abdominal_aorta", {}, (False, None, None)),
    "same-side iliac on the way up is non-selective": (
        RCFA,
        "right_common_iliac_artery",
        {},
        (False, None, None),
    ),
    "contralateral common iliac is first order": (
        RCFA,
        "left_common_iliac_artery",
        {},
        (True, 1, "left_common_iliac_artery"),
    ),
    "a continuation adds no order": (
        RCFA,
        "left_common_femoral_artery",
        {},
        (True, 2, "left_common_iliac_artery"),
    ),
    "beyond third order keeps counting": (
        RCFA,
        "left_peroneal_artery",
        {},
        (True, 5, "left_common_iliac_artery"),
    ),
    "same-side internal iliac from the trunk is first order": (
        RCFA,
        "right_internal_iliac_artery",
        {},
        (True, 1, "right_internal_iliac_artery"),
    ),
    "same-side internal iliac from the aorta is second order": (
        RCFA,
        "right_internal_iliac_artery",
        {"order_from": "aorta"},
        (True, 2, "right_common_iliac_artery"),
    ),
    "antegrade: SFA is first order": (
        RCFA_ANTEGRADE,
        "right_superficial_femoral_artery",
        {},
        (True, 1, "right_superficial_femoral_artery"),
    ),
    "antegrade: popliteal continues the SFA": (
        RCFA_ANTEGRADE,
        "right_popliteal_artery",
        {},
        (True, 1, "right_superficial_femoral_artery"),
    ),
    "antegrade: posterior tibial continues the TP trunk": (
        RCFA_ANTEGRADE,
        "right_posterior_tibial_artery",
        {},
        (True, 2, "right_superficial_femoral_artery"),
    ),
    "antegrade: peroneal is third order": (
        RCFA_ANTEGRADE,
        "right_peroneal_artery",
        {},
        (True, 3, "right_superficial_femoral_artery"),
    ),
    "antegrade, limb non-selective": (
        RCFA_ANTEGRADE,
        "right_peroneal_artery",
        {"antegrade_extremity": "non-selective"},
        (False, None, None),
    ),
    "arm access: same-side vertebral is first order": (
        RRADIAL,
        "right_vertebral_artery",
        {},
        (True, 1, "right_vertebral_artery"),
    ),
    "arm access, from the aorta: vertebral is third order": (
        RRADIAL,
        "right_vertebral_artery",
        {"order_from": "aorta"},
        (True, 3, "brachiocephalic_trunk"),
    ),
    "arm access: the subclavian on the way is non-selective": (
        RRADIAL,
        "right_subclavian_artery",
        {},
        (False, None, None),
    ),
    "arm access: left vertebral through the arch": (
        RRADIAL,
        "left_vertebral_artery",
        {},
        (True, 2, "left_subclavian_artery"),
    ),
    "femoral vein: left adrenal is second order": (
        RCFV,
        "left_adrenal_vein",
        {},
        (True, 2, "left_renal_vein"),
    ),
    "femoral vein: right adrenal is first order": (
        RCFV,
        "right_adrenal_vein",
        {},
        (True, 1, "right_adrenal_vein"),
    ),
    "brachiocephalic central: jugular is first order": (
        RCFV,
        "right_internal_jugular_vein",
        {},
        (True, 1, "right_internal_jugular_vein"),
    ),
    "brachiocephalic first-order: jugular is second": (
        RCFV,
        "right_internal_jugular_vein",
        {"brachiocephalic_vein": "first-order"},
        (True, 2, "right_brachiocephalic_vein"),
    ),
    "brachiocephalic central: its vein is non-selective": (
        RCFV,
        "left_brachiocephalic_vein",
        {},
        (False, None, None),
    ),
    "pulmonary arteries are levels, not orders": (
        RCFV,
        "right_pulmonary_artery",
        {},
        (True, None, None),
    ),
    "the cava is non-selective": (RCFV, "superior_vena_cava", {}, (False, None, None)),
}


@pytest.mark.parametrize("name", list(READINGS), ids=list(READINGS))
def test_order_and_family_follow_the_access_trunk(mini_anatomy: Anatomy, name: str) -> None:
    access, vessel, options, expected = READINGS[name]
    stop = _one(mini_anatomy, access, vessel, **options)
    assert (stop.selective, stop.order, stop.family) == expected


def test_order_rises_at_branches_and_not_at_continuations(mini_anatomy: Anatomy) -> None:
    stop = _one(mini_anatomy, RCFA, "left_peroneal_artery")
    assert stop.orders == (
        ("left_common_iliac_artery", 1),
        ("left_external_iliac_artery", 2),
        ("left_common_femoral_artery", 2),
        ("left_superficial_femoral_artery", 3),
        ("left_popliteal_artery", 3),
        ("left_tibioperoneal_trunk", 4),
        ("left_peroneal_artery", 5),
    )


def test_the_trunk_runs_from_the_puncture_to_the_aorta(mini_anatomy: Anatomy) -> None:
    case = parse_case({"accesses": [RCFA], "placements": []})
    site = trace(mini_anatomy, case).accesses[0]
    assert site.trunk[:4] == (
        "right_common_femoral_artery",
        "right_external_iliac_artery",
        "right_common_iliac_artery",
        "abdominal_aorta",
    )
    assert set(site.trunk) >= {"ascending_aorta", "aortic_arch", "descending_thoracic_aorta"}
    assert (site.direction, site.toward_heart) == ("retrograde", True)


def test_a_vein_heads_toward_the_heart_antegrade_by_default(mini_anatomy: Anatomy) -> None:
    case = parse_case({"accesses": [RCFV]})
    site = trace(mini_anatomy, case).accesses[0]
    assert (site.direction, site.toward_heart) == ("antegrade", True)


def test_the_option_that_decided_an_order_is_recorded(mini_anatomy: Anatomy) -> None:
    stop = _one(mini_anatomy, RRADIAL, "right_vertebral_artery")
    assert [(e.rule, e.facts["option"], e.facts["value"]) for e in stop.effects] == [
        ("access-trunk", "order_from", "trunk")
    ]
    effect = stop.effects[0]
    assert (effect.facts["other_order"], effect.facts["other_family"]) == (
        3,
        "brachiocephalic_trunk",
    )


def test_a_confluence_route_that_codes_differently_asks_which_way(mini_anatomy: Anatomy) -> None:
    with pytest.raises(CaseError) as raised:
        _one(mini_anatomy, RCFA, "basilar_artery")
    problem = raised.value.problems[0]
    assert problem.where == "placements[0].via"
    assert set(problem.candidates) == {"left_vertebral_artery", "right_vertebral_artery"}
    assert 'say which with "via"' in problem.message


def test_via_picks_the_route(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [RCFA],
        "placements": [{"vessel": "basilar", "via": "right vertebral artery"}],
    }
    stop = _stops(mini_anatomy, case)[0]
    assert (stop.order, stop.family) == (4, "brachiocephalic_trunk")


def test_another_placement_on_one_route_picks_it(mini_anatomy: Anatomy) -> None:
    case = {"accesses": [RCFA], "placements": [{"vessel": "left vertebral"}, {"vessel": "basilar"}]}
    stop = _stops(mini_anatomy, case)[1]
    assert (stop.order, stop.family) == (3, "left_subclavian_artery")


def test_from_the_arm_the_two_vertebrals_give_different_families(mini_anatomy: Anatomy) -> None:
    with pytest.raises(CaseError) as raised:
        _one(mini_anatomy, RRADIAL, "basilar_artery")
    assert set(raised.value.problems[0].candidates) == {
        "left_vertebral_artery",
        "right_vertebral_artery",
    }


@pytest.mark.parametrize(
    ("case", "where", "words"),
    [
        (
            {"accesses": [RCFA], "placements": [{"vessel": "left adrenal vein"}]},
            "placements[0].vessel",
            "is a vein and cannot be reached",
        ),
        (
            {"accesses": [RCFV], "placements": [{"vessel": "left renal artery"}]},
            "placements[0].vessel",
            "is an artery and cannot be reached",
        ),
        (
            {"accesses": [RCFA_ANTEGRADE], "placements": [{"vessel": "left renal artery"}]},
            "placements[0].vessel",
            "not downstream",
        ),
        (
            {"accesses": [RCFV], "placements": [{"vessel": "splenic vein"}]},
            "placements[0].vessel",
            "is a portal vein",
        ),
        (
            {"accesses": [{"vessel": "right pulmonary artery"}]},
            "accesses[0].vessel",
            "not a puncture site",
        ),
        (
            {"accesses": [RCFA], "placements": [{"vessel": "SFA"}]},
            "placements[0].vessel",
            "say which side",
        ),
        (
            {"accesses": [RCFA], "placements": [{"vessel": "xyzzy artery"}]},
            "placements[0].vessel",
            "no vessel is called",
        ),
        (
            {
                "accesses": [{"id": "A", **RCFA}, {"id": "B", **RCFV}],
                "placements": [{"vessel": "left renal artery", "access": "C"}],
            },
            "placements[0].access",
            "no access has the id 'C'",
        ),
        (
            {
                "accesses": [{"id": "A", **RCFA}, {"id": "B", **RCFV}],
                "placements": [{"vessel": "left renal artery"}],
            },
            "placements[0].access",
            "say which access",
        ),
    ],
    ids=[
        "vein from artery",
        "artery from vein",
        "upstream of antegrade",
        "portal from systemic",
        "pulmonary puncture",
        "missing side",
        "unknown name",
        "unknown access",
        "access left out",
    ],
)
def test_impossible_placements_are_explained(
    mini_anatomy: Anatomy, case: dict[str, Any], where: str, words: str
) -> None:
    with pytest.raises(CaseError) as raised:
        _stops(mini_anatomy, case)
    assert [p.where for p in raised.value.problems] == [where]
    assert words in raised.value.problems[0].message


def test_every_problem_is_reported_at_once(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [RCFA],
        "placements": [{"vessel": "SFA"}, {"vessel": "xyzzy"}, {"vessel": "left adrenal vein"}],
    }
    with pytest.raises(CaseError) as raised:
        _stops(mini_anatomy, case)
    assert [p.where for p in raised.value.problems] == [
        "placements[0].vessel",
        "placements[1].vessel",
        "placements[2].vessel",
    ]
