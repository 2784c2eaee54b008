"""The glossary: every rule and source the rationale cites, and the words charts and reasons use.

Rules and sources come from the rule book (so a new rule is in the glossary the day it is added);
the terms are this project's own short definitions. Pure; no I/O.
"""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Sequence
from typing import Any

from vascular.errors import VascularError
from vascular.frozen import record
from vascular.rulebook import RuleBook

__all__ = [
    "TERMS",
    "GlossaryEntry",
    "GlossaryLookupError",
    "glossary_entries",
    "glossary_lookup",
    "glossary_text",
]

TERMS: dict[str, tuple[str, str]] = {
    "order": (
        "Order",
        "How many branchings the catheter tip is from the trunk it travelled: the first vessel "
        "off the trunk is first order, a branch of that second order, and so on. A continuation "
        "(the same vessel under a new name, the external iliac becoming the common femoral) keeps "
        "the order. Third order and beyond share one code; further branches in the family are "
        "add-ons.",
    ),
    "family": (
        "Family (vascular family)",
        "The vessels reached through one first-order vessel off the trunk, named after it (the "
        "celiac trunk family). A family is coded once, at the highest order reached in it, plus "
        "add-ons for further branches; each other family is coded again.",
    ),
    "selective": (
        "Selective",
        "The catheter tip is placed in a branch off the trunk it travelled, so the code depends "
        "on the family and the order reached (or, in the pulmonary arteries and the veins, on "
        "the level reached).",
    ),
    "non-selective": (
        "Non-selective",
        "The catheter tip stays in the vessel punctured or in the trunk it travels (the aorta, "
        "the vena cava) without entering a branch. An access with no selective placement takes "
        "one non-selective code; a selective code of the same access includes the non-selective "
        "catheter work.",
    ),
    "add-on": (
        "Add-on code",
        "A code written with a plus sign that is reported only with its primary code, never "
        "alone: for each further second- or third-order branch of a family already coded, or "
        "for an additional vessel or territory of a hierarchy.",
    ),
    "imaging-inclusive": (
        "Imaging-inclusive code",
        "A code whose value includes the diagnostic angiography and its interpretation done from "
        "the catheter position (the cervicocerebral codes for the carotid and vertebral "
        "hierarchies, and the renal angiography codes). Where imaging is done, it replaces the "
        "generic selective code of the same position; a family chart shows it in its 'with "
        "imaging' column.",
    ),
    "access": (
        "Access",
        "One puncture: the vessel the needle entered and the way the catheter headed (toward the "
        "heart unless recorded as antegrade). Order is counted from the access's trunk.",
    ),
    "trunk": (
        "Trunk",
        "The vessels a catheter travels from the puncture before it turns into a branch: from a "
        "retrograde femoral puncture, the iliac arteries and the aorta. Positions on the trunk "
        "are non-selective.",
    ),
    "via": (
        "Via (way in)",
        "A vessel the catheter went through, recorded where a position can be reached two ways "
        "that code differently (the basilar artery from the right or the left vertebral).",
    ),
    "leaf": (
        "End branch (leaf)",
        "A vessel of the atlas with no branches of its own; charts draw it as a ring.",
    ),
}
"""The words the charts and the reasons use, by id: (title, definition), in the project's words."""


class GlossaryLookupError(VascularError):
    """No glossary entry has the id or the words asked for."""


@record
class GlossaryEntry:
    """One entry: a term, a rule or a source."""

    id: str
    kind: str
    """term, rule or source."""
    title: str
    text: str
    see: tuple[str, ...] = ()
    """Related ids: a rule's sources, the rules citing a source."""
    url: str = ""
    section: str = ""
    """For a rule: its section of the project's reference (docs/reference)."""

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "see": list(self.see),
            "url": self.url,
            "section": self.section,
        }


def glossary_entries(rules: RuleBook) -> tuple[GlossaryEntry, ...]:
    """Every entry: the terms, then each rule, then each source, in the rule book's order."""
    cited: dict[str, list[str]] = {}
    for rule in rules.rules.values():
        for source_id in rule.sources:
            cited.setdefault(source_id, []).append(rule.id)
    entries = [GlossaryEntry(key, "term", title, text) for key, (title, text) in TERMS.items()]
    entries += [
        GlossaryEntry(
            rule.id, "rule", rule.title, rule.statement, rule.sources, section=rule.section
        )
        for rule in rules.rules.values()
    ]
    for source in rules.sources.values():
        citing = tuple(cited.get(source.id, ()))
        text = (
            "Cited for: " + "; ".join(rules.rules[r].title for r in citing) + "."
            if citing
            else "Listed in the project's sources; no rule cites it yet."
        )
        entries.append(GlossaryEntry(source.id, "source", source.title, text, citing, source.url))
    return tuple(entries)


def glossary_lookup(entries: Sequence[GlossaryEntry], query: str) -> tuple[GlossaryEntry, ...]:
    """The entry with the id `query` (any case), or else those whose id or title has its words.

    Raises:
        GlossaryLookupError: nothing matches; the message offers the closest ids.
    """
    wanted = query.strip().lower()
    plain = " ".join(wanted.replace("-", " ").split())
    exact = tuple(entry for entry in entries if entry.id.lower().replace("-", " ") == plain)
    if exact:
        return exact
    words = wanted.replace("-", " ").split()
    found = tuple(
        entry
        for entry in entries
        if words and all(w in f"{entry.id} {entry.title}".lower().replace("-", " ") for w in words)
    )
    if found:
        return found
    ids = {entry.id.lower(): entry.id for entry in entries}
    close = [ids[i] for i in difflib.get_close_matches(wanted, list(ids), n=3)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'vascular glossary' lists them"
    raise GlossaryLookupError(f"the glossary has no entry {query!r}{hint}")


def glossary_text(entries: Sequence[GlossaryEntry], width: int = 96) -> str:
    """The entries as text: id, kind and title, then the definition and what it relates to."""
    blocks = []
    for entry in entries:
        lines = [f"{entry.id} ({entry.kind}): {entry.title}"]
        lines += textwrap.wrap(entry.text, width, initial_indent="  ", subsequent_indent="  ")
        if entry.url:
            lines.append(f"  {entry.url}")
        if entry.kind == "rule":
            lines.append(f"  sources: {', '.join(entry.see)}; reference {entry.section}")
        elif entry.see:
            lines.append(f"  cited by: {', '.join(entry.see)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
