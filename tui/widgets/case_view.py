"""CaseView: the case being traced, accesses and placements in order, each as the engine read it.

Then the interventions (code, vessel, access, units, the diagnostic answer) and the constructs of
the case. A placement an intervention includes says so. A row the engine could not code (a name
that does not read, a route it cannot take) is marked, with the library's message in place of
the reading. Column widths follow the panel's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from tui.widgets.rows import Row, RowSync
from vascular import Case, CaseProblem, PlacementResult

__all__ = ["CaseView"]

Problems = dict[tuple[str, int], list[CaseProblem]]
_FIXED = {"#": 2, "Acc": 3, "Flags": 10}


class CaseView(DataTable[Text]):
    """Accesses, placements, interventions, constructs; highlighting a row posts `RowChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "screen.run('remove_placement')", "Remove", show=False),
        Binding("i", "screen.run('toggle_imaging')", "Imaging", show=False),
        Binding("s", "screen.run('toggle_sampling')", "Sampling", show=False),
        Binding("t", "screen.run('switch_access')", "Access", show=False),
        Binding("r", "screen.run('replace_vessel')", "Replace", show=False),
        Binding("ctrl+up", "screen.run('move_up')", "Move up", show=False),
        Binding("ctrl+down", "screen.run('move_down')", "Move down", show=False),
    ]

    @dataclass
    class RowChosen(Message):
        """The coder moved to a row: ``kind`` access, placement, intervention or construct."""

        kind: str
        index: int

    def __init__(self, **kwargs: object) -> None:
        """An empty case list."""
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[
            Case, Sequence[PlacementResult] | None, dict[str, str], Problems, Sequence[str]
        ] = (Case(accesses=()), None, {}, {}, ())
        self._width = 0
        self._rows = RowSync()

    def _columns(self, width: int) -> None:
        """Columns for a panel `width` cells wide: the vessel and the reading share the room."""
        self.clear(columns=True)
        self._rows.reset()
        room = max(width - sum(_FIXED.values()) - 2 * 5 - 2, 30)
        vessel = max(16, room // 2)
        self.add_column("#", width=_FIXED["#"])
        self.add_column("Vessel", width=vessel)
        self.add_column("Acc", width=_FIXED["Acc"])
        self.add_column("Reading", width=room - vessel)
        self.add_column("Flags", width=_FIXED["Flags"])
        self._width = width

    def on_resize(self, event: events.Resize) -> None:
        """Lay the columns out again for the new width."""
        if event.size.width != self._width:
            self.show(*self._shown)

    def show(
        self,
        case: Case,
        placements: Sequence[PlacementResult] | None,
        names: dict[str, str],
        problems: Problems | None = None,
        interventions: Sequence[str] = (),
    ) -> None:
        """Replace the rows with the case.

        `placements` are the engine's readings when it coded, `problems` what stops each row
        from coding when it did not, `interventions` each intervention's reading.
        """
        self._shown = (case, placements, names, problems or {}, interventions)
        with self.prevent(DataTable.RowHighlighted):
            self._fill(case, placements, names, problems or {}, interventions)

    def _fill(
        self,
        case: Case,
        placements: Sequence[PlacementResult] | None,
        names: dict[str, str],
        problems: Problems,
        interventions: Sequence[str] = (),
    ) -> None:
        row = self.cursor_row
        if self.size.width != self._width or not self.columns:
            self._columns(self.size.width)
        rows: list[Row] = []
        for index, access in enumerate(case.accesses):
            direction = access.direction or "toward the heart"
            flagged = problems.get(("access", index))
            cells = (
                Text(access.id or "A"),
                _vessel(names.get(access.vessel, access.vessel), flagged),
                Text(),
                _problem(flagged) if flagged else Text(f"access, {direction}"),
                Text(),
            )
            rows.append((f"access:{index}", cells))
        for index, placement in enumerate(case.placements):
            flagged = problems.get(("placement", index))
            reading = Text(_reading(placements[index], names) if placements else "-")
            if flagged:
                reading = _problem(flagged)
            flags = []
            if placement.imaged:
                territories = placement.territories()
                flags.append("imaging" + (f": {', '.join(territories)}" if territories else ""))
            if placement.sampling:
                flags.append("sampling")
            if placements and placements[index].included_in:
                flags.insert(0, f"in {placements[index].included_in}")
            cells = (
                Text(str(index + 1)),
                _vessel(names.get(placement.vessel, placement.vessel), flagged),
                Text(placement.access or "A"),
                reading,
                Text("; ".join(flags)),
            )
            rows.append((f"placement:{index}", cells))
        rows += _intervention_rows(case, names, problems, interventions)
        self._rows.apply(self, rows)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def select_row(self, kind: str, index: int) -> None:
        """Put the cursor on a row of the case (quietly: the screen already knows)."""
        key = f"{kind}:{index}"
        if key not in self.rows:
            return
        with self.prevent(DataTable.RowHighlighted):
            self.move_cursor(row=self.get_row_index(key))

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


def _intervention_rows(
    case: Case, names: dict[str, str], problems: Problems, readings: Sequence[str]
) -> list[Row]:
    """A row per intervention ("I1", its vessel, access, reading) and per construct ("C")."""
    rows: list[Row] = []
    for index, entry in enumerate(case.interventions):
        flagged = problems.get(("intervention", index))
        reading = readings[index] if index < len(readings) else entry.code
        cells = (
            Text(f"I{index + 1}", style="bold"),
            _vessel(names.get(entry.vessel, entry.vessel), flagged),
            Text(entry.access or "A"),
            _problem(flagged) if flagged else Text(reading),
            Text(),
        )
        rows.append((f"intervention:{index}", cells))
    for index, construct in enumerate(case.constructs):
        cells = (
            Text("C"),
            Text(names.get(construct, construct)),
            Text(),
            Text("construct (settings, F2)"),
            Text(),
        )
        rows.append((f"construct:{index}", cells))
    return rows


def _vessel(name: str, problems: list[CaseProblem] | None) -> Text:
    """A vessel cell (Text, not str: a str cell is parsed as markup at every repaint)."""
    return Text("⚠ " + name, style="bold red") if problems else Text(name)


def _problem(problems: list[CaseProblem]) -> Text:
    return Text(problems[0].message, style="red")


def _reading(placement: PlacementResult, names: dict[str, str]) -> str:
    if not placement.selective:
        return "non-selective"
    if placement.order is None:
        return "pulmonary"
    family = names.get(placement.family or "", placement.family or "").removesuffix(" artery")
    return f"order {placement.order} · {family}"
