"""Catheter route -> per placement: selective or not, order, family, and the route taken.

Pure functions over an `Anatomy` and a `Case`; no I/O. For each access this works out the trunk (the
vessels the catheter occupies non-selectively: project-defaults.md 1), and for each placement the
route
from the puncture, the first vessel it leaves the trunk by (its family) and the branch points
counted
from there (its order; continuations add none). Every problem in the case is collected and raised
once
as a `CaseError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Access, Case, Direction, Options, Placement
from vascular.errors import AmbiguousVesselError, CaseError, CaseProblem, VesselNameError
from vascular.models import TreeKind, TreeRecord, VesselRecord
from vascular.rules import ImagingPosition

__all__ = [
    "AccessSite",
    "OptionEffect",
    "Reading",
    "Stop",
    "Tracing",
    "name_problems",
    "position_of",
    "readings",
    "trace",
]


@dataclass(frozen=True)
class OptionEffect:
    """A policy option that decided something about a placement, and what the other value gives."""

    option: str
    value: str
    alternative: str
    detail: str


@dataclass(frozen=True)
class AccessSite:
    """One puncture, resolved: the vessel, the heading and the trunk."""

    id: str
    index: int
    vessel: VesselRecord
    direction: Direction
    toward_heart: bool
    tree: TreeRecord
    trunk: tuple[str, ...]
    """The non-selective vessels: the puncture, the way to the base (toward the heart) or its
    in-line
    continuations (away from it), and the base."""

    @property
    def kind(self) -> TreeKind:
        """The vascular system punctured."""
        return self.tree.kind


@dataclass(frozen=True)
class Stop:
    """One placement, traced from its access."""

    index: int
    placement: Placement
    access: AccessSite
    vessel: VesselRecord
    system: TreeKind
    route: tuple[str, ...]
    """From the puncture to the vessel."""
    selective: bool
    order: int | None
    family: str | None
    orders: tuple[tuple[str, int], ...] = ()
    """Each vessel from the family vessel down to this one, with its order."""
    effects: tuple[OptionEffect, ...] = ()
    role: str | None = None
    """The position's part in the codes that include imaging (rules/tables.yaml imaging)."""
    territories: tuple[str, ...] = ()
    """What imaging from here showed, resolved ("imaging": true becomes the vessel's own territory);
    empty when nothing was imaged or only the vessel itself was."""

    @property
    def family_route(self) -> tuple[str, ...]:
        """The vessels from the family vessel down to this one."""
        return tuple(vessel for vessel, _ in self.orders)


@dataclass(frozen=True)
class Tracing:
    """Every access and placement of a case, traced."""

    case: Case
    accesses: tuple[AccessSite, ...]
    stops: tuple[Stop, ...]

    @property
    def options(self) -> Options:
        """The case's policy options."""
        return self.case.options


@dataclass
class _Problems:
    found: list[CaseProblem] = field(default_factory=list)

    def add(self, where: str, message: str, **extra: tuple[str, ...]) -> None:
        self.found.append(CaseProblem(where, message, **extra))


def trace(anatomy: Anatomy, case: Case) -> Tracing:
    """Trace every placement of `case` from its access.

    Raises:
        CaseError: something in the case cannot be placed; every problem is listed.
    """
    problems = _Problems()
    accesses = [
        site
        for index, access in enumerate(case.accesses)
        if (site := _access_site(anatomy, case.options, index, access, problems)) is not None
    ]
    by_id = {site.id: site for site in accesses}
    resolved: list[tuple[int, Placement, AccessSite, VesselRecord]] = []
    for index, placement in enumerate(case.placements):
        where = f"placements[{index}]"
        site = _access_of(case, placement, by_id, where, problems)
        vessel = _resolve(anatomy, placement.vessel, f"{where}.vessel", problems)
        if site is not None and vessel is not None:
            resolved.append((index, placement, site, vessel))
    stops = []
    for index, placement, site, vessel in resolved:
        company = {v.id for i, _, s, v in resolved if s is site and i != index}
        stop = _stop(anatomy, case.options, index, placement, site, vessel, company, problems)
        if stop is not None:
            stops.append(stop)
    if problems.found:
        raise CaseError(problems.found)
    return Tracing(case, tuple(accesses), tuple(_passed_through_heart(anatomy, stops)))


@dataclass(frozen=True)
class Reading:
    """How a lone catheter position reads from an access: what the vessel browser shows."""

    selective: bool
    order: int | None
    family: str | None


