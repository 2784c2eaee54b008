"""Interventions: the treatment's own claim line, and which catheter placements it includes.

The first family. Each intervention of the case (a filter, a stent, coils, a TIPS...) gets its own
line as entered. Its code's row in ``rules/interventions.yaml`` says what of the catheter work it
includes (its scope: all, a territory, only the non-selective access code, or nothing) and the
territory, defined from the graph. Each placement then reads one of four ways:

- **included**: on the way to a treated vessel or inside an included territory, from an access the
  code covers: it earns no line (this family claims it, with a note naming the intervention);
- **serving** another intervention (on the way to a treated vessel the code does not include): it
  keeps its line by the ordinary rules, with the imaging-inclusive codes only when the session's
  diagnostic study qualifies;
- **diagnostic only** (imaged, serving nothing): it keeps its line, with the distinct-service
  modifier, when the study qualifies; otherwise the imaging guided the intervention and it earns no
  line;
- **purpose unknown**: it keeps its line and the coder is asked what it served.

Later families see the placements this one did not claim, re-read without the imaging that does not
qualify. Pure; no I/O. Evidence: docs/reference/interventions.md (reference I0, I2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Literal

from vascular.anatomy import Anatomy
from vascular.case import Intervention
from vascular.coding.family import CaseView, Draft, FamilyResult
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Fact, Finding
from vascular.frozen import record, replace
from vascular.records import Vessel
from vascular.rulebook import Code
from vascular.traversal import AccessSite, Stop, routes_to

__all__ = ["Interventions"]

Scope = Literal["all", "territory", "non-selective", "none"]


# --- the table: rules/interventions.yaml ----------------------------------------------------------


def _as_tuple(value: Any) -> Any:
    """A territory given as one id or none reads as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


@shape
class Rules:
    """The rules this family's findings cite."""

    line: str = spec(default=REQUIRED, ref="rule", doc="The intervention's own line.")
    scope: str = spec(default=REQUIRED, ref="rule", doc="What an intervention includes.")
    diagnostic: str = spec(default=REQUIRED, ref="rule", doc="A diagnostic study at it.")
    purpose: str = spec(default=REQUIRED, ref="rule", doc="A placement nothing explains.")
    dispute: str = spec(default=REQUIRED, ref="rule", doc="A disputed point met.")


@shape
class Dispute:
    """A point the reference marks disputed or payer-dependent, and when a case meets it."""

    id: str = spec(default=REQUIRED, doc="Kebab id.")
    point: int = spec(default=REQUIRED, doc="Its row in the reference's table of disputed points.")
    codes: tuple[str, ...] = spec(default=REQUIRED, ref="code", doc="The codes it concerns.")
    when: Literal["kept", "with"] = spec(
        default=REQUIRED, doc="kept: a catheter line stays beside the code; with: another code too."
    )
    with_codes: tuple[str, ...] = spec(default=(), ref="code", doc="For `with`: the other codes.")
    query: str = spec(default=REQUIRED, min_length=10, doc="The warning, in plain words.")


@shape
class Reason:
    """A reason a case may give for a diagnostic study at an intervention."""

    id: str = spec(default=REQUIRED, doc="Its id, as a case gives it.")
    qualifies: bool = spec(default=REQUIRED, doc="Whether it makes the study reportable.")
    meaning: str = spec(default=REQUIRED, doc="What it means, in plain words.")


@shape
class DiagnosticTable:
    """How a diagnostic study at an intervention is treated."""

    reasons: tuple[Reason, ...] = spec(default=REQUIRED, min_length=1, doc="The reasons.")
    modifier_option: str = spec(
        default=REQUIRED, doc="The option naming the distinct-service modifier of its lines."
    )
    never_diagnostic: str = spec(default="", doc="What is never a diagnostic study.")
    sources: tuple[str, ...] = spec(default=(), ref="source", doc="Source ids.")
    confidence: str = spec(default="S", doc="Confidence tag.")


@shape
class FamilySpec:
    """A family of intervention codes, for listing and the reference."""

    id: str = spec(default=REQUIRED, doc="Kebab id.")
    name: str = spec(default=REQUIRED, doc="Plain name.")
    section: str = spec(default=REQUIRED, doc="Its section of the reference.")


