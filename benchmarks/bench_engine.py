"""The engine's speed against its floor, its scaling, variants, and the command line's start-up.

Run: .venv/bin/python -m benchmarks.bench_engine [--cases N] [--rounds R] [--cli N] [--quick]

Prints, on the typical mix of `benchmarks.cases` (seeded), in one process and side by side:

- the API: ``code_case(case)`` plus the result's JSON text, per case, and cases per second;
- the floor: ``json.loads`` of the case text plus ``json.dumps`` of a ready result dict;
- the API without rationale (``rationale=False``), as a batch caller uses it;
- the cost per placement for 10 to 1,000 placements, and per access for 10 to 500 accesses;
- a case naming a variant against the same case without it;
- ``vascular code case.json`` in a fresh process against ``python3 -c "import json"``.

Every in-process figure is the process's CPU time, best of R interleaved rounds: other work on
the machine only ever slows a round down, so the fastest round is the one closest to the code's
own cost. The command-line figures are wall time, medians over fresh processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.cases import realistic_cases
from vascular import Anatomy, code_case, load_anatomy


def _best(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _api_and_floor(anatomy: Anatomy, count: int, rounds: int) -> dict[str, float]:
    cases = realistic_cases(anatomy, count)
    texts = [json.dumps(case) for case in cases]
    ready = [code_case(case, anatomy).to_json() for case in cases]

    def api() -> None:
        for text in texts:
            json.dumps(code_case(json.loads(text), anatomy).to_json())

    def bare() -> None:
        for text in texts:
            json.dumps(code_case(json.loads(text), anatomy, rationale=False).to_json())

    def floor() -> None:
        for text, result in zip(texts, ready, strict=True):
            json.loads(text)
            json.dumps(result)

    api()  # warm
    timings = {"api": float("inf"), "no_rationale": float("inf"), "floor": float("inf")}
    for _ in range(rounds):
        for name, work in (("api", api), ("no_rationale", bare), ("floor", floor)):
            timings[name] = min(timings[name], _best(1, work))
    return {name: seconds / count * 1e6 for name, seconds in timings.items()}


def _wide_case(placements: int, accesses: int) -> dict[str, Any]:
    """A case with many placements spread over many accesses (the scaling runs)."""
    vessels = [
        "left superficial femoral artery",
        "celiac trunk",
        "superior mesenteric artery",
        "left renal artery",
        "right internal iliac artery",
        "left common carotid artery",
        "left vertebral artery",
        "gastroduodenal artery",
        "splenic artery",
        "left internal iliac artery",
    ]
    sites = [{"id": f"A{i}", "vessel": "right common femoral artery"} for i in range(accesses)]
    return {
        "accesses": sites,
        "placements": [
            {"vessel": vessels[i % len(vessels)], "access": f"A{i % accesses}"}
            for i in range(placements)
        ],
    }


def _scaling(anatomy: Anatomy, rounds: int, sizes: Sequence[int], by: str) -> list[str]:
    rows = []
    for size in sizes:
        case = _wide_case(
            size if by == "placements" else size * 2, 1 if by == "placements" else size
        )
        seconds = _best(rounds, lambda case=case: code_case(case, anatomy, rationale=False))  # type: ignore[misc]
        per = seconds / size * 1e6
        unit = "placement" if by == "placements" else "access"
        rows.append(f"  {size:>5} {by}: {seconds * 1e3:8.1f} ms, {per:7.1f} us per {unit}")
    return rows


def _variants(anatomy: Anatomy, rounds: int) -> tuple[float, float]:
    plain = {"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "left ICA"}]}
    variant = {**plain, "variants": ["bovine_arch"]}
    code_case(variant, anatomy)  # the combination is built once per process
    runs = 2000
    a = _best(rounds, lambda: [code_case(plain, anatomy) for _ in range(runs)]) / runs
    b = _best(rounds, lambda: [code_case(variant, anatomy) for _ in range(runs)]) / runs
    return a * 1e6, b * 1e6


def _cli(runs: int) -> tuple[float, float]:
    case = {"accesses": [{"vessel": "R CFA"}], "placements": [{"vessel": "left SFA"}]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_text(json.dumps(case), encoding="utf-8")
        command = [sys.executable, "-m", "vascular.cli", "code", str(path)]
        bare = [sys.executable, "-c", "import json"]
        subprocess.run(command, check=True, capture_output=True)  # build and cache the atlas
        cli: list[float] = []
        base: list[float] = []
        for _ in range(runs):
            for argv, into in ((command, cli), (bare, base)):
                start = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                into.append(time.perf_counter() - start)
    return statistics.median(cli) * 1e3, statistics.median(base) * 1e3


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="cases of the typical mix")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the best is kept")
    parser.add_argument("--cli", type=int, default=15, help="fresh processes for the CLI")
    parser.add_argument("--quick", action="store_true", help="the API and floor only")
    args = parser.parse_args()
    anatomy = load_anatomy()
    figures = _api_and_floor(anatomy, args.cases, args.rounds)
    api, floor = figures["api"], figures["floor"]
    print(f"typical mix, {args.cases} cases, best of {args.rounds} rounds:")
    print(f"  API (code_case + JSON text)   {api:7.1f} us/case  {1e6 / api:8.0f} cases/s")
    print(
        f"  API without rationale         {figures['no_rationale']:7.1f} us/case"
        f"  {1e6 / figures['no_rationale']:8.0f} cases/s"
    )
    print(f"  floor (json.loads + dumps)    {floor:7.1f} us/case  ratio {api / floor:.1f}x")
    if args.quick:
        return
    print("cost per placement (one access):")
    print("\n".join(_scaling(anatomy, args.rounds, (10, 100, 1000), "placements")))
    print("cost per access (two placements each):")
    print("\n".join(_scaling(anatomy, args.rounds, (10, 100, 500), "accesses")))
    plain, variant = _variants(anatomy, args.rounds)
    print(f"variant: plain {plain:.1f} us, bovine_arch {variant:.1f} us, {variant / plain:.2f}x")
    cli, bare = _cli(args.cli)
    print(
        f"vascular code case.json: {cli:.0f} ms median; python3 -c 'import json' {bare:.0f} ms;"
        f" {cli / bare:.1f}x"
    )


if __name__ == "__main__":
    main()
