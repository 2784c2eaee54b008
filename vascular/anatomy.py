"""The `Anatomy`: a validated vessel atlas, compiled into look-up tables once.

No I/O: an `Anatomy` is built by `vascular.build` from records that passed `vascular.checks`, and
cached (pickled) by `vascular.loading`. Everything the engine asks per case is a dictionary look-up:
each vessel's lineage, its ways down from a root (through confluences), the relation of each edge,
its tree, its twin key, and an Euler tour of the parent tree so "is X in the subtree of Y" is two
comparisons. The networkx graph (`graph`) is built only when something asks for it. Variant
combinations are built once per process and kept.

Edges run from parent to child with relation ``branch`` or ``continuation``; a confluence (a vessel
also fed by another, like the basilar from the right vertebral) is an extra edge with relation
``confluence``. The tree (parents, lineage, families) is defined by branch and continuation edges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from vascular.checks import RecordSet, apply_reattachments, find_problems, twin_key
from vascular.errors import AnatomyDataError, UnknownVariantError, UnknownVesselError
from vascular.names import NameIndex, NameReading, Role, Suggestion
from vascular.records import NameClass, Tree, Variant, Vessel

if TYPE_CHECKING:
    import networkx as nx

    from vascular.rulebook import RuleBook, RuleData

__all__ = ["Anatomy", "RuleCompiler"]

RuleCompiler = Callable[["RuleData", "Anatomy"], "RuleBook"]
"""Compiles the rule data against an anatomy (the code families' tables need its vessels)."""

_VARIANT_CACHE_SIZE = 32


class Anatomy:
    """A validated vessel atlas: records, compiled indexes, trees, variants, names and rules."""

    def __init__(
        self,
        records: RecordSet,
        variants: Mapping[str, Variant],
        data_dir: str,
        rule_data: RuleData,
        compiler: RuleCompiler,
        applied_variants: tuple[str, ...] = (),
        names: NameIndex | None = None,
        classes: tuple[NameClass, ...] = (),
    ) -> None:
        """Compile records that have passed every check. Use `vascular.loading.load_anatomy`."""
        self._records = records
        self.data_dir = data_dir
        """The directory the data was read from."""
        self.variants: Mapping[str, Variant] = dict(variants)
        """Every variant the data defines, by id (applied or not)."""
        self.applied_variants = applied_variants
        """Ids of the variants and constructs applied to this anatomy, in the order given."""
        self.made_by: Mapping[str, str] = {
            vessel_id: variant.id
            for variant in self.variants.values()
            for vessel_id in variant.made
        }
        """Each vessel a construct consists of, and its construct's id (it exists only with it)."""
        self.classes = classes
        """The name classes (names that stand for several vessels), as the data gives them."""
        self.trees: Mapping[str, Tree] = {t.id: t for _, t in records.trees}
        """The vascular trees, by id."""
        by_id = records.by_id()
        self._by_id = by_id
        self._file_of = records.file_of()
        self.names = (
            names.with_records(by_id, applied_variants)
            if names is not None
            else NameIndex(by_id, records.normaliser, (), variants.values(), applied_variants)
        )
        """Name, alias, class and variant-name index used by `resolve`, `read_name`, `search`."""
        self._compile_tree(records)
        self._rule_data = rule_data
        self._compiler = compiler
        self._variant_cache: dict[tuple[str, ...], Anatomy] = {}
        self._graph: Any = None
        self._descendants: dict[str, frozenset[str]] = {}
        self.rules: RuleBook = compiler(rule_data, self)
        """The code tables, rules, sources and options, compiled for this anatomy."""

    # --- compiling --------------------------------------------------------------------------------

    def _compile_tree(self, records: RecordSet) -> None:
        by_id = self._by_id
        children: dict[str, list[str]] = {vessel_id: [] for vessel_id in by_id}
        fed: dict[str, list[str]] = {vessel_id: [] for vessel_id in by_id}
        edges: dict[tuple[str, str], str] = {}
        for _, record in records.vessels:
            if by_id[record.id] is not record:
                continue
            if record.parent is not None:
                children[record.parent].append(record.id)
                edges[record.parent, record.id] = str(record.relation)
            for feeder in record.also_fed_by:
                fed[feeder].append(record.id)
                edges[feeder, record.id] = "confluence"
        self._children = {k: tuple(v) for k, v in children.items()}
        self._fed = {k: tuple(v) for k, v in fed.items() if v}
        self._edges = edges
        order: list[str] = []
        tin: dict[str, int] = {}
        tout: dict[str, int] = {}
        lineage: dict[str, tuple[str, ...]] = {}
        tree_of: dict[str, Tree] = {}
        for tree in self.trees.values():
            stack: list[tuple[str, bool]] = [(tree.root, False)]
            while stack:
                vessel_id, done = stack.pop()
                if done:
                    tout[vessel_id] = len(order)
                    continue
                tin[vessel_id] = len(order)
                order.append(vessel_id)
                parent = by_id[vessel_id].parent
                lineage[vessel_id] = (vessel_id, *(lineage[parent] if parent else ()))
                tree_of[vessel_id] = tree
                stack.append((vessel_id, True))
                stack.extend((child, False) for child in reversed(self._children[vessel_id]))
        self._order = tuple(order)
        self._tin, self._tout = tin, tout
        self._lineage = lineage
        self._tree_of = tree_of
        self._base = frozenset(member for tree in self.trees.values() for member in tree.base)
        key_of = {vessel_id: twin_key(record) for vessel_id, record in by_id.items()}
        by_key: dict[str, set[str]] = {}
        for vessel_id, key in key_of.items():
            by_key.setdefault(key, set()).add(vessel_id)
        self._key_of = key_of
        self._by_key = {key: frozenset(ids) for key, ids in by_key.items()}
        self._continuation = {
            parent: child
            for (parent, child), relation in edges.items()
            if relation == "continuation"
        }
        sides: dict[str, frozenset[str]] = {}
        for vessel_id in reversed(order):
            own = by_id[vessel_id].side
            below = frozenset(s for child in self._children[vessel_id] for s in sides[child])
            sides[vessel_id] = below | ({own} if own != "unpaired" else frozenset())
        self._sides_below = sides
        chains: dict[str, tuple[tuple[str, ...], ...]] = {}
        for vessel_id in order:
            chains[vessel_id] = self._chains_of(vessel_id, chains)
        self._chains = chains

    def _chains_of(
        self, vessel_id: str, known: dict[str, tuple[tuple[str, ...], ...]]
    ) -> tuple[tuple[str, ...], ...]:
        record = self._by_id[vessel_id]
        ways: list[tuple[str, ...]] = []
        for upstream in ((record.parent,) if record.parent else ()) + record.also_fed_by:
            upper = known.get(upstream)
            if upper is None:
                upper = self._chains_of(upstream, known)
                known[upstream] = upper
            ways += [(*chain, vessel_id) for chain in upper]
        return tuple(dict.fromkeys(ways)) or ((vessel_id,),)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the per-process caches (the graph, variant builds)."""
        state = dict(self.__dict__)
        state["_variant_cache"] = {}
        state["_graph"] = None
        state["_descendants"] = {}
        state.pop("_texts", None)
        state.pop("_aortic_reads", None)
        state.pop("_stop_memo", None)
        return state

    # --- records ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of vessels."""
        return len(self._by_id)

    def __contains__(self, vessel_id: object) -> bool:
        """Whether `vessel_id` is a vessel of this anatomy."""
        return vessel_id in self._by_id

    def __iter__(self) -> Iterator[Vessel]:
        """Every vessel, depth first from each tree's root, children in data-file order."""
        return (self._by_id[vessel_id] for vessel_id in self._order)

    def vessel(self, vessel_id: str) -> Vessel:
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

    def name(self, vessel_id: str | None) -> str:
        """A vessel's display name in running text ('left uterine artery', 'SMA' kept)."""
        if vessel_id is None:
            return "-"
        name = self._by_id[vessel_id].name
        return name if name[1:2].isupper() else name[:1].lower() + name[1:]

    # --- the tree ---------------------------------------------------------------------------------

    def parent(self, vessel_id: str) -> Vessel | None:
        """The vessel this one comes off, or None for a root."""
        parent = self.vessel(vessel_id).parent
        return None if parent is None else self._by_id[parent]

    def children(self, vessel_id: str) -> tuple[Vessel, ...]:
        """Branches and continuation of a vessel, in data-file order."""
        return tuple(self._by_id[c] for c in self._children[self.vessel(vessel_id).id])

    def child_ids(self, vessel_id: str) -> tuple[str, ...]:
        """Ids of the branches and continuation of a vessel, in data-file order."""
        return self._children[vessel_id]

    def continuation(self, vessel_id: str) -> Vessel | None:
        """The vessel this one continues as under a new name, if any."""
        child = self._continuation.get(self.vessel(vessel_id).id)
        return None if child is None else self._by_id[child]

    def continuation_line(self, vessel_id: str) -> tuple[str, ...]:
        """The vessel and each vessel it continues as, in order (subclavian, axillary, brachial)."""
        line = [self.vessel(vessel_id).id]
        while line[-1] in self._continuation:
            line.append(self._continuation[line[-1]])
        return tuple(line)

    def feeders(self, vessel_id: str) -> tuple[Vessel, ...]:
        """Vessels that also open into this one at a confluence (its ``also_fed_by``)."""
        return tuple(self._by_id[f] for f in self.vessel(vessel_id).also_fed_by)

    def lineage(self, vessel_id: str) -> tuple[Vessel, ...]:
        """The vessel and every ancestor up to its tree's root, nearest first."""
        return tuple(self._by_id[v] for v in self._lineage[self.vessel(vessel_id).id])

    def lineage_ids(self, vessel_id: str) -> tuple[str, ...]:
        """Ids of the vessel and every ancestor up to its tree's root, nearest first."""
        return self._lineage[vessel_id]

    def chains(self, vessel_id: str) -> tuple[tuple[str, ...], ...]:
        """Every way down to the vessel from a root, root first; the lineage comes first.

        The lineage, and the ways through a confluence (the basilar from either vertebral; the
        right ventricle from the right atrium).
        """
        return self._chains[self.vessel(vessel_id).id]

    def relation(self, upstream: str, downstream: str) -> str:
        """How `downstream` leaves `upstream`: branch, continuation or confluence.

        Raises:
            KeyError: no edge joins them.
        """
        return self._edges[upstream, downstream]

    def has_edge(self, upstream: str, downstream: str) -> bool:
        """Whether `downstream` leaves `upstream` directly."""
        return (upstream, downstream) in self._edges

    def in_subtree(self, vessel_id: str, top: str) -> bool:
        """Whether `vessel_id` hangs from `top` by parent links (or is `top`)."""
        tin = self._tin
        return tin[top] <= tin[vessel_id] < self._tout[top]

    def subtree(self, vessel_id: str) -> frozenset[str]:
        """The vessel and every vessel hanging from it by parent links (no confluences)."""
        vessel_id = self.vessel(vessel_id).id
        return frozenset(self._order[self._tin[vessel_id] : self._tout[vessel_id]])

    def descendants(self, vessel_id: str) -> frozenset[str]:
        """Every vessel below this one, through branches, continuations and confluences."""
        vessel_id = self.vessel(vessel_id).id
        found = self._descendants.get(vessel_id)
        if found is None:
            seen: set[str] = set()
            stack = [vessel_id]
            while stack:
                current = stack.pop()
                for nxt in (*self._children[current], *self._fed.get(current, ())):
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            found = frozenset(seen)
            self._descendants[vessel_id] = found
        return found

    def sides_in_subtree(self, vessel_id: str) -> frozenset[str]:
        """The sides (left, right) of the sided vessels in a vessel's subtree, itself included."""
        return self._sides_below[vessel_id]

    def key_of(self, vessel_id: str) -> str:
        """The vessel's twin key: its id without the side prefix (as rule tables name vessels)."""
        return self._key_of[self.vessel(vessel_id).id]

    def with_key(self, *keys: str) -> frozenset[str]:
        """Ids of every vessel whose twin key is one of `keys`."""
        if len(keys) == 1:
            return self._by_key.get(keys[0], frozenset())
        return frozenset(v for key in keys for v in self._by_key.get(key, ()))

    def tree_of(self, vessel_id: str) -> Tree:
        """The tree whose root the vessel hangs from."""
        return self._tree_of[self.vessel(vessel_id).id]

    def base(self, tree_id: str) -> tuple[Vessel, ...]:
        """A tree's non-selective base (the aorta, for arteries), root first."""
        return tuple(self._by_id[member] for member in self.trees[tree_id].base)

    def is_base(self, vessel_id: str) -> bool:
        """Whether the vessel is part of a tree's non-selective base."""
        return vessel_id in self._base

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The atlas as a frozen networkx graph (built on first use; edges carry ``relation``)."""
        if self._graph is None:
            import networkx as nx

            graph: nx.DiGraph[str] = nx.DiGraph()
            for vessel_id in self._order:
                graph.add_node(vessel_id, record=self._by_id[vessel_id])
            for (upstream, downstream), relation in self._edges.items():
                graph.add_edge(upstream, downstream, relation=relation)
            self._graph = nx.freeze(graph)
        return self._graph  # type: ignore[no-any-return]

    # --- names ------------------------------------------------------------------------------------

    def resolve(self, name: str, role: Role = "placement") -> Vessel:
        """The one vessel a coder's name means, as a placement or an access (`vascular.names`)."""
        return self.names.resolve(name, role)

    def read_name(self, text: str, role: Role = "placement") -> NameReading:
        """How a coder's name reads: a vessel, a class, an ambiguity, a variant or unknown."""
        return self.names.read(text, role)

    def complete(self, text: str, limit: int = 8) -> tuple[Suggestion, ...]:
        """Ranked completions of a partly typed name (see `NameIndex.complete`)."""
        return self.names.complete(text, limit)

    def search(self, query: str) -> tuple[Vessel, ...]:
        """Vessels whose name or an alias contains every word of `query`."""
        return self.names.search(query)

    def lookup(self, name: str, role: Role = "placement") -> Vessel:
        """A vessel by id, or else by the name a coder would write."""
        return self._by_id[name] if name in self._by_id else self.resolve(name, role)

    # --- variants ---------------------------------------------------------------------------------

    def with_variants(self, *variant_ids: str) -> Anatomy:
        """The anatomy with the named variants applied on top of this one (built once, then kept).

        Raises:
            UnknownVariantError: a variant id the data does not define.
            AnatomyDataError: the variants together give an invalid tree (each alone was checked).
        """
        if not variant_ids:
            return self
        key = tuple(variant_ids)
        cached = self._variant_cache.get(key)
        if cached is not None:
            return cached
        chosen = []
        for variant_id in variant_ids:
            if variant_id not in self.variants:
                raise UnknownVariantError(variant_id, self.variants)
            chosen.append(self.variants[variant_id])
        records = apply_reattachments(self._records, *chosen)
        problems = find_problems(records)
        if problems:
            raise AnatomyDataError(f"{self.data_dir} with {' + '.join(variant_ids)}", problems)
        built = Anatomy(
            records,
            self.variants,
            self.data_dir,
            self._rule_data,
            self._compiler,
            (*self.applied_variants, *variant_ids),
            self.names,
            self.classes,
        )
        if len(self._variant_cache) >= _VARIANT_CACHE_SIZE:
            self._variant_cache.pop(next(iter(self._variant_cache)))
        self._variant_cache[key] = built
        return built