@shape
class TerritorySpec:
    """A named region of the vessel graph an intervention includes or treats."""

    id: str = spec(default=REQUIRED, doc="Kebab id.")
    name: str = spec(default=REQUIRED, doc="Plain words, as a reason names it.")
    within: tuple[str, ...] = spec(default=(), ref="vessel", doc="Whole subtrees (twin keys).")
    also: tuple[str, ...] = spec(default=(), ref="vessel", doc="Single vessels (twin keys).")
    also_on_route: tuple[str, ...] = spec(
        default=(), ref="vessel", doc="Single vessels that belong when on the way to the vessel."
    )
    side: Literal["treated", "both", "none"] = spec(
        default=REQUIRED, doc="Which side's sided vessels belong."
    )
    imaging: tuple[str, ...] = spec(
        default=(), doc="Imaging territories whose imaging-inclusive codes the territory includes."
    )
    construct: Literal["circuit", "peripheral"] | None = spec(
        default=None, doc="Built from the case's dialysis access construct."
    )
    peripheral_end: tuple[str, ...] = spec(
        default=(), ref="vessel", doc="Where the peripheral segment of a circuit ends."
    )
    sources: tuple[str, ...] = spec(default=(), ref="source", doc="Source ids.")
    confidence: str = spec(default="S", doc="Confidence tag.")
    note: str = spec(default="", doc="Curation notes.")


@shape
class Treats:
    """Where the treated vessel must lie."""

    vessels: tuple[str, ...] = spec(default=(), ref="vessel", doc="These vessels (twin keys).")
    within: tuple[str, ...] = spec(default=(), ref="vessel", doc="These subtrees (twin keys).")
    territory: str | None = spec(default=None, doc="A territory id.")
    atlas_territory: str | None = spec(default=None, doc="The vessels' own territory field.")
    any: bool = spec(default=False, doc="No anatomic limit.")


@shape
class InterventionSpec:
    """One intervention code: what it includes of the catheter work."""

    code: str = spec(default=REQUIRED, pattern=r"\d{5}", doc="The code number.")
    family: str = spec(default=REQUIRED, doc="Its family id.")
    summary: str = spec(default=REQUIRED, min_length=10, doc="This project's own summary.")
    kind: Literal["primary", "add-on"] = spec(default=REQUIRED, doc="Primary or add-on.")
    add_on_to: tuple[str, ...] = spec(default=(), ref="code", doc="An add-on's primaries.")
    scope: Scope = spec(default=REQUIRED, doc="What of the catheter work it includes.")
    territory: tuple[str, ...] = spec(
        default=(), normalise=_as_tuple, doc="The territory it includes (several: the one treated)."
    )
    scope_accesses: Literal["same", "any"] = spec(
        default=REQUIRED, doc="Placements from its own access only, or from every access."
    )
    treats: Treats = spec(default=REQUIRED, doc="Where the treated vessel must lie.")
    imaging_included: bool = spec(default=REQUIRED, doc="Its own imaging is part of it.")
    diagnostic_may_qualify: bool = spec(
        default=REQUIRED, doc="A study of its own region may be reported when it qualifies."
    )
    outside_scope_modifier: Literal["diagnostic", "all", "none"] = spec(
        default=REQUIRED, doc="Which lines outside its scope carry the distinct modifier."
    )
    laterality: Literal["none", "RT/LT"] = spec(default=REQUIRED, doc="Side modifiers.")
    units: str = spec(default="", doc="How units are counted, in words.")
    not_with: tuple[str, ...] = spec(default=(), doc="Codes not reported with it.")
    status: Literal["active", "deleted"] = spec(default=REQUIRED, doc="In CPT today or not.")
    deleted_in: int | None = spec(default=None, doc="The first CPT year without it.")
    replaced_by: str | None = spec(default=None, doc="What replaced it.")
    since: int | None = spec(default=None, doc="Its first CPT year.")
    sources: tuple[str, ...] = spec(default=REQUIRED, ref="source", doc="Source ids.")
    confidence: str = spec(default=REQUIRED, doc="S, S-weak, K or D.")
    note: str = spec(default="", doc="Notes.")


