"""JSON Schemas of the data files and of the JSON contract, generated, never written by hand.

The data-file schemas come from the pydantic records (`vascular.models`, `vascular.rules`); the
case, the result, the table sections and the other JSON the command line prints come from their
shapes (`vascular.contract`), with the option values taken from the rule tables. `generated_schemas`
is pure apart from loading the embedded atlas; `write_schemas` and `stale_schemas` touch only the
schema directory they are given. Every schema carries ``$schema`` and ``$id``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Case, Options
from vascular.coding.registry import SECTIONS
from vascular.contract import json_schema
from vascular.loading import load_anatomy
from vascular.reports import REPORT_SHAPES
from vascular.results import CodingResult

__all__ = ["SCHEMA_BASE", "generated_schemas", "stale_schemas", "write_schemas"]

SCHEMA_BASE = "urn:vascular-coding:schema:"
"""Prefix of every schema's ``$id``; the file name follows."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _pydantic_schemas() -> dict[str, dict[str, Any]]:
    from pydantic import TypeAdapter

    from vascular.models import ClassRecord, TreeRecord, VariantRecord, VesselRecord, Vocabulary
    from vascular.rules import CodeRecord, OptionRecord, RuleRecord, SourceRecord

    adapters: dict[str, Any] = {
        "vessel-file.schema.json": TypeAdapter(list[VesselRecord]),
        "variant-file.schema.json": TypeAdapter(list[VariantRecord]),
        "tree-file.schema.json": TypeAdapter(list[TreeRecord]),
        "vocabulary.schema.json": TypeAdapter(Vocabulary),
        "class-file.schema.json": TypeAdapter(list[ClassRecord]),
        "code-file.schema.json": TypeAdapter(list[CodeRecord]),
        "rule-file.schema.json": TypeAdapter(list[RuleRecord]),
        "source-file.schema.json": TypeAdapter(list[SourceRecord]),
        "option-file.schema.json": TypeAdapter(list[OptionRecord]),
    }
    return {
        name: {"$schema": _DRAFT, "$id": SCHEMA_BASE + name, **adapter.json_schema()}
        for name, adapter in adapters.items()
    }


def _option_hook(anatomy: Anatomy) -> Any:
    def hook(cls: type, name: str, schema: dict[str, Any]) -> None:
        if cls is Options and name in anatomy.rules.options:
            option = anatomy.rules.options[name]
            schema.pop("anyOf", None)
            schema["enum"] = [*option.choices, None]
            schema["default"] = None
            schema["description"] += (
                f" Left out (null): {option.default!r}. Choices: "
                + "; ".join(f"{c.value!r}: {c.means}" for c in option.choices.values())
                + "."
            )

    return hook


def _tables_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {
        "families": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The code families in precedence order.",
        }
    }
    for name, shape in SECTIONS.items():
        section = json_schema(shape, schema_id=SCHEMA_BASE + f"tables.{name}")
        defs.update(section.pop("$defs", {}))
        defs[shape.__module__.rsplit(".", 1)[-1] + "." + shape.__name__] = {
            k: v for k, v in section.items() if k not in ("$schema", "$id")
        }
        properties[name] = {
            "$ref": f"#/$defs/{shape.__module__.rsplit('.', 1)[-1]}.{shape.__name__}"
        }
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_BASE + "tables.schema.json",
        "title": "Tables",
        "description": "The engine's code tables: one section per code family, plus tracing and "
        "claim.",
        "type": "object",
        "properties": properties,
        "required": ["families", *SECTIONS],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def generated_schemas(anatomy: Anatomy | None = None) -> dict[str, str]:
    """File name -> schema text, exactly as it should be committed."""
    anatomy = anatomy or load_anatomy()
    schemas = _pydantic_schemas()
    schemas["tables.schema.json"] = _tables_schema()
    schemas["case.schema.json"] = json_schema(
        Case, schema_id=SCHEMA_BASE + "case.schema.json", hook=_option_hook(anatomy)
    )
    schemas["result.schema.json"] = json_schema(
        CodingResult, schema_id=SCHEMA_BASE + "result.schema.json"
    )
    for name, shape in REPORT_SHAPES.items():
        schemas[name] = json_schema(shape, schema_id=SCHEMA_BASE + name)
    return {
        name: json.dumps(schema, indent=2, sort_keys=True) + "\n"
        for name, schema in sorted(schemas.items())
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
