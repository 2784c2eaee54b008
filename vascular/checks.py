"""Checks across records: every problem in the anatomy data, collected, never raised one by one.

Pure functions over already-parsed records; no I/O. `find_problems` runs each check in `_CHECKS` and
returns everything they found, so a curator sees all problems in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from vascular import frozen
from vascular.errors import DataProblem, VesselNameError
from vascular.names import Normaliser, index_form, slug
from vascular.records import Region, Tree, Variant, Vessel

# The checks run on the runtime records (vascular.records): the build converts the validated file
# records to them first, and a variant build re-checks them without pydantic.
VesselRecord = Vessel
TreeRecord = Tree
VariantRecord = Variant

__all__ = ["RecordSet", "apply_reattachments", "find_problems", "find_variant_problems", "twin_key"]


@frozen.record
class RecordSet:
    """Parsed records of one data directory, each vessel with the file it came from."""

    vessels: Sequence[tuple[str, VesselRecord]]
    trees: Sequence[tuple[str, TreeRecord]]
    normaliser: Normaliser

    def by_id(self) -> dict[str, VesselRecord]:
        """First record of each id (duplicates are reported by a check)."""
        found: dict[str, VesselRecord] = {}
        for _, record in self.vessels:
            found.setdefault(record.id, record)
        return found

    def file_of(self) -> dict[str, str]:
        """The file each id was first defined in."""
        found: dict[str, str] = {}
        for file, record in self.vessels:
            found.setdefault(record.id, file)
        return found


def twin_key(record: VesselRecord) -> str:
    """The id without its side prefix: left and right twins share it."""
    for prefix in ("left_", "right_"):
        if record.side != "unpaired" and record.id.startswith(prefix):
            return record.id[len(prefix) :]
    return record.id


def _duplicate_ids(records: RecordSet) -> list[DataProblem]:
    first = records.file_of()
    seen: set[str] = set()
    problems = []
    for file, record in records.vessels:
        if record.id in seen:
            problems.append(
                DataProblem(
                    file, record.id, "id", f"duplicate id (first defined in {first[record.id]})"
                )
            )
        seen.add(record.id)
    return problems


def _parents_and_roots(records: RecordSet) -> list[DataProblem]:
    by_id = records.by_id()
    declared_roots = {tree.root for _, tree in records.trees}
    problems = []
    for file, tree in records.trees:
        root = by_id.get(tree.root)
        if root is None:
            problems.append(DataProblem(file, tree.id, "root", f"unknown vessel {tree.root!r}"))
        elif root.parent is not None:
            problems.append(DataProblem(file, tree.id, "root", f"{tree.root} has a parent"))
        problems += _base_problems(file, tree, by_id)
    for file, record in records.vessels:
        if record.parent is None:
            if record.id not in declared_roots:
                problems.append(
                    DataProblem(
                        file, record.id, "parent", "missing: only a tree's root has no parent"
                    )
                )
        elif record.parent == record.id:
            problems.append(
                DataProblem(file, record.id, "parent", "a vessel cannot be its own parent")
            )
        elif record.parent not in by_id:
            problems.append(
                DataProblem(file, record.id, "parent", f"unknown vessel {record.parent!r}")
            )
        for feeder in record.also_fed_by:
            if feeder not in by_id:
                problems.append(
                    DataProblem(file, record.id, "also_fed_by", f"unknown vessel {feeder!r}")
                )
            elif feeder in (record.id, record.parent):
                problems.append(
                    DataProblem(file, record.id, "also_fed_by", f"{feeder} is itself or its parent")
                )
    return problems


def _base_problems(
    file: str, tree: TreeRecord, by_id: Mapping[str, VesselRecord]
) -> list[DataProblem]:
    """A tree's base holds its root and hangs together: each member's parent is in the base."""
    problems = []
    if tree.root not in tree.base:
        problems.append(DataProblem(file, tree.id, "base", f"must include the root {tree.root}"))
    for member in tree.base:
        record = by_id.get(member)
        if record is None:
            problems.append(DataProblem(file, tree.id, "base", f"unknown vessel {member!r}"))
        elif record.id != tree.root and record.parent not in tree.base:
            problems.append(
                DataProblem(
                    file, tree.id, "base", f"{member} hangs from {record.parent}, outside the base"
                )
            )
    return problems


def _reachability(records: RecordSet) -> list[DataProblem]:
    """Cycles and vessels whose parent chain never reaches a root."""
    by_id = records.by_id()
    problems = []
    for file, record in records.vessels:
        seen = [record.id]
        current = record
        while current.parent is not None and current.parent in by_id:
            if current.parent in seen:
                cycle = " -> ".join([*seen[seen.index(current.parent) :], current.parent])
                problems.append(DataProblem(file, record.id, "parent", f"cycle: {cycle}"))
                break
            seen.append(current.parent)
            current = by_id[current.parent]
        else:
            if current.parent is not None and current is not record:
                problems.append(
                    DataProblem(
                        file,
                        record.id,
                        "parent",
                        f"unreachable from any root: its ancestor {current.id} has unknown parent "
                        f"{current.parent!r}",
                    )
                )
    return problems


def _continuations_and_sides(records: RecordSet) -> list[DataProblem]:
    by_id = records.by_id()
    continuation_of: dict[str, str] = {}
    problems = []
    for file, record in records.vessels:
        parent = by_id.get(record.parent or "")
        if parent is None:
            continue
        if record.relation == "continuation":
            if record.parent in continuation_of:
                problems.append(
                    DataProblem(
                        file,
                        record.id,
                        "relation",
                        f"{record.parent} already continues as {continuation_of[record.parent]}: "
                        "a continuation must be a single line",
                    )
                )
            continuation_of.setdefault(parent.id, record.id)
            if record.side != parent.side:
                problems.append(
                    DataProblem(
                        file,
                        record.id,
                        "side",
                        f"a continuation keeps its parent's side ({parent.side})",
                    )
                )
        for source, field in [(parent, "side")] + [
            (by_id[f], "also_fed_by") for f in record.also_fed_by if f in by_id
        ]:
            if source.side != "unpaired" and record.side not in (source.side, "unpaired"):
                problems.append(
                    DataProblem(
                        file,
                        record.id,
                        field,
                        f"a {record.side} vessel cannot come off {source.id}",
                    )
                )
    return problems


def _regions(records: RecordSet) -> list[DataProblem]:
    """A vessel's region is the region of the base vessel it hangs from."""
    by_id = records.by_id()
    base = {member for _, tree in records.trees for member in tree.base}
    problems = []
    for file, record in records.vessels:
        expected = _base_region(record, by_id, base)
        if expected is not None and expected != record.region:
            problems.append(
                DataProblem(
                    file,
                    record.id,
                    "region",
                    f"{record.region!r}, but the vessel hangs from a {expected} segment",
                )
            )
    return problems