@shape
class Table:
    """rules/interventions.yaml: every intervention code the engine knows and what it includes."""

    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")
    group: str = spec(default=REQUIRED, doc="The claim group of intervention lines.")
    retired_option: str = spec(
        default=REQUIRED, doc="The option deciding whether a deleted code is refused."
    )
    disputes: tuple[Dispute, ...] = spec(default=(), doc="Disputed points a case can meet.")
    diagnostic: DiagnosticTable = spec(default=REQUIRED, doc="Diagnostic studies.")
    families: tuple[FamilySpec, ...] = spec(default=REQUIRED, doc="The intervention families.")
    territories: tuple[TerritorySpec, ...] = spec(default=REQUIRED, doc="Named regions.")
    interventions: tuple[InterventionSpec, ...] = spec(default=REQUIRED, doc="The codes.")

    def codes(self) -> tuple[Code, ...]:
        """Each intervention code as the code table holds it, so a claim line writes it."""
        return tuple(
            Code(
                entry.code,
                entry.summary,
                entry.kind,
                entry.add_on_to,
                entry.imaging_included,
                frozenset(),
                "each",
                False,
                entry.sources,
            )
            for entry in self.interventions
        )


# --- compiled once per anatomy --------------------------------------------------------------------


@record
class Region:
    """A territory resolved to vessel ids."""

    spec: TerritorySpec
    members: frozenset[str]
    on_route: frozenset[str]
    peripheral_end: frozenset[str]


@record
class Compiled:
    """The table with territories and treated-vessel limits resolved for one anatomy."""

    table: Table
    codes: Mapping[str, InterventionSpec]
    regions: Mapping[str, Region]
    reasons: Mapping[str, Reason]
    treats: Mapping[str, tuple[frozenset[str], frozenset[str]]]
    """Per code: (vessels exactly, vessels in subtrees) a treated vessel may be."""
    sections: Mapping[str, str]
    """Each intervention family's section of the reference."""


def _subtrees(anatomy: Anatomy, keys: Sequence[str]) -> frozenset[str]:
    found: set[str] = set()
    for top in anatomy.with_key(*keys):
        found |= anatomy.subtree(top)
    return frozenset(found)


# --- what one intervention of a case covers -------------------------------------------------------


@record
class Treatment:
    """One intervention of the case, resolved: where it was done and what it includes."""

    index: int
    entry: Intervention
    spec: InterventionSpec
    site: AccessSite
    vessel: Vessel
    route: frozenset[str]
    """Every vessel on the ways from the access to the treated vessel."""
    region: frozenset[str]
    """The vessels of the included territory, for this treated vessel and side."""
    region_name: str
    imaging: frozenset[str]
    """Imaging territories whose codes the territory includes."""
    qualifies: bool | None
    reason: Reason | None

    @property
    def includes_positions(self) -> bool:
        """Whether it includes catheter positions (scope all or territory)."""
        return self.spec.scope in ("all", "territory")

    def covers(self, site: AccessSite) -> bool:
        """Whether placements from `site` fall under its scope."""
        return self.spec.scope_accesses == "any" or site is self.site


class Interventions:
    """The intervention lines, and the catheter placements they include."""

    id: ClassVar[str] = "interventions"
    table: ClassVar[type | None] = Table
    file: ClassVar[str] = "interventions.yaml"
    """Its table is a file of its own in ``rules/``, not a section of tables.yaml."""

    def compile(self, table: Table, anatomy: Anatomy) -> Compiled:
        """Territories to vessel ids, treated-vessel limits to id sets."""
        regions = {
            t.id: Region(
                t,
                _subtrees(anatomy, t.within) | anatomy.with_key(*t.also),
                anatomy.with_key(*t.also_on_route),
                anatomy.with_key(*t.peripheral_end),
            )
            for t in table.territories
        }
        treats = {}
        for entry in table.interventions:
            exact = set(anatomy.with_key(*entry.treats.vessels))
            if entry.treats.atlas_territory is not None:
                exact |= {v.id for v in anatomy if v.territory == entry.treats.atlas_territory}
            treats[entry.code] = (frozenset(exact), _subtrees(anatomy, entry.treats.within))
        return Compiled(
            table,
            {entry.code: entry for entry in table.interventions},
            regions,
            {reason.id: reason for reason in table.diagnostic.reasons},
            treats,
            {family.id: family.section for family in table.families},
        )

    def code(self, view: CaseView, stops: Sequence[Stop], table: Compiled) -> FamilyResult:
        """The intervention lines; the placements they include, claimed; the rest re-read."""
        entries = view.tracing.case.interventions
        if not entries:
            return FamilyResult(self.id)
        findings: list[Finding] = []
        treatments = [
            found
            for index, entry in enumerate(entries)
            if (found := _treatment(view, table, index, entry, findings)) is not None
        ]
        if len(treatments) < len(entries):
            return FamilyResult(self.id, findings=tuple(findings))
        claimed: set[int] = set()
        restated: list[Stop] = []
        marks: list[Finding] = []
        included: dict[int, list[Stop]] = {t.index: [] for t in treatments}
        modifier = view.settings.get(table.table.diagnostic.modifier_option)
        for stop in stops:
            outcome = _place(view, table, treatments, stop, modifier)
            findings += outcome.findings
            if outcome.included_by is not None:
                claimed.add(stop.index)
                included[outcome.included_by].append(stop)
            elif outcome.claim:
                claimed.add(stop.index)
            if outcome.restated is not None:
                restated.append(outcome.restated)
            if outcome.mark is not None:
                marks.append(outcome.mark)
        drafts = [
            _line(view, table, treatment, treatments, included[treatment.index], findings)
            for treatment in treatments
        ]
        kept = any(stop.selective and stop.index not in claimed for stop in stops)
        findings += _disputes(table, treatments, kept)
        return FamilyResult(
            self.id,
            tuple(drafts),
            tuple(findings),
            frozenset(claimed),
            restated=tuple(restated),
            marks=tuple(marks),
        )


