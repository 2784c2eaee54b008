"""Building the atlas: data files -> validated records -> one compiled `Anatomy`.

Reads the YAML files of a data directory and validates them in two stages: pydantic checks each
record's shape (`vascular.models`, `vascular.rules`) and the table sections are checked against the
shapes the code families declare (`vascular.coding.registry`); then `vascular.checks` and the rule
cross-checks look across records. Every problem from every stage is collected and raised once as
an `AnatomyDataError`; nothing is ever half-built. Used by `vascular.loading`, which caches the
result; the coding path never imports this module (nor pydantic, yaml or networkx).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vascular.anatomy import Anatomy
from vascular.checks import RecordSet, find_problems, find_variant_problems, twin_key
from vascular.coding.families import FAMILIES
from vascular.coding.registry import FILE_SECTIONS, SECTIONS, compile_rules
from vascular.contract import ShapeError, parse, references
from vascular.datafiles import (
    CLASSES_FILE,
    RULES_DIR,
    TREES_FILE,
    VARIANTS_DIR,
    VESSELS_DIR,
    VOCABULARY_FILE,
    rules_root,
)
from vascular.errors import AnatomyDataError, DataProblem
from vascular.models import ClassRecord, TreeRecord, VariantRecord, VesselRecord, Vocabulary
from vascular.names import NameIndex, Normaliser, naming_problems
from vascular.records import NameClass, Reattachment, Tree, Variant, Vessel
from vascular.rulebook import Code, RuleData
from vascular.rules import CodeRecord, OptionRecord, RuleRecord, SourceRecord

__all__ = ["build_anatomy"]

_Model = TypeVar("_Model", bound=BaseModel)
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def build_anatomy(data_dir: str | Path, fallback_rules: Path) -> Anatomy:
    """Read and validate `data_dir` and compile it.

    Args:
        data_dir: the data directory.
        fallback_rules: the directory whose ``rules/`` to use when `data_dir` has none (the
            embedded atlas: a small test anatomy borrows its rule tables).

    Raises:
        AnatomyDataError: the data is invalid; every problem is listed.
    """
    root = Path(data_dir)
    if not root.is_dir():
        raise AnatomyDataError(str(root), [DataProblem(".", "-", "-", "not a directory")])
    problems: list[DataProblem] = []
    vessel_files = sorted((root / VESSELS_DIR).glob("*.yaml"))
    if not vessel_files:
        problems.append(DataProblem(VESSELS_DIR, "-", "-", "no vessel files (*.yaml)"))
    vessels = [
        (file, _vessel(record))
        for file, record in _read_records(root, vessel_files, VesselRecord, problems)
    ]
    trees = [
        (file, _tree(record))
        for file, record in _read_records(root, [root / TREES_FILE], TreeRecord, problems)
    ]
    variants = [
        (file, _variant(record))
        for file, record in _read_records(
            root, sorted((root / VARIANTS_DIR).glob("*.yaml")), VariantRecord, problems
        )
    ]
    # the name classes are optional: a data directory without them reads names without classes
    classes_path = root / CLASSES_FILE
    classes = (
        _read_records(root, [classes_path], ClassRecord, problems) if classes_path.exists() else []
    )
    vocabulary = _read_vocabulary(root, problems)
    if vocabulary is None:
        raise AnatomyDataError(str(root), problems)
    records = RecordSet(vessels, trees, Normaliser(vocabulary))
    problems += find_problems(records)
    if not problems:
        problems += find_variant_problems(records, variants)
        problems += naming_problems(records.by_id(), records.normaliser, classes, variants)
    rule_data = _read_rule_data(root, fallback_rules, {twin_key(r) for _, r in vessels}, problems)
    if problems or rule_data is None:
        raise AnatomyDataError(str(root), problems)
    name_classes = tuple(
        NameClass(c.name, tuple(c.members), c.note, tuple(c.aliases), c.access, c.ask)
        for _, c in classes
    )
    names = NameIndex(records.by_id(), records.normaliser, name_classes, [v for _, v in variants])
    return Anatomy(
        records,
        {v.id: v for _, v in variants},
        str(root),
        rule_data,
        compile_rules,
        names=names,
        classes=name_classes,
    )


def _vessel(record: VesselRecord) -> Vessel:
    return Vessel(
        record.id,
        record.name,
        record.side,
        record.region,
        record.parent,
        record.relation,
        tuple(record.aliases),
        tuple(record.also_fed_by),
        record.territory,
        record.pulmonary_level,
        record.uberon,
        record.fma,
        record.note,
    )


def _tree(record: TreeRecord) -> Tree:
    return Tree(
        record.id, record.name, record.kind, record.root, tuple(record.base), record.description
    )


def _variant(record: VariantRecord) -> Variant:
    return Variant(
        record.id,
        record.name,
        record.description,
        tuple(Reattachment(m.vessel, m.parent, m.relation) for m in record.reattach),
        record.prevalence,
        tuple(record.source_ids),
        tuple(record.aliases),
        record.kind,
        tuple(record.made),
        tuple((c.vessel, c.also_fed_by) for c in record.connects),
    )


def _read_rule_data(
    root: Path, fallback: Path, vessel_keys: set[str], problems: list[DataProblem]
) -> RuleData | None:
    """The rule files of `root`, or of `fallback` when `root` has no ``rules/``; cross-checked."""
    rules_dir = rules_root(root, fallback)
    found: list[DataProblem] = []
    folder = rules_dir / RULES_DIR
    codes = _read_records(rules_dir, [folder / "codes.yaml"], CodeRecord, found)
    rule_records = _read_records(rules_dir, [folder / "rules.yaml"], RuleRecord, found)
    sources = _read_records(rules_dir, [folder / "sources.yaml"], SourceRecord, found)
    options = _read_records(rules_dir, [folder / "options.yaml"], OptionRecord, found)
    compiled_rules = []
    for file, rule in rule_records:
        try:
            compiled_rules.append(rule.compiled())
        except ValueError as error:
            found.append(DataProblem(file, rule.id, "templates", str(error)))
    families, sections = _read_tables(rules_dir, found)
    contributed = _contributed_codes(sections)
    found += _cross_checks(
        codes, rule_records, sources, options, sections, vessel_keys, contributed
    )
    if rules_dir != root:
        found = [
            DataProblem(f"{rules_dir}/{p.file}", p.record, p.field, p.message)
            if p.field != "vessel"
            else p
            for p in found
        ]
    problems += found
    if found:
        return None
    return RuleData(
        (*(c.compiled() for _, c in codes), *(code for _, code in contributed)),
        tuple(compiled_rules),
        tuple(s.compiled() for _, s in sources),
        tuple(o.compiled() for _, o in options),
        tuple(families),
        sections,
    )


_TABLES = f"{RULES_DIR}/tables.yaml"


def _section_file(name: str) -> str:
    """The file a table section is read from, relative to the data directory."""
    file = FILE_SECTIONS.get(name)
    return f"{RULES_DIR}/{file}" if file is not None else _TABLES


def _contributed_codes(sections: dict[str, Any]) -> list[tuple[str, Code]]:
    """Codes a table section defines itself (an intervention table's codes), with its file."""
    return [
        (_section_file(name), code)
        for name, section in sections.items()
        if callable(getattr(section, "codes", None))
        for code in section.codes()
    ]


def _read_tables(root: Path, problems: list[DataProblem]) -> tuple[list[str], dict[str, Any]]:
    data = _read_yaml(root, root / _TABLES, problems)
    if data is None:
        return [], {}
    if not isinstance(data, dict):
        problems.append(DataProblem(_TABLES, "-", "-", "expected a mapping of sections"))
        return [], {}
    data = dict(data)
    for name, file in FILE_SECTIONS.items():
        if name in data:
            problems.append(
                DataProblem(
                    _TABLES, name, "-", f"this section is a file of its own: {RULES_DIR}/{file}"
                )
            )
        section = _read_yaml(root, root / RULES_DIR / file, problems)
        if section is not None:
            data[name] = section
    families = data.get("families")
    if not isinstance(families, list) or not all(isinstance(f, str) for f in families):
        problems.append(
            DataProblem(_TABLES, "families", "-", "a list of code family ids, in precedence order")
        )
        families = []
    for family_id in families:
        if family_id not in FAMILIES:
            problems.append(
                DataProblem(
                    _TABLES,
                    "families",
                    family_id,
                    "no code family has this id; the engine has " + ", ".join(sorted(FAMILIES)),
                )
            )
    for family_id in sorted(set(FAMILIES) - set(families)):
        problems.append(
            DataProblem(_TABLES, "families", family_id, "a code family the list leaves out")
        )
    if len(set(families)) != len(families):
        problems.append(DataProblem(_TABLES, "families", "-", "a family is listed twice"))
    sections: dict[str, Any] = {}
    for name in data:
        if name != "families" and name not in SECTIONS:
            problems.append(DataProblem(_TABLES, name, "-", "unknown section"))
    for name, shape in SECTIONS.items():
        if name not in data:
            if name not in FILE_SECTIONS:
                problems.append(DataProblem(_TABLES, name, "-", "section is missing"))
            continue
        try:
            sections[name] = parse(shape, data[name])
        except ShapeError as error:
            file = _section_file(name)
            problems += [
                DataProblem(file, name if file == _TABLES else "-", p.where or "-", p.message)
                for p in error.problems
            ]
    return [f for f in families if f in FAMILIES], sections


def _cross_checks(
    codes: Sequence[tuple[str, CodeRecord]],
    rules: Sequence[tuple[str, RuleRecord]],
    sources: Sequence[tuple[str, SourceRecord]],
    options: Sequence[tuple[str, OptionRecord]],
    sections: dict[str, Any],
    vessel_keys: set[str],
    contributed: Sequence[tuple[str, Code]] = (),
) -> list[DataProblem]:
    """Duplicates, and every code, rule, source and vessel key a rule file names, known."""
    problems: list[DataProblem] = []
    known = {
        "source": _unique(sources, lambda s: s.id, problems),
        "code": _unique([*codes, *contributed], lambda c: c.code, problems),
        "rule": _unique(rules, lambda r: r.id, problems),
        "vessel": vessel_keys,
    }
    _unique(options, lambda o: o.name, problems)
    for file, code in codes:
        for source in code.sources:
            if source not in known["source"]:
                problems.append(
                    DataProblem(file, code.code, "sources", f"unknown source {source!r}")
                )
        for field in ("includes", "add_on_to"):
            for other in getattr(code, field):
                if other not in known["code"]:
                    problems.append(DataProblem(file, code.code, field, f"unknown code {other!r}"))
        if (code.kind == "add-on") != bool(code.add_on_to):
            problems.append(
                DataProblem(
                    file, code.code, "add_on_to", "required for an add-on, only for an add-on"
                )
            )
    for file, rule in rules:
        for source in rule.sources:
            if source not in known["source"]:
                problems.append(DataProblem(file, rule.id, "sources", f"unknown source {source!r}"))
    for file, option in options:
        values = [v.value for v in option.values]
        if option.default not in values:
            problems.append(
                DataProblem(
                    file, option.name, "default", f"{option.default!r} is not one of its values"
                )
            )
        for value in option.values:
            if value.rule not in known["rule"]:
                problems.append(
                    DataProblem(
                        file, option.name, f"values.{value.value}", f"unknown rule {value.rule!r}"
                    )
                )
    for name, section in sections.items():
        file = _section_file(name)
        for where, kind, named in references(section):
            if named not in known[kind]:
                what = "no vessel has the key" if kind == "vessel" else f"unknown {kind}"
                problems.append(
                    DataProblem(file, name if file == _TABLES else "-", where, f"{what} {named!r}")
                )
    return problems


def _unique(records: Sequence[tuple[str, Any]], key: Any, problems: list[DataProblem]) -> set[str]:
    seen: set[str] = set()
    for file, record in records:
        value = key(record)
        if value in seen:
            problems.append(DataProblem(file, value, "-", "defined twice"))
        seen.add(value)
    return seen


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_yaml(root: Path, path: Path, problems: list[DataProblem]) -> object:
    name = _relative(root, path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(DataProblem(name, "-", "-", "file is missing"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(DataProblem(name, "-", "-", f"cannot be read: {error}"))
        return None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "-"
        reason = getattr(error, "problem", None) or str(error)
        problems.append(DataProblem(name, where, "-", f"not valid YAML: {reason}"))
        return None


def _read_records(
    root: Path, paths: Sequence[Path], model: type[_Model], problems: list[DataProblem]
) -> list[tuple[str, _Model]]:
    records: list[tuple[str, _Model]] = []
    for path in paths:
        name = _relative(root, path)
        data = _read_yaml(root, path, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(DataProblem(name, "-", "-", "expected a list of records"))
            continue
        for position, item in enumerate(data, start=1):
            label = f"#{position}"
            if isinstance(item, dict):
                for key in ("id", "code", "name"):
                    if isinstance(item.get(key), str):
                        label = item[key]
                        break
            if not isinstance(item, dict):
                problems.append(DataProblem(name, label, "-", "expected a mapping of fields"))
                continue
            try:
                records.append((name, model.model_validate(item)))
            except ValidationError as error:
                problems += _validation_problems(name, label, error)
    return records


def _read_vocabulary(root: Path, problems: list[DataProblem]) -> Vocabulary | None:
    data = _read_yaml(root, root / VOCABULARY_FILE, problems)
    if data is None:
        return None
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as error:
        problems += _validation_problems(VOCABULARY_FILE, "-", error)
        return None


def _validation_problems(file: str, record: str, error: ValidationError) -> list[DataProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        field = ".".join(str(part) for part in detail["loc"]) or "-"
        message = detail["msg"]
        if detail["type"] != "missing" and not isinstance(detail["input"], dict | list):
            message += f" (got {detail['input']!r})"
        problems.append(DataProblem(file, record, field, message))
    return problems
