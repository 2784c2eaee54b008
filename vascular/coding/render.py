"""Findings -> words: the rationale of each line, the notes of each placement, the warnings.

The one renderer of the engine. A finding names a rule and one of its templates
(``anatomy_data/rules/rules.yaml``); the template's fields are filled from the finding's facts,
formatted by the filter each field names (``{vessel:name}``, ``{order:ordinal}``,
``{code:label}``...). The same finding in the same context always reads the same, so texts are
kept per anatomy (batch runs repeat the same sentences thousands of times); the context a template
reads beyond its facts (an access's vessel and direction, a placement's route) is part of the
key. A caller that needs no prose skips this module. Pure apart from that memo; no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vascular.anatomy import Anatomy
from vascular.errors import CaseProblem
from vascular.findings import Finding
from vascular.results import Reason, WarningDetail
from vascular.rulebook import RuleBook, Template
from vascular.traversal import AccessSite, Stop, Tracing

__all__ = ["Renderer", "capital", "ordinal"]

_CONTEXT_FILTERS = frozenset({"access", "route", "routes"})
_MEMO_LIMIT = 200_000


def capital(text: str) -> str:
    """The text with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def ordinal(order: int) -> str:
    """1 -> 'first', 2 -> 'second', 3+ -> 'third'."""
    return {1: "first", 2: "second"}.get(order, "third")


def _plain(r: Renderer, value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _name(r: Renderer, value: Any) -> str:
    return r.anatomy.name(None if value is None else str(value))


_FILTERS: dict[str, Callable[[Renderer, Any], str]] = {
    "": _plain,
    "name": _name,
    "Name": lambda r, v: capital(_name(r, v)),
    "names": lambda r, v: ", ".join(_name(r, x) for x in v),
    "ordinal": lambda r, v: ordinal(int(v)),
    "label": lambda r, v: r.rules.label(str(v)),
    "labels": lambda r, v: ", ".join(r.rules.label(str(x)) for x in v),
    "access": lambda r, v: r.access_words(str(v)),
    "route": lambda r, v: r.route_words(r.stop(int(v))),
    "routes": lambda r, v: "; ".join(
        f"{r.anatomy.name(s.vessel.id)} (order {s.order}: {r.route_words(s)})"
        for s in (r.stop(int(i)) for i in v)
    ),
    "plural": lambda r, v: "" if v == 1 else "s",
    "cap": lambda r, v: capital(str(v)),
    "and": lambda r, v: " and ".join(str(x) for x in v),
    "or": lambda r, v: " or ".join(str(x) for x in v),
    "quoted": lambda r, v: repr(str(v)),
    "reading": lambda r, v: "non-selective" if v is None else f"order {v}",
    "list": lambda r, v: ", ".join(str(x) for x in v),
}


def _sources(facts: Any) -> tuple[str, ...]:
    """The source ids a finding names itself (its ``sources`` fact), if any."""
    found = facts.get("sources")
    return tuple(str(s) for s in found) if isinstance(found, tuple) else ()


def _entry(rule: str, sources: tuple[str, ...], text: str) -> tuple[str, Reason, str]:
    reason = Reason(rule=rule, sources=sources, text=text)
    return text, reason, reason.render()


class Renderer:
    """Puts the findings of one traced case into words."""

    __slots__ = ("_sites", "_stops", "_texts", "anatomy", "rules", "tracing")

    anatomy: Anatomy
    rules: RuleBook
    tracing: Tracing

    def __init__(self, anatomy: Anatomy, tracing: Tracing) -> None:
        """A renderer over the patient's anatomy and the traced case."""
        self.anatomy = anatomy
        self.rules = anatomy.rules
        self.tracing = tracing
        self._sites: dict[str, AccessSite] | None = None
        self._stops: dict[int, Stop] | None = None
        texts = anatomy.__dict__.get("_texts")
        if texts is None or len(texts) > _MEMO_LIMIT:
            texts = {}
            anatomy.__dict__["_texts"] = texts
        self._texts: dict[tuple[Any, ...], tuple[str, Reason, str]] = texts

    def site(self, access_id: str) -> AccessSite:
        """An access of the case by id."""
        if self._sites is None:
            self._sites = {site.id: site for site in self.tracing.accesses}
        return self._sites[access_id]

    def stop(self, index: int) -> Stop:
        """A placement of the case by index."""
        if self._stops is None:
            self._stops = {stop.index: stop for stop in self.tracing.stops}
        return self._stops[index]

    def text(self, finding: Finding) -> str:
        """The finding in words."""
        return self._rendered(finding)[0]

    def _rendered(self, finding: Finding) -> tuple[str, Reason, str]:
        """The finding's text and its reason (both kept for the next time)."""
        rule = self.rules.rules[finding.rule]
        template = rule.templates[finding.key]
        facts = finding.facts
        key = (finding.rule, finding.key, *facts.items(), *self._context(template, facts))
        sources = _sources(facts) or rule.sources
        try:
            found = self._texts.get(key)
        except TypeError:  # a fact that cannot be hashed: render without the memo
            return _entry(finding.rule, sources, self._fill(template, facts))
        if found is None:
            found = _entry(finding.rule, sources, self._fill(template, facts))
            self._texts[key] = found
        return found

    def _context(self, template: Template, facts: Any) -> tuple[Any, ...]:
        """What the template reads beyond its facts: access vessels and directions, routes."""
        if not template.context:
            return ()
        out: list[Any] = []
        for name, spec in template.context:
            if True:
                value = facts[name]
                if spec == "access":
                    site = self.site(str(value))
                    out.append((site.vessel.id, site.direction))
                elif spec == "route":
                    out.append(self.stop(int(value)).orders)
                else:
                    out.append(tuple(self.stop(int(i)).orders for i in value))
        return tuple(out)

    def _fill(self, template: Template, facts: Any) -> str:
        out = []
        for literal, name, spec in template.parts:
            out.append(literal)
            if name is not None:
                out.append(_FILTERS[spec](self, facts[name]))
        return "".join(out)

    def reason(self, finding: Finding) -> Reason:
        """The finding as a reason of a line."""
        return self._rendered(finding)[1]

    def reasoned(self, finding: Finding) -> tuple[Reason, str]:
        """The finding as a reason and as its rationale line ('text [rule: SOURCES]')."""
        _, reason, line = self._rendered(finding)
        return reason, line

    def warning(self, finding: Finding) -> WarningDetail:
        """The finding as a warning."""
        return WarningDetail(
            where=finding.where,
            rule=finding.rule,
            message=self.text(finding),
            sources=_sources(finding.facts) or self.rules.rules[finding.rule].sources,
        )

    def problem(self, finding: Finding) -> CaseProblem:
        """The finding as a problem that stops the coding."""
        return CaseProblem(finding.where or "case", self.text(finding))

    def access_words(self, access_id: str) -> str:
        """'access A (right common femoral artery, retrograde)'."""
        site = self.site(access_id)
        return f"access {site.id} ({self.anatomy.name(site.vessel.id)}, {site.direction})"

    def route_words(self, stop: Stop) -> str:
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
