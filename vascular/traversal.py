"""Catheter route -> per placement: selective or not, order, family, and the route taken.

Pure functions over an `Anatomy` and a `Case`; no I/O. For each access this works out the trunk
(the vessels the catheter occupies non-selectively), and for each placement the route from the
puncture, the first vessel it leaves the trunk by (its family) and the branch points counted from
there (its order; continuations add none). Options that decide something are findings on the
placement. Every problem is collected in the `Tracing`; the engine raises them once, with those
found while coding. The work is linear in the number of placements and accesses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import TERRITORIES, Access, Case, Direction, Options, Placement, Territory
from vascular.contract import REQUIRED, shape, spec
from vascular.errors import AmbiguousVesselError, CaseError, CaseProblem, VesselNameError
from vascular.findings import Finding
from vascular.frozen import record, replace
from vascular.records import Tree, TreeKind, Vessel
from vascular.rulebook import Settings

__all__ = [
    "AccessSite",
    "ImagingPosition",
    "PositionSpec",
    "Reading",
    "Stop",
    "Tracing",
    "TracingTable",
    "TracingTables",
    "compile_tracing",
    "name_problems",
    "position_of",
    "readings",
    "routes_to",
    "trace",
]

Role = str
"""A catheter position's part in the imaging codes (arch, innominate, renal_main...)."""


# --- the tracing table (rules/tables.yaml, section tracing) -------------------------------------


@shape
class PositionSpec:
    """What imaging from one kind of catheter position can show."""

    role: str = spec(default=REQUIRED, doc="The position's part in the imaging codes.")
    vessels: tuple[str, ...] = spec(
        default=(), ref="vessel", doc="Vessel keys that are this position."
    )
    within: tuple[str, ...] = spec(
        default=(), ref="vessel", doc="Vessel keys whose whole subtree is this position."
    )
    territory: str | None = spec(
        default=None, doc="Every vessel with this territory (intracranial, renal) is this position."
    )
    can_image: tuple[Territory, ...] = spec(
        default=REQUIRED, doc="The territory names a placement here may give."
    )
    true_means: str | None = spec(
        default=None,
        doc="What imaging: true stands for here; null: the vessel itself only; 'ask': say which.",
    )


@shape
class TracingTable:
    """The tables the tracer reads."""

    central_veins: tuple[str, ...] = spec(
        default=REQUIRED,
        ref="vessel",
        doc="Veins treated as central (non-selective) when brachiocephalic_vein is 'central'.",
    )
    right_heart: tuple[str, ...] = spec(
        default=REQUIRED,
        ref="vessel",
        doc="Right-heart positions outside the pulmonary base (coded with the pulmonary levels).",
    )
    imaging_positions: tuple[PositionSpec, ...] = spec(
        default=REQUIRED, doc="First match wins: vessels, then a territory, then a subtree."
    )
    reversal_rule: str = spec(
        default=REQUIRED,
        ref="rule",
        doc="The rule of the warning for a vessel below a puncture that heads toward the heart.",
    )


@record
class ImagingPosition:
    """A compiled imaging position."""

    role: Role
    can_image: tuple[str, ...]
    true_means: str | None


@record
class TracingTables:
    """The tracing table compiled for one anatomy."""

    central: frozenset[str]
    right_heart: frozenset[str]
    position: Mapping[str, ImagingPosition]
    reversal_rule: str


def compile_tracing(table: TracingTable, anatomy: Anatomy) -> TracingTables:
    """Every vessel's imaging position, the central veins and the right heart, as sets."""
    positions: dict[str, ImagingPosition] = {}
    specs = [
        (
            ImagingPosition(p.role, tuple(p.can_image), p.true_means),
            anatomy.with_key(*p.vessels),
            p.territory,
            [top for key in p.within for top in anatomy.with_key(key)],
        )
        for p in table.imaging_positions
    ]
    for vessel in anatomy:
        for position, vessels, territory, tops in specs:
            if (
                vessel.id in vessels
                or (territory is not None and vessel.territory == territory)
                or any(anatomy.in_subtree(vessel.id, top) for top in tops)
            ):
                positions[vessel.id] = position
                break
    return TracingTables(
        anatomy.with_key(*table.central_veins),
        anatomy.with_key(*table.right_heart),
        positions,
        table.reversal_rule,
    )


