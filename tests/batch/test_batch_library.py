"""`vascular.batch.code_cases`: one outcome per input, in order, in one process or in several."""

from __future__ import annotations

import json
import pickle

import pytest

from benchmarks.cases import realistic_cases
from vascular import CaseError, CaseProblem, code_case, load_anatomy
from vascular.batch import code_cases
from vascular.ncci import NcciDataError

GOOD = {
    "name": "renal",
    "accesses": [{"vessel": "right common femoral artery"}],
    "placements": [{"vessel": "right renal artery"}],
}


def test_a_good_case_gives_the_same_json_as_code_case_with_its_line_and_id() -> None:
    (outcome,) = code_cases([GOOD], workers=1)
    expected = code_case(GOOD).to_json()
    assert outcome.ok
    assert outcome.data() == {"line": 1, "id": "renal", **expected}


def test_raw_json_text_and_bytes_are_read_like_parsed_cases() -> None:
    outcomes = list(code_cases([json.dumps(GOOD), json.dumps(GOOD).encode()], workers=1))
    assert [o.line for o in outcomes] == [1, 2]
    assert all(o.ok for o in outcomes)


@pytest.mark.parametrize(
    ("case", "kind", "where"),
    [
        ("{not json", "MalformedJSON", None),
        ("[1, 2]", "NotAnObject", None),
        (
            {"name": "bad", "accesses": [{"vessel": "SFA"}], "placements": [{"vessel": "rt SFA"}]},
            "CaseError",
            "accesses[0].vessel",
        ),
        ({"name": "empty"}, "CaseError", "accesses"),
    ],
    ids=["malformed", "not-an-object", "ambiguous-name", "missing-field"],
)
def test_a_bad_case_is_a_structured_error_with_its_line(
    case: object, kind: str, where: str | None
) -> None:
    outcomes = list(code_cases([GOOD, case, GOOD], workers=1))  # type: ignore[list-item]
    assert [o.ok for o in outcomes] == [True, False, True]
    error = outcomes[1].data()
    assert error["line"] == 2
    assert error["error"]["kind"] == kind
    assert error["error"]["message"].startswith("line 2: ")
    if where is not None:
        assert where in [p["where"] for p in error["error"]["problems"]]
        assert error["id"] == case["name"]  # type: ignore[index]


def test_without_rationale_the_lines_are_the_same_and_have_no_words() -> None:
    (full,) = code_cases([GOOD], workers=1)
    (bare,) = code_cases([GOOD], workers=1, rationale=False)
    strip = [{**line, "rationale": [], "reasons": []} for line in full.data()["lines"]]
    assert bare.data()["lines"] == strip
    assert all(not line["rationale"] for line in bare.data()["lines"])


def test_two_workers_give_the_same_outcomes_in_the_same_order_as_one() -> None:
    cases: list[object] = list(realistic_cases(load_anatomy(), 300, seed=11))
    cases[17] = "{broken"
    cases[250] = 7
    one = [o.text for o in code_cases(cases, workers=1, chunk_size=16)]  # type: ignore[arg-type]
    two = [o.text for o in code_cases(cases, workers=2, chunk_size=16)]  # type: ignore[arg-type]
    assert one == two
    assert [json.loads(t)["line"] for t in two] == list(range(1, 301))


def test_outcomes_and_errors_pickle_intact() -> None:
    (outcome,) = code_cases(["{broken"], workers=1)
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    error = CaseError([CaseProblem("placements[0].vessel", "unknown", ("right renal artery",))])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems
    assert str(again) == str(error)
    ncci = NcciDataError("x.sqlite3", None, "database", "damaged")
    assert pickle.loads(pickle.dumps(ncci)).to_json() == ncci.to_json()
