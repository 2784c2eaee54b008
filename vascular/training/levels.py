"""The trainer's levels and its sourced exercises: `anatomy_data/training/*.yaml`, read and checked.

Data only is read here (the files say what each level draws from); every answer is the coding
engine's, computed when an exercise is made. Reads files; each data directory is read once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from vascular.errors import AnatomyDataError, DataProblem
from vascular.frozen import record
from vascular.loading import default_data_dir

__all__ = ["KINDS", "GoldenExercise", "Level", "golden_exercises", "levels"]

KINDS: tuple[str, ...] = (
    "order",
    "family",
    "selective",
    "codes",
    "imaging",
    "trace",
    "spot-error",
    "golden",
)
"""Every question kind, in the order the documentation lists them."""

_LEVELS_FILE = "training/levels.yaml"
_CASES_FILE = "training/cases.yaml"


@record
class Level:
    """One difficulty level: where its exercises start and what they may ask about."""

    id: str
    title: str
    about: str
    accesses: tuple[Mapping[str, Any], ...]
    """The punctures an exercise may start from, as a case's accesses."""
    within: tuple[str, ...]
    """Vessel ids whose subtrees the targets are drawn from."""
    orders: tuple[int, ...]
    placements: tuple[int, int]
    """How many placements a short case has: fewest, most."""
    imaging: bool
    variants: tuple[str, ...]
    kinds: tuple[str, ...]


@record
class GoldenExercise:
    """A sourced golden case offered as an exercise (its answer is coded when it is asked)."""

    id: str
    level: str
    source: str
    why: str
    case: Mapping[str, Any]


def levels(data_dir: Path | None = None) -> dict[str, Level]:
    """The levels by id, in the file's order.

    Raises:
        AnatomyDataError: the levels file is missing or malformed (every problem listed).
    """
    return dict(_levels(Path(data_dir or default_data_dir())))


def golden_exercises(data_dir: Path | None = None) -> tuple[GoldenExercise, ...]:
    """The sourced exercises, in the file's order.

    Raises:
        AnatomyDataError: the exercise file is missing or malformed.
    """
    return _golden(Path(data_dir or default_data_dir()))


def _read(root: Path, name: str) -> list[Any]:
    try:
        data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AnatomyDataError(str(root), [DataProblem(name, "-", "-", str(error))]) from None
    if not isinstance(data, list):
        raise AnatomyDataError(str(root), [DataProblem(name, "-", "-", "expected a list")])
    return data


_LEVEL_FIELDS = {"id", "title", "about", "accesses", "within", "orders", "placements", "kinds"}
_LEVEL_OPTIONAL = {"imaging", "variants"}


@cache
def _levels(root: Path) -> tuple[tuple[str, Level], ...]:
    problems: list[DataProblem] = []
    found: list[tuple[str, Level]] = []
    for index, item in enumerate(_read(root, _LEVELS_FILE)):
        where = str(item.get("id", f"#{index}")) if isinstance(item, dict) else f"#{index}"
        if not isinstance(item, dict):
            problems.append(DataProblem(_LEVELS_FILE, where, "-", "expected a mapping"))
            continue
        for missing in sorted(_LEVEL_FIELDS - item.keys()):
            problems.append(DataProblem(_LEVELS_FILE, where, missing, "required"))
        for extra in sorted(item.keys() - _LEVEL_FIELDS - _LEVEL_OPTIONAL):
            problems.append(DataProblem(_LEVELS_FILE, where, extra, "unknown field"))
        for kind in item.get("kinds", ()):
            if kind not in KINDS:
                problems.append(DataProblem(_LEVELS_FILE, where, "kinds", f"unknown kind {kind!r}"))
        if item.get("imaging") is not True and "imaging" in item.get("kinds", ()):
            problems.append(
                DataProblem(_LEVELS_FILE, where, "kinds", "imaging needs imaging: true")
            )
        low, high = [*item.get("placements", [1, 1]), 1, 1][:2]
        if not 1 <= low <= high:
            problems.append(
                DataProblem(_LEVELS_FILE, where, "placements", "need 1 <= fewest <= most")
            )
        if problems:
            continue
        found.append(
            (
                where,
                Level(
                    id=where,
                    title=str(item["title"]),
                    about=str(item["about"]),
                    accesses=tuple(dict(access) for access in item["accesses"]),
                    within=tuple(item["within"]),
                    orders=tuple(int(order) for order in item["orders"]),
                    placements=(int(low), int(high)),
                    imaging=bool(item.get("imaging", False)),
                    variants=tuple(item.get("variants", ())),
                    kinds=tuple(item["kinds"]),
                ),
            )
        )
    if problems:
        raise AnatomyDataError(str(root), problems)
    return tuple(found)


@cache
def _golden(root: Path) -> tuple[GoldenExercise, ...]:
    known = dict(_levels(root))
    problems: list[DataProblem] = []
    found: list[GoldenExercise] = []
    for index, item in enumerate(_read(root, _CASES_FILE)):
        where = str(item.get("id", f"#{index}")) if isinstance(item, dict) else f"#{index}"
        if (
            not isinstance(item, dict)
            or not {"id", "level", "source", "why", "case"} <= item.keys()
        ):
            problems.append(
                DataProblem(_CASES_FILE, where, "-", "needs id, level, source, why and case")
            )
            continue
        if item["level"] not in known:
            problems.append(
                DataProblem(_CASES_FILE, where, "level", f"unknown level {item['level']!r}")
            )
            continue
        found.append(
            GoldenExercise(
                str(item["id"]), item["level"], str(item["source"]), str(item["why"]), item["case"]
            )
        )
    if problems:
        raise AnatomyDataError(str(root), problems)
    return tuple(found)
