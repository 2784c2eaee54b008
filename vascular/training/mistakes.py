"""Spot-the-error claims: the engine's claim with one deliberate, plausible mistake.

Pure: reads the claim lines and the rule book (side modifiers, the codes table); no I/O. A mistake
swaps the side, changes the units, replaces the code with a near one of the same kind, or drops a
modifier; the claim made is checked to differ from the correct one.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from vascular.anatomy import Anatomy
from vascular.explain import written
from vascular.frozen import record
from vascular.results import CodeLine

__all__ = ["Mistake", "mistakes", "write_line"]


@record
class Mistake:
    """A claim with one wrong line: the lines as shown, the wrong one's number, what is wrong."""

    claim: tuple[str, ...]
    line: int
    what: str


def write_line(anatomy: Anatomy, code: str, modifiers: tuple[str, ...], units: int) -> str:
    """A line as a claim writes it ('+36248-LT x2'), for any code, modifiers and units."""
    label = anatomy.rules.label(code) if code in anatomy.rules.codes else code
    return label + "".join(f"-{m}" for m in modifiers) + (f" x{units}" if units > 1 else "")


_Change = Callable[[CodeLine], tuple[str, str] | None]


def mistakes(lines: tuple[CodeLine, ...], anatomy: Anatomy, rng: random.Random) -> Mistake | None:
    """One wrong line in the claim, drawn with `rng`; None when no change makes a clear mistake."""
    if not lines:
        return None
    correct = [written(line, anatomy) for line in lines]
    sides = dict(anatomy.rules.table("claim").sides)
    other = {sides[a]: sides[b] for a, b in (("right", "left"), ("left", "right")) if a in sides}

    def side(line: CodeLine) -> tuple[str, str] | None:
        if not any(m in other for m in line.modifiers):
            return None
        swapped = tuple(other.get(m, m) for m in line.modifiers)
        return write_line(anatomy, line.code, swapped, line.units), "the wrong side"

    def units(line: CodeLine) -> tuple[str, str] | None:
        code = anatomy.rules.codes.get(line.code)
        if line.units > 1:
            return write_line(anatomy, line.code, line.modifiers, line.units - 1), "too few units"
        if code is not None and code.kind == "add-on":
            return write_line(anatomy, line.code, line.modifiers, 2), "too many units"
        return None

    def near_code(line: CodeLine) -> tuple[str, str] | None:
        code = anatomy.rules.codes.get(line.code)
        if code is None:
            return None
        near = [
            other_code
            for other_code, record_ in anatomy.rules.codes.items()
            if other_code != line.code
            and record_.kind == code.kind
            and abs(int(other_code) - int(line.code)) <= 2
        ]
        if not near:
            return None
        return write_line(anatomy, rng.choice(sorted(near)), line.modifiers, line.units), (
            "the wrong code"
        )

    def drop(line: CodeLine) -> tuple[str, str] | None:
        kept = [m for m in line.modifiers if m not in other]
        if not kept:
            return None
        dropped = rng.choice(kept)
        modifiers = tuple(m for m in line.modifiers if m != dropped)
        return write_line(anatomy, line.code, modifiers, line.units), f"modifier {dropped} missing"

    changes: list[_Change] = [side, units, near_code, drop]
    options: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        for change in changes:
            made = change(line)
            if made is not None and made[0] not in correct:
                options.append((index, *made))
    if not options:
        return None
    index, wrong, what = rng.choice(options)
    claim = list(correct)
    claim[index] = wrong
    return Mistake(tuple(claim), index + 1, what)
