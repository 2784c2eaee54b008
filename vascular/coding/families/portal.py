"""The portal access code: one per percutaneous puncture of the portal system, whatever followed.

The main portal vein is non-selective like the cava; portal tributaries are coded by the venous
family. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.coding.family import CaseView, Draft, FamilyResult
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding
from vascular.traversal import Stop

__all__ = ["Portal"]


@shape
class Table:
    """Section ``portal`` of tables.yaml."""

    access_code: str = spec(default=REQUIRED, ref="code", doc="Percutaneous portal access.")
    rule: str = spec(default=REQUIRED, ref="rule", doc="The rule its reasons cite.")


class Portal:
    """One line per portal puncture."""

    id: ClassVar[str] = "portal"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Table:
        """Nothing to compile."""
        return table

    def code(self, view: CaseView, stops: Sequence[Stop], table: Table) -> FamilyResult:
        """The portal access line of each portal puncture, and notes on its central positions."""
        drafts: list[Draft] = []
        notes: list[Finding] = []
        code = table.access_code
        for site in view.tracing.accesses:
            if site.kind != "portal_vein":
                continue
            drafts.append(
                Draft(
                    code=code,
                    access=site,
                    findings=(
                        Finding(
                            table.rule,
                            "reason",
                            facts={"vessel": site.vessel.id, "access": site.id, "code": code},
                        ),
                    ),
                    group=f"access:{site.id}",
                    by=self.id,
                )
            )
            notes += [
                Finding(table.rule, "note", (stop.index,), {"code": code}, "note")
                for stop in stops
                if stop.access is site and not stop.selective
            ]
        return FamilyResult(self.id, tuple(drafts), tuple(notes))
