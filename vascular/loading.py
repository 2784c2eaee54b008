"""Anatomy data files -> pydantic records -> one validated, frozen `Anatomy`.

The only module that reads the data directory, and the only one that knows where the default data
lives
(`default_data_dir`). Validation has two stages: pydantic checks each record's shape, then
`vascular.checks` checks across records. Every problem from both stages is collected and raised once
as
an `AnatomyDataError`; nothing is ever half-loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vascular.anatomy import Anatomy
from vascular.checks import RecordSet, find_problems, find_variant_problems, twin_key
from vascular.errors import AnatomyDataError, DataProblem
from vascular.models import ClassRecord, TreeRecord, VariantRecord, VesselRecord, Vocabulary
from vascular.names import Normaliser, naming_problems
from vascular.rules import (
    CodeRecord,
    RuleBook,
    RuleRecord,
    SourceRecord,
    Tables,
    rulebook_problems,
)

__all__ = ["clear_cache", "default_data_dir", "load_anatomy", "read_anatomy"]

VESSELS_DIR = "vessels"
VARIANTS_DIR = "variants"
TREES_FILE = "trees.yaml"
VOCABULARY_FILE = "vocabulary.yaml"
CLASSES_FILE = "classes.yaml"
RULES_DIR = "rules"

_Model = TypeVar("_Model", bound=BaseModel)
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_data_dir() -> Path:
    """The embedded atlas: packaged in an installed wheel, or ``anatomy_data/`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "_anatomy_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "anatomy_data"


def load_anatomy(data_dir: str | Path | None = None) -> Anatomy:
    """The validated anatomy of `data_dir` (default: the embedded atlas), cached per directory.

    Raises:
        AnatomyDataError: the data is invalid; every problem is listed.
    """
    path = Path(data_dir) if data_dir is not None else default_data_dir()
    return _load_cached(path.resolve())


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> Anatomy:
    return read_anatomy(path)


def clear_cache() -> None:
    """Forget cached anatomies, so the next `load_anatomy` re-reads the files."""
    _load_cached.cache_clear()


def read_anatomy(data_dir: str | Path) -> Anatomy:
    """Read and validate `data_dir` afresh, bypassing the cache.

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
    vessels = _read_records(root, vessel_files, VesselRecord, problems)
    trees = _read_records(root, [root / TREES_FILE], TreeRecord, problems)
    variants = _read_records(
        root, sorted((root / VARIANTS_DIR).glob("*.yaml")), VariantRecord, problems
    )
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
    rulebook = _read_rulebook(root, {twin_key(r) for _, r in vessels}, problems)
    if problems or rulebook is None:
        raise AnatomyDataError(str(root), problems)
    return Anatomy(
        records,
        {v.id: v for _, v in variants},
        str(root),
        rulebook,
        classes=[c for _, c in classes],
    )


def _read_rulebook(
    root: Path, vessel_keys: set[str], problems: list[DataProblem]
) -> RuleBook | None:
    """The rule files of `root`, or the embedded atlas's when `root` has no ``rules/``."""
    rules_root = root if (root / RULES_DIR).is_dir() else default_data_dir()
    found: list[DataProblem] = []
    codes = _read_records(rules_root, [rules_root / RULES_DIR / "codes.yaml"], CodeRecord, found)
    rules = _read_records(rules_root, [rules_root / RULES_DIR / "rules.yaml"], RuleRecord, found)
    sources = _read_records(
        rules_root, [rules_root / RULES_DIR / "sources.yaml"], SourceRecord, found
    )
    tables_file = f"{RULES_DIR}/tables.yaml"
    data = _read_yaml(rules_root, rules_root / tables_file, found)
    tables = None
    if data is not None:
        try:
            tables = Tables.model_validate(data)
        except ValidationError as error:
            found += _validation_problems(tables_file, "-", error)
    found += rulebook_problems(
        codes, rules, sources, None if tables is None else (tables_file, tables), vessel_keys
    )
    if rules_root != root:
        found = [
            DataProblem(f"{rules_root}/{p.file}", p.record, p.field, p.message)
            if p.field != "vessel"
            else p
            for p in found
        ]
    problems += found
    if found or tables is None:
        return None
    return RuleBook.build(
        (c for _, c in codes), (r for _, r in rules), (s for _, s in sources), tables
    )


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


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
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = item["id"]
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
