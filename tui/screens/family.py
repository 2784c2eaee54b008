"""FamilyScreen: a family as a tree, each position with its order and its code from an access.

`c` chooses an intervention code; the vessels of the territory it includes are then marked
(the library's territory, `vascular.intervention_territory`, both sides of a sided territory).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree
from textual.widgets.tree import TreeNode

from tui.screens.code_dialog import CodeDialog
from vascular import Anatomy, ChartRow, FamilyChart, intervention_territory, position_words

__all__ = ["FamilyScreen"]


class FamilyScreen(Screen[None]):
    """The chart the library computed, position by position (what trainers put on the wall)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3,q", "close", "Back"),
        Binding("c", "choose_code", "Territory of a code"),
    ]

    def __init__(
        self,
        chart: FamilyChart,
        title: str,
        anatomy: Anatomy | None = None,
        code: str | None = None,
    ) -> None:
        """The chart and its heading; with `anatomy`, `c` marks a code's territory (`code` now)."""
        super().__init__()
        self.chart, self.heading, self.anatomy = chart, title, anatomy
        self.code: str | None = None
        self.territory: frozenset[str] = frozenset()
        self.territory_name = ""
        self._tree_nodes: dict[str, TreeNode[str]] = {}
        if code:
            self._set_code(code)

    def _set_code(self, code: str) -> None:
        found = intervention_territory(self.anatomy, code) if self.anatomy and code else None
        self.code = code if found is not None else None
        self.territory_name, self.territory = found if found is not None else ("", frozenset())

    def _territory_line(self) -> str:
        if self.code is None:
            return ""
        inside = sum(1 for row in self.chart.rows if row.vessel in self.territory)
        where = self.territory_name or "no territory: its scope is not a territory"
        return f"◆ {self.code} includes {where}: {inside} vessel(s) of this chart (c: another)"

    def compose(self) -> ComposeResult:
        """Heading, the territory line, tree, footer."""
        yield Label(self.heading, id="family-title")
        territory = Label(self._territory_line(), id="family-territory")
        territory.display = self.code is not None
        yield territory
        tree: Tree[str] = Tree(self.chart.rows[0].name, id="family-tree")
        tree.guide_depth = 3
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        """Fill the tree from the chart's rows (depth-first, with depths); leaves stay leaves."""
        tree = self.query_one("#family-tree", Tree)
        tree.root.set_label(self._label(self.chart.rows[0]))
        self._tree_nodes = {self.chart.rows[0].vessel: tree.root}
        self._add_ways(tree.root, self.chart.rows[0])
        stack: list[TreeNode[str]] = [tree.root]
        for row in self.chart.rows[1:]:
            del stack[row.depth :]
            if row.leaf and not row.ways:
                self._tree_nodes[row.vessel] = stack[-1].add_leaf(self._label(row), data=row.vessel)
                continue
            node = stack[-1].add(self._label(row), data=row.vessel, expand=True)
            self._tree_nodes[row.vessel] = node
            self._add_ways(node, row)
            stack.append(node)
        tree.root.expand_all()
        tree.focus()

    def _add_ways(self, node: TreeNode[str], row: ChartRow) -> None:
        """One leaf per way in, for a position two ways reach that code differently."""
        for way in row.ways:
            text = Text(f"via {way.via_name.lower()}", style="italic")
            if way.order is not None:
                text.append(f"  order {way.order}", style="bold")
            text.append(f"  {way.code}", style="bold cyan")
            node.add_leaf(text, data=way.via)

    def _label(self, row: ChartRow) -> Text:
        text = Text(row.name + (" *" if row.variant else ""))
        if row.note:
            text.append(f"  {row.note}", style="dim")
        elif row.explained_at:
            text.append("  (see above)", style="dim")
        elif row.ways:
            text.append(f"  {len(row.ways)} ways in, which code differently", style="dim")
        elif row.selective:
            text.append(f"  {position_words(row)}", style="bold")
            text.append(f"  {row.code}", style="bold cyan")
        else:
            text.append(f"  non-selective  {row.code}", style="dim")
        for item in row.imaging:
            where = f" ({item.territory})" if item.territory else ""
            text.append(f"  with imaging{where} {item.code}", style="magenta")
        if row.vessel in self.territory:
            text.append(f"  ◆ in {self.code}", style="bold green")
        return text

    def action_choose_code(self) -> None:
        """Choose an intervention code whose territory to mark."""
        if self.anatomy is None:
            return

        def chosen(code: str | None) -> None:
            if code is None:
                return
            self._set_code(code)
            line = self.query_one("#family-territory", Label)
            line.update(self._territory_line())
            line.display = self.code is not None
            for row in self.chart.rows:
                node = self._tree_nodes.get(row.vessel)
                if node is not None:
                    node.set_label(self._label(row))

        self.app.push_screen(CodeDialog(self.anatomy), chosen)

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
