"""The vascular command: answers on stdout, errors on stderr with exit status 2."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import INVALID_DIR, MINI_DIR
from vascular.cli import main

MINI = ["--data", str(MINI_DIR)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_vessels_lists_both_internal_iliacs_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "vessels", "hypogastric", "--json", *MINI)
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert [v["id"] for v in data["vessels"]] == [
        "left_internal_iliac_artery",
        "right_internal_iliac_artery",
    ]
    assert data["vessels"][0] == {
        "id": "left_internal_iliac_artery",
        "name": "Left internal iliac artery",
        "side": "left",
        "parent": "left_common_iliac_artery",
        "relation": "branch",
        "region": "abdominal",
        "aliases": ["IIA", "hypogastric"],
    }


def test_vessels_text_has_id_name_side_and_parent(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "vessels", "rt fem", *MINI)
    assert status == 0
    assert out.splitlines() == [
        "right_common_femoral_artery       Right common femoral artery  "
        "[right; continuation of right_external_iliac_artery]",
        "right_common_femoral_vein         Right common femoral vein  "
        "[right; continuation of right_external_iliac_vein]",
        "right_profunda_femoris_artery     Right profunda femoris artery  "
        "[right; branch of right_common_femoral_artery]",
        "right_superficial_femoral_artery  Right superficial femoral artery  "
        "[right; branch of right_common_femoral_artery]",
    ]


def test_vessel_shows_the_chain_up_to_the_aorta(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "vessel", "rt SFA", *MINI)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Right superficial femoral artery"
    chain = lines[lines.index("Chain to the ascending aorta (nearest first):") + 1 :][:7]
    assert [line.split("  ")[1].strip() for line in chain] == [
        "Right superficial femoral artery",
        "Right common femoral artery",
        "Right external iliac artery",
        "Right common iliac artery",
        "Abdominal aorta",
        "Descending thoracic aorta",
        "Aortic arch",
    ]
    assert "Right common femoral artery" in out
    assert "is a continuation of" in out
    assert "  Right popliteal artery  (continuation)" in lines


def test_vessel_json_has_lineage_and_children(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "vessel", "right_superficial_femoral_artery", "--json", *MINI)
    data = json.loads(out)
    assert status == 0
    assert data["vessel"]["id"] == "right_superficial_femoral_artery"
    assert [v["id"] for v in data["lineage"]][-1] == "ascending_aorta"
    assert [v["id"] for v in data["children"]] == ["right_popliteal_artery"]
    assert data["non_selective_base"] is False


def test_vessel_with_a_variant(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "vessel", "lt CCA", "--variant", "bovine_arch", "--json", *MINI)
    data = json.loads(out)
    assert status == 0
    assert data["vessel"]["parent"] == "brachiocephalic_trunk"
    assert data["variants"] == ["bovine_arch"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["vessel", "SFA"], "say which side"),
        (["vessel", "xyzzy"], "no vessel is called 'xyzzy'"),
        (["vessels", "xyzzy"], "no vessel matches 'xyzzy'"),
        (["vessel", "SFA", "--variant", "nope"], "unknown variant 'nope'"),
        (["vessel"], "the following arguments are required: name"),
        (["frobnicate"], "invalid choice"),
    ],
    ids=["ambiguous", "unknown", "no-match", "bad-variant", "missing-arg", "bad-command"],
)
def test_bad_input_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    status, out, err = run(capsys, *argv, *(MINI if len(argv) > 1 else []))
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("vascular: error: ")
    assert words in err


def test_json_errors_are_one_json_object_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "vessel", "superficail femoral rt", "--json", *MINI)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    error = json.loads(err)["error"]
    assert error["type"] == "UnknownVesselError"
    assert error["suggestions"][0] == "Right superficial femoral artery"


def test_validate_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", str(MINI_DIR), "--json")
    data = json.loads(out)
    assert status == 0
    assert data["vessel_count"] == 145
    assert data["by_region"] == {"abdominal": 85, "thoracic": 60}
    assert data["by_tree"] == {
        "systemic_arterial": 99,
        "systemic_venous": 31,
        "pulmonary_arterial": 8,
        "portal_venous": 7,
    }


def test_validate_names_file_and_record_of_corrupt_data(
    capsys: pytest.CaptureFixture[str], mini_copy: Path
) -> None:
    shutil.copy(INVALID_DIR / "unknown_parent.yaml", mini_copy / "vessels")
    status, out, err = run(capsys, "validate", str(mini_copy))
    assert (status, out) == (2, "")
    assert err.splitlines()[0] == f"vascular: error: invalid anatomy data in {mini_copy}: 1 problem"
    assert (
        "vessels/unknown_parent.yaml: cystic_artery: parent: unknown vessel 'celiac_trunkk'" in err
    )


def test_validate_json_lists_problems(capsys: pytest.CaptureFixture[str], mini_copy: Path) -> None:
    shutil.copy(INVALID_DIR / "cycle.yaml", mini_copy / "vessels")
    status, out, err = run(capsys, "validate", str(mini_copy), "--json")
    assert (status, out) == (2, "")
    problems = json.loads(err)["error"]["problems"]
    assert {p["record"] for p in problems} == {"first_loop_artery", "second_loop_artery"}


def test_variants_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "variants", *MINI)
    assert status == 0
    assert "bovine_arch: Bovine arch" in out
    assert "left_common_carotid_artery -> branch of brachiocephalic_trunk" in out


def test_schema_check_detects_a_stale_schema(
    capsys: pytest.CaptureFixture[str], mini_copy: Path
) -> None:
    assert run(capsys, "schema", "--data", str(mini_copy), "--write")[0] == 0
    assert run(capsys, "schema", "--data", str(mini_copy))[0] == 0
    (mini_copy / "schema" / "vessel-file.schema.json").write_text("{}", encoding="utf-8")
    status, _, err = run(capsys, "schema", "--data", str(mini_copy))
    assert status == 2
    assert "vessel-file.schema.json" in err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vascular.cli", "vessels", "hypogastric", "--data", str(MINI_DIR)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "right_internal_iliac_artery" in result.stdout


CASE = {"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "left SFA"}]}


def _case_file(tmp_path: Path, case: object) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return str(path)


def test_code_prints_a_table_with_the_deciding_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "code", _case_file(tmp_path, CASE), *MINI)
    assert (status, err) == (0, "")
    header, line = out.splitlines()[:2]
    assert header.split() == ["CODE", "UNITS", "MODIFIERS", "ACCESS", "FAMILY", "REASON"]
    assert line.startswith("36247  1      LT         A       Left common iliac artery")
    assert "initial third-order code 36247" in out


def test_code_json_is_the_result_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "code", "--json", _case_file(tmp_path, CASE), *MINI)
    data = json.loads(out)
    assert status == 0
    assert [(x["code"], x["modifiers"]) for x in data["lines"]] == [("36247", ["LT"])]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("lines", "36247\tLT\t1\n"), ("note", "Codes: 36247-LT.")],
)
def test_code_prints_claim_lines_or_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, expected: str
) -> None:
    status, out, _ = run(capsys, "code", "--format", fmt, _case_file(tmp_path, CASE), *MINI)
    assert status == 0
    assert expected in out


def test_code_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(CASE)))
    status, out, _ = run(capsys, "code", "--json", "-", *MINI)
    assert status == 0
    assert json.loads(out)["lines"][0]["code"] == "36247"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"accesses": [', "not valid JSON: Expecting value at line 1, column 15"),
        ("[]", "must hold one JSON object"),
        (
            json.dumps({"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "SFA"}]}),
            "say which side",
        ),
        (
            json.dumps({"accesses": [{"vessel": "R CFV"}], "placements": [{"vessel": "left SFA"}]}),
            "is an artery",
        ),
        (
            json.dumps(
                {"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "x", "access": "Z"}]}
            ),
            "no access has the id 'Z'",
        ),
    ],
    ids=["malformed", "not an object", "side", "artery from vein", "unknown access"],
)
def test_code_bad_input_is_one_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "code", str(path), *MINI)
    assert (status, out) == (2, "")
    assert err.startswith("vascular: error: ")
    assert words in err


def test_code_json_errors_list_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = {
        "accesses": [{"vessel": "R CFA"}],
        "placements": [{"vessel": "SFAx"}, {"vessel": "SFA"}],
    }
    status, out, err = run(capsys, "code", "--json", _case_file(tmp_path, case), *MINI)
    assert (status, out) == (2, "")
    problems = json.loads(err)["error"]["problems"]
    assert [p["where"] for p in problems] == ["placements[0].vessel", "placements[1].vessel"]
    assert problems[1]["candidates"] == [
        "left_superficial_femoral_artery",
        "right_superficial_femoral_artery",
    ]


def test_a_missing_case_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "code", str(tmp_path / "nowhere.json"), *MINI)
    assert (status, out) == (2, "")
    assert "cannot read" in err


def test_explain_shows_trunk_route_and_every_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "explain", _case_file(tmp_path, CASE), *MINI)
    assert status == 0
    assert "Access A: Right common femoral artery, retrograde (toward the heart)" in out
    assert "Route: Right common femoral artery > Right external iliac artery" in out
    assert "[family-initial: AAPC-PERIPH, AAPC-FAM, WNEWZ]" in out


def test_explain_json_carries_rule_and_source_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "explain", "--json", _case_file(tmp_path, CASE), *MINI)
    data = json.loads(out)
    assert status == 0
    assert data["accesses"][0]["trunk"][:2] == [
        "right_common_femoral_artery",
        "right_external_iliac_artery",
    ]
    assert data["placements"][0]["orders"][-1] == {
        "vessel": "left_superficial_femoral_artery",
        "order": 3,
    }
    rules = [reason["rule"] for reason in data["lines"][0]["reasons"]]
    assert "family-initial" in rules


def test_family_chart_for_trainers(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "family", "left common iliac", *MINI)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Left common iliac artery: orders and codes from the right common femoral artery "
        "(toward the heart)"
    )
    assert any(line.split() == ["Left", "uterine", "artery", "4", "36247-LT"] for line in lines)


def test_family_chart_from_an_antegrade_access(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "family",
        "right SFA",
        "--access",
        "right CFA",
        "--direction",
        "antegrade",
        "--json",
        *MINI,
    )
    data = json.loads(out)
    assert status == 0
    orders = {row["vessel"]: (row["order"], row["code"]) for row in data["vessels"]}
    assert orders["right_superficial_femoral_artery"] == (1, "36245-RT")
    assert orders["right_peroneal_artery"] == (3, "36247-RT")
