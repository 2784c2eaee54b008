"""Pydantic records that mirror the files in ``anatomy_data/``: one class per kind of record.

Pure data shapes with single-record checks only; checks across records live in `vascular.checks`.
Each field's attribute docstring becomes its description in the generated JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "ClassRecord",
    "PulmonaryLevel",
    "Reattachment",
    "Region",
    "Relation",
    "Side",
    "Territory",
    "TreeKind",
    "TreeRecord",
    "VariantRecord",
    "VesselId",
    "VesselRecord",
    "Vocabulary",
]

VesselId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
"""A stable snake_case slug of the display name: 'Right common femoral artery' ->
``right_common_femoral_artery``."""

Side = Literal["left", "right", "unpaired"]
"""Which paired half of the body the vessel belongs to. ``unpaired``: no left/right twin (aorta,
innominate, celiac trunk, basilar), including vessels of a midline organ whose name carries a side
word
as part of the name (left gastric, right hepatic, right colic)."""

Relation = Literal["branch", "continuation"]
"""``branch`` adds one catheter order; ``continuation`` (same vessel, new name) adds none."""

Region = Literal["thoracic", "abdominal"]
"""Which code series a family uses: thoracic/brachiocephalic or abdominal/pelvic/lower extremity."""

PulmonaryLevel = Literal["lung", "lobar", "segmental", "subsegmental"]
"""Level of a pulmonary artery below the main pulmonary artery: the artery of one lung (right or
left
pulmonary artery), a lobar artery, a segmental artery, or a subsegmental artery."""

Territory = Literal["intracranial", "renal"]
"""An organ territory some codes depend on: inside the skull (+36228), inside the kidney (36253)."""


TreeKind = Literal["artery", "vein", "pulmonary_artery", "portal_vein"]
"""Which vascular system a tree belongs to; each system has its own selectivity rules."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class VesselRecord(_Record):
    """One vessel of the atlas."""

    id: VesselId
    """Stable id; never renamed, since saved cases and other records point at it."""

    name: Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]
    """Display name as a coder writes it, side included: 'Right common femoral artery'."""

    side: Side
    """left, right, or unpaired."""

    parent: VesselId | None = None
    """Id of the vessel this one comes off; only the root of a tree has none."""

    relation: Relation | None = None
    """How this vessel leaves its parent: a branch point, or a continuation under a new name."""

    region: Region
    """thoracic (chest, arms, head and neck) or abdominal (abdomen, pelvis, legs)."""

    aliases: tuple[Annotated[str, StringConstraints(min_length=1)], ...] = ()
    """Other names and abbreviations coders use, without side words."""

    also_fed_by: tuple[VesselId, ...] = ()
    """Vessels that also open into this one at a confluence: a catheter can reach it from them."""

    territory: Territory | None = None
    """The organ territory the vessel lies in, set only where a code depends on it: ``intracranial``
    (branches of the internal carotid and vertebral inside the skull) or ``renal`` (the renal and
    accessory renal arteries and their branches inside the kidney)."""

    pulmonary_level: PulmonaryLevel | None = None
    """For the pulmonary arteries below the main pulmonary artery only: lung, lobar, segmental or
    subsegmental. Recorded, not derived, because lobar trunks do not branch alike on the two
    sides."""

    uberon: Annotated[str, StringConstraints(pattern=r"^UBERON:\d{7}$")] | None = None
    """UBERON identifier, where known."""

    fma: Annotated[str, StringConstraints(pattern=r"^FMA:\d+$")] | None = None
    """Foundational Model of Anatomy identifier, where known."""

    note: str | None = None
    """Provenance and curation decisions, with sources.yaml source ids where a source decided."""

    @model_validator(mode="after")
    def _parent_and_relation_go_together(self) -> Self:
        if (self.parent is None) != (self.relation is None):
            raise ValueError("parent and relation must be given together (only a root has neither)")
        return self


class TreeRecord(_Record):
    """One vascular tree: a root vessel and the non-selective base every family hangs from."""

    id: VesselId
    """Stable id of the tree, e.g. ``systemic_arterial``."""

    name: str
    """Display name."""

    kind: TreeKind
    """The vascular system."""

    root: VesselId
    """The vessel with no parent that every vessel of the tree hangs from."""

    base: tuple[VesselId, ...] = Field(min_length=1)
    """The vessels a catheter occupies non-selectively from any approach (the aorta; the venae cavae
    and the right atrium between them; the main portal vein; the right ventricle and main pulmonary
    artery). They include the root and hang together from it; each vessel off them starts a
    family."""

    description: str = ""
    """What the tree covers and what is non-selective in it."""


class Reattachment(_Record):
    """One vessel moved, with all its branches, under another parent."""

    vessel: VesselId
    """The vessel that arises elsewhere in this variant."""

    parent: VesselId
    """Where it arises in this variant."""

    relation: Relation = "branch"
    """How it leaves its new parent."""


