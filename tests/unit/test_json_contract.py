"""The JSON contract: every command's --json output, and its error object, fits its schema.

The schemas are the committed ones in ``anatomy_data/schema/`` (generated from the shapes and
checked for drift elsewhere); here real outputs are validated against them with `jsonschema`.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from vascular import default_data_dir
from vascular.cli import main

SCHEMAS = default_data_dir() / "schema"
CASE: dict[str, Any] = {
    "accesses": [{"vessel": "R CFA"}],
    "placements": [
        {"vessel": "left SFA"},
        {"vessel": "right ICA", "imaging": True},
        {"vessel": "hepatic vein"},
    ],
}


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _run(*argv: str) -> tuple[int, Any, Any]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        status = main(list(argv), stdout=out)
    finally:
        sys.stderr = old
    return (
        status,
        json.loads(out.getvalue()) if out.getvalue() else None,
        json.loads(err.getvalue()) if err.getvalue() else None,
    )


@pytest.fixture
def case_file(tmp_path: Path) -> str:
    path = tmp_path / "case.json"
    ok = {"accesses": CASE["accesses"], "placements": CASE["placements"][:2]}
    path.write_text(json.dumps(ok), encoding="utf-8")
    return str(path)


def test_every_schema_has_its_schema_and_id() -> None:
    for path in SCHEMAS.glob("*.schema.json"):
        schema = _schema(path.name)
        assert schema["$schema"].endswith("2020-12/schema"), path.name
        assert schema["$id"].endswith(path.name), path.name


@pytest.mark.parametrize(
    ("argv", "schema"),
    [
        (("code", "--json", "{case}"), "result.schema.json"),
        (("explain", "--json", "{case}"), "explain.schema.json"),
        (("family", "--json", "left common iliac"), "family.schema.json"),
        (("family", "--json", "innominate", "--access", "right radial"), "family.schema.json"),
        (("vessel", "--json", "rt SFA"), "vessel.schema.json"),
        (("vessels", "--json", "hypogastric"), "vessels.schema.json"),
        (("validate", "--json"), "validate.schema.json"),
    ],
    ids=["code", "explain", "family", "family from the arm", "vessel", "vessels", "validate"],
)
def test_json_output_fits_its_schema(argv: tuple[str, ...], schema: str, case_file: str) -> None:
    status, out, _ = _run(*(case_file if a == "{case}" else a for a in argv))
    assert status == 0
    jsonschema.validate(out, _schema(schema))
    assert out["schema_version"] == 1


@pytest.mark.parametrize(
    "argv",
    [
        ("vessel", "--json", "SFA"),
        ("vessel", "--json", "xyzzy artery"),
        ("code", "--json", "/nowhere/case.json"),
        ("code", "--json", "--format"),
        ("validate", "--json", "/nowhere"),
    ],
    ids=["ambiguous", "unknown", "missing file", "usage", "bad data dir"],
)
def test_error_objects_fit_the_error_schema(argv: tuple[str, ...]) -> None:
    status, out, err = _run(*argv)
    assert status == 2
    assert out is None
    jsonschema.validate(err, _schema("error.schema.json"))


def test_a_case_error_lists_every_problem_with_suggestion_ids(tmp_path: Path) -> None:
    bad = {
        "accesses": [{"vessel": "R CFA"}],
        "placements": [
            {"vessel": "SFA"},
            {"vessel": "left superficial femorl"},
            {"vessel": "right IJ"},
        ],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    status, _, err = _run("code", "--json", str(path))
    assert status == 2
    jsonschema.validate(err, _schema("error.schema.json"))
    problems = err["error"]["problems"]
    assert [p["where"] for p in problems] == [
        "placements[0].vessel",
        "placements[1].vessel",
        "placements[2].vessel",
    ]
    assert problems[0]["candidates"]
    assert problems[1]["suggested"]
    assert all(s["id"] and s["name"] for s in problems[1]["suggested"])