def _tables(anatomy: Anatomy) -> TracingTables:
    return anatomy.rules.table("tracing")  # type: ignore[no-any-return]


def position_of(anatomy: Anatomy, vessel: Vessel) -> ImagingPosition | None:
    """The imaging position a vessel is (first match of the tracing table), if any."""
    return _tables(anatomy).position.get(vessel.id)


# --- results of tracing ---------------------------------------------------------------------------


@record
class AccessSite:
    """One puncture, resolved: the vessel, the heading and the trunk."""

    id: str
    index: int
    vessel: Vessel
    direction: Direction
    toward_heart: bool
    tree: Tree
    trunk: tuple[str, ...]
    """The non-selective vessels: the puncture, the way to the base (toward the heart) or its
    in-line continuations (away from it), and the base."""
    trunk_set: frozenset[str]
    lineage_rank: dict[str, int]
    """Each vessel of the puncture's lineage (up to its tree's root) and its distance up."""

    @property
    def kind(self) -> TreeKind:
        """The vascular system punctured."""
        return self.tree.kind


@record
class Stop:
    """One placement, traced from its access."""

    index: int
    placement: Placement
    access: AccessSite
    vessel: Vessel
    system: TreeKind
    route: tuple[str, ...]
    """From the puncture to the vessel."""
    selective: bool
    order: int | None
    family: str | None
    orders: tuple[tuple[str, int], ...] = ()
    """Each vessel from the family vessel down to this one, with its order."""
    effects: tuple[Finding, ...] = ()
    """Options that decided something about this placement, as findings."""
    role: Role | None = None
    """The position's part in the codes that include imaging."""
    territories: tuple[str, ...] = ()
    """What imaging from here showed, resolved ("imaging": true becomes the vessel's own
    territory); empty when nothing was imaged or only the vessel itself was."""
    warnings: tuple[Finding, ...] = ()
    """What the coder should check about how the catheter got here (it turned back at the
    puncture)."""

    @property
    def family_route(self) -> tuple[str, ...]:
        """The vessels from the family vessel down to this one."""
        return tuple(vessel for vessel, _ in self.orders)

    @property
    def passed(self) -> tuple[str, ...]:
        """The vessels the catheter went through before this one (the route without its end)."""
        return self.route[:-1]


@record
class Tracing:
    """Every access and placement of a case, traced, and the problems found."""

    case: Case
    settings: Settings
    accesses: tuple[AccessSite, ...]
    stops: tuple[Stop, ...]
    problems: tuple[CaseProblem, ...] = ()

    def raise_problems(self) -> None:
        """Raise the problems found, if any.

        Raises:
            CaseError: one or more placements or accesses cannot be placed.
        """
        if self.problems:
            raise CaseError(self.problems)


@record
class _Problems:
    found: list[CaseProblem]

    def add(self, where: str, message: str, **extra: tuple[str, ...]) -> None:
        self.found.append(CaseProblem(where, message, **extra))


