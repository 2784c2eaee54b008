"""Edits of a case, as pure functions: each returns a new `Case` and never touches the old one.

Textual-free. Cases built here name vessels by id and give every access an id and every placement
its access, so the saved JSON reads the same in `vascular code`. Whether an edited case can be coded
is decided by the library (`tui.screens.main` refuses an edit the engine rejects).
"""

from __future__ import annotations

import string
from typing import Any

from vascular import Access, Case, Direction, Options, Placement, parse_case

__all__ = [
    "add_access",
    "add_placement",
    "move_placement",
    "next_access_id",
    "remove_access",
    "remove_placement",
    "rename",
    "set_access_of",
    "set_imaging",
    "set_options",
    "set_variants",
    "toggle_sampling",
]


def _rebuild(
    case: Case,
    *,
    accesses: list[Access] | None = None,
    placements: list[Placement] | None = None,
    variants: list[str] | None = None,
    options: Options | None = None,
    name: str | None = None,
    renamed: bool = False,
) -> Case:
    """The case with some parts replaced, validated again (an empty case stays unvalidated)."""
    new_accesses = list(case.accesses) if accesses is None else accesses
    new_placements = list(case.placements) if placements is None else placements
    new_variants = list(case.variants) if variants is None else variants
    new_options = case.options if options is None else options
    new_name = name if renamed else case.name
    built = Case(
        name=new_name,
        accesses=tuple(new_accesses),
        placements=tuple(new_placements),
        variants=tuple(new_variants),
        options=new_options,
    )
    if not new_accesses:
        return built
    return parse_case(built.to_json())


def next_access_id(case: Case) -> str:
    """The next free access id: A, B, C..."""
    used = {access.id for access in case.accesses}
    return next(letter for letter in string.ascii_uppercase if letter not in used)


def add_access(case: Case, vessel: str, direction: Direction | None = None) -> Case:
    """A new puncture, with the next free id."""
    access = Access(id=next_access_id(case), vessel=vessel, direction=direction)
    return _rebuild(case, accesses=[*case.accesses, access])


def remove_access(case: Case, access_id: str) -> Case:
    """Remove a puncture and every placement made through it."""
    return _rebuild(
        case,
        accesses=[a for a in case.accesses if a.id != access_id],
        placements=[p for p in case.placements if p.access != access_id],
    )


def add_placement(case: Case, vessel: str, access_id: str) -> Case:
    """A new catheter position, last in the order performed."""
    placement = Placement(vessel=vessel, access=access_id)
    return _rebuild(case, placements=[*case.placements, placement])


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


def set_access_of(case: Case, index: int, access_id: str) -> Case:
    """Say a placement was made through another access."""
    placements = list(case.placements)
    placements[index] = placements[index].replace(access=access_id)
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
