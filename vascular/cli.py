"""The ``vascular`` command: look up vessels and validate anatomy data from the shell.

Headless: stdout carries only the answer (text, or JSON with ``--json``); every diagnostic goes to
stderr. Exit status: 0 on success, 2 on bad input (unknown or ambiguous name, invalid data, bad
usage),
with the message on stderr and nothing on stdout.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from vascular.anatomy import Anatomy
from vascular.case import Access, Direction, case_data
from vascular.errors import CaseFileError, UnknownVesselError, VascularError
from vascular.explain import (
    claim_lines,
    claim_note,
    explain_case,
    explanation_json,
    explanation_text,
    line_table,
)
from vascular.family import FamilyChart, family_chart
from vascular.loading import default_data_dir, load_anatomy, read_anatomy
from vascular.models import VesselRecord
from vascular.reports import atlas_report, error_report, search_report, vessel_report
from vascular.schema import stale_schemas, write_schemas

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2

_REGION_WORDS = {
    "thoracic": "thoracic (chest, arms, head and neck)",
    "abdominal": "abdominal (abdomen, pelvis and legs)",
}
_RELATION_WORDS = {"branch": "is a branch of", "continuation": "is a continuation of"}


class _UsageError(VascularError):
    """Bad command-line usage."""


class _StaleSchemaError(VascularError):
    """The committed JSON Schemas differ from the models."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    common.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        help="anatomy data directory (default: the embedded atlas)",
    )
    anatomy_options = _Parser(add_help=False)
    anatomy_options.add_argument(
        "--variant",
        metavar="ID",
        action="append",
        default=[],
        help="apply an anatomical variant (repeatable; see 'vascular variants')",
    )
    parser = _Parser(prog="vascular", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    vessels = commands.add_parser(
        "vessels", parents=[common, anatomy_options], help="list vessels matching a query"
    )
    vessels.add_argument("query", help="words of a name or alias, e.g. 'hypogastric', 'rt hepatic'")
    vessel = commands.add_parser(
        "vessel", parents=[common, anatomy_options], help="show one vessel, its chain and branches"
    )
    vessel.add_argument("name", help="a vessel name, alias or id, e.g. 'rt SFA'")
    validate = commands.add_parser("validate", parents=[common], help="validate a data directory")
    validate.add_argument(
        "dir", nargs="?", type=Path, help="directory (default: the embedded atlas)"
    )
    commands.add_parser("variants", parents=[common], help="list the anatomical variants")
    for command, text in (
        ("code", "code a case: the CPT lines, each with its deciding reason"),
        ("explain", "code a case and print the full reasoning per access, placement and line"),
    ):
        coder = commands.add_parser(command, parents=[common], help=text)
        coder.add_argument("case", help="the case as a JSON file, or - for standard input")
        if command == "code":
            coder.add_argument(
                "--format",
                choices=["table", "lines", "note"],
                default="table",
                help="table (default), the claim lines alone, or a claim note",
            )
    family = commands.add_parser(
        "family",
        parents=[common, anatomy_options],
        help="a family chart: every vessel under VESSEL with its order and code from an access",
    )
    family.add_argument(
        "vessel", help="the vessel whose subtree to chart, e.g. 'left common iliac'"
    )
    family.add_argument(
        "--access",
        metavar="VESSEL",
        help="the vessel punctured (default: the right common femoral)",
    )
    family.add_argument(
        "--direction", choices=["retrograde", "antegrade"], help="default: toward the heart"
    )
    tui = commands.add_parser("tui", help="open the coder's app (the same as vascular-tui)")
    tui.add_argument("case", nargs="?", help="a case file to open")
    tui.add_argument("--data", metavar="DIR", help="another anatomy data directory")
    schema = commands.add_parser(
        "schema", parents=[common], help="check or rewrite the JSON Schemas"
    )
    schema.add_argument("--write", action="store_true", help="rewrite the committed schemas")
    from vascular.ncci.commands import add_parser as add_ncci_parser

    add_ncci_parser(commands, [common])
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    args = None
    try:
        args = _parser().parse_args(argv)
        handler = _HANDLERS[args.command]
        handler(args, out)
    except VascularError as error:
        _report_error(error, json_mode=bool(args and getattr(args, "json", False)))
        return EXIT_BAD_INPUT
    return EXIT_OK


def _report_error(error: VascularError, json_mode: bool) -> None:
    if json_mode:
        sys.stderr.write(json.dumps(error_report(error)) + "\n")
    else:
        sys.stderr.write(f"vascular: error: {error}\n")


def _anatomy(args: argparse.Namespace) -> Anatomy:
    anatomy = load_anatomy(args.data)
    variants = getattr(args, "variant", [])
    return anatomy.with_variants(*variants) if variants else anatomy


def _emit(out: TextIO, args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    out.write(json.dumps(data, indent=2) + "\n" if args.json else text + "\n")


def _vessels(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    found = anatomy.search(args.query)
    if not found:
        raise UnknownVesselError(
            args.query, f"no vessel matches {args.query!r}", anatomy.names.suggest(args.query)
        )
    width = max(len(r.id) for r in found)
    lines = [
        f"{r.id:<{width}}  {r.name}  [{r.side}; {r.relation or 'root'} of {r.parent or '-'}]"
        for r in found
    ]
    _emit(out, args, search_report(anatomy, args.query, found), "\n".join(lines))


def _lookup(anatomy: Anatomy, name: str) -> VesselRecord:
    return anatomy.vessel(name) if name in anatomy else anatomy.resolve(name)


def _vessel(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    record = _lookup(anatomy, args.name)
    _emit(out, args, vessel_report(anatomy, record), _vessel_text(anatomy, record))


def _vessel_text(anatomy: Anatomy, record: VesselRecord) -> str:
    lines = [record.name, f"  id       {record.id}", f"  side     {record.side}"]
    lines.append(f"  region   {_REGION_WORDS[record.region]}")
    if record.aliases:
        lines.append(f"  aliases  {', '.join(record.aliases)}")
    identifiers = [i for i in (record.uberon, record.fma) if i]
    if identifiers:
        lines.append(f"  ids      {', '.join(identifiers)}")
    lines.append(f"  file     {anatomy.file_of(record.id)}")
    if anatomy.applied_variants:
        lines.append(f"  variants {', '.join(anatomy.applied_variants)}")
    if record.note:
        lines.append(f"  note     {record.note}")
    lineage = anatomy.lineage(record.id)
    width = max(len(r.name) for r in lineage)
    lines += ["", f"Chain to the {lineage[-1].name.lower()} (nearest first):"]
    for vessel in lineage:
        relation = _RELATION_WORDS[vessel.relation] if vessel.relation else "(root)"
        lines.append(f"  {vessel.name:<{width}}  {relation}")
    children = anatomy.children(record.id)
    lines += ["", "Branches:" if children else "Branches: none"]
    lines += [
        f"  {c.name}" + ("  (continuation)" if c.relation == "continuation" else "")
        for c in children
    ]
    feeders = anatomy.feeders(record.id)
    if feeders:
        lines += ["", "Also reached from (confluence):"] + [f"  {f.name}" for f in feeders]
    return "\n".join(lines)


def _validate(args: argparse.Namespace, out: TextIO) -> None:
    directory = args.dir or args.data or default_data_dir()
    anatomy = read_anatomy(directory)
    report = atlas_report(anatomy)
    regions = ", ".join(f"{count} {region}" for region, count in report["by_region"].items())
    text = (
        f"{directory}: valid: {report['vessel_count']} vessels ({regions}), "
        f"{len(report['variants'])} variants"
    )
    _emit(out, args, report, text)


def _variants(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = load_anatomy(args.data)
    variants = [anatomy.variants[i] for i in sorted(anatomy.variants)]
    data = {
        "schema_version": 1,
        "variants": [v.model_dump(mode="json") for v in variants],
    }
    text = "\n".join(
        f"{v.id}: {v.name}\n  "
        + "; ".join(f"{m.vessel} -> {m.relation} of {m.parent}" for m in v.reattach)
        for v in variants
    )
    _emit(out, args, data, text)


def _schema(args: argparse.Namespace, out: TextIO) -> None:
    schema_dir = Path(args.data or default_data_dir()) / "schema"
    if args.write:
        written = write_schemas(schema_dir)
        _emit(out, args, {"written": [str(p) for p in written]}, f"wrote {len(written)} schemas")
        return
    stale = stale_schemas(schema_dir)
    if stale:
        raise _StaleSchemaError(
            f"stale schemas in {schema_dir}: {', '.join(stale)}; run 'vascular schema --write'"
        )
    _emit(out, args, {"stale": []}, "schemas are current")


def _read_case(source: str) -> dict[str, Any]:
    name = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise CaseFileError(f"cannot read {name}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CaseFileError(f"{name} is not UTF-8 text") from None
    return case_data(text, name)


def _code(args: argparse.Namespace, out: TextIO) -> None:
    case = _read_case(args.case)
    explained = explain_case(case, load_anatomy(args.data))
    result = explained.result
    views = {
        "table": lambda: line_table(result, explained.anatomy, explained.tracing.case.name),
        "lines": lambda: claim_lines(result, explained.anatomy),
        "note": lambda: claim_note(explained),
    }
    _emit(out, args, result.to_json(), views[args.format]())


def _explain(args: argparse.Namespace, out: TextIO) -> None:
    explained = explain_case(_read_case(args.case), load_anatomy(args.data))
    _emit(out, args, explanation_json(explained), explanation_text(explained))


_DEFAULT_ACCESS = {
    "artery": "right common femoral artery",
    "vein": "right common femoral vein",
    "pulmonary_artery": "right common femoral vein",
    "portal_vein": "right portal vein",
}


def _family(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    root = _lookup(anatomy, args.vessel)
    direction: Direction | None = args.direction
    access = Access(
        vessel=args.access or _DEFAULT_ACCESS[anatomy.tree_of(root.id).kind], direction=direction
    )
    chart = family_chart(anatomy, root.id, access)
    _emit(out, args, chart.to_json(), _chart_text(anatomy, chart))


def _chart_text(anatomy: Anatomy, chart: FamilyChart) -> str:
    access = anatomy.resolve(chart.access.vessel) if chart.access.vessel not in anatomy else None
    puncture = (access or anatomy.vessel(chart.access.vessel)).name.lower()
    heading = chart.access.direction or "toward the heart"
    lines = [
        f"{anatomy.vessel(chart.root).name}: orders and codes from the {puncture} ({heading})",
        "",
    ]
    width = max(2 * row.depth + len(row.name) for row in chart.rows)
    lines.append(f"{'VESSEL':<{width}}  ORDER  CODE")
    for row in chart.rows:
        order = str(row.order) if row.order is not None else ("-" if row.note else "non-sel")
        label = "  " * row.depth + row.name
        lines.append(f"{label:<{width}}  {order:<5}  {row.code or row.note}".rstrip())
    return "\n".join(lines)


def _tui(args: argparse.Namespace, out: TextIO) -> None:
    """Replace this process with the app; the library itself never imports it."""
    if importlib.util.find_spec("textual") is None or importlib.util.find_spec("tui") is None:
        raise _UsageError("the app needs Textual: pip install 'vascular-coding[tui]'")
    argv = [sys.executable, "-m", "tui"]
    argv += [args.case] if args.case else []
    argv += ["--data", args.data] if args.data else []
    out.flush()
    os.execv(sys.executable, argv)


_HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "vessels": _vessels,
    "vessel": _vessel,
    "validate": _validate,
    "variants": _variants,
    "schema": _schema,
    "code": _code,
    "explain": _explain,
    "family": _family,
    "tui": _tui,
    "ncci": lambda args, out: args.ncci_handler(args, out),
}

if __name__ == "__main__":
    sys.exit(main())
