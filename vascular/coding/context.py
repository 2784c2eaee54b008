"""What every coder shares: the anatomy, the rule book, the options, and the draft lines.

Pure: no I/O. A `Draft` is a code line before modifiers are settled; `Context` turns a rule id and
the
words for this case into a `Reason` carrying that rule's sources, and collects per-placement notes
for
`vascular explain`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from vascular.anatomy import Anatomy
from vascular.case import Options
from vascular.models import Side
from vascular.results import Reason
from vascular.traversal import AccessSite, Stop

__all__ = ["Context", "Draft", "capital", "ordinal", "route_words"]


@dataclass(frozen=True)
class Draft:
    """A code line before modifiers are settled."""

    code: str
    access: AccessSite
    reasons: tuple[Reason, ...]
    group: str
    """Lines of one group (a family, a side, a site) are listed together, initial code first."""
    rank: int = 0
    """Order within the group, before the code (the carotid before the vertebral hierarchy)."""
    units: int = 1
    family: str | None = None
    vessels: tuple[str, ...] = ()
    side: Side | None = None
    """The side RT/LT will name, when the line has laterality."""
    modifiers: tuple[str, ...] = ()
    """Modifiers decided by the coder itself (50 for a bilateral line)."""
    other_accesses: tuple[AccessSite, ...] = ()
    """Further accesses a line combines (both sides of a bilateral code)."""


@dataclass
class Context:
    """Shared by the coders of one case."""

    anatomy: Anatomy
    options: Options
    notes: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[str] = field(default_factory=list)

    def because(self, rule_id: str, text: str) -> Reason:
        """A reason citing the rule and its sources."""
        rule = self.anatomy.rules.rule(rule_id)
        return Reason(rule=rule.id, sources=rule.sources, text=text)

    def note(self, stop: Stop, text: str) -> None:
        """Add a line to a placement's explanation."""
        self.notes[stop.index].append(text)

    def name(self, vessel_id: str | None) -> str:
        """A vessel's display name in running text ('left uterine artery')."""
        if vessel_id is None:
            return "-"
        name = self.anatomy.vessel(vessel_id).name
        return name if name[1:2].isupper() else name[:1].lower() + name[1:]

    def access_words(self, site: AccessSite) -> str:
        """'access A (right common femoral artery, retrograde)'."""
        return f"access {site.id} ({self.name(site.vessel.id)}, {site.direction})"

    def option_reasons(self, stops: list[Stop]) -> list[Reason]:
        """One reason per option that decided something for these placements."""
        rule_of = {
            "order_from": {"trunk": "access-trunk", "aorta": "order-from-aorta"},
            "antegrade_extremity": {
                "count-branches": "antegrade-puncture",
                "non-selective": "antegrade-puncture",
            },
            "brachiocephalic_vein": {
                "central": "brachiocephalic-vein",
                "first-order": "brachiocephalic-vein",
            },
        }
        seen: dict[str, Reason] = {}
        for stop in stops:
            for effect in stop.effects:
                text = (
                    f"Option {effect.option} = {effect.value}, for the "
                    f"{self.name(stop.vessel.id)}: "
                    f"{effect.detail}."
                )
                seen.setdefault(text, self.because(rule_of[effect.option][effect.value], text))
        return list(seen.values())


def capital(text: str) -> str:
    """The text with its first letter upper-cased, for a sentence that starts with a vessel name."""
    return text[:1].upper() + text[1:]


def ordinal(order: int) -> str:
    """1 -> 'first', 2 -> 'second', 3+ -> 'third'."""
    return {1: "first", 2: "second"}.get(order, "third")


def route_words(context: Context, stop: Stop) -> str:
    """The family route with orders: 'left common iliac artery (1) > left internal iliac (2)'."""
    anatomy = context.anatomy
    parts = []
    previous: str | None = None
    for vessel_id, order in stop.orders:
        joined = previous is not None and anatomy.graph.has_edge(previous, vessel_id)
        continuation = joined and anatomy.relation(str(previous), vessel_id) == "continuation"
        parts.append(
            f"{context.name(vessel_id)} ({order}{', continuation' if continuation else ''})"
        )
        previous = vessel_id
    return " > ".join(parts)
