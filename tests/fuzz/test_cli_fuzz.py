"""Fuzzing the command line: every run ends with exit 0 or 2 and never a traceback.

In-process, hypothesis draws argument lists from the commands, their flags and odd values and
files (a case, a damaged file, a missing one, a folder, a name too long for the system); every run
must exit 0 or 2, and under ``--json`` a failure is exactly one JSON object on stderr with nothing
on stdout. In fresh processes: standard output closed or full, standard input closed or empty,
a pipe closed early, JSON nested too deeply, a number too long to read.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vascular.cli import main

CASE = {"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "left SFA"}]}
FILES: dict[str, str | bytes | None] = {
    "case.json": json.dumps(CASE),
    "damaged.json": '{"accesses": [{"vessel": ',
    "list.json": "[1, 2]",
    "binary.json": b"\x00\xff\xfe\x80 not text",
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "bignum.json": '{"accesses": [{"vessel": ' + "9" * 6000 + "}]}",
    "empty.json": "",
    "folder": None,
}
TOKENS = [
    "code",
    "explain",
    "vessels",
    "vessel",
    "family",
    "sources",
    "rules",
    "options",
    "variants",
    "validate",
    "schema",
    "ncci",
    "import",
    "status",
    "--json",
    "--format",
    "table",
    "lines",
    "note",
    "--data",
    "--variant",
    "bovine_arch",
    "nope",
    "--access",
    "--direction",
    "antegrade",
    "R CFA",
    "left SFA",
    "SFA",
    "aorta",
    "hepatic vein",
    "AAPC-ACE",
    "family-add-on",
    "-",
    "",
    " ",
    "--version",
    "--help",
    "-x",
    "x" * 5000,
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name, content in FILES.items():
        path = root / name
        if content is None:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_err, old_in = sys.stderr, sys.stdin
    sys.stderr, sys.stdin = err, io.StringIO(stdin)
    try:
        status = main(argv, stdout=out)
    except SystemExit as exit_:  # --help and --version exit through argparse, with status 0
        status = int(exit_.code or 0)
    finally:
        sys.stderr, sys.stdin = old_err, old_in
    return status, out.getvalue(), err.getvalue()


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_command_line_exits_0_or_2_with_one_clear_message(
    data: st.DataObject, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VASCULAR_NCCI_DB", str(folder / "ncci.sqlite3"))
    files = [str(folder / name) for name in FILES] + [str(folder / ("n" * 300)), "/nowhere/x"]
    argv = data.draw(
        st.lists(
            st.sampled_from(TOKENS) | st.sampled_from(files) | st.text(max_size=12), max_size=6
        )
    )
    if "--write" in argv:
        return
    status, out, err = _run(argv, stdin=data.draw(st.sampled_from(["", json.dumps(CASE), "{"])))
    assert status in (0, 2), (argv, err)
    assert "Traceback" not in err, (argv, err)
    if status == 2:
        assert out == "", argv
        assert err.strip(), argv
        if "--json" in argv and "--help" not in argv and "--version" not in argv:
            report = json.loads(err)
            assert set(report) == {"schema_version", "error"}, err
    elif "--json" in argv and out and "--help" not in argv and "--version" not in argv:
        json.loads(out)


def _vascular(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "vascular.cli", *args],
        text=True,
        timeout=120,
        **{**streams, **kwargs},
    )


def _case_file(tmp_path: Path, text: str = json.dumps(CASE)) -> str:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_closed_standard_output_is_a_clear_error(tmp_path: Path) -> None:
    case = _case_file(tmp_path)
    done = subprocess.run(
        f"{sys.executable} -m vascular.cli code {case} >&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "cannot write the output" in done.stderr


def test_a_full_disk_is_a_clear_error(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = _vascular("code", _case_file(tmp_path), stdout=full)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "cannot write the output" in done.stderr


def test_a_pipe_closed_early_is_not_a_traceback() -> None:
    done = subprocess.run(
        f"{sys.executable} -m vascular.cli vessels artery | head -c 1 >/dev/null",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.parametrize(
    ("how", "words"),
    [("<&-", "standard input is closed"), ("</dev/null", "not valid JSON")],
    ids=["closed", "empty"],
)
def test_standard_input_closed_or_empty_is_a_clear_error(how: str, words: str) -> None:
    done = subprocess.run(
        f"{sys.executable} -m vascular.cli code - {how}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert words in done.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"accesses": [{"vessel": ' + "9" * 6000 + "}]}", "cannot be read as JSON"),
        ("\n\n{ nope", "line 3, column 3"),
    ],
    ids=["deep", "long number", "bad json"],
)
def test_unreadable_json_is_one_message_naming_the_file(
    tmp_path: Path, text: str, words: str
) -> None:
    done = _vascular("code", "--json", _case_file(tmp_path, text))
    assert done.returncode == 2
    assert done.stdout == ""
    report = json.loads(done.stderr)
    assert words in report["error"]["message"]
    assert "case.json" in report["error"]["message"]


def test_a_file_name_too_long_for_the_system_is_a_clear_error(tmp_path: Path) -> None:
    done = _vascular("code", str(tmp_path / ("n" * 5000 + ".json")))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "File name too long" in done.stderr


def test_usage_errors_are_one_json_object_under_json() -> None:
    done = _vascular("code", "--json", "--format", "sideways", "case.json")
    assert done.returncode == 2
    report = json.loads(done.stderr)
    assert report["error"]["type"] == "UsageError"
    assert "sideways" in report["error"]["message"]


def test_version() -> None:
    done = _vascular("--version")
    assert done.returncode == 0
    from vascular import __version__

    assert done.stdout.strip() == f"vascular {__version__}"


def test_an_environment_without_bytecode_caching_still_runs(tmp_path: Path) -> None:
    done = _vascular(
        "code", _case_file(tmp_path), env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    )
    assert done.returncode == 0
    assert "36247" in done.stdout
