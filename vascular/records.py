"""The atlas's records as the engine uses them: plain frozen dataclasses, cheap to load.

The files in ``anatomy_data/`` are validated by the pydantic models of `vascular.models` when the
atlas is built; the build keeps the records in these forms, so loading a cached build needs neither
pydantic nor networkx. Field meanings are those of the models (and of anatomy_data/README.md). No
I/O.
"""

from __future__ import annotations

from typing import Any, Literal

from vascular.frozen import record, replace

__all__ = [
    "NameClass",
    "PulmonaryLevel",
    "Reattachment",
    "Region",
    "Relation",
    "Side",
    "Territory",
    "Tree",
    "TreeKind",
    "Variant",
    "Vessel",
]

Side = Literal["left", "right", "unpaired"]
"""Which paired half of the body the vessel belongs to."""

Relation = Literal["branch", "continuation"]
"""``branch`` adds one catheter order; ``continuation`` (same vessel, new name) adds none."""

Region = Literal["thoracic", "abdominal"]
"""Which code series a family uses: thoracic/brachiocephalic or abdominal/pelvic/lower extremity."""

PulmonaryLevel = Literal["lung", "lobar", "segmental", "subsegmental"]
"""Level of a pulmonary artery below the main pulmonary artery."""

Territory = Literal["intracranial", "renal"]
"""An organ territory some codes depend on."""

TreeKind = Literal["artery", "vein", "pulmonary_artery", "portal_vein"]
"""Which vascular system a tree belongs to; each system has its own selectivity rules."""


@record
class Vessel:
    """One vessel of the atlas (see `vascular.models.VesselRecord` for each field)."""

    id: str
    name: str
    side: Side
    region: Region
    parent: str | None = None
    relation: Relation | None = None
    aliases: tuple[str, ...] = ()
    also_fed_by: tuple[str, ...] = ()
    territory: Territory | None = None
    pulmonary_level: PulmonaryLevel | None = None
    uberon: str | None = None
    fma: str | None = None
    note: str | None = None

    def moved(self, parent: str, relation: Relation) -> Vessel:
        """The same vessel arising elsewhere (a variant)."""
        return Vessel(
            self.id,
            self.name,
            self.side,
            self.region,
            parent,
            relation,
            self.aliases,
            self.also_fed_by,
            self.territory,
            self.pulmonary_level,
            self.uberon,
            self.fma,
            self.note,
        )

    def fed_by(self, *feeders: str) -> Vessel:
        """The same vessel also reached from `feeders` (a construct's confluence)."""
        return replace(self, also_fed_by=(*self.also_fed_by, *feeders))

    def to_json(self) -> dict[str, Any]:
        """The record as JSON, every field."""
        return {
            "id": self.id,
            "name": self.name,
            "side": self.side,
            "parent": self.parent,
            "relation": self.relation,
            "region": self.region,
            "aliases": list(self.aliases),
            "also_fed_by": list(self.also_fed_by),
            "territory": self.territory,
            "pulmonary_level": self.pulmonary_level,
            "uberon": self.uberon,
            "fma": self.fma,
            "note": self.note,
        }


@record
class NameClass:
    """A name that stands for several vessels (see `vascular.models.ClassRecord`)."""

    name: str
    members: tuple[str, ...]
    note: str
    aliases: tuple[str, ...] = ()
    access: str | None = None
    ask: bool = False


@record
class Tree:
    """One vascular tree: its root and the non-selective base every family hangs from."""

    id: str
    name: str
    kind: TreeKind
    root: str
    base: tuple[str, ...]
    description: str = ""


@record
class Reattachment:
    """One vessel moved, with all its branches, under another parent."""

    vessel: str
    parent: str
    relation: Relation = "branch"


@record
class Variant:
    """A named anatomical variant: re-attachments applied on top of the standard atlas."""

    id: str
    name: str
    description: str
    reattach: tuple[Reattachment, ...]
    prevalence: str | None = None
    source_ids: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str = "variant"
    """variant (congenital) or construct (made by a procedure)."""
    made: tuple[str, ...] = ()
    """For a construct: the vessels it consists of (they exist only with it)."""
    connects: tuple[tuple[str, str], ...] = ()
    """For a construct: (vessel, also fed by) confluences it adds."""

    def to_json(self) -> dict[str, Any]:
        """The variant as JSON."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "reattach": [
                {"vessel": m.vessel, "parent": m.parent, "relation": m.relation}
                for m in self.reattach
            ],
            "prevalence": self.prevalence,
            "source_ids": list(self.source_ids),
            "aliases": list(self.aliases),
            "kind": self.kind,
            "made": list(self.made),
            "connects": [{"vessel": v, "also_fed_by": f} for v, f in self.connects],
        }
