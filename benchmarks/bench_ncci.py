"""NCCI import time and check latency on a synthetic practitioner PTP quarter of CMS's size.

Writes the quarter with `benchmarks.ncci_generate`, imports it into a fresh database (one
transaction), re-imports it (a no-op: every file already held), optionally imports a second
quarter onto it, then times
`NcciEdits.check` on seeded claims of 2-8 lines drawn from the catheter codes and the rest of the
code universe: median and p99 per check.

    python -m benchmarks.bench_ncci [--rows 2600000] [--checks 3000] [--second-quarter] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.ncci_generate import CATHETER_CODES, generate
from vascular.ncci import ClaimLine, NcciEdits, import_files

_MODIFIERS = ((), (), (), ("59",), ("XS",), ("RT",), ("LT",), ("50",))


def _claims(count: int, codes: list[str], rng: random.Random) -> list[list[ClaimLine]]:
    claims = []
    for _ in range(count):
        size = rng.randint(2, 8)
        picked = rng.sample(CATHETER_CODES, min(size, rng.randint(1, size)))
        picked += rng.sample(codes, size - len(picked))
        lines: list[ClaimLine] = [
            (code, list(rng.choice(_MODIFIERS)), rng.randint(1, 3)) for code in picked
        ]
        claims.append(lines)
    return claims


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(rows: int, checks: int, folder: Path, second_quarter: bool = False) -> None:
    """Generate, import, re-import and check; print the figures."""
    started = time.perf_counter()
    archives = generate(folder / "cms", rows)
    print(f"generated {len(archives)} archives in {time.perf_counter() - started:.1f} s")
    db = folder / "ncci.sqlite3"
    started = time.perf_counter()
    report = import_files(archives, db)
    seconds = time.perf_counter() - started
    imported = sum(f.row_count for f in report.files)
    print(
        f"import: {imported:,} rows in {seconds:.1f} s ({imported / seconds:,.0f} rows/s), "
        f"database {db.stat().st_size / 1e6:.0f} MB"
    )
    started = time.perf_counter()
    again = import_files(archives, db)
    assert not again.changed
    print(f"re-import (no-op, hashes only): {time.perf_counter() - started:.2f} s")
    if second_quarter:
        later = generate(folder / "cms-q4", rows, seed=8, quarter="2026q4", version="v323r0")
        started = time.perf_counter()
        added = sum(f.row_count for f in import_files(later, db).files)
        seconds = time.perf_counter() - started
        print(
            f"import of a second quarter onto it: {added:,} rows in {seconds:.1f} s, "
            f"database {db.stat().st_size / 1e6:.0f} MB"
        )

    started = time.perf_counter()
    edits = NcciEdits(db)
    print(f"open read-only: {(time.perf_counter() - started) * 1e3:.2f} ms")
    with edits:
        codes = [r[0] for r in edits._connection.execute("SELECT DISTINCT column1 FROM ptp_edit")]
        claims = _claims(checks, codes, random.Random(11))
        edits.check(claims[0], "2026-08-03", "practitioner")  # warm the page cache
        timings, hits = [], 0
        for claim in claims:
            started = time.perf_counter()
            result = edits.check(claim, "2026-08-03", "practitioner")
            timings.append((time.perf_counter() - started) * 1e3)
            hits += len(result.hits)
    print(
        f"check: {checks} claims of 2-8 lines: median {statistics.median(timings):.3f} ms, "
        f"p99 {_percentile(timings, 0.99):.3f} ms, max {max(timings):.3f} ms "
        f"({hits / checks:.1f} PTP hits a claim)"
    )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=2_600_000)
    parser.add_argument("--checks", type=int, default=3000)
    parser.add_argument("--keep", type=Path, help="work in DIR and keep the files")
    parser.add_argument(
        "--second-quarter", action="store_true", help="also import a second quarter onto it"
    )
    args = parser.parse_args()
    if args.keep:
        run(args.rows, args.checks, args.keep, args.second_quarter)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(args.rows, args.checks, Path(folder), args.second_quarter)


if __name__ == "__main__":
    main()
