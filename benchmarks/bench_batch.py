"""`vascular batch` throughput and memory on the typical mix; NCCI overhead; Dask speed-up.

Writes seeded JSON Lines inputs from `benchmarks.cases` (cached in the work folder), then runs
`vascular batch IN -o OUT` as a fresh process for each configuration, timing it (wall) and
sampling the resident memory of the process and its workers (peak, summed over the process tree,
and the parent alone) every 50 ms from /proc.

    python -m benchmarks.bench_batch [--cases 10000,100000] [--workers 1,2] [--keep DIR]
    python -m benchmarks.bench_batch --cases 10000 --ncci [--rows 2600000]
    python -m benchmarks.bench_batch --cases 20000 --dask
    python -m benchmarks.bench_batch --cases 5000 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.cases import realistic_cases
from vascular import load_anatomy

_BLOCK = 50_000


def write_input(folder: Path, count: int) -> Path:
    """`count` seeded cases as JSON Lines (written once, in blocks of 50,000 distinct cases)."""
    path = folder / f"cases-{count}.jsonl"
    if path.exists():
        return path
    anatomy = load_anatomy()
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8") as out:
        for block, start in enumerate(range(0, count, _BLOCK)):
            size = min(_BLOCK, count - start)
            for case in realistic_cases(anatomy, size, seed=2026 + block):
                out.write(json.dumps(case) + "\n")
    partial.rename(path)
    return path


def _tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of the process and all its descendants, RSS of the process), in bytes."""
    total = own = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
        total += rss
        own = own or rss
    return total, own


def run_batch(argv: list[str]) -> tuple[float, int, int, str]:
    """Run ``vascular batch`` with `argv`: wall seconds, peak tree RSS, peak parent RSS, stderr."""
    command = [sys.executable, "-m", "vascular.cli", "batch", *argv, "--no-progress"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peaks = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            tree, own = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], tree), max(peaks[1], own)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"vascular batch failed ({process.returncode}): {err}")
    return seconds, peaks[0], peaks[1], err


def throughput(folder: Path, counts: list[int], workers: list[int]) -> None:
    """Cases per second and peak memory per input size, worker count and rationale."""
    print("| cases | workers | rationale | wall s | cases/s | peak RSS, all processes | parent |")
    print("|---|---|---|---|---|---|---|")
    for count in counts:
        source = write_input(folder, count)
        for worker_count in workers:
            for rationale in (True, False):
                argv = [str(source), "-o", str(folder / "out.jsonl"), "--workers"]
                argv += [str(worker_count)] + ([] if rationale else ["--no-rationale"])
                seconds, tree, own, _ = run_batch(argv)
                print(
                    f"| {count:,} | {worker_count} | {'yes' if rationale else 'no'} | "
                    f"{seconds:.1f} | {count / seconds:,.0f} | {tree / 1e6:.0f} MB | "
                    f"{own / 1e6:.0f} MB |",
                    flush=True,
                )


def ncci_overhead(folder: Path, count: int, rows: int, workers: int) -> None:
    """Batch time with and without --ncci against a generated full-size practitioner quarter."""
    from benchmarks.ncci_generate import generate
    from vascular.ncci import import_files

    db = folder / "ncci.sqlite3"
    if not db.exists():
        started = time.perf_counter()
        import_files(generate(folder / "cms", rows), db)
        print(f"generated and imported {rows:,} PTP rows in {time.perf_counter() - started:.0f} s")
    source = write_input(folder, count)
    base = [str(source), "-o", str(folder / "out.jsonl"), "--workers", str(workers)]
    ncci = ["--ncci", "--ncci-db", str(db), "--date-of-service", "2026-08-03"]
    for rationale in ([], ["--no-rationale"]):
        plain, _, _, _ = run_batch(base + rationale)
        checked, _, _, err = run_batch(base + rationale + ncci)
        label = "no rationale" if rationale else "rationale"
        print(
            f"{count:,} cases, {workers} workers, {label}: {plain:.1f} s without NCCI, "
            f"{checked:.1f} s with (+{(checked / plain - 1) * 100:.0f}%)"
        )
        print("  " + err.strip().splitlines()[-1])


def dask_speedup(folder: Path, count: int) -> None:
    """`vascular.distributed.code_with_dask` on a LocalCluster of 1 and then 2 worker processes."""
    from distributed import Client, LocalCluster

    from vascular.distributed import code_with_dask

    source = write_input(folder, count)
    for workers in (1, 2):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster):  # type: ignore[no-untyped-call]
            started = time.perf_counter()
            summary = code_with_dask([source], folder / f"dask-{workers}", blocksize=2_000_000)
            seconds = time.perf_counter() - started
        print(
            f"Dask, {workers} worker(s): {summary.cases:,} cases in {seconds:.1f} s "
            f"({summary.cases / seconds:,.0f} cases/s)"
        )


def profile(folder: Path, count: int) -> None:
    """Where one process's time goes, coding `count` cases with rationale (cProfile)."""
    from vascular.batch import code_cases

    source = write_input(folder, count)
    lines = source.read_bytes().splitlines()
    list(code_cases(lines[:200], workers=1))  # warm the memos as a long run would
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in code_cases(lines, workers=1):
        pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


def main() -> None:
    """Run the chosen measurements."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", default="10000,100000", help="input sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--ncci", action="store_true", help="measure the --ncci overhead")
    parser.add_argument("--rows", type=int, default=2_600_000, help="PTP rows for --ncci")
    parser.add_argument("--dask", action="store_true", help="measure Dask with 1 and 2 workers")
    parser.add_argument("--profile", action="store_true", help="profile one in-process run")
    parser.add_argument("--keep", type=Path, help="work folder to keep (inputs are reused)")
    args = parser.parse_args()
    counts = [int(c) for c in args.cases.split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if args.ncci:
            ncci_overhead(folder, counts[0], args.rows, workers[-1])
        elif args.dask:
            dask_speedup(folder, counts[0])
        elif args.profile:
            profile(folder, counts[0])
        else:
            throughput(folder, counts, workers)


if __name__ == "__main__":
    main()
