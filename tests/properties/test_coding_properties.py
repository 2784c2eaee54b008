"""Properties of the coding engine over generated realistic cases on the embedded atlas."""

from __future__ import annotations

import io
import json
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from tests.strategies import (
    ARTERIAL_ACCESSES,
    OPTIONS,
    VENOUS_ACCESSES,
    arterial_cases,
    atlas,
    cases,
    mirror_case,
    mirror_id,
    mirror_invariant,
    reachable,
)
from vascular import code_case
from vascular.case import Access, Options, parse_case
from vascular.cli import main
from vascular.errors import VascularError
from vascular.results import CodingResult
from vascular.traversal import readings, trace


def lines(result: CodingResult) -> list[tuple[str, int, tuple[str, ...], str | None]]:
    return [(x.code, x.units, tuple(x.modifiers), x.family) for x in result.lines]


@given(case=cases(), data=st.data())
def test_the_order_of_placements_does_not_matter(case: dict[str, Any], data: st.DataObject) -> None:
    shuffled = {**case, "placements": data.draw(st.permutations(case["placements"]))}
    assert lines(code_case(shuffled, atlas())) == lines(code_case(case, atlas()))


@given(case=cases(), data=st.data())
def test_listing_vessels_passed_through_changes_nothing(
    case: dict[str, Any], data: st.DataObject
) -> None:
    tracing = trace(atlas(), parse_case(case))
    on_the_way = sorted({v for stop in tracing.stops for v in stop.route[1:-1]})
    if not on_the_way:
        return
    extra = data.draw(st.lists(st.sampled_from(on_the_way), min_size=1, max_size=4))
    note(f"added {extra}")
    longer = {**case, "placements": [*case["placements"], *({"vessel": v} for v in extra)]}
    assert lines(code_case(longer, atlas())) == lines(code_case(case, atlas()))


_DISTINCT = {"59", "XS"}


def _sided(result: CodingResult, mirror: bool) -> tuple[Counter[Any], Counter[Any]]:
    """Units per code and laterality, and the vessels each code stands for (sides swapped when
    `mirror`), leaving out the distinct-service modifier: which of several lines of one code
    carries it, and which of them become one line with units, is only claim order.
    """
    swap = {"RT": "LT", "LT": "RT"} if mirror else {}
    units: Counter[Any] = Counter()
    vessels: Counter[Any] = Counter()
    for line in result.lines:
        sides = tuple(swap.get(m, m) for m in line.modifiers if m not in _DISTINCT)
        units[line.code, sides] += line.units
        for vessel in line.vessels:
            vessels[line.code, mirror_id(vessel) if mirror else vessel] += 1
    return units, vessels


@given(case=cases())
def test_mirroring_a_case_mirrors_its_codes(case: dict[str, Any]) -> None:
    vessels = [a["vessel"] for a in case["accesses"]] + [p["vessel"] for p in case["placements"]]
    if not all(mirror_invariant(v) for v in vessels):
        return
    assert _sided(code_case(case, atlas()), mirror=True) == _sided(
        code_case(mirror_case(case), atlas()), mirror=False
    )


@given(case=cases())
def test_order_rises_by_one_at_a_branch_and_never_at_a_continuation(case: dict[str, Any]) -> None:
    anatomy = atlas()
    for stop in trace(anatomy, parse_case(case)).stops:
        for (upper, upper_order), (lower, lower_order) in pairwise(stop.orders):
            step = 0 if anatomy.relation(upper, lower) == "continuation" else 1
            assert lower_order == upper_order + step


@given(case=cases())
def test_every_line_has_a_rationale_citing_a_rule(case: dict[str, Any]) -> None:
    result = code_case(case, atlas())
    rules = atlas().rules.rules
    for line in result.lines:
        assert line.rationale
        assert all(reason.rule in rules for reason in line.reasons)


@given(case=cases())
def test_no_add_on_without_its_initial_code(case: dict[str, Any]) -> None:
    result = code_case(case, atlas())
    for line in result.lines:
        record = atlas().rules.code(line.code)
        if record.kind == "add-on":
            # a primary of the same family and access (a line merged from several families'
            # identical lines names no single family)
            assert any(
                other.code in record.add_on_to
                and (line.family is None or other.family in (line.family, None))
                and other.access in (line.access, None)
                for other in result.lines
            )


