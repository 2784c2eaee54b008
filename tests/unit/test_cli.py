"""The vascular command: answers on stdout, errors on stderr with exit status 2."""

from __future__ import annotations

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
    assert data["vessel_count"] == 138
    assert data["by_region"] == {"abdominal": 78, "thoracic": 60}
    assert data["by_tree"] == {
        "systemic_arterial": 95,
        "systemic_venous": 29,
        "pulmonary_arterial": 8,
        "portal_venous": 6,
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