class Connection(_Record):
    """A confluence a construct makes: `vessel` is also reached from `also_fed_by`."""

    vessel: VesselId
    """The vessel reached."""

    also_fed_by: VesselId
    """The vessel it is also reached from (the TIPS tract for the portal vein; the inflow artery
    for a dialysis fistula or graft)."""


class VariantRecord(_Record):
    """A named anatomical variant: a set of re-attachments applied on top of the standard atlas."""

    id: VesselId
    """Stable id of the variant, e.g. ``bovine_arch``."""

    name: Annotated[str, StringConstraints(min_length=3)]
    """Display name."""

    description: str
    """What differs, in plain words, and what it does to catheter orders."""

    kind: Literal["variant", "construct"] = "variant"
    """variant: a congenital difference (vessels arise elsewhere); construct: a connection made by
    a procedure that exists only in some patients (a TIPS, a dialysis fistula or graft). A case
    lists its variants under ``variants`` and its constructs under ``constructs``."""

    reattach: tuple[Reattachment, ...] = ()
    """The vessels that arise elsewhere (a variant moves at least one)."""

    made: tuple[VesselId, ...] = ()
    """For a construct: the vessels it consists of. They exist only in a patient who has it: a
    case that names one of them must list the construct."""

    connects: tuple[Connection, ...] = ()
    """For a construct: the confluences it adds (a vessel also reached from another)."""

    prevalence: str | None = None
    """How common the variant is, with its source, where known."""

    source_ids: tuple[str, ...] = ()
    """Source ids from sources.yaml that discuss the variant."""

    aliases: tuple[Annotated[str, StringConstraints(min_length=1)], ...] = ()
    """What op notes call the variant ('bovine arch', 'arteria lusoria', 'hepatomesenteric trunk'),
    side words included where they are part of the phrase ('replaced right hepatic'). A name
    that reads as one of these, or as a variant word ('replaced', 'accessory', 'aberrant') with a
    vessel the variant moves ('replaced RHA'), reads as this variant."""

    @model_validator(mode="after")
    def _does_something(self) -> Self:
        if self.kind == "variant" and (not self.reattach or self.made or self.connects):
            raise ValueError("a variant moves vessels (reattach) and makes none (made, connects)")
        if self.kind == "construct" and (not self.made or self.reattach):
            raise ValueError("a construct makes vessels (made) and moves none (reattach)")
        return self


class ClassRecord(_Record):
    """A name that stands for several vessels: a class, or a name that could mean one of several.

    A class ('hepatic vein', 'aorta') means any of its members: the engine codes the case with each
    and accepts the class when they all code alike. A name with ``ask`` set ('lower pole renal')
    means one particular member, which the op note must say: it is always an error that lists them.
    """

    name: Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]
    """The name as a coder writes it, without side words: 'hepatic vein', 'segmental renal
    artery'. A side in the text keeps that side's members ('left bronchial')."""

    aliases: tuple[Annotated[str, StringConstraints(min_length=1)], ...] = ()
    """Other ways coders write it (abbreviations, short forms), without side words."""

    members: tuple[VesselId, ...] = Field(min_length=2)
    """The vessels the name stands for, in the order they are offered: vessel ids, or twin keys
    (an id without its ``left_``/``right_`` prefix) standing for both sides' vessels."""

    access: VesselId | None = None
    """The member the name means as an access (the vessel punctured), where it means one: 'femoral
    artery' is the common femoral artery at the groin. Written like a member."""

    ask: bool = False
    """True when the name means one particular member that the op note must name (always asked),
    rather than any member of a class."""

    note: Annotated[str, StringConstraints(min_length=3)]
    """Why these members: the curation decision, with the source id where one
    decided."""

    @model_validator(mode="after")
    def _access_is_a_member(self) -> Self:
        if self.access is not None and self.access not in self.members:
            raise ValueError(f"access {self.access!r} must be one of the members")
        return self


class Vocabulary(_Record):
    """Words coders type that are not vessel names, used to normalise queries."""

    side_words: dict[Literal["left", "right"], tuple[str, ...]]
    """Words and abbreviations that name a side: rt, R, lt, L."""

    side_letters: dict[Literal["left", "right"], str]
    """A single letter glued to an abbreviation that names its side: R in RCFA, L in LSFA."""

    dropped_words: tuple[str, ...] = ()
    """Words that add nothing to a name and are ignored: artery, arteries, a."""

    word_abbreviations: dict[str, str] = {}
    """Abbreviated words and the word they stand for: sup -> superior, ant -> anterior."""

    position_words: tuple[str, ...] = ()
    """Words that place the catheter along a vessel without naming another one (proximal, mid,
    distal, ostial): 'distal SFA' is the superficial femoral artery. Ignored only when the name
    does not read as a vessel with them ('distal basilar' is an alias)."""

    variant_words: tuple[str, ...] = ()
    """Words that mark a variant origin (replaced, accessory, aberrant): 'replaced RHA' names the
    variant that moves the right hepatic artery, when the whole name is not itself a vessel."""

    origin_words: tuple[str, ...] = ()
    """Words that introduce the vessel a variant arises from: 'RHA from SMA', 'left vertebral off
    the arch'."""
