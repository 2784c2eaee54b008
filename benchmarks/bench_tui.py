"""The app's start-up and redraw times on the full atlas (headless, Textual's test driver, 160x48).

Run: .venv/bin/python -m benchmarks.bench_tui [--runs N]. Each run is a fresh process. It times
from process start (imports included) to the first rendered frame and to the main screen being
ready (the atlas loaded in its worker). Then it adds placements as a coder does (the name typed
key by key, then Enter) and times, for each, from the Enter key press to the first frame Textual
hands to the terminal that shows the new code line (its code and family on screen): the key
handling, the recode, the widgets' update, Textual's compositor and the terminal bytes (the
headless driver writes nothing, so the probe renders each frame's bytes itself, as a terminal
driver would), in wall time and in the process's CPU time (which other programs on the machine do
not inflate). It also times the Enter handler alone (recode and widget update).
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
import asyncio, json, re
from tui.app import make_app, VascularApp

VESSELS = (
    "left SFA", "GDA", "right renal", "SMA", "RIMA", "left vertebral", "R HA", "left uterine",
    "right ICA", "IMA",
)
marks = {}
original_mount = VascularApp.on_mount

def on_mount(self):
    self.call_after_refresh(lambda: marks.setdefault("first_frame", time.perf_counter() - start))
    original_mount(self)

VascularApp.on_mount = on_mount
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

async def main():
    app = make_app(autosave=False, cursor_blink=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        marks["ready"] = time.perf_counter() - start
        frames = []
        display = app._display  # the one place a frame goes to the terminal driver

        def painted(screen, update):
            display(screen, update)
            if update is not None and hasattr(update, "render_segments"):
                sequence = update.render_segments(app.console)
                frames.append((time.perf_counter(), time.process_time(), sequence))

        app._display = painted
        await pilot.press("ctrl+t")
        await pilot.pause()
        for key in "R CFA":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.main
        handled = []
        add_typed = screen.edits.add_typed

        def timed(text):
            began = time.perf_counter()
            add_typed(text)
            handled.append(time.perf_counter() - began)

        screen.edits.add_typed = timed
        shown, cpu, missing = [], [], []
        for vessel in VESSELS:
            await pilot.press("ctrl+f")
            for key in vessel:
                await pilot.press(key)
            await pilot.pause()
            del frames[:]
            began, began_cpu = time.perf_counter(), time.process_time()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            result = screen.session.explained.result
            index = len(result.placements) - 1
            placement = result.placements[index]
            line = next(
                (l for l in result.lines if placement.vessel in l.vessels),
                next(l for l in result.lines if l.family == placement.family),
            )
            family = screen.session.anatomy.vessel(line.family).name if line.family else line.code
            for at, at_cpu, sequence in frames:
                text = _ESCAPES.sub("", sequence)
                if line.code in text and family in text:
                    shown.append(at - began)
                    cpu.append(at_cpu - began_cpu)
                    break
            else:
                missing.append(vessel)
        marks["shown"] = shown
        marks["cpu"] = cpu
        marks["missing"] = missing
        marks["handled"] = handled
        marks["lines"] = [l.label for l in screen.session.explained.result.lines]
    print(json.dumps(marks))

asyncio.run(main())
"""


def main() -> None:
    """Run the probe in fresh processes and print medians and maxima."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        output = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    first = statistics.median(run["first_frame"] for run in runs)
    ready = statistics.median(run["ready"] for run in runs)
    shown = [s * 1e3 for run in runs for s in run["shown"]]
    handled = [h * 1e3 for run in runs for h in run["handled"]]
    cpu = [c * 1e3 for run in runs for c in run["cpu"]]
    missing = [m for run in runs for m in run["missing"]]
    print(f"{args.runs} fresh processes, full atlas, headless 160x48")
    print(f"  process start to first frame: median {first * 1e3:.0f} ms")
    print(f"  process start to main screen ready (atlas loaded): median {ready * 1e3:.0f} ms")
    print(
        f"  Enter to the frame showing the new code line (key, recode, widgets, compositor, "
        f"terminal bytes): median {statistics.median(shown):.1f} ms, max {max(shown):.1f} ms "
        f"({len(shown)} additions)"
    )
    print(
        f"  the same in CPU time of the app's process (what it costs, whatever else runs): "
        f"median {statistics.median(cpu):.1f} ms, max {max(cpu):.1f} ms"
    )
    print(
        f"  of which the Enter handler (recode and widget update): median "
        f"{statistics.median(handled):.1f} ms, max {max(handled):.1f} ms"
    )
    if missing:
        print(f"  no frame showed the new line for: {', '.join(missing)}")
    print(f"  last case coded: {' '.join(runs[-1]['lines'])}")


if __name__ == "__main__":
    main()