def readings(anatomy: Anatomy, access: Access, options: Options) -> dict[str, Reading]:
    """Every vessel a catheter can reach from `access`, read as a lone placement would be.

    Where several routes lead to a vessel, the one through its parents is read. Vessels the access
    cannot reach are left out; pulmonary positions read as selective with no order.

    Raises:
        CaseError: the access itself cannot be placed.
    """
    problems = _Problems()
    site = _access_site(anatomy, options, 0, access, problems)
    if site is None:
        raise CaseError(problems.found)
    trunk = frozenset(site.trunk)
    kinds = {site.kind, "pulmonary_artery"} if site.kind == "vein" else {site.kind}
    found: dict[str, Reading] = {}
    for vessel in anatomy:
        system = anatomy.tree_of(vessel.id).kind
        if system not in kinds:
            continue
        routes = _routes(anatomy, site, vessel)
        if not routes:
            continue
        if system == "pulmonary_artery":
            found[vessel.id] = Reading(True, None, None)
            continue
        route, chain = routes[0]
        reading = _read(anatomy, route, trunk)
        if system == "artery" and reading.selective:
            reading = _arterial_order_option(anatomy, options, site, chain, reading, [])
        found[vessel.id] = Reading(reading.selective, reading.order, reading.family)
    return found


def _passed_through_heart(anatomy: Anatomy, stops: list[Stop]) -> list[Stop]:
    """A right-atrium position on the way between the cavae is only passed through."""
    right_heart = anatomy.with_key(*anatomy.rules.tables.pulmonary.right_heart)
    out = []
    for stop in stops:
        passed = stop.vessel.id in right_heart and any(
            other.access is stop.access
            and other.system == "vein"
            and stop.vessel.id in other.route[:-1]
            for other in stops
        )
        out.append(replace(stop, system="vein", selective=False) if passed else stop)
    return out


def name_problems(anatomy: Anatomy, raw: Mapping[str, Any]) -> list[CaseProblem]:
    """The vessel-name problems of a case that failed its shape check, so all come out at once."""
    problems = _Problems()
    for section in ("accesses", "placements"):
        items = raw.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            for key in ("vessel", "via"):
                name = item.get(key) if isinstance(item, dict) else None
                if isinstance(name, str) and name.strip():
                    _resolve(anatomy, name, f"{section}[{index}].{key}", problems)
    return problems.found


def _resolve(anatomy: Anatomy, name: str, where: str, problems: _Problems) -> VesselRecord | None:
    try:
        return anatomy.vessel(name) if name in anatomy else anatomy.resolve(name)
    except AmbiguousVesselError as error:
        problems.add(where, error.reason, candidates=error.candidates)
    except VesselNameError as error:
        problems.add(where, error.reason, suggestions=error.suggestions)
    return None


def _access_site(
    anatomy: Anatomy, options: Options, index: int, access: Access, problems: _Problems
) -> AccessSite | None:
    where = f"accesses[{index}]"
    vessel = _resolve(anatomy, access.vessel, f"{where}.vessel", problems)
    if vessel is None:
        return None
    tree = anatomy.tree_of(vessel.id)
    if tree.kind == "pulmonary_artery":
        problems.add(
            f"{where}.vessel",
            f"the {vessel.name.lower()} is not a puncture site: the pulmonary arteries are reached "
            "through a vein (name the vein punctured, for example 'right common femoral vein')",
        )
        return None
    direction: Direction = access.direction or (
        "retrograde" if tree.kind == "artery" else "antegrade"
    )
    toward_heart = (direction == "retrograde") == (tree.kind == "artery")
    trunk = _trunk(anatomy, options, vessel, tree, toward_heart)
    access_id = access.id or "A"
    return AccessSite(access_id, index, vessel, direction, toward_heart, tree, trunk)


def _trunk(
    anatomy: Anatomy, options: Options, vessel: VesselRecord, tree: TreeRecord, toward_heart: bool
) -> tuple[str, ...]:
    base = _base(anatomy, options, tree)
    trunk = [vessel.id]
    if toward_heart:
        for record in anatomy.lineage(vessel.id)[1:]:
            if trunk[-1] in base:
                break
            trunk.append(record.id)
    elif tree.kind == "artery" and options.antegrade_extremity == "non-selective":
        trunk += sorted(anatomy.descendants(vessel.id))
    else:
        trunk = list(anatomy.continuation_line(vessel.id))
    return tuple(dict.fromkeys([*trunk, *base]))