# --- resolving an intervention --------------------------------------------------------------------


def _treatment(
    view: CaseView, table: Compiled, index: int, entry: Intervention, problems: list[Finding]
) -> Treatment | None:
    rule = table.table.rules.line
    where = f"interventions[{index}]"
    anatomy = view.anatomy

    def problem(key: str, at: str, **facts: Fact) -> None:
        problems.append(Finding(rule, key, (), facts, "problem", at))

    spec_ = table.codes.get(entry.code)
    if spec_ is None:
        if entry.code in anatomy.rules.codes:
            problem("catheter-code-problem", f"{where}.code", given=entry.code)
        else:
            problem(
                "unknown-problem",
                f"{where}.code",
                given=entry.code,
                count=len(table.codes),
                close=_close_codes(table, entry.code),
            )
        return None
    if spec_.status == "deleted" and view.settings.get(table.table.retired_option) != "accept":
        problem(
            "deleted-problem",
            f"{where}.code",
            code=spec_.code,
            year=spec_.deleted_in or 0,
            replaced=spec_.replaced_by or "a newer code",
        )
        return None
    reason, qualifies = _diagnostic(table, entry, where, problems)
    site = _site(view, entry, where, rule, problems)
    if entry.vessel not in anatomy:
        return None  # the name was not read: its problem is already listed
    vessel = anatomy.vessel(entry.vessel)
    if site is None:
        return None
    fits = _treats(anatomy, table, spec_, vessel, site, view)
    if fits is None:
        problem("no-construct-problem", f"{where}.vessel", code=entry.code)
        return None
    if not fits:
        allowed = _allowed_words(anatomy, table, spec_)
        problem(
            "treats-problem", f"{where}.vessel", code=entry.code, vessel=vessel.id, allowed=allowed
        )
        return None
    routes = routes_to(anatomy, site, vessel)
    if not routes:
        problem(
            "unreachable-problem",
            f"{where}.vessel",
            code=entry.code,
            vessel=vessel.id,
            access=site.id,
        )
        return None
    if reason is False:
        return None
    region, region_name, imaging = _region(view, table, spec_, vessel, site, routes)
    if region is None:
        problem("no-construct-problem", f"{where}.vessel", code=entry.code)
        return None
    return Treatment(
        index,
        entry,
        spec_,
        site,
        vessel,
        frozenset(v for route in routes for v in route),
        region,
        region_name,
        imaging,
        qualifies,
        reason or None,
    )


def _close_codes(table: Compiled, given: str) -> str:
    """'; close codes it knows: 37191, 37192' for a code near known ones, else ''."""
    if not given.isdigit():
        return ""
    near = sorted(table.codes, key=lambda code: (abs(int(code) - int(given)), code))[:4]
    near = [code for code in near if abs(int(code) - int(given)) <= 20]
    return f"; close codes it knows: {', '.join(near)}" if near else ""