def _base_region(
    record: VesselRecord, by_id: Mapping[str, VesselRecord], base: set[str]
) -> Region | None:
    seen: set[str] = set()
    current = record
    while current.id not in base:
        if current.parent is None or current.parent not in by_id or current.id in seen:
            return None
        seen.add(current.id)
        current = by_id[current.parent]
    return None if current is record else current.region


def _territories(records: RecordSet) -> list[DataProblem]:
    """A territory is inherited: every branch of an intracranial or renal vessel lies there too."""
    by_id = records.by_id()
    problems = []
    for file, record in records.vessels:
        parent = by_id.get(record.parent or "")
        if (
            parent is not None
            and parent.territory is not None
            and record.territory != parent.territory
        ):
            problems.append(
                DataProblem(
                    file,
                    record.id,
                    "territory",
                    f"must be {parent.territory!r} like its parent {parent.id}",
                )
            )
    return problems


_LEVEL_RANK = {"lung": 0, "lobar": 1, "segmental": 2, "subsegmental": 3}


def _pulmonary_levels(records: RecordSet) -> list[DataProblem]:
    """Every pulmonary artery below the base has a level, never shallower than its parent's."""
    by_id = records.by_id()
    pulmonary = {t.root: t for _, t in records.trees if t.kind == "pulmonary_artery"}
    base = {member for tree in pulmonary.values() for member in tree.base}
    problems = []
    for file, record in records.vessels:
        root = _root_of(record, by_id)
        in_tree = root is not None and root in pulmonary and record.id not in base
        if in_tree and record.pulmonary_level is None:
            problems.append(
                DataProblem(file, record.id, "pulmonary_level", "missing for a pulmonary artery")
            )
        elif not in_tree and record.pulmonary_level is not None:
            problems.append(
                DataProblem(
                    file, record.id, "pulmonary_level", "only for pulmonary arteries below the base"
                )
            )
        parent = by_id.get(record.parent or "")
        if (
            in_tree
            and parent is not None
            and record.pulmonary_level is not None
            and parent.pulmonary_level is not None
            and _LEVEL_RANK[record.pulmonary_level] < _LEVEL_RANK[parent.pulmonary_level]
        ):
            problems.append(
                DataProblem(
                    file,
                    record.id,
                    "pulmonary_level",
                    f"{record.pulmonary_level!r} is above its parent's {parent.pulmonary_level!r}",
                )
            )
    return problems


