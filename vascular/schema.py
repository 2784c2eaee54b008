"""JSON Schemas of the data files and the case and result contract, generated from the models.

Never written by hand. `generated_schemas` is pure; `write_schemas` and `stale_schemas` touch only
the schema directory they are given. The committed copies let editors validate YAML as people type,
and let other programs validate the cases they send and the results they get (`case.schema.json`,
`result.schema.json`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from vascular.case import Case
from vascular.models import ClassRecord, TreeRecord, VariantRecord, VesselRecord, Vocabulary
from vascular.results import CodingResult
from vascular.rules import CodeRecord, RuleRecord, SourceRecord, Tables

__all__ = ["generated_schemas", "stale_schemas", "write_schemas"]

_FILES: dict[str, tuple[Any, str]] = {
    "vessel-file.schema.json": (TypeAdapter(list[VesselRecord]), "validation"),
    "variant-file.schema.json": (TypeAdapter(list[VariantRecord]), "validation"),
    "tree-file.schema.json": (TypeAdapter(list[TreeRecord]), "validation"),
    "vocabulary.schema.json": (TypeAdapter(Vocabulary), "validation"),
    "class-file.schema.json": (TypeAdapter(list[ClassRecord]), "validation"),
    "code-file.schema.json": (TypeAdapter(list[CodeRecord]), "validation"),
    "rule-file.schema.json": (TypeAdapter(list[RuleRecord]), "validation"),
    "source-file.schema.json": (TypeAdapter(list[SourceRecord]), "validation"),
    "tables.schema.json": (TypeAdapter(Tables), "validation"),
    "case.schema.json": (TypeAdapter(Case), "validation"),
    "result.schema.json": (TypeAdapter(CodingResult), "serialization"),
}


def generated_schemas() -> dict[str, str]:
    """File name -> schema text, exactly as it should be committed."""
    return {
        name: json.dumps(adapter.json_schema(mode=mode), indent=2, sort_keys=True) + "\n"
        for name, (adapter, mode) in _FILES.items()
    }


def write_schemas(schema_dir: Path) -> list[Path]:
    """Write every schema into `schema_dir`; returns the paths written."""
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generated_schemas().items():
        path = schema_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(schema_dir: Path) -> list[str]:
    """Names of the committed schemas that are missing or differ from the models."""
    stale = []
    for name, text in generated_schemas().items():
        path = schema_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