def _base(anatomy: Anatomy, options: Options, tree: TreeRecord) -> tuple[str, ...]:
    base = tree.base
    if tree.kind == "vein" and options.brachiocephalic_vein == "central":
        central = anatomy.with_key(*anatomy.rules.tables.venous.central_when_option)
        base = (*base, *sorted(central))
    return base


def _access_of(
    case: Case,
    placement: Placement,
    by_id: dict[str, AccessSite],
    where: str,
    problems: _Problems,
) -> AccessSite | None:
    if placement.access is None:
        if len(case.accesses) == 1:
            return next(iter(by_id.values()), None)
        problems.add(
            f"{where}.access",
            "say which access this placement was made through: "
            + ", ".join(repr(a.id) for a in case.accesses),
        )
        return None
    known = [a.id or "A" for a in case.accesses]
    if placement.access not in known:
        problems.add(
            f"{where}.access",
            f"no access has the id {placement.access!r}; the accesses are "
            + ", ".join(repr(k) for k in known),
        )
        return None
    return by_id.get(placement.access)


@dataclass(frozen=True)
class _Reading:
    """What a route gives under one trunk."""

    selective: bool
    order: int | None
    family: str | None
    orders: tuple[tuple[str, int], ...]


def _stop(
    anatomy: Anatomy,
    options: Options,
    index: int,
    placement: Placement,
    site: AccessSite,
    vessel: VesselRecord,
    company: set[str],
    problems: _Problems,
) -> Stop | None:
    where = f"placements[{index}]"
    system = anatomy.tree_of(vessel.id).kind
    routes = _routes(anatomy, site, vessel)
    if not routes:
        problems.add(f"{where}.vessel", _unreachable(anatomy, site, vessel, system))
        return None
    if placement.via is not None:
        via = _resolve(anatomy, placement.via, f"{where}.via", problems)
        if via is None:
            return None
        routes = [(route, chain) for route, chain in routes if via.id in route]
        if not routes:
            problems.add(
                f"{where}.via",
                f"the catheter cannot reach the {vessel.name.lower()} through the "
                f"{via.name.lower()} from {_access_words(site)}",
            )
            return None
    chosen = _choose_route(anatomy, site, vessel, routes, company, where, problems)
    if chosen is None:
        return None
    route, chain = chosen
    reading = _read(anatomy, route, frozenset(site.trunk))
    effects: list[OptionEffect] = []
    if system == "artery" and reading.selective:
        reading = _arterial_order_option(anatomy, options, site, chain, reading, effects)
    if system == "artery" and not site.toward_heart:
        _antegrade_effect(anatomy, options, site, route, reading, effects)
    if system == "vein":
        _central_vein_effect(anatomy, options, site, route, reading, effects)
    pulmonary = system == "pulmonary_artery" or vessel.id in anatomy.with_key(
        *anatomy.rules.tables.pulmonary.right_heart
    )
    if pulmonary:
        reading = _Reading(True, None, None, ())
    role, territories = _imaging(anatomy, placement, vessel, where, problems)
    return Stop(
        index,
        placement,
        site,
        vessel,
        "pulmonary_artery" if pulmonary else system,
        route,
        reading.selective,
        reading.order,
        reading.family,
        reading.orders,
        tuple(effects),
        role,
        territories,
    )


def position_of(anatomy: Anatomy, vessel: VesselRecord) -> ImagingPosition | None:
    """The imaging position a vessel is (first match of rules/tables.yaml imaging), if any."""
    for position in anatomy.rules.tables.imaging.positions:
        if (
            vessel.id in anatomy.with_key(*position.vessels)
            or (position.territory is not None and vessel.territory == position.territory)
            or any(vessel.id in anatomy.subtree(top) for top in anatomy.with_key(*position.within))
        ):
            return position
    return None


def _imaging(
    anatomy: Anatomy, placement: Placement, vessel: VesselRecord, where: str, problems: _Problems
) -> tuple[str | None, tuple[str, ...]]:
    """The position's role and the territories its imaging showed (rule imaging-territory)."""
    position = position_of(anatomy, vessel)
    role = position.role if position is not None else None
    if not placement.imaged:
        return role, ()
    name = vessel.name[:1].lower() + vessel.name[1:]
    named = placement.territories()
    if position is None:
        if named:
            problems.add(
                f"{where}.imaging",
                f"a catheter in the {name} cannot image the "
                f"{' or '.join(repr(t) for t in named)} territory: give imaging as true for "
                f"angiography of the {name} itself",
            )
        return role, ()
    choices = ", ".join(repr(t) for t in position.can_image)
    if not named:
        if position.true_means == "ask":
            problems.add(
                f"{where}.imaging",
                f"imaging from the {name} could show more than one territory: say which, one or "
                f"more of {choices}",
            )
            return role, ()
        return role, (position.true_means,) if position.true_means else ()
    wrong = [t for t in named if t not in position.can_image]
    if wrong:
        problems.add(
            f"{where}.imaging",
            f"a catheter in the {name} cannot image the {' or '.join(repr(t) for t in wrong)} "
            f"territory; from there: {choices}",
        )
        return role, ()
    return role, named


