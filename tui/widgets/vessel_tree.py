"""VesselTree: the atlas as a tree of systems and vessels.

Each vessel is labelled with its order from the current access and coloured by its family.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from vascular import Anatomy, Reading

__all__ = ["VesselTree"]

_SYSTEMS = {
    "artery": "Arteries",
    "vein": "Veins",
    "pulmonary_artery": "Pulmonary arteries",
    "portal_vein": "Portal system",
}
_PALETTE = ("#e07a5f", "#81b29a", "#f2cc8f", "#7fb7be", "#c08bc9", "#e5989b", "#9bc53d", "#5fa8d3")


def family_colour(family: str) -> str:
    """A stable colour per family (the same family is always the same colour)."""
    return _PALETTE[zlib.crc32(family.encode()) % len(_PALETTE)]


class VesselTree(Tree[str]):
    """Systems, then each vessel under the vessel it comes off; Enter adds the vessel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Add placement", show=False),
        Binding("f", "screen.run('family_view')", "Family view", show=False),
    ]

    @dataclass
    class VesselChosen(Message):
        """The coder chose a vessel to add as a placement."""

        vessel: str

    def __init__(self, anatomy: Anatomy | None = None, **kwargs: object) -> None:
        """An empty tree until the screen hands it an anatomy."""
        super().__init__("Atlas", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._anatomy = anatomy
        self._readings: dict[str, Reading] = {}
        self._loaded: set[str] = set()
        if anatomy is not None:
            self.set_anatomy(anatomy)

    def set_anatomy(self, anatomy: Anatomy) -> None:
        """Show another atlas (or the same with variants): systems, their roots, lazily below."""
        self._anatomy = anatomy
        self._loaded.clear()
        self.clear()
        for tree in anatomy.trees.values():
            system = self.root.add(_SYSTEMS[tree.kind], expand=tree.kind == "artery")
            node = self._add(system, tree.root)
            while node.data in tree.base:
                self._load(node)
                node.expand()
                following = [child for child in node.children if child.data in tree.base]
                if not following:
                    break
                node = following[0]

    def set_readings(self, readings: dict[str, Reading]) -> None:
        """New orders and families (the access or options changed): relabel the loaded vessels."""
        self._readings = readings
        for node in self._walk(self.root):
            if node.data is not None:
                node.set_label(self._label(node.data))

    def _walk(self, node: TreeNode[str]) -> list[TreeNode[str]]:
        found = []
        stack = [node]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(current.children)
        return found

    def _add(self, parent: TreeNode[str], vessel_id: str) -> TreeNode[str]:
        assert self._anatomy is not None
        has_children = bool(self._anatomy.children(vessel_id))
        return parent.add(self._label(vessel_id), data=vessel_id, allow_expand=has_children)

    def _load(self, node: TreeNode[str]) -> None:
        if self._anatomy is None or node.data is None or node.data in self._loaded:
            return
        self._loaded.add(node.data)
        for child in self._anatomy.children(node.data):
            self._add(node, child.id)

    def _label(self, vessel_id: str) -> Text:
        assert self._anatomy is not None
        text = Text(self._anatomy.vessel(vessel_id).name)
        reading = self._readings.get(vessel_id)
        if reading is None:
            return text
        if not reading.selective:
            text.append("  non-sel.", style="dim")
        elif reading.order is None:
            text.append("  pulmonary", style="dim italic")
        else:
            colour = family_colour(reading.family or vessel_id)
            text.stylize(colour)
            text.append(f"  {reading.order}", style=f"bold {colour}")
        return text

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        """Load a vessel's branches the first time it opens."""
        event.stop()
        for child in event.node.children:
            self._load(child)
        self._load(event.node)

    def action_choose(self) -> None:
        """Add the vessel under the cursor; on a system, open or close it."""
        node = self.cursor_node
        if node is None:
            return
        if node.data is None:
            node.toggle()
        else:
            self.post_message(self.VesselChosen(node.data))

    def reveal(self, vessel_id: str) -> None:
        """Open the tree down to a vessel and put the cursor on it."""
        if self._anatomy is None:
            return
        lineage = [record.id for record in reversed(self._anatomy.lineage(vessel_id))]
        tree_kind = self._anatomy.tree_of(vessel_id).kind
        node = next(n for n in self.root.children if str(n.label) == _SYSTEMS[tree_kind])
        node.expand()
        for step in lineage:
            self._load(node)
            match = next((child for child in node.children if child.data == step), None)
            if match is None:
                return
            node = match
            if step != vessel_id:
                node.expand()
        self.move_cursor(node)
