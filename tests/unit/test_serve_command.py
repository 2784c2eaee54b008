"""`vascular serve`: its arguments checked before anything starts."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from tests.unit.test_cli import run
from tui.serve import app_command


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_a_port_out_of_range_is_bad_usage(capsys: pytest.CaptureFixture[str], port: str) -> None:
    status, out, err = run(capsys, "serve", "--port", port)
    assert (status, out) == (2, "")
    assert "is not a port number from 1 to 65535" in err


def test_each_tab_runs_the_app_with_the_data_given() -> None:
    words = shlex.split(app_command(Path("/data dir")))
    assert words == [sys.executable, "-m", "tui", "--data", "/data dir"]
