"""The audit of a claim: the lines billed against the lines the recorded route supports.

Pure functions over a `CodingResult` and the case's billed lines; no I/O. Each difference is one
of four kinds (`DIFFERENCE_KINDS`): a supported line not billed (revenue left), a billed line the
route does not support (audit risk), a modifier difference, a units difference. A supported line
carries the engine's reasons; a billed line that an intervention on the case includes says so.
`AuditTally` adds differences up over many cases for the summary a manager reads (JSON and CSV).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from vascular.case import BilledLine
from vascular.frozen import record
from vascular.results import CodeLine, CodingResult

__all__ = [
    "DIFFERENCE_KINDS",
    "AuditTally",
    "Difference",
    "audit_lines",
    "audit_report",
]

DIFFERENCE_KINDS: dict[str, str] = {
    "unbilled": "supported by the route but not billed (revenue left)",
    "unsupported": "billed but not supported by the route as recorded (audit risk)",
    "modifiers": "billed with other modifiers than the route supports",
    "units": "billed with other units than the route supports",
}
"""Each kind of difference and what it means, in the order the summary lists them."""


@record
class Difference:
    """One difference between the claim as billed and the lines the route supports."""

    kind: str
    """A key of `DIFFERENCE_KINDS`."""
    code: str
    """The code the difference is about."""
    supported: CodeLine | None
    """The line the route supports (None for an unsupported billed line)."""
    billed: BilledLine | None
    """The billed line (None for a supported line not billed)."""
    note: str = ""
    """More about a billed line the route does not support (an intervention that includes it)."""

    def message(self) -> str:
        """The difference in one sentence."""
        wanted = (
            _label(self.supported.code, self.supported.modifiers, self.supported.units)
            if (self.supported)
            else ""
        )
        given = (
            _label(self.billed.code, self.billed.modifiers, self.billed.units)
            if (self.billed)
            else ""
        )
        text = {
            "unbilled": f"{wanted} is supported but not billed",
            "unsupported": f"{given} is billed but the route does not support it",
            "modifiers": f"billed {given}; the route supports {wanted}",
            "units": f"billed {given}; the route supports {wanted}",
        }[self.kind]
        return f"{text}: {self.note}" if self.note else text

    def to_json(self) -> dict[str, Any]:
        """The difference as JSON, with the supported line's reasons."""
        line = self.supported
        return {
            "kind": self.kind,
            "code": self.code,
            "message": self.message(),
            "supported": _line_json(line.code, line.modifiers, line.units) if line else None,
            "billed": _line_json(self.billed.code, self.billed.modifiers, self.billed.units)
            if self.billed
            else None,
            "reason": list(line.rationale) if line else ([self.note] if self.note else []),
            "rules": list(dict.fromkeys(f.rule for f in line.findings)) if line else [],
        }


def _label(code: str, modifiers: Sequence[str], units: int) -> str:
    text = code + "".join(f"-{m}" for m in modifiers)
    return f"{text} x{units}" if units != 1 else text


def _line_json(code: str, modifiers: Sequence[str], units: int) -> dict[str, Any]:
    return {"code": code, "modifiers": list(modifiers), "units": units}


def audit_lines(result: CodingResult, billed: Sequence[BilledLine]) -> tuple[Difference, ...]:
    """Every difference between the billed lines and the lines the result supports.

    Lines are matched code by code: an exact match (code, modifiers in any order, units) first,
    then the same modifiers with other units (a units difference), then any line of the code (a
    modifier difference, and a units difference too when the units also differ). What is left is
    a supported line not billed, or a billed line not supported.
    """
    supported = list(result.lines)
    left = list(billed)
    differences: list[Difference] = []
    for matches in (_exact, _same_modifiers, _same_code):
        for line in list(supported):
            partner = next((b for b in left if matches(line, b)), None)
            if partner is None:
                continue
            supported.remove(line)
            left.remove(partner)
            if sorted(line.modifiers) != sorted(partner.modifiers):
                differences.append(Difference("modifiers", line.code, line, partner))
            if line.units != partner.units:
                differences.append(Difference("units", line.code, line, partner))
    differences += [Difference("unbilled", line.code, line, None) for line in supported]
    included = {line.code: line for line in result.included_lines}
    for extra in left:
        inside = included.get(extra.code)
        note = (
            f"{inside.included_in} on this claim includes it ({inside.reason})"
            if inside and inside.reason
            else f"{inside.included_in} on this claim includes it"
            if inside
            else ""
        )
        differences.append(Difference("unsupported", extra.code, None, extra, note))
    order = list(DIFFERENCE_KINDS)
    return tuple(sorted(differences, key=lambda d: (order.index(d.kind), d.code)))


