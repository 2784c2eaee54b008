"""What NCCI's indicators mean, and which modifiers CMS associates with a PTP edit's bypass.

Pure constants and functions; no I/O. Sources (docs/ncci.md): the NCCI Policy Manual for Medicare
Services, chapter I, "Modifiers and Modifier Indicators" (the list of NCCI PTP-associated
modifiers), as reproduced by findacode's NCCI modifier page and the Texas Medical Association; CMS's
MUE page for the adjudication indicators. The words are this project's summaries.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "ANATOMIC_MODIFIERS",
    "GLOBAL_SURGERY_MODIFIERS",
    "MUE_INDICATOR_MEANINGS",
    "OTHER_BYPASS_MODIFIERS",
    "PTP_ASSOCIATED_MODIFIERS",
    "PTP_INDICATOR_MEANINGS",
    "bypass_modifiers",
]

ANATOMIC_MODIFIERS = frozenset(
    [
        *("E1", "E2", "E3", "E4", "FA", *(f"F{i}" for i in range(1, 10))),
        *("TA", *(f"T{i}" for i in range(1, 10))),
        *("LT", "RT", "LC", "LD", "RC", "LM", "RI"),
    ]
)
"""Anatomic modifiers: eyelids, fingers, toes, sides, coronary arteries."""

GLOBAL_SURGERY_MODIFIERS = frozenset(["24", "25", "57", "58", "78", "79"])
"""Global surgery modifiers."""

OTHER_BYPASS_MODIFIERS = frozenset(["27", "59", "91", "XE", "XS", "XP", "XU"])
"""The other NCCI PTP-associated modifiers (59 and its X{EPSU} subsets among them)."""

PTP_ASSOCIATED_MODIFIERS = ANATOMIC_MODIFIERS | GLOBAL_SURGERY_MODIFIERS | OTHER_BYPASS_MODIFIERS
"""Every modifier that may, under appropriate clinical circumstances, bypass a PTP edit whose
modifier indicator is 1."""

PTP_INDICATOR_MEANINGS = {
    0: "not allowed: no modifier bypasses this edit; the column 2 code is not paid with the "
    "column 1 code",
    1: "allowed: an NCCI PTP-associated modifier on the column 2 line bypasses the edit, when the "
    "services really were distinct",
    9: "not applicable: CMS marks the edit as not applying",
}
"""The PTP modifier indicator (the file's 0=not allowed, 1=allowed, 9=not applicable)."""

MUE_INDICATOR_MEANINGS = {
    1: "line edit: each claim line's units are checked against the MUE on their own",
    2: "date of service edit, policy: the units on all of the day's lines are added up; units "
    "above the MUE are denied and CMS policy allows no exception",
    3: "date of service edit, clinical: the units on all of the day's lines are added up; units "
    "above the MUE are denied, but may be paid on appeal with documentation of medical necessity",
}
"""The MUE adjudication indicator (MAI)."""


def bypass_modifiers(
    column2_modifiers: Iterable[str], column1_modifiers: Iterable[Iterable[str]]
) -> tuple[str, ...]:
    """The modifiers on a column-2 line that bypass an indicator-1 edit, in claim order.

    A non-anatomic associated modifier (59, XS, 25 ...) bypasses on its own. An anatomic one (RT,
    LT ...) names a different site only when no column-1 line carries the same one: 36245-RT with
    36246-RT is the same side.

    Args:
        column2_modifiers: the modifiers of the column-2 line.
        column1_modifiers: the modifiers of each line that carries the column-1 code.
    """
    on_column1 = {m for line in column1_modifiers for m in line}
    found = []
    for modifier in column2_modifiers:
        if modifier in ANATOMIC_MODIFIERS:
            if modifier not in on_column1:
                found.append(modifier)
        elif modifier in PTP_ASSOCIATED_MODIFIERS:
            found.append(modifier)
    return tuple(found)
