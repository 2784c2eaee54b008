"""Write a synthetic practitioner PTP quarter of CMS's size, in CMS's layout, for benchmarks.

CMS's practitioner PTP table is about 2.6 million rows (2026 Q3, v322r0, four zip parts), so the
default writes 2,600,000 rows across four archives named as CMS names them
(medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip ... -f4.zip), each holding
ccipra-v322r0-fN.TXT: the notice lines, the four header lines, then one edit a line, sorted by
column 1 and cut into four equal parts in that order (CMS cuts its parts by column-1 code range).
Every row is made up (seeded, so runs compare like with like); nothing is CMS data.

    python -m benchmarks.ncci_generate OUT_DIR [--rows 2600000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import zipfile
from pathlib import Path

__all__ = ["CATHETER_CODES", "generate", "main"]

NOTICE = (
    "SYNTHETIC BENCHMARK FILE in the layout of a CMS NCCI practitioner PTP file; not CMS data.",
    "CPT codes and descriptions only are copyright of the American Medical Association (notice "
    "placeholder).",
    "Applicable FARS/DFARS restrictions apply to government use (notice placeholder).",
)
HEADER = (
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit",
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\tRationale",
    "\t\t\t\t*=no data\t1=allowed\t",
    "\t\t\t\t\t9=not applicable\t",
)
RATIONALES = (
    "Misuse of column two code with column one code",
    "Standards of medical / surgical practice",
    "Mutually exclusive procedures",
    "CPT Separate Procedure definition",
    "CPT Manual or CMS manual coding instructions",
    "More extensive procedure",
    "Anesthesia service included in surgical procedure",
    "Laboratory panel",
    "HCPCS/CPT procedure code definition",
    "Gender-specific procedures",
)
CATHETER_CODES = (
    *(f"{c}" for c in range(36000, 36016)),
    "36140",
    "36160",
    "36200",
    *(f"{c}" for c in range(36215, 36229)),
    *(f"{c}" for c in range(36245, 36255)),
    "36481",
    "36500",
    "37191",
    "37241",
    "37242",
    "37243",
    "37244",
    "75625",
    "75630",
    "75710",
    "75716",
    "75726",
    "75736",
    "75774",
    "75820",
    "75822",
    "75825",
    "75827",
    "75893",
)
_DATES = ("19960101", "20020101", "20040101", "20100101", "20150101", "20200101", "20250101")


def _code_universe(rng: random.Random) -> list[str]:
    """About 13,000 codes shaped like CPT (5 digits) and HCPCS (a letter and 4 digits)."""
    codes = set(CATHETER_CODES)
    codes.update(f"{n:05d}" for n in rng.sample(range(10000, 99999), 11000))
    codes.update(f"{letter}{n:04d}" for letter in "AGJ" for n in rng.sample(range(10000), 700))
    return sorted(codes)


def _rows(total: int, rng: random.Random) -> list[list[str]]:
    """Edit rows grouped by column 1, sorted; ~200 column-2 codes per column-1 code on average."""
    universe = _code_universe(rng)
    per_code = max(1, total // len(universe))
    by_first: list[list[str]] = []
    remaining = total
    for index, first in enumerate(universe):
        if remaining <= 0:
            break
        left = len(universe) - index
        count = min(remaining, max(1, int(rng.gauss(per_code, per_code / 3))))
        count = remaining if left == 1 else count
        picked = set(rng.sample(universe, min(count, len(universe))))
        if first in CATHETER_CODES:  # the catheter codes edit each other, as in CMS's table
            picked.update(CATHETER_CODES)
        seconds = sorted(picked)
        for second in seconds:
            if second == first:
                continue
            roll = rng.random()
            indicator = "0" if roll < 0.1 else "9" if roll < 0.13 else "1"
            effective = rng.choice(_DATES)
            deletion = "*"
            if rng.random() < 0.2:
                deletion = str(int(effective[:4]) + rng.randint(1, 8)) + "1231"
            prior = "*" if effective == "19960101" else ""
            why = rng.choice(RATIONALES)
            by_first.append([first, second, prior, effective, deletion, indicator, why])
            remaining -= 1
    return by_first


def generate(
    out_dir: Path,
    rows: int = 2_600_000,
    seed: int = 7,
    parts: int = 4,
    quarter: str = "2026q3",
    version: str = "v322r0",
) -> list[Path]:
    """Write the archives of one quarter into `out_dir`; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    edits = _rows(rows, rng)
    size = -(-len(edits) // parts)
    archives = []
    for part in range(1, parts + 1):
        chunk = edits[(part - 1) * size : part * size]
        lines = [*NOTICE, "", *HEADER, *("\t".join(row) for row in chunk)]
        text = "\r\n".join(lines) + "\r\n"
        member = f"ccipra-{version}-f{part}.TXT"
        archive = (
            out_dir / f"medicare-ncci-{quarter}-practitioner-ptp-edits-ccipra-{version}-f{part}.zip"
        )
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
            handle.writestr(member, text.encode("cp1252"))
        archives.append(archive)
    return archives


def main() -> None:
    """Command line: write the archives and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--rows", type=int, default=2_600_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for archive in generate(args.out_dir, args.rows, args.seed):
        print(f"{archive} ({archive.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
