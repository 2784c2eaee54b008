"""What the app says about interventions: the codes the engine knows, each row, each absorbed line.

Textual-free. The codes, their families, scopes, territories and sources are the library's table
(`vascular.intervention_report`), and the reasons a diagnostic study may give are its table too
(`vascular.diagnostic_reasons`); nothing here decides what an intervention includes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from vascular import (
    Anatomy,
    Diagnostic,
    IncludedLine,
    Intervention,
    diagnostic_reasons,
    intervention_report,
)

__all__ = [
    "Answer",
    "KnownCode",
    "code_entries",
    "diagnostic_of",
    "diagnostic_words",
    "find_code",
    "included_rationale",
    "known_codes",
    "reasons",
    "row_reading",
]

MATCHES = 8
"""How many codes the dialog lists for what was typed."""

Answer = Literal["unstated", "yes", "no"]
"""Whether the diagnostic study qualifies: not stated (the reason decides), yes, no."""

_SCOPES = {
    "all": "all the catheter work of its access",
    "territory": "the catheter work in its territory and on the way",
    "non-selective": "only the non-selective catheter codes",
    "none": "no catheter work",
}


@dataclass(frozen=True)
class KnownCode:
    """One intervention code of the library's table."""

    code: str
    label: str
    """As the claim writes it (add-ons with a plus sign)."""
    family: str
    """The family's plain name."""
    scope: str
    territory: str
    summary: str
    deleted: bool
    replaced_by: str | None
    sources: tuple[str, ...]
    section: str
    """Its section of the project's reference."""

    @property
    def title(self) -> str:
        """One line for a match list: '37191  all  Vena cava filter insertion...'."""
        retired = f"  [deleted: {self.replaced_by}]" if self.deleted else ""
        return f"{self.label:<6}  {self.scope:<13}  {self.family}{retired}"

    @property
    def scope_words(self) -> str:
        """What the code includes, in words, with its territory."""
        where = f" ({self.territory})" if self.territory else ""
        return f"{_SCOPES.get(self.scope, self.scope)}{where}"


_KNOWN: dict[int, tuple[Anatomy, tuple[KnownCode, ...]]] = {}


def known_codes(anatomy: Anatomy) -> tuple[KnownCode, ...]:
    """Every intervention code the engine knows, in the table's order (read once per atlas)."""
    kept = _KNOWN.get(id(anatomy))
    if kept is not None and kept[0] is anatomy:
        return kept[1]
    report = intervention_report(anatomy, None)
    rows: list[dict[str, Any]] = report[0]["interventions"] if report else []
    codes = tuple(
        KnownCode(
            row["code"],
            row["label"],
            row["family_name"],
            row["scope"],
            " or ".join(row["territory"]),
            row["summary"],
            row["status"] == "deleted",
            row["replaced_by"],
            tuple(row["sources"]),
            row["section"],
        )
        for row in rows
    )
    _KNOWN[id(anatomy)] = (anatomy, codes)
    return codes


def find_code(anatomy: Anatomy, code: str) -> KnownCode | None:
    """The known code `code` ('+36907' or '36907'), if the engine knows it."""
    wanted = code.strip().lstrip("+")
    return next((known for known in known_codes(anatomy) if known.code == wanted), None)


def code_entries(anatomy: Anatomy, text: str, limit: int = MATCHES) -> tuple[KnownCode, ...]:
    """The codes for what was typed: the digits a code starts with, or words of its family.

    Current codes come before deleted ones; an empty text lists none.
    """
    typed = text.strip().lstrip("+").lower()
    if not typed:
        return ()
    words = typed.split()
    found = [
        known
        for known in known_codes(anatomy)
        if known.code.startswith(typed)
        or all(any(w.startswith(t) for w in known.family.lower().split()) for t in words)
    ]
    found.sort(key=lambda known: known.deleted)
    return tuple(found[:limit])


def diagnostic_of(reason: str | None, answer: Answer) -> Diagnostic | None:
    """The diagnostic study as the case records it; None when no study is claimed."""
    if not reason:
        return None
    qualifies = {"unstated": None, "yes": True, "no": False}[answer]
    return Diagnostic(reason=reason, qualifies=qualifies)


def reasons(anatomy: Anatomy) -> tuple[tuple[str, bool, str], ...]:
    """The reasons a case may give for a diagnostic study: (id, qualifies, meaning)."""
    return diagnostic_reasons(anatomy)


def diagnostic_words(diagnostic: Diagnostic | None) -> str:
    """The diagnostic answer in a few words: 'no study', 'no-prior-study: yes'."""
    if diagnostic is None:
        return "no study"
    answer = {None: "not stated", True: "yes", False: "no"}[diagnostic.qualifies]
    return f"{diagnostic.reason}: {answer}"


def row_reading(anatomy: Anatomy, intervention: Intervention) -> str:
    """The case list's reading of an intervention: '37191 x1 · vena cava filter ... · no study'."""
    known = find_code(anatomy, intervention.code)
    label = known.label if known else intervention.code
    family = f" · {known.family}" if known else ""
    return f"{label} x{intervention.units} · {diagnostic_words(intervention.diagnostic)}{family}"


def included_rationale(anatomy: Anatomy, line: IncludedLine) -> tuple[str, list[str]]:
    """The reasoning panel for a catheter line an intervention includes."""
    known = find_code(anatomy, line.included_in)
    label = known.label if known else line.included_in
    title = f"{line.code} not on the claim: included in {label}"
    reasons = [line.reason] if line.reason else []
    if known is not None:
        reasons.append(f"{label} ({known.family}) includes {known.scope_words}.")
        reasons.append(f"Sources: {', '.join(known.sources)}; reference section {known.section}.")
    where = f"access {line.access}" if line.access else "the case"
    reasons.append(f"It would be the line of {where} without the intervention.")
    return title, reasons