def trace(
    anatomy: Anatomy, case: Case, settings: Settings | None = None, *, keep_problems: bool = False
) -> Tracing:
    """Trace every placement of `case` from its access.

    Args:
        anatomy: the patient's anatomy.
        case: the parsed case.
        settings: the case's options resolved (default: resolved here from the case).
        keep_problems: keep the problems in the tracing instead of raising them (the engine
            raises them later, with those found while coding).

    Raises:
        CaseError: something in the case cannot be placed (unless `keep_problems`).
    """
    settings = settings or anatomy.rules.settings(case.options)
    problems = _Problems([])
    accesses = [
        site
        for index, access in enumerate(case.accesses)
        if (site := _access_site(anatomy, settings, index, access, problems)) is not None
    ]
    by_id = {site.id: site for site in accesses}
    known = [a.id or "A" for a in case.accesses]
    resolved: list[tuple[int, Placement, AccessSite, Vessel]] = []
    for index, placement in enumerate(case.placements):
        where = f"placements[{index}]"
        site = _access_of(case, placement, by_id, known, where, problems)
        vessel = _resolve(anatomy, placement.vessel, f"{where}.vessel", problems)
        if site is not None and vessel is not None:
            resolved.append((index, placement, site, vessel))
    company: dict[str, set[str]] | None = None
    stops = []
    tracing_tables = _tables(anatomy)
    memo: dict[tuple[Any, ...], _Core] = anatomy.__dict__.setdefault("_stop_memo", {})
    options_key = tuple(settings.values.items())
    for index, placement, site, vessel in resolved:
        key = (site.vessel.id, site.direction, vessel.id, options_key)
        core = memo.get(key) if placement.via is None else None
        if core is None:
            routes = _routes(anatomy, site, vessel)
            if len(routes) > 1 and company is None:
                company = defaultdict(set)
                for _, _, s, v in resolved:
                    company[s.id].add(v.id)
            others = (company[site.id] - {vessel.id}) if company is not None else set()
            core = _core(
                anatomy,
                tracing_tables,
                settings,
                index,
                placement,
                site,
                vessel,
                routes,
                others,
                problems,
            )
            if core is not None and len(routes) == 1 and placement.via is None:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()
                memo[key] = core
        stop = (
            None
            if core is None
            else _stop(tracing_tables, index, placement, site, vessel, core, problems)
        )
        if stop is not None:
            stops.append(stop)
    tracing = Tracing(
        case,
        settings,
        tuple(accesses),
        tuple(_passed_through_heart(tracing_tables, stops)),
        tuple(problems.found),
    )
    if not keep_problems:
        tracing.raise_problems()
    return tracing


@record
class Reading:
    """How a lone catheter position reads from an access: what the vessel browser shows."""

    selective: bool
    order: int | None
    family: str | None


def readings(
    anatomy: Anatomy, access: Access, options: Options | Settings | None = None
) -> dict[str, Reading]:
    """Every vessel a catheter can reach from `access`, read as a lone placement would be.

    Where several routes lead to a vessel, the one through its parents is read. Vessels the access
    cannot reach are left out; pulmonary positions read as selective with no order.

    Raises:
        CaseError: the access itself cannot be placed.
    """
    settings = (
        options if isinstance(options, Settings) else anatomy.rules.settings(options or Options())
    )
    problems = _Problems([])
    site = _access_site(anatomy, settings, 0, access, problems)
    if site is None:
        raise CaseError(problems.found)
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
        reading = _read(anatomy, route, site.trunk_set)
        if system == "artery" and reading.selective:
            reading, _ = _arterial_order_option(anatomy, settings, site, vessel, chain, reading)
        found[vessel.id] = Reading(reading.selective, reading.order, reading.family)
    return found


def routes_to(anatomy: Anatomy, site: AccessSite, vessel: Vessel) -> tuple[tuple[str, ...], ...]:
    """Every way a catheter can go from the access to the vessel (none when it cannot get there).

    Each route runs from the puncture to the vessel, as a placement's route does.
    """
    return tuple(route for route, _ in _routes(anatomy, site, vessel))


def _passed_through_heart(tables: TracingTables, stops: list[Stop]) -> list[Stop]:
    """A right-atrium position on the way between the cavae is only passed through."""
    right_heart = tables.right_heart
    if not any(stop.vessel.id in right_heart for stop in stops):
        return stops
    passed_by: dict[str, set[str]] = defaultdict(set)
    for stop in stops:
        if stop.system == "vein":
            passed_by[stop.access.id].update(stop.passed)
    return [
        replace(stop, system="vein", selective=False)
        if stop.vessel.id in right_heart and stop.vessel.id in passed_by[stop.access.id]
        else stop
        for stop in stops
    ]


