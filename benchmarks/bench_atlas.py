"""How long the embedded atlas takes to load and validate (uncached), and what it holds.

Run: .venv/bin/python -m benchmarks.bench_atlas [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from vascular import default_data_dir, read_anatomy


def main() -> None:
    """Load the atlas N times and print the median, with counts by tree and region."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    times = []
    anatomy = None
    for _ in range(args.runs):
        began = time.perf_counter()
        anatomy = read_anatomy(default_data_dir())
        times.append(time.perf_counter() - began)
    assert anatomy is not None
    print(f"load + validate: median {statistics.median(times) * 1e3:.0f} ms over {args.runs} runs")
    by_kind = Counter(anatomy.tree_of(v.id).kind for v in anatomy)
    by_region = Counter((anatomy.tree_of(v.id).kind, v.region) for v in anatomy)
    print(f"vessels: {len(anatomy)}  " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    for (kind, region), count in sorted(by_region.items()):
        print(f"  {kind:<18} {region:<10} {count}")


if __name__ == "__main__":
    main()
