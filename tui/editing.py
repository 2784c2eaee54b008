"""Edits of a case, as pure functions: each returns a new `Case` and never touches the old one.

Textual-free. Cases built here name vessels by id and give every access an id and every placement
its access, so the saved JSON reads the same in `vascular code`. Whether an edited case can be coded
is decided by the library (`tui.screens.main` refuses an edit the engine rejects).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from vascular import Access, Case, Direction, Intervention, Options, Placement, parse_case

__all__ = [
    "CaseSettings",
    "access_id",
    "access_ids",
    "add_access",
    "add_intervention",
    "add_placement",
    "move_placement",
    "next_access_id",
    "remove_access",
    "remove_intervention",
    "remove_placement",
    "rename",
    "replace_access",
    "replace_intervention",
    "replace_vessel",
    "set_access_of",
    "set_claim",
    "set_constructs",
    "set_imaging",
    "set_options",
    "set_variants",
    "toggle_sampling",
]


@dataclass(frozen=True)
class CaseSettings:
    """What the settings dialog (F2) sets, all saved with the case."""

    name: str | None
    options: Options
    variants: list[str]
    constructs: list[str]
    date_of_service: str | None = None
    """The date of service, for the NCCI check (YYYY-MM-DD)."""
    setting: str | None = None
    """Whose claim, for the NCCI check: practitioner or hospital (None: practitioner)."""
    claim_codes: tuple[dict[str, Any], ...] = ()
    """The other codes on the same claim, as case JSON."""


def _rebuild(
    case: Case,
    *,
    accesses: list[Access] | None = None,
    placements: list[Placement] | None = None,
    variants: list[str] | None = None,
    options: Options | None = None,
    name: str | None = None,
    renamed: bool = False,
    constructs: list[str] | None = None,
    interventions: list[Intervention] | None = None,
) -> Case:
    """The case with some parts replaced, validated again (an empty case stays unvalidated).

    Every field not named here (the note, the billed lines, the other claim codes, the date of
    service and the setting) is kept as it is: an edit never drops what the case file held.
    """
    new_accesses = list(case.accesses) if accesses is None else accesses
    new_placements = list(case.placements) if placements is None else placements
    new_variants = list(case.variants) if variants is None else variants
    built = case.replace(
        name=name if renamed else case.name,
        accesses=tuple(new_accesses),
        placements=tuple(new_placements),
        variants=tuple(new_variants),
        options=case.options if options is None else options,
        constructs=tuple(case.constructs if constructs is None else constructs),
        interventions=tuple(case.interventions if interventions is None else interventions),
    )
    if not new_accesses:
        return built
    return parse_case(built.to_json())


def access_id(access: Access) -> str:
    """An access's id; a single access may leave it out, and is then "A"."""
    return access.id or "A"


def access_ids(case: Case) -> list[str]:
    """The id of every access, in order ("A" for a single access without one)."""
    return [access_id(access) for access in case.accesses]


def next_access_id(case: Case) -> str:
    """The next free access id: A, B, C..."""
    used = set(access_ids(case))
    return next(letter for letter in string.ascii_uppercase if letter not in used)


def _named(case: Case) -> Case:
    """The case with every access named and every placement saying its access.

    A single access may leave out its id and its placements their access; a second access needs
    both, so they are filled in before one is added.
    """
    if (
        all(access.id for access in case.accesses)
        and all(p.access for p in case.placements)
        and all(i.access for i in case.interventions)
    ):
        return case
    only = access_ids(case)[0] if len(case.accesses) == 1 else None
    return case.replace(
        accesses=tuple(
            Access(id=access_id(a), vessel=a.vessel, direction=a.direction) for a in case.accesses
        ),
        placements=tuple(p.replace(access=p.access or only) for p in case.placements),
        interventions=tuple(
            Intervention(
                code=i.code,
                vessel=i.vessel,
                access=i.access or only,
                units=i.units,
                diagnostic=i.diagnostic,
            )
            for i in case.interventions
        ),
    )


def add_access(case: Case, vessel: str, direction: Direction | None = None) -> Case:
    """A new puncture, with the next free id."""
    case = _named(case)
    access = Access(id=next_access_id(case), vessel=vessel, direction=direction)
    return _rebuild(case, accesses=[*case.accesses, access])


def remove_access(case: Case, removed: str) -> Case:
    """Remove a puncture and every placement made through it (an access without id is "A")."""
    case = _named(case)
    return _rebuild(
        case,
        accesses=[a for a in case.accesses if a.id != removed],
        placements=[p for p in case.placements if p.access != removed],
        interventions=[i for i in case.interventions if i.access != removed],
    )