@given(case=cases())
def test_an_arterial_family_has_one_initial_code_per_access(case: dict[str, Any]) -> None:
    # the initial codes of the arterial series, from the tables (veins are coded one line per
    # branch, so this property is about arterial families only)
    series = atlas().rules.table("arterial-selective").series.values()
    initial_codes = {code for s in series for code in (s.first, s.second, s.third)}
    result = code_case(case, atlas())
    initial = [
        (line.access, line.family)
        for line in result.lines
        if line.family is not None and line.code in initial_codes
    ]
    assert len(initial) == len(set(initial))


@given(case=cases())
def test_a_venous_branch_is_coded_once_per_access(case: dict[str, Any]) -> None:
    venous = atlas().rules.table("venous")
    per_branch = {venous.first_order, venous.second_order}
    result = code_case(case, atlas())
    coded = [
        (line.access, vessel)
        for line in result.lines
        if line.code in per_branch
        for vessel in line.vessels
    ]
    assert len(coded) == len(set(coded))


@settings(max_examples=25)
@given(case=cases())
def test_the_api_and_the_cli_give_the_same_json(
    case: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = Path(tmp_path_factory.mktemp("case")) / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    out = io.StringIO()
    assert main(["code", "--json", str(path)], stdout=out) == 0
    assert json.loads(out.getvalue()) == code_case(case, atlas()).to_json()


@given(case=arterial_cases())
def test_random_valid_cases_never_raise(case: dict[str, Any]) -> None:
    code_case(case, atlas())


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
_NAMES = st.sampled_from(
    ["R CFA", "left SFA", "SFA", "xyzzy", "", "celiac", "left adrenal vein", "basilar", "IVC"]
)
_ALMOST_CASES = st.fixed_dictionaries(
    {
        "accesses": st.lists(
            st.fixed_dictionaries(
                {"vessel": _NAMES},
                optional={"id": st.sampled_from(["A", "B"]), "direction": _JSON},
            ),
            max_size=2,
        )
    },
    optional={
        "placements": st.lists(
            st.fixed_dictionaries(
                {"vessel": _NAMES},
                optional={
                    "access": st.sampled_from(["A", "B", "C"]),
                    "imaging": _JSON,
                    "sampling": _JSON,
                    "via": _NAMES,
                },
            ),
            max_size=4,
        ),
        "options": _JSON,
        "variants": _JSON,
    },
)


@given(case=_ALMOST_CASES | _JSON)
def test_invalid_cases_raise_only_the_librarys_own_error(case: Any) -> None:
    try:
        result = code_case(case, atlas())
    except VascularError:
        return
    assert isinstance(result, CodingResult)


@st.composite
def lone_placements(draw: st.DrawFn) -> tuple[str, str, str, dict[str, str]]:
    access, direction = draw(
        st.sampled_from([*ARTERIAL_ACCESSES, *((v, "antegrade") for v in VENOUS_ACCESSES)])
    )
    vessel = draw(st.sampled_from(reachable(access, direction)))
    return access, direction, vessel, draw(OPTIONS)


@given(lone=lone_placements())
def test_the_browsers_readings_agree_with_coding_a_lone_placement(
    lone: tuple[str, str, str, dict[str, str]],
) -> None:
    access, direction, vessel, options = lone
    found = readings(
        atlas(),
        Access(vessel=access, direction=direction),  # type: ignore[arg-type]
        Options(**options),
    )
    case = parse_case(
        {
            "accesses": [{"vessel": access, "direction": direction}],
            "placements": [{"vessel": vessel}],
            "options": options,
        }
    )
    stop = trace(atlas(), case).stops[0]
    assert (found[vessel].selective, found[vessel].order, found[vessel].family) == (
        stop.selective,
        stop.order,
        stop.family,
    )


@given(case=cases())
def test_a_claim_never_has_two_identical_lines(case: dict[str, Any]) -> None:
    for options in ({}, {"identical_lines": "modifier"}):
        result = code_case({**case, "options": {**case.get("options", {}), **options}}, atlas())
        keys = [(line.code, line.modifiers) for line in result.lines]
        assert len(keys) == len(set(keys)), keys
