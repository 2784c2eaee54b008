"""CodeTable: the live claim lines (code, units, modifiers, access, family).

Column widths are worked out from the lines themselves each time they are shown, never left to
the table's measuring on idle: a frame painted between adding rows and that measuring (as when a
dialog closes over a restored case) would otherwise keep columns as narrow as their headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui.widgets.rows import RowSync
from vascular import Anatomy, CodeLine

__all__ = ["CodeTable"]

_HEADINGS = ("Code", "Units", "Modifiers", "Access", "Family")


class CodeTable(DataTable[Text]):
    """One row per claim line; highlighting a row posts `LineHighlighted`."""

    @dataclass
    class LineHighlighted(Message):
        """The coder moved to a claim line."""

        index: int

    def __init__(self, **kwargs: object) -> None:
        """An empty table of claim lines."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._rows = RowSync()
        self._widths: list[int] = []

    def on_mount(self) -> None:
        """The headings, before any line."""
        self._fill([], None)

    def show(self, lines: Sequence[CodeLine], anatomy: Anatomy | None) -> None:
        """Replace the rows, keeping the cursor where it was when it still fits."""
        with self.prevent(DataTable.RowHighlighted):
            self._fill(lines, anatomy)

    def _fill(self, lines: Sequence[CodeLine], anatomy: Anatomy | None) -> None:
        row = self.cursor_row
        rows = []
        for line in lines:
            code = anatomy.rules.label(line.code) if anatomy is not None else line.code
            family = "-"
            if line.family is not None and anatomy is not None:
                family = anatomy.vessel(line.family).name
            modifiers = " ".join(line.modifiers) or "-"
            rows.append((code, str(line.units), modifiers, line.access or "-", family))
        widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(_HEADINGS)]
        if widths != self._widths:
            self.clear(columns=True)
            self._rows.reset()
            for heading, width in zip(_HEADINGS, widths, strict=True):
                self.add_column(heading, width=width)
            self._widths = widths
        # Text, not str: a str cell is parsed as markup each time the table repaints
        self._rows.apply(
            self, [(str(n), tuple(Text(cell) for cell in cells)) for n, cells in enumerate(rows)]
        )
        if rows:
            self.move_cursor(row=min(row, len(rows) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the screen which line is under the cursor."""
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.LineHighlighted(int(event.row_key.value)))
