"""The table sections the engine reads, and compiling them against an anatomy.

Each code family declares the shape of its section; the tracer and the claim settlement have one
each. The loader validates every section with its shape and compiles the rule book with
`compile_rules`, which an `Anatomy` also calls for a variant build. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.coding.claim import ClaimTable
from vascular.coding.families import FAMILIES
from vascular.contract import REQUIRED, shape, spec
from vascular.rulebook import RuleBook, RuleData
from vascular.traversal import TracingTable, compile_tracing

__all__ = ["FILE_SECTIONS", "SECTIONS", "NamingTable", "compile_rules"]


@shape
class NamingTable:
    """Section ``naming`` of tables.yaml: how a case's names were read."""

    rule: str = spec(
        default=REQUIRED, ref="rule", doc="The rule a name reading's note and a class choice cite."
    )
    construct_rule: str = spec(
        default=REQUIRED, ref="rule", doc="The rule of a made vessel named without its construct."
    )


FILE_SECTIONS: Mapping[str, str] = {
    family_id: file
    for family_id, family in FAMILIES.items()
    if (file := getattr(family, "file", None)) is not None
}
"""Family tables kept in a file of their own in ``rules/`` (section name -> file name)."""

SECTIONS: Mapping[str, type] = {
    "tracing": TracingTable,
    "claim": ClaimTable,
    "naming": NamingTable,
    **{family_id: family.table for family_id, family in FAMILIES.items() if family.table},
}
"""Every table section besides ``families``, with its shape: in tables.yaml, or in its own file
(`FILE_SECTIONS`)."""


def compile_rules(data: RuleData, anatomy: Anatomy) -> RuleBook:
    """The rule book with every section compiled for `anatomy`."""
    tables: dict[str, Any] = {}
    for name, section in data.sections.items():
        if name == "tracing":
            tables[name] = compile_tracing(section, anatomy)
        elif name in FAMILIES:
            tables[name] = FAMILIES[name].compile(section, anatomy)
        else:
            tables[name] = section
    # the tracing table is read while the rule book is being compiled (it needs only the anatomy)
    return RuleBook.from_data(data, tables)
