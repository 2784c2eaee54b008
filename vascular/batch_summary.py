"""The summary of a batch run: cases, errors by kind, lines by code, the audit and NCCI counts.

`BatchSummary.add` counts each `vascular.batch.Outcome`; `text` is what the command prints on
stderr at the end, `to_json` the same as data, `csv` the lines by code. No I/O.
"""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from vascular.audit import AuditTally

if TYPE_CHECKING:
    from vascular.batch import Outcome

__all__ = ["BatchSummary"]


class BatchSummary:
    """Counts over a batch run."""

    def __init__(self, *, audit: bool = False, ncci: bool = False) -> None:
        """Start empty; `audit` and `ncci` say which counts the run has."""
        self.started = time.perf_counter()
        self.seconds = 0.0
        self.cases = 0
        self.errors: Counter[str] = Counter()
        self.first_errors: dict[str, int] = {}
        self.lines: Counter[str] = Counter()
        self.units: Counter[str] = Counter()
        self.audit = AuditTally() if audit else None
        self.ncci = ncci
        self.ncci_problems = 0
        self.ncci_unchecked = 0

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.cases += 1
        if outcome.kind is not None:
            self.errors[outcome.kind] += 1
            self.first_errors.setdefault(outcome.kind, outcome.line)
            return
        for code, units in outcome.codes:
            self.lines[code] += 1
            self.units[code] += units
        if self.audit is not None:
            self.audit.add(outcome.differences)
        self.ncci_problems += outcome.ncci_problems
        self.ncci_unchecked += outcome.ncci_unchecked

    def merge(self, other: BatchSummary) -> None:
        """Add another summary's counts (a partition's) to these."""
        self.cases += other.cases
        self.errors.update(other.errors)
        for kind, line in other.first_errors.items():
            self.first_errors[kind] = min(line, self.first_errors.get(kind, line))
        self.lines.update(other.lines)
        self.units.update(other.units)
        if self.audit is not None and other.audit is not None:
            self.audit.merge(other.audit)
        self.ncci_problems += other.ncci_problems
        self.ncci_unchecked += other.ncci_unchecked

    def finish(self) -> None:
        """Stop the clock."""
        self.seconds = time.perf_counter() - self.started

    @property
    def failed(self) -> int:
        """Cases that could not be coded."""
        return sum(self.errors.values())

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON."""
        data: dict[str, Any] = {
            "schema_version": 1,
            "cases": self.cases,
            "coded": self.cases - self.failed,
            "errors": self.failed,
            "errors_by_kind": dict(self.errors.most_common()),
            "first_error_line_by_kind": self.first_errors,
            "lines_by_code": {
                code: {"lines": count, "units": self.units[code]}
                for code, count in sorted(self.lines.items())
            },
            "seconds": round(self.seconds, 3),
            "cases_per_second": round(self.cases / self.seconds) if self.seconds else None,
        }
        if self.audit is not None:
            data["audit"] = self.audit.to_json()
        if self.ncci:
            data["ncci"] = {
                "problems": self.ncci_problems,
                "cases_not_checked": self.ncci_unchecked,
            }
        return data

    def text(self) -> str:
        """The summary for people, a few lines."""
        rate = f" ({self.cases / self.seconds:,.0f} cases/s)" if self.seconds else ""
        lines = [
            f"batch: {self.cases:,} cases in {self.seconds:.1f} s{rate}: "
            f"{self.cases - self.failed:,} coded, {self.failed:,} errors"
        ]
        if self.errors:
            lines.append(
                "  errors by kind: "
                + ", ".join(
                    f"{kind} {count:,} (first at line {self.first_errors[kind]})"
                    for kind, count in self.errors.most_common()
                )
            )
        if self.lines:
            lines.append(
                "  lines by code: "
                + ", ".join(f"{code} {count:,}" for code, count in self.lines.most_common())
            )
        if self.ncci:
            lines.append(
                f"  NCCI: {self.ncci_problems:,} edits that deny a line; "
                f"{self.ncci_unchecked:,} cases not fully checked (see each case's ncci.statement)"
            )
        if self.audit is not None:
            lines.append(self.audit.text())
        return "\n".join(lines)

    def csv(self) -> str:
        """The audit counts (code, kind, count) when auditing, else the lines by code."""
        if self.audit is not None:
            return self.audit.csv()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "lines", "units"])
        for code, count in sorted(self.lines.items()):
            writer.writerow([code, count, self.units[code]])
        return out.getvalue()
