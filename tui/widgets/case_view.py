"""CaseView: the case being traced, accesses and placements in order, each as the engine read it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from vascular import Case, PlacementResult

__all__ = ["CaseView"]


class CaseView(DataTable[str]):
    """Accesses first, then placements; highlighting a row posts `RowChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "screen.remove_placement", "Remove", show=False),
        Binding("i", "screen.toggle_imaging", "Imaging", show=False),
        Binding("s", "screen.toggle_sampling", "Sampling", show=False),
        Binding("t", "screen.switch_access", "Access", show=False),
        Binding("ctrl+up", "screen.move_up", "Move up", show=False),
        Binding("ctrl+down", "screen.move_down", "Move down", show=False),
    ]

    @dataclass
    class RowChosen(Message):
        """The coder moved to an access (``kind`` access) or a placement (``kind`` placement)."""

        kind: str
        index: int

    def on_mount(self) -> None:
        """Columns and row cursor."""
        self.cursor_type = "row"
        self.add_column("#", width=2)
        self.add_column("Vessel", width=27)
        self.add_column("Acc", width=3)
        self.add_column("Reading", width=26)
        self.add_column("Flags", width=14)

    def show(
        self, case: Case, placements: Sequence[PlacementResult] | None, names: dict[str, str]
    ) -> None:
        """Replace the rows with the case; `placements` are the engine's readings when it coded."""
        with self.prevent(DataTable.RowHighlighted):
            self._fill(case, placements, names)

    def _fill(
        self, case: Case, placements: Sequence[PlacementResult] | None, names: dict[str, str]
    ) -> None:
        row = self.cursor_row
        self.clear()
        for index, access in enumerate(case.accesses):
            direction = access.direction or "toward the heart"
            self.add_row(
                access.id or "A",
                names.get(access.vessel, access.vessel),
                "",
                f"access, {direction}",
                "",
                key=f"access:{index}",
            )
        for index, placement in enumerate(case.placements):
            reading = _reading(placements[index], names) if placements else "-"
            flags = []
            if placement.imaged:
                territories = placement.territories()
                flags.append("imaging" + (f": {', '.join(territories)}" if territories else ""))
            if placement.sampling:
                flags.append("sampling")
            self.add_row(
                str(index + 1),
                names.get(placement.vessel, placement.vessel),
                placement.access or "A",
                reading,
                "; ".join(flags),
                key=f"placement:{index}",
            )
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def select_placement(self, index: int, accesses: int) -> None:
        """Put the cursor on a placement (quietly: the screen already knows)."""
        with self.prevent(DataTable.RowHighlighted):
            self.move_cursor(row=accesses + index)

    def on_focus(self) -> None:
        """Coming into the list selects the row under the cursor."""
        if self.row_count:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
            if key is not None:
                kind, index = key.split(":")
                self.post_message(self.RowChosen(kind, int(index)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Tell the screen which access or placement is under the cursor."""
        event.stop()
        if event.row_key.value is not None:
            kind, index = event.row_key.value.split(":")
            self.post_message(self.RowChosen(kind, int(index)))


def _reading(placement: PlacementResult, names: dict[str, str]) -> str:
    if not placement.selective:
        return "non-selective"
    if placement.order is None:
        return "pulmonary"
    family = names.get(placement.family or "", placement.family or "").removesuffix(" artery")
    return f"order {placement.order} · {family}"
