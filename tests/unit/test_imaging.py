"""Imaging on a placement: what each position can show, and the input errors when it cannot."""

from __future__ import annotations

from typing import Any

import pytest

from vascular import Anatomy, code_case
from vascular.case import parse_case
from vascular.errors import CaseError
from vascular.traversal import trace

RCFA = {"vessel": "right common femoral artery"}


def _territories(anatomy: Anatomy, vessel: str, imaging: Any) -> tuple[str, ...]:
    case = parse_case({"accesses": [RCFA], "placements": [{"vessel": vessel, "imaging": imaging}]})
    return trace(anatomy, case).stops[0].territories


@pytest.mark.parametrize(
    ("vessel", "imaging", "territories"),
    [
        ("right common carotid artery", True, ("cervical",)),
        ("right internal carotid artery", True, ("intracranial",)),
        ("right external carotid artery", True, ("external carotid",)),
        ("right facial artery", True, ("external carotid",)),
        ("right vertebral artery", True, ("vertebral",)),
        ("right middle cerebral artery", True, ("intracranial",)),
        ("right renal artery", True, ("renal",)),
        ("right interlobar renal artery", "renal", ("renal",)),
        ("aortic arch", ["cervical", "intracranial"], ("cervical", "intracranial")),
        ("innominate", "Vertebral", ("vertebral",)),
        ("left subclavian artery", "VERTEBRAL", ("vertebral",)),
        ("left common carotid artery", ["intracranial", "intracranial"], ("intracranial",)),
        ("superior mesenteric artery", True, ()),
        ("right subclavian artery", True, ("arm",)),
        ("right external carotid artery", "external-carotid", ("external carotid",)),
    ],
)
def test_imaging_resolves_to_territories(
    mini_anatomy: Anatomy, vessel: str, imaging: Any, territories: tuple[str, ...]
) -> None:
    assert _territories(mini_anatomy, vessel, imaging) == territories


@pytest.mark.parametrize(
    ("vessel", "imaging", "words"),
    [
        ("innominate", True, "say which, one or more of 'cervical', 'intracranial'"),
        ("right internal carotid artery", "vertebral", "cannot image the 'vertebral' territory"),
        ("superior mesenteric artery", "renal", "cannot image the 'renal' territory"),
        ("right vertebral artery", "intracranial", "from there: 'vertebral'"),
        ("right common carotid artery", "external carotid", "from there: 'cervical'"),
        ("abdominal aorta", "arch", "cannot image the 'arch' territory"),
    ],
)
def test_a_territory_the_position_cannot_image_is_an_input_error(
    mini_anatomy: Anatomy, vessel: str, imaging: Any, words: str
) -> None:
    case = {"accesses": [RCFA], "placements": [{"vessel": vessel, "imaging": imaging}]}
    with pytest.raises(CaseError) as raised:
        code_case(case, mini_anatomy)
    (problem,) = raised.value.problems
    assert problem.where == "placements[0].imaging"
    assert words in problem.message


def test_an_unknown_territory_name_is_a_shape_error(mini_anatomy: Anatomy) -> None:
    case = {"accesses": [RCFA], "placements": [{"vessel": "right ICA", "imaging": "brain"}]}
    with pytest.raises(CaseError) as raised:
        code_case(case, mini_anatomy)
    assert raised.value.problems[0].where == "placements[0].imaging"
    assert "'cervical'" in raised.value.problems[0].message


def test_imaged_placements_are_claimed_and_others_stay_generic(mini_anatomy: Anatomy) -> None:
    case = {
        "accesses": [RCFA],
        "placements": [
            {"vessel": "right common carotid artery", "imaging": True},
            {"vessel": "right subclavian artery", "imaging": "arm"},
        ],
    }
    result = code_case(case, mini_anatomy)
    assert [line.label for line in result.lines] == ["36222-RT", "36216-59-RT"]
    reasons = result.lines[0].rationale
    assert any("Carotid hierarchy, right side" in r for r in reasons)
    assert any(
        r.endswith("[imaging-replaces-generic: AAPC-GS13, AAPC-CC13, ZIEL, CA]") for r in reasons
    )