def _root_of(record: VesselRecord, by_id: Mapping[str, VesselRecord]) -> str | None:
    seen: set[str] = set()
    current = record
    while current.parent is not None:
        if current.parent not in by_id or current.id in seen:
            return None
        seen.add(current.id)
        current = by_id[current.parent]
    return current.id


def _names(records: RecordSet) -> list[DataProblem]:
    owners: dict[str, set[str]] = defaultdict(set)
    twin: dict[str, str] = {}
    file_of = records.file_of()
    problems = []
    for file, record in records.vessels:
        twin[record.id] = twin_key(record)
        if record.id != slug(record.name):
            problems.append(
                DataProblem(
                    file, record.id, "id", f"must be the slug of the name: {slug(record.name)!r}"
                )
            )
        for field, text in [("name", record.name)] + [("aliases", a) for a in record.aliases]:
            try:
                parsed = records.normaliser.parse(text)
            except VesselNameError as error:
                problems.append(DataProblem(file, record.id, field, error.reason))
                continue
            if not parsed.words:
                problems.append(
                    DataProblem(file, record.id, field, f"{text!r} is only filler words")
                )
            if record.side != "unpaired":
                if field == "name" and parsed.side != record.side:
                    problems.append(DataProblem(file, record.id, "name", "must state the side"))
                elif field == "aliases" and parsed.side is not None:
                    problems.append(
                        DataProblem(
                            file, record.id, field, f"{text!r}: leave side words out of aliases"
                        )
                    )
            owners[index_form(record, parsed).folded].add(record.id)
    for key, ids in sorted(owners.items()):
        bases = {twin[i] for i in ids}
        if len(bases) > 1:
            first, *others = sorted(ids)
            problems.append(
                DataProblem(
                    file_of[first],
                    first,
                    "aliases",
                    f"name or alias {key!r} also belongs to {', '.join(others)}",
                )
            )
    return problems


_CHECKS: tuple[Callable[[RecordSet], list[DataProblem]], ...] = (
    _duplicate_ids,
    _parents_and_roots,
    _reachability,
    _continuations_and_sides,
    _regions,
    _territories,
    _pulmonary_levels,
    _names,
)


def find_problems(records: RecordSet) -> list[DataProblem]:
    """Every problem across the records, from every check."""
    return [problem for check in _CHECKS for problem in check(records)]


def find_variant_problems(
    records: RecordSet, variants: Sequence[tuple[str, VariantRecord]]
) -> list[DataProblem]:
    """Problems in the variants: unknown vessels, and anatomy that would be invalid once applied."""
    by_id = records.by_id()
    problems = []
    seen: set[str] = set()
    for file, variant in variants:
        if variant.id in seen:
            problems.append(DataProblem(file, variant.id, "id", "duplicate variant id"))
        seen.add(variant.id)
        unknown = [
            (where, f"{field} {value!r}")
            for where, pairs in (
                *(
                    ("reattach", (("vessel", m.vessel), ("parent", m.parent)))
                    for m in variant.reattach
                ),
                *(("connects", (("vessel", v), ("also_fed_by", f))) for v, f in variant.connects),
                ("made", tuple(("vessel", v) for v in variant.made)),
            )
            for field, value in pairs
            if value not in by_id
        ]
        if unknown:
            for where in dict.fromkeys(w for w, _ in unknown):
                problems.append(
                    DataProblem(
                        file,
                        variant.id,
                        where,
                        "unknown " + ", ".join(text for w, text in unknown if w == where),
                    )
                )
            continue
        applied = apply_reattachments(records, variant)
        for problem in find_problems(applied):
            problems.append(
                DataProblem(
                    file,
                    variant.id,
                    "reattach",
                    f"once applied, {problem.record}: {problem.message}",
                )
            )
    return problems


def apply_reattachments(records: RecordSet, *variants: VariantRecord) -> RecordSet:
    """The records with each variant's vessels moved and each construct's confluences added."""
    moves = {move.vessel: move for variant in variants for move in variant.reattach}
    feeds: dict[str, list[str]] = {}
    for variant in variants:
        for vessel_id, feeder in variant.connects:
            feeds.setdefault(vessel_id, []).append(feeder)
    vessels = []
    for file, record in records.vessels:
        if record.id in moves:
            record = record.moved(moves[record.id].parent, moves[record.id].relation)
        if record.id in feeds:
            record = record.fed_by(*feeds[record.id])
        vessels.append((file, record))
    return RecordSet(vessels, records.trees, records.normaliser)
