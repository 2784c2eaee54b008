"""Seeded generator of realistic cases on the embedded atlas, shared by the benchmarks."""

from __future__ import annotations

import random
from typing import Any

from vascular import Anatomy
from vascular.traversal import position_of

ACCESSES: tuple[tuple[str, str], ...] = (
    ("right_common_femoral_artery", "retrograde"),
    ("left_common_femoral_artery", "retrograde"),
    ("right_radial_artery", "retrograde"),
    ("right_common_femoral_artery", "antegrade"),
    ("right_common_femoral_vein", "antegrade"),
    ("right_internal_jugular_vein", "antegrade"),
)


def realistic_cases(anatomy: Anatomy, count: int, seed: int = 2026) -> list[dict[str, Any]]:
    """`count` cases: one access each, one to six placements it can reach without "via"."""
    rng = random.Random(seed)
    pools: dict[tuple[str, str], list[str]] = {}
    for access, direction in ACCESSES:
        tree = anatomy.tree_of(access)
        if direction == "antegrade" and tree.kind == "artery":
            pool = set(anatomy.descendants(access))
        else:
            kinds = {"vein", "pulmonary_artery"} if tree.kind == "vein" else {tree.kind}
            pool = {v.id for v in anatomy if anatomy.tree_of(v.id).kind in kinds}
        pools[access, direction] = sorted(
            v for v in pool if len(anatomy.chains(v)) == 1 and v not in anatomy.made_by
        )
    asks = {
        v.id
        for v in anatomy
        if (position := position_of(anatomy, v)) is not None and position.true_means == "ask"
    }
    cases = []
    for _ in range(count):
        access, direction = rng.choice(ACCESSES)
        vessels = rng.sample(pools[access, direction], rng.randint(1, 6))
        cases.append(
            {
                "accesses": [{"vessel": access, "direction": direction}],
                "placements": [
                    {"vessel": v, "imaging": v not in asks and rng.random() < 0.3} for v in vessels
                ],
            }
        )
    return cases
