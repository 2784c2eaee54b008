"""Non-selective codes, per access: only for a puncture whose catheter made no selective placement.

Where the catheter went decides the code: the aorta, a translumbar aortic puncture, an arm or leg
artery only, a carotid or vertebral puncture; a vena cava, a vein only, extremity venography. The
family also notes, for every non-selective position of an access that did selective work, that the
selective codes include it. Pure; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from vascular.anatomy import Anatomy
from vascular.coding.family import CaseView, Draft, FamilyResult, option_findings
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Fact, Finding
from vascular.frozen import record
from vascular.traversal import AccessSite, Stop

__all__ = ["NonSelective"]


@shape
class Puncture:
    """A kind of arterial puncture and its code when nothing selective was done through it."""

    name: str = spec(default=REQUIRED, doc="How the rationale names it: 'an arm or leg artery'.")
    code: str = spec(default=REQUIRED, ref="code", doc="The code.")
    within: tuple[str, ...] = spec(
        default=(), ref="vessel", doc="Vessel keys whose whole subtree counts."
    )
    vessels: tuple[str, ...] = spec(default=(), ref="vessel", doc="Vessel keys that count alone.")
    over_base: bool = spec(
        default=False,
        doc="The puncture's code stands even when the catheter reached the aorta (translumbar).",
    )


@shape
class Rules:
    """The rules this family's reasons cite."""

    non_selective: str = spec(default=REQUIRED, ref="rule", doc="What is non-selective.")
    per_access: str = spec(default=REQUIRED, ref="rule", doc="One code per access.")


@shape
class Table:
    """Section ``non-selective`` of tables.yaml."""

    arterial_base_code: str = spec(default=REQUIRED, ref="code", doc="Catheter in the aorta.")
    punctures: tuple[Puncture, ...] = spec(default=REQUIRED, doc="First match wins.")
    venous_base_code: str = spec(default=REQUIRED, ref="code", doc="Catheter in a vena cava.")
    vein_code: str = spec(default=REQUIRED, ref="code", doc="A needle or catheter in a vein only.")
    venography_code: str = spec(default=REQUIRED, ref="code", doc="Extremity venography.")
    venography_within: tuple[str, ...] = spec(
        default=REQUIRED, ref="vessel", doc="Extremity veins (subtrees) for venography."
    )
    rules: Rules = spec(default=REQUIRED, doc="Rule ids.")


@record
class Compiled:
    """The table with each vessel's puncture site and the extremity veins resolved."""

    table: Table
    puncture_of: dict[str, Puncture]
    limb_veins: frozenset[str]


class NonSelective:
    """The last family: the non-selective code of each access that coded nothing else."""

    id: ClassVar[str] = "non-selective"
    table: ClassVar[type | None] = Table

    def compile(self, table: Table, anatomy: Anatomy) -> Compiled:
        """Each vessel's puncture site (first match), and the extremity veins."""
        puncture_of: dict[str, Puncture] = {}
        for puncture in table.punctures:
            tops = [top for key in puncture.within for top in anatomy.with_key(key)]
            members = set(anatomy.with_key(*puncture.vessels))
            for top in tops:
                members |= anatomy.subtree(top)
            for vessel_id in members:
                puncture_of.setdefault(vessel_id, puncture)
        limb = frozenset(
            v
            for key in table.venography_within
            for top in anatomy.with_key(key)
            for v in anatomy.subtree(top)
        )
        return Compiled(table, puncture_of, limb)

    def code(self, view: CaseView, stops: Sequence[Stop], table: Compiled) -> FamilyResult:
        """The non-selective line of every access with nothing else coded."""
        by_access: dict[int, list[Stop]] = defaultdict(list)
        for stop in view.tracing.stops:
            by_access[stop.access.index].append(stop)
        coded = {site.index for d in view.drafts() for site in d.covered()}
        noted = view.noted()
        drafts: list[Draft] = []
        notes: list[Finding] = []
        rules = table.table.rules
        for site in view.tracing.accesses:
            found = by_access.get(site.index, [])
            selective = any(stop.selective for stop in found)
            if not selective and site.index not in coded and site.kind != "portal_vein":
                draft = _non_selective(view, table, site, found, notes)
                if draft is not None:
                    drafts.append(draft)
                    notes += [
                        Finding(
                            rules.non_selective,
                            "part-of-note",
                            (stop.index,),
                            {"code": draft.code, "access": site.id},
                            "note",
                        )
                        for stop in found
                    ]
                continue
            notes += [
                Finding(
                    rules.non_selective,
                    "included-note",
                    (stop.index,),
                    {"access": site.id},
                    "note",
                )
                for stop in found
                if not stop.selective and stop.index not in noted
            ]
        return FamilyResult(self.id, tuple(drafts), tuple(notes))


def _non_selective(
    view: CaseView, table: Compiled, site: AccessSite, stops: list[Stop], notes: list[Finding]
) -> Draft | None:
    anatomy = view.anatomy
    rules = table.table.rules
    facts: dict[str, Fact] = {"access": site.id}
    if site.kind == "artery":
        puncture = table.puncture_of.get(site.vessel.id)
        in_aorta = [stop for stop in stops if any(anatomy.is_base(v) for v in stop.route)]
        if puncture is not None and puncture.over_base:
            code, key = puncture.code, "puncture"
            facts["site"] = puncture.name
        elif in_aorta or anatomy.is_base(site.vessel.id):
            code = table.table.arterial_base_code
            key = "aorta" if in_aorta else "aorta-puncture"
            facts["vessels"] = tuple(sorted({s.vessel.id for s in in_aorta}, key=anatomy.name))
        elif puncture is not None:
            code, key = puncture.code, "puncture-only"
            facts["site"] = puncture.name
        else:
            notes.append(
                Finding(
                    rules.non_selective,
                    "no-code-problem",
                    (),
                    {
                        "vessel": site.vessel.id,
                        "sites": tuple(f"{p.name} ({p.code})" for p in table.table.punctures),
                    },
                    "problem",
                    f"accesses[{site.index}].vessel",
                )
            )
            return None
    elif site.kind == "vein":
        in_cava = [stop for stop in stops if any(anatomy.is_base(v) for v in stop.route)]
        imaged = [stop for stop in stops if stop.placement.imaged]
        facts["vessel"] = site.vessel.id
        if in_cava:
            code, key = table.table.venous_base_code, "cava"
            facts["vessels"] = tuple(sorted({s.vessel.id for s in in_cava}, key=anatomy.name))
        elif imaged and site.vessel.id in table.limb_veins:
            code, key = table.table.venography_code, "venography"
        else:
            code, key = table.table.vein_code, "vein-only"
            if imaged:
                notes.append(
                    Finding(
                        rules.non_selective,
                        "not-venography-warning",
                        (),
                        {"vessel": site.vessel.id, "code": table.table.venography_code},
                        "warning",
                        f"accesses[{site.index}]",
                    )
                )
    else:
        return None
    facts["code"] = code
    return Draft(
        code=code,
        access=site,
        findings=(
            Finding(rules.non_selective, key, tuple(s.index for s in stops), facts),
            Finding(rules.per_access, facts={"code": code}),
            *option_findings(stops),
        ),
        group=f"access:{site.id}",
        by=NonSelective.id,
    )