def _diagnostic(
    table: Compiled, entry: Intervention, where: str, problems: list[Finding]
) -> tuple[Reason | Literal[False] | None, bool | None]:
    """The diagnostic reason and whether it qualifies; False when the reason is not known."""
    if entry.diagnostic is None:
        return None, None
    rule = table.table.rules.diagnostic
    reason = table.reasons.get(entry.diagnostic.reason)
    if reason is None:
        problems.append(
            Finding(
                rule,
                "reason-problem",
                (),
                {"given": entry.diagnostic.reason, "reasons": tuple(table.reasons)},
                "problem",
                f"{where}.diagnostic.reason",
            )
        )
        return False, None
    given = entry.diagnostic.qualifies
    if given is not None and given != reason.qualifies:
        problems.append(
            Finding(
                rule,
                "mismatch-problem",
                (),
                {
                    "qualifies": str(given).lower(),
                    "reason": reason.id,
                    "does": "does" if reason.qualifies else "does not",
                },
                "problem",
                f"{where}.diagnostic.qualifies",
            )
        )
        return False, None
    return reason, reason.qualifies


def _site(
    view: CaseView, entry: Intervention, where: str, rule: str, problems: list[Finding]
) -> AccessSite | None:
    accesses = view.tracing.accesses
    if entry.access is None:
        if len(view.tracing.case.accesses) == 1:
            return accesses[0] if accesses else None
        message = "with more than one access, say which one the intervention was done from"
    else:
        found = next((site for site in accesses if site.id == entry.access), None)
        if found is not None:
            return found
        known = [a.id or "A" for a in view.tracing.case.accesses]
        if entry.access in known:
            return None  # the access itself has a problem, already listed
        message = f"no access {entry.access!r}; the accesses are " + ", ".join(known)
    problems.append(
        Finding(rule, "access-problem", (), {"message": message}, "problem", f"{where}.access")
    )
    return None


def _treats(
    anatomy: Anatomy,
    table: Compiled,
    spec_: InterventionSpec,
    vessel: Vessel,
    site: AccessSite,
    view: CaseView,
) -> bool | None:
    """Whether the code treats the vessel; None when that needs a construct the case lacks."""
    treats = spec_.treats
    if treats.any:
        return True
    exact, subtrees = table.treats[spec_.code]
    if vessel.id in exact or vessel.id in subtrees:
        return True
    if treats.territory is not None:
        members = _territory_members(view, table, treats.territory, vessel, site)
        return None if members is None else vessel.id in members
    return False


def _allowed_words(anatomy: Anatomy, table: Compiled, spec_: InterventionSpec) -> str:
    treats = spec_.treats
    parts = []
    if treats.vessels:
        parts.append(" or ".join(_key_words(anatomy, k) for k in treats.vessels))
    if treats.within:
        parts.append("a vessel of " + " or ".join(_key_words(anatomy, k) for k in treats.within))
    if treats.atlas_territory is not None:
        parts.append(f"an {treats.atlas_territory} vessel")
    if treats.territory is not None:
        parts.append(table.regions[treats.territory].spec.name)
    return "; or ".join(parts)


def _key_words(anatomy: Anatomy, key: str) -> str:
    ids = sorted(anatomy.with_key(key))
    name = anatomy.name(ids[0]) if ids else key.replace("_", " ")
    if len(ids) > 1:
        for side in ("left ", "right "):
            if name.startswith(side):
                return "the " + name[len(side) :] + " (either side)"
    return "the " + name


def _region(
    view: CaseView,
    table: Compiled,
    spec_: InterventionSpec,
    vessel: Vessel,
    site: AccessSite,
    routes: Sequence[tuple[str, ...]],
) -> tuple[frozenset[str] | None, str, frozenset[str]]:
    """The included territory's vessels for this treated vessel, its name and imaging."""
    if not spec_.territory:
        return frozenset(), "", frozenset()
    on_route = {v for route in routes for v in route}
    for territory_id in spec_.territory:
        members = _territory_members(view, table, territory_id, vessel, site, on_route)
        if members is None:
            return None, "", frozenset()
        if len(spec_.territory) == 1 or vessel.id in members:
            region = table.regions[territory_id]
            return members, region.spec.name, frozenset(region.spec.imaging)
    return frozenset(), "", frozenset()


