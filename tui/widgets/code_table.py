"""CodeTable: the live claim lines (code, units, modifiers, access, family).

After them, the other codes on the same claim (the case's `claim_codes`, set in the settings; the
Family column says "other claim code"), and then, struck through, the catheter lines an
intervention of the case includes (they are not on the claim; the Family column names the
intervention). An intervention's own line, as entered, says "entered" in the Family column. A
line an NCCI edit denies has its code marked ⚠.

Column widths are worked out from the lines themselves each time they are shown, never left to
the table's measuring on idle: a frame painted between adding rows and that measuring (as when a
dialog closes over a restored case) would otherwise keep columns as narrow as their headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from tui.widgets.rows import RowSync
from vascular import Anatomy, BilledLine, CodeLine, IncludedLine

__all__ = ["CodeTable"]

_HEADINGS = ("Code", "Units", "Modifiers", "Access", "Family")
_STRUCK = "strike dim"
"""How a line an intervention includes is shown: struck through, not on the claim."""
_DENIED = "bold yellow"
"""How a line an NCCI edit denies is shown: its code marked ⚠ (the reasoning says which edit)."""
_MARK = " ⚠"


class CodeTable(DataTable[Text]):
    """A row per claim line, other claim code and included line; moving posts `LineHighlighted`."""

    @dataclass
    class LineHighlighted(Message):
        """The coder moved to a row: a claim line, another claim code, or an included line."""

        index: int
        kind: Literal["line", "claim", "included"] = "line"

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
        denied: frozenset[int] = frozenset(),
        others: Sequence[BilledLine] = (),
    ) -> None:
        """Replace the rows, keeping the cursor where it was when it still fits.

        `denied`: the claim lines an NCCI edit denies (0-based over `lines`, then `others`).
        `others`: the other codes on the same claim.
        """
        with self.prevent(DataTable.RowHighlighted):
            self._fill(lines, anatomy, included, denied, others)

    def select_row(self, kind: Literal["claim", "included"], index: int) -> None:
        """Put the cursor on another claim code or an included line (quietly)."""
        key = f"{kind}:{index}"
        if key in self.rows:
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=self.get_row_index(key))

    def _fill(
        self,
        lines: Sequence[CodeLine],
        anatomy: Anatomy | None,
        included: Sequence[IncludedLine] = (),
        denied: frozenset[int] = frozenset(),
        others: Sequence[BilledLine] = (),
    ) -> None:
        row = self.cursor_row
        rows: list[tuple[str, tuple[str, ...], str]] = []
        for number, line in enumerate(lines):
            code = anatomy.rules.label(line.code) if anatomy is not None else line.code
            code += _MARK if number in denied else ""
            family = "entered" if line.entered else "-"
            if line.family is not None and anatomy is not None:
                family = anatomy.vessel(line.family).name
            cells = (code, str(line.units), " ".join(line.modifiers) or "-", line.access or "-")
            rows.append((str(number), (*cells, family), _DENIED if number in denied else ""))
        for number, other in enumerate(others):
            denial = _DENIED if len(lines) + number in denied else ""
            code = other.code + (_MARK if denial else "")
            cells = (code, str(other.units), " ".join(other.modifiers) or "-", "-")
            rows.append((f"claim:{number}", (*cells, "other claim code"), denial))
        for number, absorbed in enumerate(included):
            modifiers = " ".join(absorbed.modifiers) or "-"
            cells = (absorbed.code, str(absorbed.units), modifiers, absorbed.access or "-")
            rows.append((f"included:{number}", (*cells, f"in {absorbed.included_in}"), _STRUCK))
        widths = [max([len(h), *(len(r[1][i]) for r in rows)]) for i, h in enumerate(_HEADINGS)]
        if widths != self._widths:
            self.clear(columns=True)
            self._rows.reset()
            for heading, width in zip(_HEADINGS, widths, strict=True):
                self.add_column(heading, width=width)
            self._widths = widths
        # Text, not str: a str cell is parsed as markup each time the table repaints
        self._rows.apply(
            self,
            [
                (
                    key,
                    tuple(
                        Text(cell, style=style if column == 0 or style == _STRUCK else "")
                        for column, cell in enumerate(cells)
                    ),
                )
                for key, cells, style in rows
            ],
        )
        if rows:
            self.move_cursor(row=min(row, len(rows) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the screen which row is under the cursor."""
        event.stop()
        key = event.row_key.value
        if key is None:
            return
        kind, _, number = key.rpartition(":")
        if kind == "included":
            self.post_message(self.LineHighlighted(int(number), "included"))
        elif kind == "claim":
            self.post_message(self.LineHighlighted(int(number), "claim"))
        else:
            self.post_message(self.LineHighlighted(int(number)))
