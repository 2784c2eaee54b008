"""Throughput and latency of the coding engine (API) and of the `vascular code` command.

Run: .venv/bin/python -m benchmarks.bench_coding [--cases N] [--cli N]
Prints cases per second for the API over N generated realistic cases, the median and 99th percentile
time per case, and the wall time per case through the CLI (a fresh process each time).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.cases import realistic_cases
from vascular import code_case, load_anatomy


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=3000, help="cases for the API run")
    parser.add_argument("--cli", type=int, default=30, help="cases for the CLI run")
    args = parser.parse_args()
    anatomy = load_anatomy()
    cases = realistic_cases(anatomy, args.cases)
    for case in cases[:50]:
        code_case(case, anatomy)
    timings = []
    start = time.perf_counter()
    for case in cases:
        began = time.perf_counter()
        code_case(case, anatomy)
        timings.append(time.perf_counter() - began)
    total = time.perf_counter() - start
    placements = sum(len(case["placements"]) for case in cases)
    print(f"API: {len(cases)} cases ({placements} placements) in {total:.2f} s")
    print(f"  {len(cases) / total:,.0f} cases per second")
    print(
        f"  per case: median {statistics.median(timings) * 1e3:.2f} ms, "
        f"p99 {_percentile(timings, 0.99) * 1e3:.2f} ms, max {max(timings) * 1e3:.2f} ms"
    )
    cli = []
    vascular = Path(sys.executable).with_name("vascular")
    with tempfile.TemporaryDirectory() as folder:
        for number, case in enumerate(cases[: args.cli]):
            path = Path(folder) / f"case{number}.json"
            path.write_text(json.dumps(case), encoding="utf-8")
            began = time.perf_counter()
            subprocess.run(
                [str(vascular), "code", "--json", str(path)], check=True, capture_output=True
            )
            cli.append(time.perf_counter() - began)
    print(f"CLI: {len(cli)} cases, one process each (start-up and atlas load included)")
    print(
        f"  per case: median {statistics.median(cli) * 1e3:.0f} ms, "
        f"p99 {_percentile(cli, 0.99) * 1e3:.0f} ms"
    )


if __name__ == "__main__":
    main()
