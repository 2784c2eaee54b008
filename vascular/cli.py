"""The ``vascular`` command: code cases, explain them, and look up the atlas and its rules.

Headless: stdout carries only the answer (text, or JSON with ``--json``); every diagnostic goes to
stderr. Each command imports only what it needs, so a short command starts fast. Exit status: 0
on success; 2 on bad input (an unknown or ambiguous name, a malformed case, invalid data, bad
usage, a file that cannot be read or written), with one message on stderr (one JSON object under
``--json``) and nothing on stdout; 3 for an internal error (a bug: please report it); 130 when
interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from vascular.errors import CaseFileError, VascularError

if TYPE_CHECKING:
    from vascular.anatomy import Anatomy
    from vascular.records import Vessel

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_REGION_WORDS = {
    "thoracic": "thoracic (chest, arms, head and neck)",
    "abdominal": "abdominal (abdomen, pelvis and legs)",
}
_RELATION_WORDS = {"branch": "is a branch of", "continuation": "is a continuation of"}


class UsageError(VascularError):
    """Bad command-line usage."""


class _StaleSchemaError(VascularError):
    """The committed JSON Schemas differ from the models."""


class _OutputError(VascularError):
    """The answer could not be written (standard output closed or full)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _version() -> str:
    from vascular import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    json_only = _Parser(add_help=False)
    json_only.add_argument("--json", action="store_true", help="print JSON instead of text")
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    common.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        help="anatomy data directory (default: the embedded atlas)",
    )
    data_only = _Parser(add_help=False)
    data_only.add_argument("--data", metavar="DIR", type=Path, help="anatomy data directory")
    anatomy_options = _Parser(add_help=False)
    anatomy_options.add_argument(
        "--variant",
        metavar="ID",
        action="append",
        default=[],
        help="apply an anatomical variant (repeatable; see 'vascular variants')",
    )
    parser = _Parser(prog="vascular", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--version", action="version", version=f"vascular {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command, text in (
        ("code", "code a case: the CPT lines, each with its deciding reason"),
        ("explain", "code a case and print the full reasoning per access, placement and line"),
    ):
        coder = commands.add_parser(command, parents=[common], help=text)
        coder.add_argument(
            "case",
            nargs="?" if command == "code" else None,
            help="the case as a JSON file, or - for standard input",
        )
        if command == "code":
            coder.add_argument(
                "--from-note",
                metavar="NOTE",
                help="read the case from a procedure note's text "
                "(vascular read) and print each line beside its evidence",
            )
            coder.add_argument(
                "--format",
                choices=["table", "lines", "note"],
                default="table",
                help="table (default); lines: the claim lines as they go on a claim (code, "
                "modifiers, units, tab-separated); note: a claim note",
            )
            from vascular.batch_command import add_ncci_arguments

            add_ncci_arguments(coder)
    vessels = commands.add_parser(
        "vessels", parents=[common, anatomy_options], help="list vessels matching a query"
    )
    vessels.add_argument("query", help="words of a name or alias, e.g. 'hypogastric', 'rt hepatic'")
    vessel = commands.add_parser(
        "vessel", parents=[common, anatomy_options], help="show one vessel, its chain and branches"
    )
    vessel.add_argument("name", help="a vessel name, alias or id, e.g. 'rt SFA'")
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
    family.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        help="write a printable chart instead: FILE.svg (one sheet), FILE.html or FILE.pdf "
        "(pages, with a legend)",
    )
    family.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help="page size of HTML and PDF"
    )
    for command, text, what in (
        ("sources", "the published sources the rules cite, or one by id", "a source id"),
        ("rules", "the coding rules the rationale cites, or one by id", "a rule id"),
    ):
        glossary = commands.add_parser(command, parents=[common], help=text)
        glossary.add_argument("id", nargs="?", help=f"{what} (default: all)")
    sheet = commands.add_parser(
        "sheet",
        parents=[common],
        help="print an exercise set (from 'vascular quiz --json') as a sheet and its answer key",
    )
    sheet.add_argument("set", help="the set as a JSON file, or - for standard input")
    sheet.add_argument(
        "--output", metavar="FILE", type=Path, required=True, help="the sheet: FILE.html or .pdf"
    )
    sheet.add_argument(
        "--key", metavar="FILE", type=Path, help="the answer key (default: FILE-key beside it)"
    )
    glossary = commands.add_parser(
        "glossary",
        parents=[common],
        help="every rule and source id the rationale cites, and the terms, explained",
    )
    glossary.add_argument(
        "query", nargs="?", help="an id ('family-initial', 'AAPC-FAM', 'order') or words"
    )
    serve = commands.add_parser(
        "serve", help="run the app in a web browser (textual-serve), for a class or a projector"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve.add_argument("--data", metavar="DIR", type=Path, help="anatomy data directory")
    commands.add_parser("options", parents=[common], help="the policy options and their defaults")
    commands.add_parser(
        "variants", parents=[common], help="list the anatomical variants and the constructs"
    )
    interventions = commands.add_parser(
        "interventions",
        parents=[common],
        help="the intervention codes the engine knows and what of the catheter work each includes",
    )
    interventions.add_argument("code", nargs="?", help="one code (default: all)")
    validate = commands.add_parser("validate", parents=[common], help="validate a data directory")
    validate.add_argument(
        "dir", nargs="?", type=Path, help="directory (default: the embedded atlas)"
    )
    schema = commands.add_parser(
        "schema", parents=[common], help="check or rewrite the JSON Schemas"
    )
    schema.add_argument("--write", action="store_true", help="rewrite the committed schemas")
    # the note reader (vascular.reading): `vascular read NOTE`
    reader = commands.add_parser(
        "read", parents=[common], help="read a procedure note into a proposed case with evidence"
    )
    reader.add_argument("note", help="the note as a text file, or - for standard input")
    reader.add_argument("--queries", action="store_true", help="print the physician queries only")
    from vascular.ncci.commands import add_parser as add_ncci_parser

    add_ncci_parser(commands, [json_only])
    from vascular.batch_command import add_parser as add_batch_parser

    add_batch_parser(commands, [data_only])
    from vascular.training.commands import add_parser as add_quiz_parser

    add_quiz_parser(commands, [common])
    tui = commands.add_parser("tui", help="open the coder's app (the same as vascular-tui)")
    tui.add_argument("case", nargs="?", help="a case file to open")
    tui.add_argument("--data", metavar="DIR", help="another anatomy data directory")
    tui.add_argument(
        "--recover", action="store_true", help="open the last discarded case (kept at each discard)"
    )
    tui.add_argument(
        "--ncci-db",
        metavar="FILE",
        help="the NCCI database the claim is checked against (default: $VASCULAR_NCCI_DB or the "
        "one 'vascular ncci import' fills)",
    )
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    json_mode = "--json" in arguments
    out = stdout or sys.stdout
    try:
        if out is None:  # the process was started with its standard output closed
            raise _OutputError("cannot write the output: standard output is closed")
        args = _parser().parse_args(arguments)
        json_mode = bool(getattr(args, "json", False))
        status = _HANDLERS[args.command](args, out)
        _flush(out)
        if isinstance(status, int):  # batch and audit: 1 when some cases could not be coded
            return status
    except VascularError as error:
        _report_error(error, json_mode)
        return EXIT_BAD_INPUT
    except OSError as error:
        _report_error(_os_error(error), json_mode)
        return EXIT_BAD_INPUT
    except RecursionError:
        _report_error(CaseFileError("the input is nested too deeply to read"), json_mode)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        _report_error(
            VascularError(
                f"internal error ({type(error).__name__}: {error}); please report it with the "
                "command and its input"
            ),
            json_mode,
            kind="InternalError",
        )
        return EXIT_INTERNAL
    return EXIT_OK


def _flush(out: TextIO) -> None:
    try:
        out.flush()
    except OSError as error:
        raise _OutputError(f"cannot write the output: {error.strerror or error}") from None


def _os_error(error: OSError) -> VascularError:
    what = f": {error.filename}" if getattr(error, "filename", None) else ""
    if isinstance(error, BrokenPipeError) or error.errno in (32, 28, 5):
        _silence_stdout()
        return _OutputError(f"cannot write the output: {error.strerror or error}")
    return CaseFileError(f"{error.strerror or error}{what}")


def _silence_stdout() -> None:
    """After stdout broke, point it at /dev/null so Python's exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return


def _report_error(error: VascularError, json_mode: bool, kind: str | None = None) -> None:
    try:
        if json_mode:
            from vascular.reports import error_report

            report = error_report(error)
            if kind:
                report["error"]["type"] = kind
            sys.stderr.write(json.dumps(report) + "\n")
        else:
            sys.stderr.write(f"vascular: error: {error}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        return


def _anatomy(args: argparse.Namespace) -> Anatomy:
    from vascular.loading import load_anatomy

    anatomy = load_anatomy(args.data)
    variants = getattr(args, "variant", [])
    return anatomy.with_variants(*variants) if variants else anatomy


def _emit(out: TextIO, args: argparse.Namespace, data: Any, text: str) -> None:
    try:
        out.write(json.dumps(data, indent=2) + "\n" if args.json else text + "\n")
    except OSError as error:
        _silence_stdout()
        raise _OutputError(f"cannot write the output: {error.strerror or error}") from None


def _width(out: TextIO) -> int:
    """The terminal's width when writing to one, else 100 columns."""
    try:
        if out.isatty():
            return max(60, os.get_terminal_size(out.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        pass
    return 100


def _read_case(source: str) -> dict[str, Any]:
    from vascular.case import MAX_CASE_BYTES, case_data

    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise CaseFileError("standard input is closed: give a case file, or pipe one in")
            stream = getattr(sys.stdin, "buffer", sys.stdin)
            data = stream.read(MAX_CASE_BYTES + 1)
        else:
            with Path(source).open("rb") as stream:
                data = stream.read(MAX_CASE_BYTES + 1)
    except OSError as error:
        raise CaseFileError(f"cannot read {name}: {error.strerror or error}") from None
    except ValueError as error:
        raise CaseFileError(f"cannot read {name}: {error}") from None
    return case_data(data, name)


def _code(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.explain import claim_form, claim_note, explain, line_table
    from vascular.loading import load_anatomy

    if args.from_note:
        _code_note(args, out)
        return
    if args.case is None:
        raise UsageError("give a case file, or --from-note NOTE (see 'vascular code --help')")
    case = _read_case(args.case)
    explained = explain(case, load_anatomy(args.data))
    result = explained.result
    ncci = _ncci_check(args, case, result) if args.ncci else None
    if args.json:
        _emit(out, args, result.to_json() | ({"ncci": ncci} if ncci else {}), "")
        return
    views: dict[str, Callable[[], str]] = {
        "table": lambda: line_table(
            result, explained.anatomy, explained.tracing.case.name, _width(out)
        ),
        "lines": lambda: claim_form(result),
        "note": lambda: claim_note(explained),
    }
    _emit(out, args, None, _with_ncci(args, views[args.format](), ncci))


def _with_ncci(args: argparse.Namespace, text: str, ncci: dict[str, Any] | None) -> str:
    """The NCCI check under the table or note; beside the bare claim lines, on stderr."""
    if ncci is None:
        return text
    from vascular.claim_check import ncci_text

    if args.format == "lines":
        sys.stderr.write(ncci_text(ncci) + "\n")
        return text
    return text + "\n\n" + ncci_text(ncci)


def _ncci_check(args: argparse.Namespace, data: Any, result: Any) -> dict[str, Any]:
    """The NCCI check of a case (its JSON data or a `Case`) and its result, as JSON."""
    from vascular.batch_command import ncci_settings
    from vascular.case import parse_case
    from vascular.claim_check import ClaimChecker

    case = parse_case(data)
    if not (case.date_of_service or args.date_of_service):
        raise UsageError("--ncci needs a date of service: --date-of-service or date_of_service")
    checker = ClaimChecker(ncci_settings(args))
    try:
        return checker.check(result, case)
    finally:
        checker.close()


def _noted(args: argparse.Namespace, source: str) -> tuple[Any, str, Anatomy]:
    """The reading of a note file, its text and the atlas; a note that gives no case is refused."""
    from vascular.errors import NoteError
    from vascular.loading import load_anatomy
    from vascular.reading import read_note
    from vascular.reading.report import note_text

    text = note_text(source)
    anatomy = load_anatomy(args.data)
    reading = read_note(text, anatomy)
    if reading.case is None:
        found = ", ".join(p.name.lower() for p in reading.placements) or "none"
        why = reading.findings[-1].message if reading.findings else ""
        raise NoteError(
            f"{source}: no case can be proposed: {why} (placements read: {found}). "
            + reading.queries_text()
        )
    return reading, text, anatomy


def _read(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.reading.report import reading_text

    reading, text, _ = _noted(args, args.note)
    if args.queries:
        data = [q.to_json() for q in reading.queries]
        _emit(out, args, {"schema_version": 1, "queries": data}, reading.queries_text())
        return
    _emit(out, args, reading.to_json(), reading_text(reading, text))


def _code_note(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.explain import claim_form, claim_note, explain, line_table
    from vascular.reading.report import evidence_text

    if args.case is not None:
        raise UsageError("give either a case file or --from-note NOTE, not both")
    reading, text, anatomy = _noted(args, args.from_note)
    explained = explain(reading.case, anatomy)
    result = explained.result
    ncci = _ncci_check(args, reading.case, result) if args.ncci else None
    if args.json:
        found = {"ncci": ncci} if ncci else {}
        _emit(out, args, {**result.to_json(), "note": reading.to_json(), **found}, "")
        return
    views: dict[str, Callable[[], str]] = {
        "table": lambda: (
            line_table(result, anatomy, None, _width(out))
            + "\n"
            + evidence_text(result, reading, anatomy, text)
        ),
        "lines": lambda: claim_form(result),
        "note": lambda: claim_note(explained),
    }
    _emit(out, args, None, _with_ncci(args, views[args.format](), ncci))


def _explain(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.explain import explain, explanation_json, explanation_text
    from vascular.loading import load_anatomy

    explained = explain(_read_case(args.case), load_anatomy(args.data))
    text = "" if args.json else explanation_text(explained, _width(out))
    _emit(out, args, explanation_json(explained) if args.json else None, text)


def _vessels(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.errors import UnknownVesselError
    from vascular.reports import search_report

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


def _vessel(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.reports import vessel_report

    anatomy = _anatomy(args)
    record = anatomy.lookup(args.name)
    _emit(out, args, vessel_report(anatomy, record), _vessel_text(anatomy, record))


def _vessel_text(anatomy: Anatomy, record: Vessel) -> str:
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


_DEFAULT_ACCESS = {
    "artery": "right common femoral artery",
    "vein": "right common femoral vein",
    "pulmonary_artery": "right common femoral vein",
    "portal_vein": "right portal vein",
}


def _family(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.case import Access
    from vascular.charts.text import chart_text
    from vascular.family import family_chart

    anatomy = _anatomy(args)
    root = anatomy.lookup(args.vessel)
    access = Access(
        vessel=args.access or _DEFAULT_ACCESS[anatomy.tree_of(root.id).kind],
        direction=args.direction,
    )
    chart = family_chart(anatomy, root.id, access)
    if args.output is not None:
        from vascular.charts.files import write_chart

        written = write_chart(anatomy, chart, args.output, args.paper)
        _emit(out, args, {"written": str(written)}, f"wrote {written}")
        return
    _emit(out, args, chart.to_json(), chart_text(anatomy, chart))


def _sheet(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.charts.files import read_json_input, write_sheet
    from vascular.charts.sheets import read_sheet

    sheet = read_sheet(read_json_input(args.set, "exercise set"), _anatomy(args))
    written = [str(path) for path in write_sheet(sheet, args.output, args.key)]
    _emit(out, args, {"written": written}, "\n".join(f"wrote {path}" for path in written))


def _glossary(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.glossary import glossary_entries, glossary_lookup, glossary_text

    entries = glossary_entries(_anatomy(args).rules)
    if args.query:
        entries = glossary_lookup(entries, args.query)
    data = {"schema_version": 1, "entries": [entry.to_json() for entry in entries]}
    _emit(out, args, data, glossary_text(entries))


def _sources(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    sources = anatomy.rules.sources
    chosen = [args.id] if args.id else sorted(sources)
    unknown = [i for i in chosen if i not in sources]
    if unknown:
        raise UsageError(
            f"no source has the id {unknown[0]!r}; the sources are {', '.join(sorted(sources))}"
        )
    cited: dict[str, list[str]] = {}
    for rule in anatomy.rules.rules.values():
        for source in rule.sources:
            cited.setdefault(source, []).append(rule.id)
    data = {
        "schema_version": 1,
        "sources": [
            {
                "id": i,
                "title": sources[i].title,
                "url": sources[i].url,
                "cited_by": cited.get(i, []),
            }
            for i in chosen
        ],
    }
    text = "\n".join(
        f"{i}\n  {sources[i].title}\n  {sources[i].url}"
        + (f"\n  cited by: {', '.join(cited[i])}" if cited.get(i) else "")
        for i in chosen
    )
    _emit(out, args, data, text)


def _rules(args: argparse.Namespace, out: TextIO) -> None:
    import textwrap

    anatomy = _anatomy(args)
    rules = anatomy.rules.rules
    chosen = [args.id] if args.id else list(rules)
    unknown = [i for i in chosen if i not in rules]
    if unknown:
        raise UsageError(f"no rule has the id {unknown[0]!r}; 'vascular rules' lists them")
    confidence = {
        "S": "stated by the sources",
        "K": "recalled, not verified",
        "D": "derived",
        "P": "project default (an option)",
    }
    data = {
        "schema_version": 1,
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "statement": r.statement,
                "sources": list(r.sources),
                "section": r.section,
                "confidence": r.confidence,
                "role": r.role,
            }
            for r in (rules[i] for i in chosen)
        ],
    }
    blocks = []
    for rule in (rules[i] for i in chosen):
        blocks.append(
            f"{rule.id}: {rule.title}\n"
            + textwrap.fill(rule.statement, 96, initial_indent="  ", subsequent_indent="  ")
            + f"\n  sources: {', '.join(rule.sources)}; reference {rule.section}; "
            f"{confidence[rule.confidence]}"
        )
    _emit(out, args, data, "\n\n".join(blocks))


def _options(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    options = anatomy.rules.options
    data = {
        "schema_version": 1,
        "options": [
            {
                "name": o.name,
                "summary": o.summary,
                "default": o.default,
                "values": [
                    {"value": c.value, "rule": c.rule, "means": c.means} for c in o.choices.values()
                ],
            }
            for o in options.values()
        ],
    }
    text = "\n\n".join(
        f"{o.name}: {o.summary}\n"
        + "\n".join(
            f"  {c.value!r}{' (default)' if c.value == o.default else ''}: {c.means}"
            for c in o.choices.values()
        )
        for o in options.values()
    )
    _emit(out, args, data, text)


def _variants(args: argparse.Namespace, out: TextIO) -> None:
    anatomy = _anatomy(args)
    variants = sorted(anatomy.variants.values(), key=lambda v: (v.kind != "variant", v.id))
    data = {"schema_version": 1, "variants": [v.to_json() for v in variants]}
    text = "\n".join(
        f"{v.id}: {v.name}\n  "
        + "; ".join(f"{m.vessel} -> {m.relation} of {m.parent}" for m in v.reattach)
        if v.kind == "variant"
        else f'{v.id} (construct; list it under "constructs"): {v.name}\n  makes '
        + ", ".join(v.made)
        + "".join(f"; {vessel} also reached from {feeder}" for vessel, feeder in v.connects)
        for v in variants
    )
    _emit(out, args, data, text)


def _interventions(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.reports import intervention_report

    anatomy = _anatomy(args)
    report = intervention_report(anatomy, args.code)
    if report is None:
        raise UsageError(
            f"{args.code!r} is not an intervention code the engine knows; "
            "'vascular interventions' lists them"
        )
    data, text = report
    _emit(out, args, data, text)


def _validate(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.loading import default_data_dir, read_anatomy
    from vascular.reports import atlas_report

    directory = args.dir or args.data or default_data_dir()
    anatomy = read_anatomy(directory)
    report = atlas_report(anatomy)
    regions = ", ".join(f"{count} {region}" for region, count in report["by_region"].items())
    text = (
        f"{directory}: valid: {report['vessel_count']} vessels ({regions}), "
        f"{len(report['variants'])} variants"
    )
    _emit(out, args, report, text)


def _schema(args: argparse.Namespace, out: TextIO) -> None:
    from vascular.loading import default_data_dir
    from vascular.schema import stale_schemas, write_schemas

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


_LAST_PORT = 2**16 - 1


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= _LAST_PORT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 1 to {_LAST_PORT}")
    return int(text)


def _serve(args: argparse.Namespace, out: TextIO) -> None:
    """Replace this process with the app's web server (the library never imports it)."""
    import importlib.util

    if importlib.util.find_spec("textual_serve") is None or importlib.util.find_spec("tui") is None:
        raise UsageError("serving the app needs textual-serve: pip install 'vascular-coding[tui]'")
    argv = [sys.executable, "-m", "tui.serve", "--host", args.host, "--port", str(args.port)]
    argv += ["--data", str(args.data)] if args.data else []
    out.flush()
    os.execv(sys.executable, argv)


def _tui(args: argparse.Namespace, out: TextIO) -> None:
    """Replace this process with the app; the library itself never imports it."""
    import importlib.util

    if importlib.util.find_spec("textual") is None or importlib.util.find_spec("tui") is None:
        raise UsageError("the app needs Textual: pip install 'vascular-coding[tui]'")
    argv = [sys.executable, "-m", "tui"]
    argv += [args.case] if args.case else []
    argv += ["--data", args.data] if args.data else []
    argv += ["--recover"] if args.recover else []
    argv += ["--ncci-db", args.ncci_db] if args.ncci_db else []
    out.flush()
    os.execv(sys.executable, argv)


_HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], int | None]] = {
    "code": _code,
    "explain": _explain,
    "vessels": _vessels,
    "vessel": _vessel,
    "family": _family,
    "sheet": _sheet,
    "glossary": _glossary,
    "serve": _serve,
    "sources": _sources,
    "rules": _rules,
    "options": _options,
    "interventions": _interventions,
    "variants": _variants,
    "validate": _validate,
    "schema": _schema,
    "tui": _tui,
    "read": _read,
    "ncci": lambda args, out: args.ncci_handler(args, out),
    "batch": lambda args, out: args.batch_handler(args, out),
    "audit": lambda args, out: args.batch_handler(args, out),
    "quiz": lambda args, out: args.quiz_handler(args, out),
}

if __name__ == "__main__":
    sys.exit(main())