def _territory_members(
    view: CaseView,
    table: Compiled,
    territory_id: str,
    vessel: Vessel,
    site: AccessSite,
    on_route: set[str] | None = None,
) -> frozenset[str] | None:
    """The territory's vessels on the treated side; None for a circuit without a construct."""
    region = table.regions[territory_id]
    spec_ = region.spec
    anatomy = view.anatomy
    if spec_.construct is not None:
        construct = _construct_vessel(view, vessel, site)
        if construct is None:
            return None
        return _circuit(anatomy, construct, spec_.construct == "peripheral", region.peripheral_end)
    members = set(region.members)
    if on_route:
        members |= region.on_route & on_route
    if spec_.side == "both":
        return frozenset(members)
    keep = {vessel.side} if spec_.side == "treated" else set()
    return frozenset(
        v for v in members if anatomy.vessel(v).side == "unpaired" or anatomy.vessel(v).side in keep
    )


def _construct_vessel(view: CaseView, vessel: Vessel, site: AccessSite) -> Vessel | None:
    """The dialysis access construct of a case: the treated vessel, the access, or one listed."""
    anatomy = view.anatomy
    applied = set(anatomy.applied_variants)
    for candidate in (vessel, site.vessel):
        if anatomy.made_by.get(candidate.id) in applied and candidate.also_fed_by:
            return candidate
    for made, construct in anatomy.made_by.items():
        found = anatomy.vessel(made)
        if construct in applied and found.also_fed_by and found.side in (vessel.side, "unpaired"):
            return found
    return None


def _circuit(
    anatomy: Anatomy, construct: Vessel, peripheral: bool, ends: frozenset[str]
) -> frozenset[str]:
    """A dialysis circuit, or only its peripheral segment (reference I4.2).

    The circuit: the construct, its outflow to the heart, its inflow artery, and the side
    branches of the peripheral part.
    """
    chain = anatomy.lineage_ids(construct.id)
    end = next((i for i, v in enumerate(chain) if v in ends), len(chain) - 1)
    outer = chain[: end + 1]
    if peripheral:
        return frozenset(outer)
    side_branches = {child for v in outer for child in anatomy.child_ids(v)}
    return frozenset({*chain, *construct.also_fed_by, *side_branches})


# --- each placement -------------------------------------------------------------------------------


@record
class _Outcome:
    findings: tuple[Finding, ...] = ()
    included_by: int | None = None
    claim: bool = False
    restated: Stop | None = None
    mark: Finding | None = None


@record
class _Session:
    """What judging one placement needs: the table, the interventions, the modifier, their codes."""

    table: Compiled
    treatments: Sequence[Treatment]
    modifier: str
    codes: tuple[str, ...]
    include: str
    """'includes' or 'include', as the codes' number asks."""

    def finding(self, rule: str, key: str, stop: Stop, **facts: Fact) -> Finding:
        """A note about the placement."""
        return Finding(rule, key, (stop.index,), facts, "note")


def _place(
    view: CaseView, table: Compiled, treatments: Sequence[Treatment], stop: Stop, modifier: str
) -> _Outcome:
    codes = tuple(dict.fromkeys(t.spec.code for t in treatments))
    session = _Session(
        table, treatments, modifier, codes, "includes" if len(codes) == 1 else "include"
    )
    included = _included(session, stop)
    if included is not None:
        return included
    serving = [t for t in treatments if stop.access is t.site and stop.vessel.id in t.route]
    if serving:
        return _serving(session, stop, serving)
    if stop.placement.imaged:
        return _diagnostic_only(session, stop)
    purpose = Finding(
        table.table.rules.purpose,
        "warning",
        (stop.index,),
        {"vessel": stop.vessel.id, "codes": codes, "include": session.include},
        "warning",
        f"placements[{stop.index}]",
    )
    return _Outcome((_kept(session, stop), purpose))


def _included(session: _Session, stop: Stop) -> _Outcome | None:
    """The placement included by the first intervention whose scope holds it, if any.

    A position that also gave a qualifying study of a territory the intervention does not include
    is judged as a diagnostic position instead.
    """
    for treatment in session.treatments:
        if not (treatment.includes_positions and treatment.covers(stop.access)):
            continue
        on_route = stop.vessel.id in treatment.route and stop.access is treatment.site
        if not (on_route or stop.vessel.id in treatment.region):
            continue
        leftover = tuple(t for t in stop.territories if t not in treatment.imaging)
        if leftover and _session_qualifies(session.treatments):
            return None
        rule = session.table.table.rules.scope
        code = treatment.spec.code
        note = (
            session.finding(
                rule,
                "route-note",
                stop,
                code=code,
                access=treatment.site.id,
                vessel=treatment.vessel.id,
            )
            if on_route
            else session.finding(
                rule, "territory-note", stop, code=code, territory=treatment.region_name
            )
        )
        return _Outcome((note,), included_by=treatment.index)
    return None


