"""FamilyScreen: a family as a tree, each position with its order and its code from an access."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree
from textual.widgets.tree import TreeNode

from vascular import FamilyChart

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
        """Fill the tree from the chart's rows (depth-first, with depths)."""
        tree = self.query_one("#family-tree", Tree)
        tree.root.set_label(self._label(0))
        stack: list[TreeNode[str]] = [tree.root]
        for index, row in enumerate(self.chart.rows[1:], start=1):
            del stack[row.depth :]
            node = stack[-1].add(self._label(index), data=row.vessel, expand=True)
            stack.append(node)
        tree.root.expand_all()
        tree.focus()

    def _label(self, index: int) -> Text:
        row = self.chart.rows[index]
        text = Text(row.name)
        if row.note:
            text.append(f"  {row.note}", style="dim")
        elif not row.selective:
            text.append(f"  non-selective  {row.code}", style="dim")
        else:
            text.append(f"  order {row.order}" if row.order else "", style="bold")
            text.append(f"  {row.code}", style="bold cyan")
        return text

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