_Route = tuple[tuple[str, ...], tuple[str, ...]]
"""A route from the puncture to a vessel, and the root-first chain its downward part follows."""


def _routes(anatomy: Anatomy, site: AccessSite, vessel: VesselRecord) -> list[_Route]:
    """Every way from the puncture to the vessel: up the puncture's lineage, then down a chain."""
    lineage = [record.id for record in anatomy.lineage(site.vessel.id)]
    position = {vessel_id: rank for rank, vessel_id in enumerate(lineage)}
    routes = []
    for chain in anatomy.chains(vessel.id):
        shared = [i for i, vessel_id in enumerate(chain) if vessel_id in position]
        if not shared:
            continue
        junction = shared[-1]
        up = lineage[: position[chain[junction]] + 1]
        if not site.toward_heart and len(up) > 1:
            continue
        routes.append(((*up, *chain[junction + 1 :]), chain))
    return list(dict.fromkeys(routes))


def _choose_route(
    anatomy: Anatomy,
    site: AccessSite,
    vessel: VesselRecord,
    routes: Sequence[_Route],
    company: set[str],
    where: str,
    problems: _Problems,
) -> _Route | None:
    """One route: the only one, the one through other placements, or the first that codes alike.

    Routes code alike with the same selectivity, family and code level (third order and beyond are
    one level).
    """
    if len(routes) == 1:
        return routes[0]
    best = max(len(company.intersection(route)) for route, _ in routes)
    routes = [(r, c) for r, c in routes if len(company.intersection(r)) == best]
    levels = {_level(_read(anatomy, route, frozenset(site.trunk))) for route, _ in routes}
    if len(levels) == 1:
        return routes[0]
    ways = _ways([route for route, _ in routes])
    problems.add(
        f"{where}.via",
        f"the {vessel.name.lower()} can be reached from {_access_words(site)} "
        + " or ".join(f"through the {anatomy.vessel(way).name.lower()}" for way in ways)
        + ', which code differently: say which with "via" (for example "via": "'
        + anatomy.vessel(ways[0]).name.lower()
        + '")',
        candidates=tuple(ways),
    )
    return None


def _level(reading: _Reading) -> tuple[bool, str | None, int]:
    return reading.selective, reading.family, min(reading.order or 0, 3)


def _ways(routes: Sequence[tuple[str, ...]]) -> list[str]:
    """Where each route joins the others: the vessel just before their shared end.

    These are the feeders of a confluence, like the two vertebrals of the basilar.
    """
    shared = 0
    while all(
        len(route) > shared + 1 and route[-1 - shared] == routes[0][-1 - shared] for route in routes
    ):
        shared += 1
    return list(dict.fromkeys(route[-1 - shared] for route in routes))


def _read(anatomy: Anatomy, route: tuple[str, ...], trunk: frozenset[str]) -> _Reading:
    """Selectivity, family and orders along a route under a trunk (access-trunk, continuation)."""
    leave = next((i for i, vessel_id in enumerate(route) if vessel_id not in trunk), None)
    if leave is None:
        return _Reading(False, None, None, ())
    order = 0
    orders = []
    for upstream, downstream in zip(route[leave - 1 :], route[leave:], strict=False):
        order += 0 if anatomy.relation(upstream, downstream) == "continuation" else 1
        orders.append((downstream, order))
    if order == 0:
        return _Reading(False, None, None, ())
    return _Reading(True, order, route[leave], tuple(orders))