def _kept(session: _Session, stop: Stop) -> Finding:
    return session.finding(
        session.table.table.rules.scope,
        "kept-note",
        stop,
        codes=session.codes,
        include=session.include,
    )


def _serving(session: _Session, stop: Stop, serving: Sequence[Treatment]) -> _Outcome:
    """A placement on the way to a vessel an intervention treats but does not include."""
    kept = _kept(session, stop)
    if not stop.territories:
        return _Outcome((kept,))
    qualifies = _qualifies(serving) if serving[0].qualifies is not None else None
    if qualifies:
        return _qualifying(session, stop)
    plain = replace(stop, territories=())
    if qualifies is None:
        warning = _missing(session, stop, " and takes the plain selective code")
        return _Outcome((kept, warning), restated=plain)
    reason = _reason_of(serving)
    note = session.finding(
        session.table.table.rules.diagnostic,
        "plain-note",
        stop,
        reason=reason.id if reason else "",
    )
    return _Outcome((kept, note), restated=plain)


def _diagnostic_only(session: _Session, stop: Stop) -> _Outcome:
    """An imaged placement that serves no intervention: a study, or guidance."""
    qualifies = _session_qualifies(session.treatments)
    if qualifies:
        return _qualifying(session, stop)
    if qualifies is None:
        return _Outcome((_missing(session, stop, ", so it earns no line"),), claim=True)
    reason = _reason_of(session.treatments)
    guidance = session.finding(
        session.table.table.rules.diagnostic,
        "guidance-note",
        stop,
        codes=session.codes,
        reason=reason.id if reason else "",
        meaning=reason.meaning if reason else "",
    )
    return _Outcome((guidance,), claim=True)


def _qualifying(session: _Session, stop: Stop) -> _Outcome:
    """A qualifying diagnostic study: the line stays, marked for the distinct modifier."""
    treatments = session.treatments
    reason = _reason_of([t for t in treatments if t.qualifies]) or _reason_of(treatments)
    rule = session.table.table.rules.diagnostic
    note = session.finding(
        rule,
        "qualifies-note",
        stop,
        codes=session.codes,
        include=session.include,
        reason=reason.id if reason else "",
        modifier=session.modifier,
    )
    mark = Finding(
        rule,
        "modifier",
        (stop.index,),
        {"modifier": session.modifier, "meaning": reason.meaning if reason else ""},
    )
    leftover = _leftover(treatments, stop)
    restated = replace(stop, territories=leftover) if leftover != stop.territories else None
    return _Outcome((note,), restated=restated, mark=mark)


def _leftover(treatments: Sequence[Treatment], stop: Stop) -> tuple[str, ...]:
    """The imaging territories of a stop that no including treatment covers."""
    covered: set[str] = set()
    for treatment in treatments:
        if (
            treatment.includes_positions
            and treatment.covers(stop.access)
            and (stop.vessel.id in treatment.route or stop.vessel.id in treatment.region)
        ):
            covered |= treatment.imaging
    return tuple(t for t in stop.territories if t not in covered)


def _missing(session: _Session, stop: Stop, and_plain: str) -> Finding:
    return Finding(
        session.table.table.rules.diagnostic,
        "missing-warning",
        (stop.index,),
        {
            "vessel": stop.vessel.id,
            "codes": session.codes,
            "include": session.include,
            "reasons": tuple(session.table.reasons),
            "and_plain": and_plain,
        },
        "warning",
        f"placements[{stop.index}].imaging",
    )


def _qualifies(treatments: Sequence[Treatment]) -> bool:
    return any(t.qualifies for t in treatments)


def _session_qualifies(treatments: Sequence[Treatment]) -> bool | None:
    """Whether the session's diagnostic study qualifies (None: no intervention says)."""
    said = [t for t in treatments if t.qualifies is not None]
    if not said:
        return None
    return any(t.qualifies for t in said)


