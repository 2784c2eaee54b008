"""CodeTable: the live claim lines (code, units, modifiers, access, family)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message
from textual.widgets import DataTable

from vascular import Anatomy, CodeLine

__all__ = ["CodeTable"]


class CodeTable(DataTable[str]):
    """One row per claim line; highlighting a row posts `LineHighlighted`."""

    @dataclass
    class LineHighlighted(Message):
        """The coder moved to a claim line."""

        index: int

    def on_mount(self) -> None:
        """Columns and row cursor."""
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns("Code", "Units", "Modifiers", "Access", "Family")

    def show(self, lines: Sequence[CodeLine], anatomy: Anatomy | None) -> None:
        """Replace the rows, keeping the cursor where it was when it still fits."""
        with self.prevent(DataTable.RowHighlighted):
            self._fill(lines, anatomy)

    def _fill(self, lines: Sequence[CodeLine], anatomy: Anatomy | None) -> None:
        row = self.cursor_row
        self.clear()
        for number, line in enumerate(lines):
            code = anatomy.rules.label(line.code) if anatomy is not None else line.code
            family = "-"
            if line.family is not None and anatomy is not None:
                family = anatomy.vessel(line.family).name
            self.add_row(
                code,
                str(line.units),
                " ".join(line.modifiers) or "-",
                line.access or "-",
                family,
                key=str(number),
            )
        if lines:
            self.move_cursor(row=min(row, len(lines) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the screen which line is under the cursor."""
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.LineHighlighted(int(event.row_key.value)))