def _arterial_order_option(
    anatomy: Anatomy,
    options: Options,
    site: AccessSite,
    chain: tuple[str, ...],
    reading: _Reading,
    effects: list[OptionEffect],
) -> _Reading:
    """order_from: from the trunk (default) or from the aorta (Appendix L); say when they differ."""
    aortic = _read(anatomy, chain, frozenset(site.tree.base))
    if (aortic.order, aortic.family) == (reading.order, reading.family):
        return reading
    trunk_words = f"order {reading.order} in the {_name(anatomy, reading.family)} family"
    aorta_words = f"order {aortic.order} in the {_name(anatomy, aortic.family)} family"
    if options.order_from == "aorta":
        effects.append(
            OptionEffect(
                "order_from",
                "aorta",
                "trunk",
                f"counted from the aorta: {aorta_words}; counted from the access trunk it would be "
                f"{trunk_words}",
            )
        )
        return aortic
    effects.append(
        OptionEffect(
            "order_from",
            "trunk",
            "aorta",
            f"counted from the access trunk: {trunk_words}; counted from the aorta (Appendix L) it "
            f"would be {aorta_words}",
        )
    )
    return reading


def _antegrade_effect(
    anatomy: Anatomy,
    options: Options,
    site: AccessSite,
    route: tuple[str, ...],
    reading: _Reading,
    effects: list[OptionEffect],
) -> None:
    if options.antegrade_extremity == "non-selective":
        counted = _read(anatomy, route, _in_line(anatomy, site))
        if counted.selective:
            effects.append(
                OptionEffect(
                    "antegrade_extremity",
                    "non-selective",
                    "count-branches",
                    "everything reached in the punctured limb is non-selective; counting branches "
                    f"from the puncture it would be order {counted.order}",
                )
            )
    elif reading.selective:
        effects.append(
            OptionEffect(
                "antegrade_extremity",
                "count-branches",
                "non-selective",
                f"branches counted from the antegrade puncture of the {site.vessel.name.lower()}; "
                "treating the punctured limb as non-selective it would be non-selective",
            )
        )


def _in_line(anatomy: Anatomy, site: AccessSite) -> frozenset[str]:
    return frozenset(anatomy.continuation_line(site.vessel.id)) | frozenset(site.tree.base)


def _central_vein_effect(
    anatomy: Anatomy,
    options: Options,
    site: AccessSite,
    route: tuple[str, ...],
    reading: _Reading,
    effects: list[OptionEffect],
) -> None:
    central = anatomy.with_key(*anatomy.rules.tables.venous.central_when_option)
    if not central.intersection(route) or site.vessel.id in central:
        return
    other = "first-order" if options.brachiocephalic_vein == "central" else "central"
    other_options = options.model_copy(update={"brachiocephalic_vein": other})
    other_trunk = _trunk(anatomy, other_options, site.vessel, site.tree, site.toward_heart)
    alternative = _read(anatomy, route, frozenset(other_trunk))
    if (alternative.order, alternative.selective) == (reading.order, reading.selective):
        return
    words = {
        "central": "the brachiocephalic veins count as central like the cava",
        "first-order": "the brachiocephalic veins count as first-order tributaries",
    }
    effects.append(
        OptionEffect(
            "brachiocephalic_vein",
            options.brachiocephalic_vein,
            other,
            f"{words[options.brachiocephalic_vein]}: {_order_words(reading)}; if "
            f"{words[other].split(': ')[0].removeprefix('the ')} it would be "
            f"{_order_words(alternative)}",
        )
    )


def _order_words(reading: _Reading) -> str:
    return f"order {reading.order}" if reading.selective else "non-selective"


def _name(anatomy: Anatomy, vessel_id: str | None) -> str:
    return "-" if vessel_id is None else anatomy.vessel(vessel_id).name.lower()


def _access_words(site: AccessSite) -> str:
    heading = "toward the heart" if site.toward_heart else "away from the heart"
    return f"the {site.vessel.name.lower()} puncture ({site.direction}, {heading})"


def _unreachable(anatomy: Anatomy, site: AccessSite, vessel: VesselRecord, system: TreeKind) -> str:
    systems = {
        "artery": "an artery",
        "vein": "a vein",
        "pulmonary_artery": "a pulmonary artery",
        "portal_vein": "a portal vein",
    }
    if system != site.kind and not (site.kind == "vein" and system == "pulmonary_artery"):
        return (
            f"the {vessel.name.lower()} is {systems[system]} and cannot be reached from "
            f"{_access_words(site)}, which is {systems[site.kind]}; add an access in the right "
            "system "
            "or check the vessel name"
        )
    return (
        f"the {vessel.name.lower()} is not downstream of {_access_words(site)}: a catheter heading "
        "away from the heart only reaches the punctured vessel's branches; record the access as "
        "heading toward the heart if the catheter was turned back"
    )
