"""Hypothesis strategies for realistic cases on the embedded atlas.

Cases are built from vessel ids, so the strategies never depend on name resolution. Vessels below a
confluence (the basilar, the palmar and plantar arches) are left out: their route can need "via".
"""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st

from vascular import Anatomy, load_anatomy

ARTERIAL_ACCESSES: tuple[tuple[str, str], ...] = (
    ("right_common_femoral_artery", "retrograde"),
    ("left_common_femoral_artery", "retrograde"),
    ("right_radial_artery", "retrograde"),
    ("left_radial_artery", "retrograde"),
    ("left_brachial_artery", "retrograde"),
    ("right_common_femoral_artery", "antegrade"),
    ("left_common_femoral_artery", "antegrade"),
)
VENOUS_ACCESSES: tuple[str, ...] = (
    "right_common_femoral_vein",
    "left_common_femoral_vein",
    "right_internal_jugular_vein",
    "left_basilic_vein",
)

OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "order_from": st.sampled_from(["trunk", "aorta"]),
        "antegrade_extremity": st.sampled_from(["count-branches", "non-selective"]),
        "brachiocephalic_vein": st.sampled_from(["central", "first-order"]),
        "pulmonary_lobar": st.sampled_from(["36014", "36015"]),
        "portal_tributaries": st.sampled_from(["selective-venous", "included"]),
        "distinct_modifier": st.sampled_from(["59", "XS"]),
    },
)


@functools.cache
def atlas() -> Anatomy:
    """The embedded atlas (cached)."""
    return load_anatomy()


@functools.cache
def reachable(access: str, direction: str) -> tuple[str, ...]:
    """Vessels a lone catheter can reach from the access without needing "via", sorted."""
    anatomy = atlas()
    tree = anatomy.tree_of(access)
    if direction == "antegrade" and tree.kind == "artery":
        pool = anatomy.descendants(access)
    else:
        pool = frozenset(
            v.id
            for v in anatomy
            if anatomy.tree_of(v.id).id == tree.id
            or (tree.kind == "vein" and anatomy.tree_of(v.id).kind == "pulmonary_artery")
        )
    return tuple(
        sorted(v for v in pool if len(anatomy.chains(v)) == 1 and v not in anatomy.made_by)
    )


@st.composite
def arterial_cases(draw: st.DrawFn, max_placements: int = 6) -> dict[str, Any]:
    """One arterial access and up to `max_placements` placements it can reach."""
    access, direction = draw(st.sampled_from(ARTERIAL_ACCESSES), label="access")
    vessels = draw(
        st.lists(st.sampled_from(reachable(access, direction)), max_size=max_placements),
        label="placements",
    )
    return {
        "accesses": [{"id": "A", "vessel": access, "direction": direction}],
        "placements": [{"vessel": v} for v in vessels],
        "options": draw(OPTIONS, label="options"),
    }


@st.composite
def venous_cases(draw: st.DrawFn, max_placements: int = 5) -> dict[str, Any]:
    """One venous access and placements in the systemic veins or pulmonary arteries."""
    access = draw(st.sampled_from(VENOUS_ACCESSES), label="access")
    vessels = draw(
        st.lists(st.sampled_from(reachable(access, "antegrade")), max_size=max_placements),
        label="placements",
    )
    sampled = draw(st.lists(st.booleans(), min_size=len(vessels), max_size=len(vessels)))
    return {
        "accesses": [{"id": "V", "vessel": access}],
        "placements": [{"vessel": v, "sampling": s} for v, s in zip(vessels, sampled, strict=True)],
        "options": draw(OPTIONS, label="options"),
    }


def cases() -> st.SearchStrategy[dict[str, Any]]:
    """Arterial or venous cases."""
    return st.one_of(arterial_cases(), venous_cases())


def mirror_id(vessel_id: str) -> str:
    """The id of the vessel's left/right twin (itself when unpaired: the right colic artery is a
    midline vessel whose twin-looking left colic is another vessel)."""
    if vessel_id in atlas() and atlas().vessel(vessel_id).side == "unpaired":
        return vessel_id
    for side, other in (("left_", "right_"), ("right_", "left_")):
        if vessel_id.startswith(side):
            twin = other + vessel_id[len(side) :]
            return twin if twin in atlas() else vessel_id
    return vessel_id


@functools.cache
def symmetric(vessel_id: str) -> bool:
    """Whether the vessel's twin hangs from the mirrored chain (false for the arch branches)."""
    anatomy = atlas()
    twin = mirror_id(vessel_id)
    if twin == vessel_id and anatomy.vessel(vessel_id).side != "unpaired":
        return False
    mirrored = tuple(mirror_id(v) for v in anatomy.chains(vessel_id)[0])
    return mirrored == anatomy.chains(twin)[0] and all(
        anatomy.relation(a, b) == anatomy.relation(mirror_id(a), mirror_id(b))
        for a, b in zip(
            anatomy.chains(vessel_id)[0], anatomy.chains(vessel_id)[0][1:], strict=False
        )
    )


def mirror_invariant(vessel_id: str) -> bool:
    """Whether mirroring the body maps the vessel onto its twin, or onto itself (a midline vessel
    that hangs from midline vessels only)."""
    anatomy = atlas()
    if anatomy.vessel(vessel_id).side != "unpaired":
        return symmetric(vessel_id)
    # a midline vessel whose branches are all of one side (the innominate: right) has no mirror
    one_sided = len(anatomy.sides_in_subtree(vessel_id)) == 1
    return not one_sided and all(
        anatomy.vessel(v).side == "unpaired" for v in anatomy.chains(vessel_id)[0]
    )


def mirror_case(case: dict[str, Any]) -> dict[str, Any]:
    """The same case on the other side of the body."""
    return {
        **case,
        "accesses": [{**a, "vessel": mirror_id(a["vessel"])} for a in case["accesses"]],
        "placements": [{**p, "vessel": mirror_id(p["vessel"])} for p in case["placements"]],
    }