def _exact(line: CodeLine, billed: BilledLine) -> bool:
    return _same_modifiers(line, billed) and line.units == billed.units


def _same_modifiers(line: CodeLine, billed: BilledLine) -> bool:
    return _same_code(line, billed) and sorted(line.modifiers) == sorted(billed.modifiers)


def _same_code(line: CodeLine, billed: BilledLine) -> bool:
    return line.code == billed.code


def audit_report(result: CodingResult, billed: Sequence[BilledLine]) -> dict[str, Any]:
    """The audit of one case as JSON: the differences and how many lines each side has."""
    differences = audit_lines(result, billed)
    return {
        "supported_lines": len(result.lines),
        "billed_lines": len(billed),
        "clean": not differences,
        "differences": [difference.to_json() for difference in differences],
    }


class AuditTally:
    """Differences added up over many cases: counts by kind and by code, for a manager."""

    def __init__(self) -> None:
        """Start empty."""
        self.cases = 0
        self.clean = 0
        self.not_audited = 0
        self.by_kind: Counter[str] = Counter()
        self.by_code: Counter[tuple[str, str]] = Counter()

    def add(self, differences: Iterable[tuple[str, str]] | None) -> None:
        """Count one case's differences, (kind, code) pairs; None: a case with no billed lines."""
        if differences is None:
            self.not_audited += 1
            return
        pairs = list(differences)
        self.cases += 1
        self.clean += not pairs
        for kind, code in pairs:
            self.by_kind[kind] += 1
            self.by_code[code, kind] += 1

    def merge(self, other: AuditTally) -> None:
        """Add another tally's counts to these."""
        self.cases += other.cases
        self.clean += other.clean
        self.not_audited += other.not_audited
        self.by_kind.update(other.by_kind)
        self.by_code.update(other.by_code)

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON: cases, clean cases, counts by kind and by code."""
        codes: dict[str, dict[str, int]] = {}
        for (code, kind), count in sorted(self.by_code.items()):
            codes.setdefault(code, {})[kind] = count
        return {
            "cases_audited": self.cases,
            "cases_clean": self.clean,
            "cases_with_differences": self.cases - self.clean,
            "cases_without_billed_lines": self.not_audited,
            "by_kind": {kind: self.by_kind.get(kind, 0) for kind in DIFFERENCE_KINDS},
            "by_code": codes,
            "kinds": dict(DIFFERENCE_KINDS),
        }

    def csv(self) -> str:
        """The counts as CSV: one row per code and kind, then one per kind (code ``ALL``)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "kind", "count", "meaning"])
        for (code, kind), count in sorted(self.by_code.items()):
            writer.writerow([code, kind, count, DIFFERENCE_KINDS[kind]])
        for kind, meaning in DIFFERENCE_KINDS.items():
            writer.writerow(["ALL", kind, self.by_kind.get(kind, 0), meaning])
        return out.getvalue()

    def text(self) -> str:
        """The summary in a few lines for people."""
        lines = [
            f"audit: {self.cases:,} cases audited, {self.clean:,} clean, "
            f"{self.cases - self.clean:,} with differences"
            + (f"; {self.not_audited:,} without billed lines" if self.not_audited else "")
        ]
        for kind, meaning in DIFFERENCE_KINDS.items():
            count = self.by_kind.get(kind, 0)
            if count:
                codes = sorted(
                    ((c, n) for (c, k), n in self.by_code.items() if k == kind),
                    key=lambda item: (-item[1], item[0]),
                )
                top = ", ".join(f"{c} {n:,}" for c, n in codes[:8])
                lines.append(f"  {kind}: {count:,} ({meaning}): {top}")
        return "\n".join(lines)
