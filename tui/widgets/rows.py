"""RowSync: put a list of rows into a DataTable, changing only the cells that differ.

Refilling a table from scratch makes it measure every cell again and lay the screen out again;
changing only what differs (a new row, a changed cell) keeps a redraw to the rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

__all__ = ["Row", "RowSync"]

Row = tuple[str, tuple[Text, ...]]
"""A row's key and its cells."""


def _same(first: Text, second: Text) -> bool:
    """Text equality that also compares the base style (Text's own == does not)."""
    return (first.plain, str(first.style), first.spans) == (
        second.plain,
        str(second.style),
        second.spans,
    )


class RowSync:
    """The rows a table shows, to update it by difference."""

    def __init__(self) -> None:
        """Nothing shown yet."""
        self.rows: list[Row] = []

    def reset(self) -> None:
        """The table was cleared (its columns changed): the next `apply` adds every row."""
        self.rows = []

    def apply(self, table: DataTable[Text], rows: Sequence[Row]) -> None:
        """Make `table` show `rows`: cells that differ are updated, rows added or removed."""
        old = self.rows
        if any(before[0] != after[0] for before, after in zip(old, rows, strict=False)):
            table.clear()
            old = []
        columns = [column.key for column in table.ordered_columns]
        for (key, cells), (_, before) in zip(rows, old, strict=False):
            for column, cell, previous in zip(columns, cells, before, strict=True):
                if not _same(cell, previous):
                    table.update_cell(key, column, cell)
        for key, cells in rows[len(old) :]:
            table.add_row(*cells, key=key)
        for key, _ in old[len(rows) :]:
            table.remove_row(key)
        self.rows = list(rows)
