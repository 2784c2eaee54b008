"""The coding result: code lines with their reasons, and each placement's reading (public contract).

Frozen shapes; no I/O. `CodingResult.to_json()` gives exactly the documented JSON:
``schema_version``,
``lines`` (``code``, ``units``, ``modifiers``, ``access``, ``family``, ``vessels``, ``rationale``,
``reasons``), ``placements`` (``vessel``, ``selective``, ``order``, ``family``, ``access``),
``warnings`` and ``warning_details``. The findings behind every line and the per-placement
explanations ride along for Python callers and `vascular explain`, outside that JSON. Fields are
only ever added.
"""

from __future__ import annotations

import json
from typing import Any

from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Finding

__all__ = [
    "SCHEMA_VERSION",
    "CodeLine",
    "CodingResult",
    "IncludedLine",
    "PlacementResult",
    "Reason",
    "WarningDetail",
]

SCHEMA_VERSION = 1
"""Version of the result and explanation JSON; fields are only ever added."""


@shape
class Reason:
    """One step of the reasoning behind a line: the rule, its sources, and what it did here."""

    rule: str = spec(
        default=REQUIRED, doc="Rule id (anatomy_data/rules/rules.yaml), e.g. family-add-on."
    )
    sources: tuple[str, ...] = spec(
        default=(), doc="Source ids (`vascular sources ID` explains each) behind the rule."
    )
    text: str = spec(default=REQUIRED, doc="What the rule did for this case, in plain words.")

    def render(self) -> str:
        """The reason as one rationale line: text, then the rule and its sources in brackets."""
        return f"{self.text} [{self.rule}: {', '.join(self.sources)}]"

    def to_json(self) -> dict[str, Any]:
        """The reason as JSON."""
        return {"rule": self.rule, "sources": list(self.sources), "text": self.text}


@shape
class WarningDetail:
    """A warning as data: where it applies, the rule behind it, and the message."""

    where: str = spec(
        default="",
        doc="Its place in the case as a JSON path (placements[2]), or empty for the whole case.",
    )
    rule: str = spec(default=REQUIRED, doc="The rule id behind the warning.")
    message: str = spec(default=REQUIRED, doc="The warning in plain words.")
    sources: tuple[str, ...] = spec(default=(), doc="Source ids behind the rule.")

    def to_json(self) -> dict[str, Any]:
        """The warning as JSON."""
        return {
            "where": self.where,
            "rule": self.rule,
            "message": self.message,
            "sources": list(self.sources),
        }

    def __str__(self) -> str:
        """The message as the warnings list shows it: 'placements[2]: ...'."""
        return f"{self.where}: {self.message}" if self.where else self.message


@shape
class CodeLine:
    """One claim line: a code, its units and modifiers, and why."""

    code: str = spec(default=REQUIRED, doc="The CPT code number (add-ons without the plus sign).")
    units: int = spec(default=1, ge=1, doc="Units; an add-on's units are counted on one line.")
    modifiers: tuple[str, ...] = spec(
        default=(), doc="Modifiers in claim order: 50, 59 or XS first, then RT or LT."
    )
    access: str | None = spec(
        default=None,
        doc="Id of the access the line comes from (null when it combines both sides' accesses).",
    )
    family: str | None = spec(
        default=None,
        doc="Id of the family vessel (the first vessel off the trunk), for a code coded by family.",
    )
    vessels: tuple[str, ...] = spec(
        default=(), doc="Ids of the vessels this line codes: the terminal selections it stands for."
    )
    rationale: tuple[str, ...] = spec(
        default=(),
        doc="Why: family, orders, what was folded in, the rules and sources, options that decided; "
        "each ends with [rule-id: SOURCE-IDS].",
    )
    reasons: tuple[Reason, ...] = spec(
        default=(), doc="The rationale as structured reasons: rule id, source ids, text."
    )
    findings: tuple[Finding, ...] = spec(
        default=(), in_json=False, doc="The decisions behind the line, before rendering."
    )
    entered: bool = spec(
        default=False,
        doc="A line the case entered itself (an intervention), listed as given; the catheter lines "
        "follow it.",
    )
    includes: tuple[str, ...] = spec(
        default=(),
        doc="For an intervention line: ids of the placed vessels it includes, which have no line.",
    )

    @property
    def label(self) -> str:
        """The line as a coder writes it without units: '36247-LT'."""
        return self.code + "".join(f"-{m}" for m in self.modifiers)

    def to_json(self) -> dict[str, Any]:
        """The line as JSON."""
        return {
            "code": self.code,
            "units": self.units,
            "modifiers": list(self.modifiers),
            "access": self.access,
            "family": self.family,
            "vessels": list(self.vessels),
            "rationale": list(self.rationale),
            "reasons": [reason.to_json() for reason in self.reasons],
            "entered": self.entered,
            "includes": list(self.includes),
        }


