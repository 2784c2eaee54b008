"""The app's start-up and update times on the full atlas (headless, Textual's test driver).

Run: .venv/bin/python -m benchmarks.bench_tui [--runs N] Prints medians over N fresh processes: from
process start (imports included) to the first rendered frame and to the main screen being ready (the
atlas loaded in its worker); after adding a placement, the recompute and widget update (the screen's
refresh) and the whole round trip from the search box's Enter until Textual is idle again (rendering
and the test driver's own waits included).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_PROBE = r"""
import time
start = time.perf_counter()
import asyncio, json
from tui.app import make_app
from textual.widgets import Input

from tui.app import VascularApp
marks = {}
original_mount = VascularApp.on_mount

def on_mount(self):
    self.call_after_refresh(lambda: marks.setdefault("first_frame", time.perf_counter() - start))
    original_mount(self)

VascularApp.on_mount = on_mount

async def main():
    app = make_app(autosave=None)
    app._autosave = None
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        marks["ready"] = time.perf_counter() - start
        await pilot.press("ctrl+t")
        await pilot.pause()
        box = app.screen.query_one("#access-name", Input)
        box.value = "right common femoral artery"
        await pilot.press("enter")
        await pilot.pause()
        updates, refreshes = [], []
        screen = app.main
        apply = screen.try_apply

        def timed_apply(*args):
            began = time.perf_counter()
            done = apply(*args)
            refreshes.append(time.perf_counter() - began)
            return done

        screen.try_apply = timed_apply
        for vessel in ("left SFA", "GDA", "right renal", "SMA", "left uterine", "RIMA"):
            box = app.screen.query_one("#search-input", Input)
            box.value = vessel
            began = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            updates.append(time.perf_counter() - began)
        marks["updates"] = updates
        marks["refreshes"] = refreshes
        marks["lines"] = [line.label for line in app.main.explained.result.lines]
    print(json.dumps(marks))

asyncio.run(main())
"""


def main() -> None:
    """Run the probe in fresh processes and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        output = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    first = statistics.median(run["first_frame"] for run in runs)
    ready = statistics.median(run["ready"] for run in runs)
    updates = [u for run in runs for u in run["updates"]]
    refreshes = [r for run in runs for r in run["refreshes"]]
    median_update = statistics.median(updates) * 1e3
    print(f"{args.runs} fresh processes, full atlas, headless 160x48")
    print(f"  process start to first frame: median {first * 1e3:.0f} ms")
    print(f"  process start to main screen ready (atlas loaded): median {ready * 1e3:.0f} ms")
    print(
        f"  add a placement, recode and update the widgets: median "
        f"{statistics.median(refreshes) * 1e3:.1f} ms, max {max(refreshes) * 1e3:.1f} ms"
    )
    print(
        f"  add a placement, Enter to idle (render and driver included): median "
        f"{median_update:.0f} ms, max {max(updates) * 1e3:.0f} ms ({len(updates)} additions)"
    )
    print(f"  last case coded: {' '.join(runs[-1]['lines'])}")


if __name__ == "__main__":
    main()