def add_placement(case: Case, vessel: str, access: str) -> Case:
    """A new catheter position, last in the order performed, through the access `access`."""
    case = _named(case)
    placement = Placement(vessel=vessel, access=access)
    return _rebuild(case, placements=[*case.placements, placement])


def replace_vessel(case: Case, index: int, vessel: str) -> Case:
    """Say which vessel a placement entered (a name that did not read, fixed by the coder)."""
    placements = list(case.placements)
    placements[index] = placements[index].replace(vessel=vessel)
    return _rebuild(case, placements=placements)


def replace_access(case: Case, index: int, vessel: str, direction: Direction | None) -> Case:
    """Say which vessel an access punctured, and the direction (its id and placements stay)."""
    accesses = list(case.accesses)
    accesses[index] = Access(id=accesses[index].id, vessel=vessel, direction=direction)
    return _rebuild(case, accesses=accesses)


def remove_placement(case: Case, index: int) -> Case:
    """Remove one placement."""
    return _rebuild(case, placements=[p for i, p in enumerate(case.placements) if i != index])


def move_placement(case: Case, index: int, step: int) -> Case:
    """Move a placement earlier (step -1) or later (step 1) in the order performed."""
    placements = list(case.placements)
    target = index + step
    if not 0 <= target < len(placements):
        return case
    placements[index], placements[target] = placements[target], placements[index]
    return _rebuild(case, placements=placements)


def set_imaging(case: Case, index: int, imaging: bool | list[str]) -> Case:
    """Set what diagnostic imaging from a placement showed."""
    placements = list(case.placements)
    value: Any = imaging if isinstance(imaging, bool) else (imaging or False)
    placements[index] = placements[index].replace(imaging=value)
    return _rebuild(case, placements=placements)


def toggle_sampling(case: Case, index: int) -> Case:
    """Turn organ blood sampling from a placement on or off."""
    placements = list(case.placements)
    current = placements[index]
    placements[index] = current.replace(sampling=not current.sampling)
    return _rebuild(case, placements=placements)


def set_access_of(case: Case, index: int, access: str) -> Case:
    """Say a placement was made through another access."""
    case = _named(case)
    placements = list(case.placements)
    placements[index] = placements[index].replace(access=access)
    return _rebuild(case, placements=placements)


def set_options(case: Case, options: Options) -> Case:
    """Change the policy options."""
    return _rebuild(case, options=options)


def set_variants(case: Case, variants: list[str]) -> Case:
    """Change the patient's anatomical variants."""
    return _rebuild(case, variants=variants)


def rename(case: Case, name: str | None) -> Case:
    """Give the case a name (or none)."""
    return _rebuild(case, name=name or None, renamed=True)


def add_intervention(case: Case, intervention: Intervention) -> Case:
    """A treatment done at the session, last in the order performed (its access named)."""
    case = _named(case)
    return _rebuild(case, interventions=[*case.interventions, intervention])


def replace_intervention(case: Case, index: int, intervention: Intervention) -> Case:
    """Say again what one intervention was (its code, vessel, access, units, diagnostic study)."""
    interventions = list(case.interventions)
    interventions[index] = intervention
    return _rebuild(case, interventions=interventions)


def remove_intervention(case: Case, index: int) -> Case:
    """Remove one intervention; the placements it included code on their own again."""
    return _rebuild(case, interventions=[x for i, x in enumerate(case.interventions) if i != index])


def set_constructs(case: Case, constructs: list[str]) -> Case:
    """Change the connections made by earlier procedures (a TIPS, a dialysis fistula or graft)."""
    return _rebuild(case, constructs=constructs)


def set_claim(
    case: Case,
    date_of_service: str | None,
    setting: str | None,
    claim_codes: list[dict[str, Any]],
) -> Case:
    """The claim the NCCI check reads: the date of service, the setting, the other claim codes.

    Raises:
        CaseError: a field the library refuses (a date that is not one, a code that is not five
            characters), each problem naming its field.
    """
    fields = {"date_of_service": date_of_service, "setting": setting, "claim_codes": claim_codes}
    # an empty case is not a valid one (it has no access): check the fields on a stand-in
    base = case.to_json() if case.accesses else {"accesses": [{"vessel": "stand-in"}]}
    checked = parse_case({**base, **fields})
    return case.replace(
        date_of_service=checked.date_of_service,
        setting=checked.setting,
        claim_codes=checked.claim_codes,
    )