@shape
class PlacementResult:
    """How one placement was read: selective or not, its order and family."""

    vessel: str = spec(default=REQUIRED, doc="Vessel id.")
    selective: bool = spec(
        default=REQUIRED, doc="Whether the catheter left the access trunk to get there."
    )
    order: int | None = spec(
        default=None,
        doc="Branch points from the trunk (null when non-selective, and for the pulmonary levels).",
    )
    family: str | None = spec(
        default=None,
        doc="Id of the first vessel it left the trunk by (null when non-selective or pulmonary).",
    )
    access: str = spec(default=REQUIRED, doc="Id of its access.")
    name: str = spec(default="", in_json=False, doc="Display name.")
    explanation: tuple[str, ...] = spec(
        default=(), in_json=False, doc="The full reasoning for this placement (vascular explain)."
    )
    findings: tuple[Finding, ...] = spec(
        default=(), in_json=False, doc="The decisions about this placement, before rendering."
    )
    included_in: str | None = spec(
        default=None,
        doc="The intervention code that includes this placement (it has no line of its own), or "
        "null.",
    )

    def to_json(self) -> dict[str, Any]:
        """The placement's reading as JSON."""
        return {
            "vessel": self.vessel,
            "selective": self.selective,
            "order": self.order,
            "family": self.family,
            "access": self.access,
            "included_in": self.included_in,
        }


@shape
class IncludedLine:
    """A catheter line the case would have without its interventions, which one of them includes."""

    code: str = spec(default=REQUIRED, doc="The catheter code (add-ons without the plus sign).")
    units: int = spec(default=1, ge=1, doc="Its units.")
    modifiers: tuple[str, ...] = spec(default=(), doc="Its modifiers, as it would be reported.")
    access: str | None = spec(default=None, doc="Id of its access.")
    vessels: tuple[str, ...] = spec(default=(), doc="Ids of the vessels it would stand for.")
    included_in: str = spec(default=REQUIRED, doc="The intervention code that includes it.")
    reason: str = spec(default="", doc="Why it is not on the claim, in plain words.")

    def to_json(self) -> dict[str, Any]:
        """The included line as JSON."""
        return {
            "code": self.code,
            "units": self.units,
            "modifiers": list(self.modifiers),
            "access": self.access,
            "vessels": list(self.vessels),
            "included_in": self.included_in,
            "reason": self.reason,
        }


@shape
class CodingResult:
    """Every code line of a case, each placement's reading, and warnings for the coder."""

    schema_version: int = spec(default=SCHEMA_VERSION, doc="Version of this JSON shape.")
    lines: tuple[CodeLine, ...] = spec(
        default=(),
        doc="The claim lines, grouped by access and family, initial codes before their add-ons.",
    )
    placements: tuple[PlacementResult, ...] = spec(
        default=(), doc="Each placement as given, in input order."
    )
    warnings: tuple[str, ...] = spec(
        default=(), doc="Things a coder should check or query, that do not stop the coding."
    )
    warning_details: tuple[WarningDetail, ...] = spec(
        default=(), doc="The warnings as data: where, rule and message."
    )
    findings: tuple[Finding, ...] = spec(
        default=(), in_json=False, doc="Every decision of the engine for this case."
    )
    included_lines: tuple[IncludedLine, ...] = spec(
        default=(),
        doc="Catheter lines the route would have without the case's interventions, which they "
        "include (shown struck through); empty without interventions.",
    )

    def to_json(self) -> dict[str, Any]:
        """Exactly the documented JSON shape."""
        return {
            "schema_version": self.schema_version,
            "lines": [line.to_json() for line in self.lines],
            "placements": [placement.to_json() for placement in self.placements],
            "warnings": list(self.warnings),
            "warning_details": [detail.to_json() for detail in self.warning_details],
            "included_lines": [line.to_json() for line in self.included_lines],
        }

    def dumps(self, indent: int | None = 2) -> str:
        """The documented JSON as text."""
        return json.dumps(self.to_json(), indent=indent)
