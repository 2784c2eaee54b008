"""Properties of the codes that include the angiography, over generated neck and head cases."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import atlas, mirror_case, mirror_id
from vascular import code_case
from vascular.results import CodingResult
from vascular.traversal import position_of

# neck and head positions that have a left/right twin, with the territories each can image
POSITIONS = [
    "right_common_carotid_artery",
    "right_internal_carotid_artery",
    "right_external_carotid_artery",
    "right_facial_artery",
    "right_vertebral_artery",
    "right_subclavian_artery",
    "right_middle_cerebral_artery",
    "right_anterior_cerebral_artery",
    "right_ophthalmic_artery",
    "right_posterior_inferior_cerebellar_artery",
]
POSITIONS += [mirror_id(p) for p in POSITIONS] + ["aortic_arch", "brachiocephalic_trunk"]
CAROTID = {"36222", "36223", "36224"}
VERTEBRAL = {"36225", "36226"}


@st.composite
def neck_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A femoral access and up to six imaged neck or head positions, each with territories it can
    image."""
    vessels = draw(st.lists(st.sampled_from(POSITIONS), min_size=1, max_size=6, unique=True))
    placements = []
    for vessel in vessels:
        position = position_of(atlas(), atlas().vessel(vessel))
        assert position is not None
        choices = list(position.can_image)
        imaging = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=2, unique=True))
        placements.append({"vessel": vessel, "imaging": imaging})
    return {"accesses": [{"vessel": "right_common_femoral_artery"}], "placements": placements}


def _per_side(result: CodingResult, codes: set[str]) -> Counter[str]:
    sides: Counter[str] = Counter()
    for line in result.lines:
        if line.code in codes:
            for side, modifier in (("right", "RT"), ("left", "LT")):
                if modifier in line.modifiers or "50" in line.modifiers:
                    sides[side] += 1
    return sides


@given(case=neck_cases())
def test_at_most_one_carotid_and_one_vertebral_code_per_side(case: dict[str, Any]) -> None:
    result = code_case(case, atlas())
    assert all(count <= 1 for count in _per_side(result, CAROTID).values())
    assert all(count <= 1 for count in _per_side(result, VERTEBRAL).values())


def _sides(modifiers: tuple[str, ...]) -> set[str]:
    return {"RT", "LT"} if "50" in modifiers else {m for m in modifiers if m in {"RT", "LT"}}


@given(case=neck_cases())
def test_no_cervicocerebral_add_on_without_its_primary_on_its_side(case: dict[str, Any]) -> None:
    result = code_case(case, atlas())
    for line in result.lines:
        record = atlas().rules.code(line.code)
        if record.kind != "add-on" or line.code not in {"36227", "36228"}:
            continue
        for side in _sides(line.modifiers):
            assert any(
                other.code in record.add_on_to and side in _sides(other.modifiers)
                for other in result.lines
            )


@given(case=neck_cases())
def test_36221_is_never_reported_with_a_selective_code(case: dict[str, Any]) -> None:
    codes = {line.code for line in code_case(case, atlas()).lines}
    if "36221" in codes:
        assert codes == {"36221"}


def _mirrored(result: CodingResult) -> Counter[tuple[str, int, tuple[str, ...]]]:
    swap = {"RT": "LT", "LT": "RT"}
    return Counter(
        (line.code, line.units, tuple(sorted(swap.get(m, m) for m in line.modifiers)))
        for line in result.lines
    )


@given(case=neck_cases())
def test_a_case_and_its_mirror_give_mirrored_lines(case: dict[str, Any]) -> None:
    if any(p["vessel"] == "brachiocephalic_trunk" for p in case["placements"]):
        return
    result = code_case(case, atlas())
    cervicocerebral = CAROTID | VERTEBRAL | {"36221", "36227", "36228"}
    if result.warnings or any(line.code not in cervicocerebral for line in result.lines):
        return  # generic codes follow the asymmetric arch orders; only imaging codes mirror
    mirrored = code_case(mirror_case(case), atlas())
    plain = Counter(
        (code, units, tuple(m for m in mods if m not in {"59", "XS"}))
        for code, units, mods in _mirrored(result)
    )
    other = Counter(
        (line.code, line.units, tuple(sorted(m for m in line.modifiers if m not in {"59", "XS"})))
        for line in mirrored.lines
    )
    assert plain == other
