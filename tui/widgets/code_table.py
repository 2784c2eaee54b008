"""CodeTable: the live claim lines (code, units, modifiers, access, family).

After them, struck through, the catheter lines an intervention of the case includes (they are not
on the claim; the Family column names the intervention). An intervention's own line, as entered,
says "entered" in the Family column.

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
from vascular import Anatomy, CodeLine, IncludedLine

__all__ = ["CodeTable"]

_HEADINGS = ("Code", "Units", "Modifiers", "Access", "Family")
_STRUCK = "strike dim"
"""How a line an intervention includes is shown: struck through, not on the claim."""


class CodeTable(DataTable[Text]):
    """A row per claim line, then per included line; highlighting a row posts `LineHighlighted`."""

    @dataclass
    class LineHighlighted(Message):
        """The coder moved to a claim line (or, `included`, to a line an intervention includes)."""

        index: int
        included: bool = False

    def __init__(self, **kwargs: object) -> None:
        """An empty table of claim lines."""
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._rows = RowSync()
        self._widths: list[int] = []

    def on_mount(self) -> None:
        """The headings, before any line."""
        self._fill([], None)

    def show(
        self,
        lines: Sequence[CodeLine],
        anatomy: Anatomy | None,
        included: Sequence[IncludedLine] = (),
    ) -> None:
        """Replace the rows, keeping the cursor where it was when it still fits."""
        with self.prevent(DataTable.RowHighlighted):
            self._fill(lines, anatomy, included)

    def select_included(self, index: int) -> None:
        """Put the cursor on an included line (quietly: the screen already knows)."""
        key = f"included:{index}"
        if key in self.rows:
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=self.get_row_index(key))

    def _fill(
        self,
        lines: Sequence[CodeLine],
        anatomy: Anatomy | None,
        included: Sequence[IncludedLine] = (),
    ) -> None:
        row = self.cursor_row
        rows = []
        for line in lines:
            code = anatomy.rules.label(line.code) if anatomy is not None else line.code
            family = "entered" if line.entered else "-"
            if line.family is not None and anatomy is not None:
                family = anatomy.vessel(line.family).name
            modifiers = " ".join(line.modifiers) or "-"
            rows.append((code, str(line.units), modifiers, line.access or "-", family))
        for absorbed in included:
            modifiers = " ".join(absorbed.modifiers) or "-"
            rows.append(
                (
                    absorbed.code,
                    str(absorbed.units),
                    modifiers,
                    absorbed.access or "-",
                    f"in {absorbed.included_in}",
                )
            )
        widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(_HEADINGS)]
        if widths != self._widths:
            self.clear(columns=True)
            self._rows.reset()
            for heading, width in zip(_HEADINGS, widths, strict=True):
                self.add_column(heading, width=width)
            self._widths = widths
        # Text, not str: a str cell is parsed as markup each time the table repaints
        count = len(lines)
        self._rows.apply(
            self,
            [
                (
                    str(n) if n < count else f"included:{n - count}",
                    tuple(Text(cell, style="" if n < count else _STRUCK) for cell in cells),
                )
                for n, cells in enumerate(rows)
            ],
        )
        if rows:
            self.move_cursor(row=min(row, len(rows) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the screen which line is under the cursor."""
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        if key.startswith("included:"):
            self.post_message(self.LineHighlighted(int(key.split(":")[1]), included=True))
        else:
            self.post_message(self.LineHighlighted(int(key)))
