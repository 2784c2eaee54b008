"""Findings -> words: the rationale of each line, the notes of each placement, the warnings.

The one renderer of the engine. A finding names a rule and one of its templates
(``anatomy_data/rules/rules.yaml``); the template's fields are filled from the finding's facts,
formatted by the filter each field names (``{vessel:name}``, ``{order:ordinal}``,
``{code:label}``...). A caller that needs no prose skips this module. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vascular.anatomy import Anatomy
from vascular.errors import CaseProblem
from vascular.findings import Finding
from vascular.results import Reason, WarningDetail
from vascular.traversal import AccessSite, Stop, Tracing

__all__ = ["Renderer", "capital", "ordinal"]


def capital(text: str) -> str:
    """The text with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def ordinal(order: int) -> str:
    """1 -> 'first', 2 -> 'second', 3+ -> 'third'."""
    return {1: "first", 2: "second"}.get(order, "third")


class Renderer:
    """Puts the findings of one traced case into words."""

    def __init__(self, anatomy: Anatomy, tracing: Tracing) -> None:
        """A renderer over the patient's anatomy and the traced case."""
        self.anatomy = anatomy
        self.rules = anatomy.rules
        self._sites: dict[str, AccessSite] = {site.id: site for site in tracing.accesses}
        self._stops: dict[int, Stop] = {stop.index: stop for stop in tracing.stops}
        self._filters: dict[str, Callable[[Any], str]] = {
            "": self._plain,
            "name": self._name,
            "Name": lambda v: capital(self._name(v)),
            "names": lambda v: ", ".join(self._name(x) for x in v),
            "ordinal": lambda v: ordinal(int(v)),
            "label": lambda v: self.rules.label(str(v)),
            "labels": lambda v: ", ".join(self.rules.label(str(x)) for x in v),
            "access": self._access,
            "route": lambda v: self._route(self._stops[int(v)]),
            "routes": self._routes,
            "plural": lambda v: "" if v == 1 else "s",
            "cap": lambda v: capital(str(v)),
            "and": lambda v: " and ".join(str(x) for x in v),
            "or": lambda v: " or ".join(str(x) for x in v),
            "quoted": lambda v: repr(str(v)),
            "reading": lambda v: "non-selective" if v is None else f"order {v}",
            "list": lambda v: ", ".join(str(x) for x in v),
        }

    def text(self, finding: Finding) -> str:
        """The finding in words."""
        template = self.rules.rules[finding.rule].templates[finding.key]
        facts = finding.facts
        out = []
        filters = self._filters
        for literal, name, spec in template.parts:
            out.append(literal)
            if name is not None:
                out.append(filters[spec](facts[name]))
        return "".join(out)

    def reason(self, finding: Finding) -> Reason:
        """The finding as a reason of a line."""
        return Reason(
            rule=finding.rule,
            sources=self.rules.rules[finding.rule].sources,
            text=self.text(finding),
        )

    def warning(self, finding: Finding) -> WarningDetail:
        """The finding as a warning."""
        return WarningDetail(
            where=finding.where,
            rule=finding.rule,
            message=self.text(finding),
            sources=self.rules.rules[finding.rule].sources,
        )

    def problem(self, finding: Finding) -> CaseProblem:
        """The finding as a problem that stops the coding."""
        return CaseProblem(finding.where or "case", self.text(finding))

    # --- filters ----------------------------------------------------------------------------------

    @staticmethod
    def _plain(value: Any) -> str:
        if isinstance(value, tuple):
            return ", ".join(str(item) for item in value)
        return str(value)

    def _name(self, value: Any) -> str:
        return self.anatomy.name(None if value is None else str(value))

    def _access(self, value: Any) -> str:
        site = self._sites[str(value)]
        return f"access {site.id} ({self.anatomy.name(site.vessel.id)}, {site.direction})"

    def _route(self, stop: Stop) -> str:
        """The family route with orders: 'left common iliac artery (1) > left int. iliac (2)'."""
        anatomy = self.anatomy
        parts = []
        previous: str | None = None
        for vessel_id, order in stop.orders:
            continuation = (
                previous is not None
                and anatomy.has_edge(previous, vessel_id)
                and anatomy.relation(previous, vessel_id) == "continuation"
            )
            parts.append(
                f"{anatomy.name(vessel_id)} ({order}{', continuation' if continuation else ''})"
            )
            previous = vessel_id
        return " > ".join(parts)

    def _routes(self, value: Any) -> str:
        return "; ".join(
            f"{self.anatomy.name(stop.vessel.id)} (order {stop.order}: {self._route(stop)})"
            for stop in (self._stops[int(index)] for index in value)
        )
