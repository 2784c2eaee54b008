"""Fuzzing the library: whatever it is given, it answers or raises its own error, never crashes.

Hypothesis draws JSON-like values, almost-cases (the right keys with wrong values), deep nesting,
huge numbers, odd strings (empty, whitespace, control characters, 100,000 characters) and case
file text, and checks that `code_case`, `parse_case`, `case_data`, `Anatomy.read_name` and
`explain_case` only ever return or raise a `VascularError`.
"""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import atlas
from vascular import CodingResult, VascularError, case_data, code_case, explain_case, parse_case

_STRINGS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "\t\n", "R CFA", "left SFA", "SFA", "aorta", "hepatic vein", "A"]),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8),
    st.builds(lambda n: "x" * n, st.integers(0, 100_000)),
    st.builds(lambda c: c * 3, st.characters(max_codepoint=31)),
)
_NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=10**500, max_value=10**4000),  # hypothesis prints up to 4,300 digits
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, _STRINGS)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_STRINGS, inner, max_size=4),
    max_leaves=20,
)


def _nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"placements": value}
    return value


_KEYS_WITH_ANY_VALUE = st.fixed_dictionaries(
    {
        "accesses": st.one_of(
            _JSON,
            st.lists(
                st.dictionaries(
                    st.sampled_from(["id", "vessel", "direction", "extra"]), _JSON, max_size=4
                ),
                max_size=3,
            ),
        )
    },
    optional={
        "placements": st.one_of(
            _JSON,
            st.lists(
                st.dictionaries(
                    st.sampled_from(["vessel", "access", "imaging", "sampling", "via", "x"]),
                    _JSON,
                    max_size=5,
                ),
                max_size=5,
            ),
        ),
        "options": st.one_of(
            _JSON,
            st.dictionaries(
                st.sampled_from(
                    ["order_from", "pulmonary_lobar", "identical_lines", "bilateral_add_on", "zz"]
                ),
                _JSON,
                max_size=3,
            ),
        ),
        "variants": _JSON,
        "name": _JSON,
    },
)


def _answers_or_refuses(value: Any) -> None:
    try:
        result = code_case(value, atlas())
    except VascularError:
        return
    assert isinstance(result, CodingResult)
    json.dumps(result.to_json())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(value=_JSON | _KEYS_WITH_ANY_VALUE)
def test_any_value_is_coded_or_refused_with_the_librarys_error(value: Any) -> None:
    _answers_or_refuses(value)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(0, 3000), leaf=_SCALARS)
def test_deep_nesting_is_refused_not_a_recursion_error(depth: int, leaf: Any) -> None:
    case = {"accesses": [{"vessel": "R CFA"}], "placements": _nested(depth, leaf)}
    _answers_or_refuses(case)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(value=_KEYS_WITH_ANY_VALUE)
def test_parse_case_refuses_only_with_the_librarys_error(value: Any) -> None:
    with contextlib.suppress(VascularError):
        parse_case(value, atlas().rules)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.binary(max_size=200),
        st.builds(lambda d: "[" * d + "]" * d, st.integers(0, 200_000)),
        st.builds(lambda n: '{"a": ' + "9" * n + "}", st.integers(1, 20_000)),
        st.builds(json.dumps, _JSON).map(lambda t: t.replace("Infinity", "1e999")),
    )
)
def test_case_file_text_is_read_or_refused(text: str | bytes) -> None:
    try:
        data = case_data(text, "case.json")
    except VascularError:
        return
    assert isinstance(data, dict)
    _answers_or_refuses(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=_STRINGS, role=st.sampled_from(["placement", "access"]))
def test_a_name_always_reads_as_something(text: str, role: str) -> None:
    reading = atlas().read_name(text, role)  # type: ignore[arg-type]
    assert reading.kind in {"vessel", "class", "ambiguous", "variant", "unknown"}


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(value=_KEYS_WITH_ANY_VALUE)
def test_the_explanation_views_never_crash(value: Any) -> None:
    from vascular import explanation_json, explanation_text

    try:
        explained = explain_case(value, atlas())
    except VascularError:
        return
    explanation_text(explained)
    json.dumps(explanation_json(explained))


@pytest.mark.parametrize(
    "value",
    [math.inf, math.nan, 10**5000, -(10**4000)],
    ids=["inf", "nan", "5000 digits", "-4000 digits"],
)
@pytest.mark.parametrize("where", ["access", "imaging"])
def test_non_finite_and_huge_numbers_are_refused_by_name(value: float, where: str) -> None:
    placement = {"vessel": "SMA", "imaging": value}
    case: dict[str, Any] = (
        {"accesses": [{"vessel": value}]}
        if where == "access"
        else {"accesses": [{"vessel": "R CFA"}], "placements": [placement]}
    )
    with pytest.raises(VascularError, match="must be"):
        code_case(case, atlas())


def test_a_case_of_two_megabytes_is_coded_in_one_pass() -> None:
    placements = [{"vessel": "left superficial femoral artery"}] * 5000
    case = {"accesses": [{"vessel": "R CFA"}], "placements": placements, "name": "x" * 200}
    text = json.dumps(case) + " " * (2_000_000 - len(json.dumps(case)))
    result = code_case(case_data(text, "big.json"), atlas())
    assert [line.code for line in result.lines] == ["36247"]
