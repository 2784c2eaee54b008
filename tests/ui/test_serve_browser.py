"""`vascular serve` in a real headless browser: Debian's Chromium driven by Playwright.

The page's terminal draws on a canvas, so the test reads what the app sent it (the websocket
frames the page received, escape sequences removed), presses a key in the page and sees the
app answer. Skipped, with the reason, where Chromium or Playwright is missing (see the README,
"In a browser"). With VASCULAR_UPDATE_SCREENSHOTS=1 it also refreshes docs/serve-browser.png.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINI_DIR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = Path(__file__).parents[2] / "docs"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ESCAPES = re.compile(r"\x1b\[[0-9;?$]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>]")

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium binary: apt-get install chromium (README)"
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"vascular serve exited with {server.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"vascular serve did not listen on port {port} in {seconds} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`vascular serve` on a free loopback port over the small anatomy; stopped afterwards."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = _free_port()
    env = os.environ | {"VASCULAR_STATE_DIR": str(tmp_path / "state")}
    command = [sys.executable, "-m", "vascular.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--data", str(MINI_DIR)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its app processes share its group, stopped with it
    )
    try:
        _wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_the_app_runs_in_a_browser(served: str, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    frames: list[str] = []

    def received(payload: str | bytes) -> None:
        frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    def shown() -> str:
        return ESCAPES.sub("", "".join(frames))

    def wait_for(text: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while text not in shown():
            assert time.monotonic() < deadline, f"the page never showed {text!r}"
            page.wait_for_timeout(200)

    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("websocket", lambda socket: socket.on("framereceived", received))
            page.goto(served, timeout=30_000)
            assert "vascular-coding" in page.inner_text("body")  # the page names the app
            wait_for("Atlas (order from the current access)")
            wait_for("Add an access first (Ctrl+T)")
            page.focus(".xterm-helper-textarea")  # the page's terminal takes the keys
            wait_for("Quit")  # the footer's keys, shown while the app has the focus
            page.keyboard.press("Control+t")  # a coder's first steps, typed into the page
            wait_for("Add an access: the vessel punctured")
            page.keyboard.type("R CFA")
            page.keyboard.press("Enter")
            wait_for("Access A added")
            page.keyboard.press("Control+f")
            page.keyboard.type("left uterine")
            page.wait_for_timeout(500)
            page.keyboard.press("Enter")
            wait_for("36247-LT")
            page.wait_for_timeout(1000)
            shot = tmp_path / "serve-browser.png"
            page.screenshot(path=str(shot))
            page.keyboard.press("F1")
            wait_for("Keys (Escape closes)")
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    if os.environ.get("VASCULAR_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, DOCS / "serve-browser.png")
