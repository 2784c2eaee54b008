"""The coding result: code lines with their reasons, and each placement's reading (public contract).

Frozen pydantic models; no I/O. `CodingResult.to_json()` gives exactly the documented JSON:
``lines``
(``code``, ``units``, ``modifiers``, ``access``, ``family``, ``vessels``, ``rationale``),
``placements``
(``vessel``, ``selective``, ``order``, ``family``, ``access``) and ``warnings``. The structured
reasons
(rule ids and source ids) and the per-placement explanations ride along for Python callers and
`vascular explain`, outside that JSON.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SCHEMA_VERSION", "CodeLine", "CodingResult", "PlacementResult", "Reason"]

SCHEMA_VERSION = 1
"""Version of the result and explanation JSON; fields are only ever added."""


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class Reason(_Result):
    """One step of the reasoning behind a line: the rule, its sources, and what it did here."""

    rule: str
    """Rule id (anatomy_data/rules/rules.yaml), e.g. ``family-add-on``."""

    sources: tuple[str, ...]
    """Source ids (shared/docs/coding-rules.md section 0) behind the rule."""

    text: str
    """What the rule did for this case, in plain words."""

    def render(self) -> str:
        """The reason as one rationale line: text, then the rule and its sources in brackets."""
        return f"{self.text} [{self.rule}: {', '.join(self.sources)}]"


class CodeLine(_Result):
    """One claim line: a code, its units and modifiers, and why."""

    code: str
    """The CPT code number (add-ons without the plus sign)."""

    units: int = Field(ge=1)
    """Units; the units of an add-on are counted on one line."""

    modifiers: list[str] = []
    """Modifiers in claim order: 50, 59 or XS first, then RT or LT."""

    access: str | None = None
    """Id of the access the line comes from (null when it combines both sides' accesses)."""

    family: str | None = None
    """Id of the family vessel (the first vessel off the trunk), for a code coded by family."""

    vessels: list[str] = []
    """Ids of the vessels this line codes: the terminal selections it stands for."""

    rationale: list[str] = []
    """Why: family, orders, what was folded in, the rules and sources, options that decided."""

    reasons: tuple[Reason, ...] = Field(default=(), exclude=True)
    """The rationale as structured reasons (not in the JSON; `rationale` renders them)."""

    @property
    def label(self) -> str:
        """The line as a coder writes it: '+36248 x2', '36247-LT'."""
        return self.code + "".join(f"-{m}" for m in self.modifiers)


class PlacementResult(_Result):
    """How one placement was read: selective or not, its order and family."""

    vessel: str
    """Vessel id."""

    selective: bool
    """Whether the catheter left the access trunk to get there."""

    order: int | None
    """Branch points from the trunk (null when non-selective, and for the pulmonary levels)."""

    family: str | None
    """Id of the first vessel it left the trunk by (null when non-selective or pulmonary)."""

    access: str
    """Id of its access."""

    name: str = Field(default="", exclude=True)
    """Display name (not in the JSON)."""

    explanation: tuple[str, ...] = Field(default=(), exclude=True)
    """The full reasoning for this placement (not in the JSON; see `vascular explain`)."""


class CodingResult(_Result):
    """Every code line of a case, each placement's reading, and warnings for the coder."""

    lines: list[CodeLine]
    """The claim lines, grouped by access and family, initial codes before their add-ons."""

    placements: list[PlacementResult]
    """Each placement as given, in input order."""

    warnings: list[str] = []
    """Things a coder should check or query, that do not stop the coding."""

    def to_json(self) -> dict[str, Any]:
        """Exactly the documented JSON shape."""
        return self.model_dump(mode="json")

    def dumps(self, indent: int | None = 2) -> str:
        """The documented JSON as text."""
        return json.dumps(self.to_json(), indent=indent)