def name_problems(anatomy: Anatomy, raw: Mapping[str, Any]) -> list[CaseProblem]:
    """The vessel-name problems of a case that failed its shape check, so all come out at once."""
    problems = _Problems([])
    for section in ("accesses", "placements"):
        items = raw.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            for key in ("vessel", "via"):
                name = item.get(key) if isinstance(item, dict) else None
                if isinstance(name, str) and name.strip():
                    _resolve(anatomy, name, f"{section}[{index}].{key}", problems)
    return problems.found


def _resolve(anatomy: Anatomy, name: str, where: str, problems: _Problems) -> Vessel | None:
    try:
        return anatomy.lookup(name)
    except AmbiguousVesselError as error:
        problems.add(where, error.reason, candidates=error.candidates)
    except VesselNameError as error:
        problems.add(
            where,
            error.reason,
            suggestions=error.suggestions,
            suggestion_ids=tuple(getattr(error, "suggestion_ids", ())),
        )
    return None


def _access_site(
    anatomy: Anatomy, settings: Settings, index: int, access: Access, problems: _Problems
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
    trunk = _trunk(anatomy, settings, vessel, tree, toward_heart)
    lineage = anatomy.lineage_ids(vessel.id)
    return AccessSite(
        access.id or "A",
        index,
        vessel,
        direction,
        toward_heart,
        tree,
        trunk,
        frozenset(trunk),
        {vessel_id: rank for rank, vessel_id in enumerate(lineage)},
    )


def _trunk(
    anatomy: Anatomy,
    settings: Settings,
    vessel: Vessel,
    tree: Tree,
    toward_heart: bool,
    central: str | None = None,
) -> tuple[str, ...]:
    base = _base(anatomy, settings, tree, central)
    trunk = [vessel.id]
    if toward_heart:
        for vessel_id in anatomy.lineage_ids(vessel.id)[1:]:
            if trunk[-1] in base:
                break
            trunk.append(vessel_id)
    elif tree.kind == "artery" and settings.get("antegrade_extremity") == "non-selective":
        trunk += sorted(anatomy.descendants(vessel.id))
    else:
        trunk = list(anatomy.continuation_line(vessel.id))
    return tuple(dict.fromkeys([*trunk, *base]))


def _base(
    anatomy: Anatomy, settings: Settings, tree: Tree, central: str | None = None
) -> tuple[str, ...]:
    base = tree.base
    value = central or settings.get("brachiocephalic_vein")
    if tree.kind == "vein" and value == "central":
        base = (*base, *sorted(_tables(anatomy).central))
    return base


def _access_of(
    case: Case,
    placement: Placement,
    by_id: dict[str, AccessSite],
    known: list[str],
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
    if placement.access not in known:
        problems.add(
            f"{where}.access",
            f"no access has the id {placement.access!r}; the accesses are "
            + ", ".join(repr(k) for k in known),
        )
        return None
    return by_id.get(placement.access)


@record
class _Reading:
    """What a route gives under one trunk."""

    selective: bool
    order: int | None
    family: str | None
    orders: tuple[tuple[str, int], ...]


_Route = tuple[tuple[str, ...], tuple[str, ...]]
"""A route from the puncture to a vessel, and the root-first chain its downward part follows."""


@record
class _Core:
    """What a placement reads as from one access, whatever else the case holds.

    Kept per access, vessel and options when only one route leads there.
    """

    system: TreeKind
    route: tuple[str, ...]
    reading: _Reading
    effects: tuple[Finding, ...]
    """Option effects, without their subject (the placement's index is added per case)."""
    warnings: tuple[Finding, ...] = ()
    """Warnings about the route, without their subject."""


_MEMO_LIMIT = 100_000


def _core(
    anatomy: Anatomy,
    tables: TracingTables,
    settings: Settings,
    index: int,
    placement: Placement,
    site: AccessSite,
    vessel: Vessel,
    routes: list[_Route],
    company: set[str],
    problems: _Problems,
) -> _Core | None:
    where = f"placements[{index}]"
    system = anatomy.tree_of(vessel.id).kind
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
    reading = _read(anatomy, route, site.trunk_set)
    effects: list[Finding] = []
    if system == "artery" and reading.selective:
        reading, effect = _arterial_order_option(anatomy, settings, site, vessel, chain, reading)
        effects += effect
    if system == "artery" and not site.toward_heart:
        effects += _antegrade_effect(anatomy, settings, site, vessel, route, reading, index)
    if system == "vein":
        effects += _central_vein_effect(anatomy, settings, site, vessel, route, reading, index)
    if system == "pulmonary_artery" or vessel.id in tables.right_heart:
        system, reading = "pulmonary_artery", _Reading(True, None, None, ())
    warnings: tuple[Finding, ...] = ()
    if site.toward_heart and len(route) > 1 and site.vessel.parent != route[1]:
        # the route leaves the puncture downstream: the sheath points the other way
        warnings = (
            Finding(
                tables.reversal_rule,
                "warning",
                (),
                {"vessel": vessel.id, "puncture": site.vessel.id},
                "warning",
            ),
        )
    return _Core(
        system,
        route,
        reading,
        tuple(Finding(e.rule, e.key, (), e.facts, e.severity) for e in effects),
        warnings,
    )


def _stop(
    tables: TracingTables,
    index: int,
    placement: Placement,
    site: AccessSite,
    vessel: Vessel,
    core: _Core,
    problems: _Problems,
) -> Stop:
    role, territories = _imaging(tables, placement, vessel, f"placements[{index}]", problems)
    reading = core.reading
    return Stop(
        index,
        placement,
        site,
        vessel,
        core.system,
        core.route,
        reading.selective,
        reading.order,
        reading.family,
        reading.orders,
        tuple(Finding(e.rule, e.key, (index,), e.facts, e.severity) for e in core.effects),
        role,
        territories,
        tuple(
            Finding(w.rule, w.key, (index,), w.facts, w.severity, f"placements[{index}]")
            for w in core.warnings
        ),
    )


def _imaging(
    tables: TracingTables, placement: Placement, vessel: Vessel, where: str, problems: _Problems
) -> tuple[str | None, tuple[str, ...]]:
    """The position's role and the territories its imaging showed (rule imaging-territory)."""
    position = tables.position.get(vessel.id)
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


def _routes(anatomy: Anatomy, site: AccessSite, vessel: Vessel) -> list[_Route]:
    """Every way from the puncture to the vessel: up the puncture's lineage, then down a chain."""
    lineage = anatomy.lineage_ids(site.vessel.id)
    chains = anatomy.chains(vessel.id)
    if len(chains) == 1:
        chain = chains[0]
        route = _join(lineage, site.lineage_rank, chain, site.toward_heart)
        return [] if route is None else [(route, chain)]
    routes = []
    for chain in chains:
        route = _join(lineage, site.lineage_rank, chain, site.toward_heart)
        if route is not None:
            routes.append((route, chain))
    return list(dict.fromkeys(routes))


def _join(
    lineage: tuple[str, ...],
    position: dict[str, int],
    chain: tuple[str, ...],
    toward_heart: bool,
) -> tuple[str, ...] | None:
    """Up the puncture's lineage to where the chain meets it, then down the chain."""
    for junction in range(len(chain) - 1, -1, -1):
        rank = position.get(chain[junction])
        if rank is not None:
            if not toward_heart and rank > 0:
                return None
            return (*lineage[: rank + 1], *chain[junction + 1 :])
    return None


def _choose_route(
    anatomy: Anatomy,
    site: AccessSite,
    vessel: Vessel,
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
    levels = {_level(_read(anatomy, route, site.trunk_set)) for route, _ in routes}
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
    if leave is None or leave == 0:
        return _Reading(False, None, None, ())
    order = 0
    orders = []
    edges = anatomy._edges
    for position in range(leave, len(route)):
        if edges[route[position - 1], route[position]] != "continuation":
            order += 1
        orders.append((route[position], order))
    if order == 0:
        return _Reading(False, None, None, ())
    return _Reading(True, order, route[leave], tuple(orders))


def _arterial_order_option(
    anatomy: Anatomy,
    settings: Settings,
    site: AccessSite,
    vessel: Vessel,
    chain: tuple[str, ...],
    reading: _Reading,
) -> tuple[_Reading, list[Finding]]:
    """order_from: from the trunk (default) or from the aorta (Appendix L); say when they differ."""
    memo = anatomy.__dict__.setdefault("_aortic_reads", {})
    aortic = memo.get(chain)
    if aortic is None:
        aortic = _read(anatomy, chain, frozenset(site.tree.base))
        memo[chain] = aortic
    if (aortic.order, aortic.family) == (reading.order, reading.family):
        return reading, []
    chosen, other = (
        (aortic, reading) if settings.get("order_from") == "aorta" else (reading, aortic)
    )
    effect = _effect(
        settings,
        "order_from",
        (),
        vessel=vessel.id,
        order=chosen.order,
        family=chosen.family,
        other_order=other.order,
        other_family=other.family,
    )
    return chosen, [effect]


def _effect(settings: Settings, option: str, subject: tuple[int, ...], **facts: Any) -> Finding:
    """An option effect: a finding of the rule the chosen value names (template effect-VALUE)."""
    choice = settings.choice(option)
    return Finding(
        choice.rule,
        f"effect-{choice.value}",
        subject,
        {"option": option, "value": choice.value, **facts},
        "note",
    )


def _antegrade_effect(
    anatomy: Anatomy,
    settings: Settings,
    site: AccessSite,
    vessel: Vessel,
    route: tuple[str, ...],
    reading: _Reading,
    index: int,
) -> list[Finding]:
    if settings.get("antegrade_extremity") == "non-selective":
        in_line = frozenset(anatomy.continuation_line(site.vessel.id)) | frozenset(site.tree.base)
        counted = _read(anatomy, route, in_line)
        if counted.selective:
            return [
                _effect(
                    settings,
                    "antegrade_extremity",
                    (index,),
                    vessel=vessel.id,
                    other_order=counted.order,
                )
            ]
        return []
    if reading.selective:
        return [
            _effect(
                settings, "antegrade_extremity", (index,), vessel=vessel.id, puncture=site.vessel.id
            )
        ]
    return []


def _central_vein_effect(
    anatomy: Anatomy,
    settings: Settings,
    site: AccessSite,
    vessel: Vessel,
    route: tuple[str, ...],
    reading: _Reading,
    index: int,
) -> list[Finding]:
    central = _tables(anatomy).central
    if site.vessel.id in central or not central.intersection(route):
        return []
    other = settings.other("brachiocephalic_vein")
    other_trunk = _trunk(anatomy, settings, site.vessel, site.tree, site.toward_heart, other.value)
    alternative = _read(anatomy, route, frozenset(other_trunk))
    if (alternative.order, alternative.selective) == (reading.order, reading.selective):
        return []
    return [
        _effect(
            settings,
            "brachiocephalic_vein",
            (index,),
            vessel=vessel.id,
            order=reading.order if reading.selective else None,
            other_order=alternative.order if alternative.selective else None,
        )
    ]


def _access_words(site: AccessSite) -> str:
    heading = "toward the heart" if site.toward_heart else "away from the heart"
    return f"the {site.vessel.name.lower()} puncture ({site.direction}, {heading})"


def _unreachable(anatomy: Anatomy, site: AccessSite, vessel: Vessel, system: TreeKind) -> str:
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
            "system or check the vessel name"
        )
    return (
        f"the {vessel.name.lower()} is not downstream of {_access_words(site)}: a catheter heading "
        "away from the heart only reaches the punctured vessel's branches; record the access as "
        "heading toward the heart if the catheter was turned back"
    )


__all__ += ["TERRITORIES"]
