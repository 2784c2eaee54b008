"""The `Anatomy`: a validated, frozen networkx graph of vessels with typed accessors.

No I/O: an `Anatomy` is built by `vascular.loading` from records that already passed
`vascular.checks`.
Edges run from parent to child with ``relation`` = ``branch`` or ``continuation``; a confluence (a
vessel
also fed by another, like the basilar from the right vertebral) is an extra edge with ``relation`` =
``confluence``. The tree (parents, lineage, families) is defined by branch and continuation edges
only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import networkx as nx

from vascular.checks import RecordSet, apply_reattachments, find_problems, twin_key
from vascular.errors import AnatomyDataError, UnknownVariantError, UnknownVesselError
from vascular.models import ClassRecord, TreeRecord, VariantRecord, VesselRecord
from vascular.names import NameIndex, NameReading, Role, Suggestion
from vascular.rules import RuleBook

__all__ = ["Anatomy"]


class Anatomy:
    """A validated vessel atlas: records, the frozen graph, trees, variants and name resolution."""

    def __init__(
        self,
        records: RecordSet,
        variants: Mapping[str, VariantRecord],
        data_dir: str,
        rules: RuleBook,
        applied_variants: tuple[str, ...] = (),
        classes: Iterable[ClassRecord] = (),
    ) -> None:
        """Wrap records that have passed every check. Use `vascular.loading.load_anatomy`."""
        self._records = records
        self.rules = rules
        """The code tables, rules and sources read with the anatomy."""
        self._by_id = records.by_id()
        self._file_of = records.file_of()
        self.data_dir = data_dir
        """The directory the data was read from."""
        self.trees: Mapping[str, TreeRecord] = MappingProxyType({t.id: t for _, t in records.trees})
        """The vascular trees, by id."""
        self.variants: Mapping[str, VariantRecord] = MappingProxyType(dict(variants))
        """Every variant the data defines, by id (applied or not)."""
        self.applied_variants = applied_variants
        """Ids of the variants applied to this anatomy, in the order given."""
        self.classes: tuple[ClassRecord, ...] = tuple(classes)
        """The name classes (names that stand for several vessels), as the data gives them."""
        self.names = NameIndex(
            self._by_id, records.normaliser, self.classes, self.variants.values(), applied_variants
        )
        """Name, alias, class and variant-name index used by `resolve`, `read_name`, `search`."""
        graph: nx.DiGraph[str] = nx.DiGraph()
        for _, record in records.vessels:
            graph.add_node(record.id, record=record)
        for _, record in records.vessels:
            if record.parent is not None:
                graph.add_edge(record.parent, record.id, relation=record.relation)
            for feeder in record.also_fed_by:
                graph.add_edge(feeder, record.id, relation="confluence")
        self.graph: nx.DiGraph[str] = nx.freeze(graph)
        """Parent -> child edges with a ``relation`` attribute; frozen."""
        self._children: dict[str, list[str]] = {vessel_id: [] for vessel_id in self._by_id}
        for _, record in records.vessels:
            if record.parent is not None:
                self._children[record.parent].append(record.id)
        self._base = frozenset(member for tree in self.trees.values() for member in tree.base)
        self._chains: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._by_key: dict[str, set[str]] = {}
        for vessel_id, record in self._by_id.items():
            self._by_key.setdefault(twin_key(record), set()).add(vessel_id)
        self._subtrees: dict[str, frozenset[str]] = {}

    def __len__(self) -> int:
        """Number of vessels."""
        return len(self._by_id)

    def __contains__(self, vessel_id: object) -> bool:
        """Whether `vessel_id` is a vessel of this anatomy."""
        return vessel_id in self._by_id

    def __iter__(self) -> Iterator[VesselRecord]:
        """Every vessel, depth first from each tree's root, children in data-file order."""
        for tree in self.trees.values():
            yield from self._walk(tree.root)

    def _walk(self, vessel_id: str) -> Iterator[VesselRecord]:
        stack = [vessel_id]
        while stack:
            current = stack.pop()
            yield self._by_id[current]
            stack.extend(reversed(self._children[current]))

    def vessel(self, vessel_id: str) -> VesselRecord:
        """The record for an id.

        Raises:
            UnknownVesselError: no vessel has this id; similar names are suggested.
        """
        try:
            return self._by_id[vessel_id]
        except KeyError:
            close = self.names.suggestions(vessel_id)
            raise UnknownVesselError(
                vessel_id,
                f"no vessel has the id {vessel_id!r}",
                [s.name for s in close],
                suggestion_ids=[s.id for s in close],
            ) from None

    def file_of(self, vessel_id: str) -> str:
        """The data file (relative to `data_dir`) that defines the vessel."""
        return self._file_of[self.vessel(vessel_id).id]

    def parent(self, vessel_id: str) -> VesselRecord | None:
        """The vessel this one comes off, or None for a root."""
        parent = self.vessel(vessel_id).parent
        return None if parent is None else self._by_id[parent]

    def children(self, vessel_id: str) -> tuple[VesselRecord, ...]:
        """Branches and continuation of a vessel, in data-file order."""
        return tuple(self._by_id[c] for c in self._children[self.vessel(vessel_id).id])

    def continuation(self, vessel_id: str) -> VesselRecord | None:
        """The vessel this one continues as under a new name, if any."""
        for child in self.children(vessel_id):
            if child.relation == "continuation":
                return child
        return None

    def continuation_line(self, vessel_id: str) -> tuple[str, ...]:
        """The vessel and each vessel it continues as, in order (subclavian, axillary, brachial)."""
        line = [self.vessel(vessel_id).id]
        following = self.continuation(vessel_id)
        while following is not None:
            line.append(following.id)
            following = self.continuation(following.id)
        return tuple(line)

    def feeders(self, vessel_id: str) -> tuple[VesselRecord, ...]:
        """Vessels that also open into this one at a confluence (its ``also_fed_by``)."""
        return tuple(self._by_id[f] for f in self.vessel(vessel_id).also_fed_by)

    def lineage(self, vessel_id: str) -> tuple[VesselRecord, ...]:
        """The vessel and every ancestor up to its tree's root, nearest first."""
        chain = [self.vessel(vessel_id)]
        while chain[-1].parent is not None:
            chain.append(self._by_id[chain[-1].parent])
        return tuple(chain)

    def chains(self, vessel_id: str) -> tuple[tuple[str, ...], ...]:
        """Every way down to the vessel from a root, root first.

        Its lineage, and the ways through a
        confluence (the basilar from either vertebral; the right ventricle from the right atrium).

        The lineage (through parents only) comes first.
        """
        found = self._chains.get(vessel_id)
        if found is None:
            record = self.vessel(vessel_id)
            ways: list[tuple[str, ...]] = []
            for upstream in ((record.parent,) if record.parent else ()) + record.also_fed_by:
                ways += [(*chain, record.id) for chain in self.chains(upstream)]
            found = tuple(ways) or ((record.id,),)
            self._chains[vessel_id] = found
        return found

    def relation(self, upstream: str, downstream: str) -> str:
        """How `downstream` leaves `upstream`: branch, continuation or confluence."""
        return str(self.graph.edges[upstream, downstream]["relation"])

    def descendants(self, vessel_id: str) -> frozenset[str]:
        """Every vessel below this one, through branches, continuations and confluences."""
        return frozenset(nx.descendants(self.graph, self.vessel(vessel_id).id))

    def subtree(self, vessel_id: str) -> frozenset[str]:
        """The vessel and every vessel hanging from it by parent links (no confluences)."""
        found = self._subtrees.get(vessel_id)
        if found is None:
            found = frozenset(record.id for record in self._walk(self.vessel(vessel_id).id))
            self._subtrees[vessel_id] = found
        return found

    def key_of(self, vessel_id: str) -> str:
        """The vessel's twin key: its id without the side prefix (as rule tables name vessels)."""
        return twin_key(self.vessel(vessel_id))

    def with_key(self, *keys: str) -> frozenset[str]:
        """Ids of every vessel whose twin key is one of `keys`."""
        return frozenset(v for key in keys for v in self._by_key.get(key, ()))

    def tree_of(self, vessel_id: str) -> TreeRecord:
        """The tree whose root the vessel hangs from."""
        root = self.lineage(vessel_id)[-1].id
        return next(tree for tree in self.trees.values() if tree.root == root)

    def base(self, tree_id: str) -> tuple[VesselRecord, ...]:
        """A tree's non-selective base (the aorta, for arteries), root first."""
        return tuple(self._by_id[member] for member in self.trees[tree_id].base)

    def is_base(self, vessel_id: str) -> bool:
        """Whether the vessel is part of a tree's non-selective base."""
        return self.vessel(vessel_id).id in self._base

    def resolve(self, name: str, role: Role = "placement") -> VesselRecord:
        """The one vessel a coder's name means, as a placement or an access (`vascular.names`)."""
        return self.names.resolve(name, role)

    def read_name(self, text: str, role: Role = "placement") -> NameReading:
        """How a coder's name reads: a vessel, a class, an ambiguity, a variant or unknown."""
        return self.names.read(text, role)

    def complete(self, text: str, limit: int = 8) -> tuple[Suggestion, ...]:
        """Ranked completions of a partly typed name (see `NameIndex.complete`)."""
        return self.names.complete(text, limit)

    def search(self, query: str) -> tuple[VesselRecord, ...]:
        """Vessels whose name or an alias contains every word of `query`."""
        return self.names.search(query)

    def with_variants(self, *variant_ids: str) -> Anatomy:
        """A new anatomy with the named variants applied on top of this one.

        Raises:
            UnknownVariantError: a variant id the data does not define.
            AnatomyDataError: the variants together give an invalid tree (each alone was checked).
        """
        chosen = []
        for variant_id in variant_ids:
            if variant_id not in self.variants:
                raise UnknownVariantError(variant_id, self.variants)
            chosen.append(self.variants[variant_id])
        records = apply_reattachments(self._records, *chosen)
        problems = find_problems(records)
        if problems:
            raise AnatomyDataError(f"{self.data_dir} with {' + '.join(variant_ids)}", problems)
        return Anatomy(
            records,
            self.variants,
            self.data_dir,
            self.rules,
            (*self.applied_variants, *variant_ids),
            self.classes,
        )
