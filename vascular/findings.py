"""Findings: what each stage of the engine decided, as data, with no English in it.

A `Finding` names the rule that decided (an id of ``anatomy_data/rules/rules.yaml``), which of the
rule's templates describes it, the placements it is about, and the facts the template needs (vessel
ids, codes, orders, option values). Stages return findings and mutate nothing; one renderer
(`vascular.coding.render`) turns them into the rationale, the explanations and the warnings, and a
caller that needs no prose (batch) skips it. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from vascular.frozen import field, record

__all__ = ["Fact", "Finding", "Severity"]

Severity = Literal["reason", "note", "warning", "problem"]
"""reason: explains a code line; note: explains a placement; warning: for the coder to check or
query, coding goes on; problem: the case cannot be coded as given."""

Fact = str | int | bool | None | tuple[str, ...] | tuple[int, ...]
"""A fact a template may use: ids, codes, orders, option values, lists of ids."""


@record
class Finding:
    """One decision of the engine, before it is put into words."""

    rule: str
    """The rule that decided: an id of rules.yaml."""
    key: str = "reason"
    """Which of the rule's templates puts it into words."""
    subject: tuple[int, ...] = ()
    """Indexes of the placements it is about."""
    facts: Mapping[str, Fact] = field(default_factory=dict)
    """What the template fills in. A ``sources`` fact (source ids) replaces the rule's own
    sources in the reason (an intervention line cites its code's sources)."""
    severity: Severity = "reason"
    """What kind of finding it is."""
    where: str = ""
    """For a warning or a problem: its place in the case, as a JSON path (placements[2].vessel)."""