def _reason_of(treatments: Sequence[Treatment]) -> Reason | None:
    return next((t.reason for t in treatments if t.reason is not None), None)


def _disputes(table: Compiled, treatments: Sequence[Treatment], kept: bool) -> list[Finding]:
    """A warning for each disputed point the case meets, on the first intervention it concerns."""
    codes = [t.spec.code for t in treatments]
    found = []
    for dispute in table.table.disputes:
        concerned = [t for t in treatments if t.spec.code in dispute.codes]
        if not concerned:
            continue
        met = kept if dispute.when == "kept" else bool(set(codes) & set(dispute.with_codes))
        if met:
            found.append(
                Finding(
                    table.table.rules.dispute,
                    "warning",
                    (),
                    {"query": dispute.query, "point": dispute.point},
                    "warning",
                    f"interventions[{concerned[0].index}]",
                )
            )
    return found


# --- the intervention's own line ------------------------------------------------------------------


def _line(
    view: CaseView,
    table: Compiled,
    treatment: Treatment,
    treatments: Sequence[Treatment],
    included: Sequence[Stop],
    findings: list[Finding],
) -> Draft:
    rules = table.table.rules
    spec_ = treatment.spec
    entry = treatment.entry
    anatomy = view.anatomy
    covered = (
        ()
        if spec_.scope == "none"
        else tuple(view.tracing.accesses)
        if spec_.scope_accesses == "any"
        else (treatment.site,)
    )
    reasons = [
        Finding(
            rules.line,
            "reason",
            (),
            {
                "code": spec_.code,
                "units": entry.units,
                "summary": spec_.summary,
                "sources": spec_.sources,
            },
        )
    ]
    names = ", ".join(anatomy.name(stop.vessel.id) for stop in included) or "no listed placement"
    facts: dict[str, Fact] = {
        "vessel": treatment.vessel.id,
        "accesses": tuple(site.id for site in covered),
        "included": names,
        "sources": spec_.sources,
    }
    if spec_.scope == "all":
        where = f" and in {treatment.region_name}" if treatment.region_name else ""
        reasons.append(Finding(rules.line, "includes-all", (), {**facts, "where": where}))
    elif spec_.scope == "territory":
        reasons.append(
            Finding(
                rules.line, "includes-territory", (), {**facts, "territory": treatment.region_name}
            )
        )
    elif spec_.scope == "non-selective":
        reasons.append(Finding(rules.line, "includes-non-selective", (), facts))
    else:
        reasons.append(Finding(rules.line, "includes-none", (), facts))
    findings += _line_warnings(table, treatment, treatments)
    side = (
        treatment.vessel.side
        if spec_.laterality == "RT/LT" and treatment.vessel.side != "unpaired"
        else None
    )
    return Draft(
        code=spec_.code,
        access=treatment.site,
        findings=tuple(reasons),
        group=table.table.group,
        rank=treatment.index,
        units=entry.units,
        vessels=(treatment.vessel.id,),
        side=side,
        by=Interventions.id,
        as_entered=True,
        includes=tuple(stop.index for stop in included),
        covers=covered,
    )


def _line_warnings(
    table: Compiled, treatment: Treatment, treatments: Sequence[Treatment]
) -> list[Finding]:
    """What the coder should check about an intervention line: confidence, deletion, add-on."""
    rules = table.table.rules
    spec_ = treatment.spec
    findings: list[Finding] = []
    where = f"interventions[{treatment.index}]"
    if spec_.confidence == "K":
        section = table.sections.get(spec_.family, "I1")
        findings.append(
            Finding(
                rules.line,
                "confidence-warning",
                (),
                {"code": spec_.code, "section": section},
                "warning",
                where,
            )
        )
    if spec_.status == "deleted":
        findings.append(
            Finding(
                rules.line,
                "deleted-warning",
                (),
                {
                    "code": spec_.code,
                    "year": spec_.deleted_in or 0,
                    "replaced": spec_.replaced_by or "a newer code",
                },
                "warning",
                where,
            )
        )
    if spec_.kind == "add-on":
        entered = {t.spec.code for t in treatments}
        if not entered & set(spec_.add_on_to):
            findings.append(
                Finding(
                    rules.line,
                    "add-on-warning",
                    (),
                    {"code": spec_.code, "primaries": spec_.add_on_to},
                    "warning",
                    where,
                )
            )
    return findings
