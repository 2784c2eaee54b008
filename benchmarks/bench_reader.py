"""The note reader on its corpus: precision and recall of accesses, placements, codes and queries.

Run from the project root: ``python -m benchmarks.bench_reader`` (add ``--heldout`` for the notes
written after the reader was tuned, ``--verbose`` for each note that differs). A proposed
placement counts as right when its vessel, access, imaging and sampling match an expected one
(imaging ``true`` is met by any imaging; a territory list must be the same set); codes are the
claim lines (code, modifiers, units) of the proposed case and of the expected case, both coded by
the engine. Also the reading time per note.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

import tests.reading.corpus as corpus
from vascular import load_anatomy


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "- (0/0)"


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heldout", action="store_true", help="the held-out notes")
    parser.add_argument("--verbose", action="store_true", help="list the notes that differ")
    args = parser.parse_args()
    if args.heldout:
        corpus.NOTES = Path(corpus.__file__).parent / "heldout"
    anatomy = load_anatomy()
    tally: Counter[str] = Counter()
    times: list[float] = []
    exact = 0
    total = 0
    for name, text, expected in corpus.notes():
        total += 1
        start = time.perf_counter()
        case, queries, error = corpus.reading_of(text, anatomy)
        times.append(time.perf_counter() - start)
        want = expected.get("case")
        got_a, want_a = Counter(corpus.accesses(case)), Counter(corpus.accesses(want))
        tally["access_right"] += sum((got_a & want_a).values())
        tally["access_proposed"] += sum(got_a.values())
        tally["access_expected"] += sum(want_a.values())
        got_p, want_p = corpus.placements(case), corpus.placements(want)
        right = corpus.matched_steps(want_p, got_p)
        tally["placement_right"] += right
        tally["placement_proposed"] += len(got_p)
        tally["placement_expected"] += len(want_p)
        got_c, want_c = corpus.codes(case, anatomy), corpus.codes(want, anatomy)
        tally["code_right"] += sum((got_c & want_c).values())
        tally["code_proposed"] += sum(got_c.values())
        tally["code_expected"] += sum(want_c.values())
        got_q, want_q = set(queries), set(expected["queries"])
        tally["query_right"] += len(got_q & want_q)
        tally["query_proposed"] += len(got_q)
        tally["query_expected"] += len(want_q)
        same = (
            error == expected.get("error", "")
            and got_a == want_a
            and right == len(got_p) == len(want_p)
            and got_c == want_c
            and got_q == want_q
        )
        exact += same
        if args.verbose and not same:
            print(f"differs: {name}: {got_p} {sorted(got_q)} vs {want_p} {sorted(want_q)}")
    print(f"notes: {total}, read exactly as expected: {exact}")
    for what, label in (
        ("access", "accesses"),
        ("placement", "placements"),
        ("code", "code lines"),
        ("query", "queries"),
    ):
        precision = _ratio(tally[f"{what}_right"], tally[f"{what}_proposed"])
        recall = _ratio(tally[f"{what}_right"], tally[f"{what}_expected"])
        print(f"{label:<11} precision {precision:<18} recall {recall}")
    print(
        f"reading time per note: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
