"""FamilyScreen: a family as a tree, each position with its order and its code from an access."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree
from textual.widgets.tree import TreeNode

from vascular import ChartRow, FamilyChart, position_words

__all__ = ["FamilyScreen"]


class FamilyScreen(Screen[None]):
    """The chart the library computed, position by position (what trainers put on the wall)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f3,q", "close", "Back")]

    def __init__(self, chart: FamilyChart, title: str) -> None:
        """The chart and its heading."""
        super().__init__()
        self.chart, self.heading = chart, title

    def compose(self) -> ComposeResult:
        """Heading, tree, footer."""
        yield Label(self.heading, id="family-title")
        tree: Tree[str] = Tree(self.chart.rows[0].name, id="family-tree")
        tree.guide_depth = 3
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        """Fill the tree from the chart's rows (depth-first, with depths); leaves stay leaves."""
        tree = self.query_one("#family-tree", Tree)
        tree.root.set_label(self._label(self.chart.rows[0]))
        self._add_ways(tree.root, self.chart.rows[0])
        stack: list[TreeNode[str]] = [tree.root]
        for row in self.chart.rows[1:]:
            del stack[row.depth :]
            if row.leaf and not row.ways:
                stack[-1].add_leaf(self._label(row), data=row.vessel)
                continue
            node = stack[-1].add(self._label(row), data=row.vessel, expand=True)
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
        return text

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
