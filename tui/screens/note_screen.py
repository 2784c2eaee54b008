"""NoteScreen: paste or open a procedure note, read it, accept or reject each proposed step.

The note is on the left (a text area: paste into it, or open a file); the library's proposed
trace on the right, each step marked accepted or rejected; the selected step's evidence is
highlighted in the note; the physician queries and the reader's findings below. F10 hands the
accepted steps back as a case (with the note's text kept in it); the main screen applies it as
any other edit, so the library codes it, and Undo brings the previous case back.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from tui.note_review import NoteReview, load_note, position
from tui.screens.path_dialog import PathDialog
from vascular import Anatomy, Case, VascularError

__all__ = ["NoteScreen"]

_MARKS = {True: "\u2713", False: "\u2717 rejected:"}


class NoteScreen(Screen[Case | None]):
    """Returns the case built from the accepted steps, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "read", "Read the note"),
        Binding("ctrl+o", "open", "Open a note file"),
        Binding("space", "toggle_step", "Accept/reject", show=True),
        Binding("f10", "use", "Use as the case"),
        Binding("escape", "cancel", "Back"),
    ]

    DEFAULT_CSS = """
    NoteScreen #note-columns { height: 1fr; }
    NoteScreen #note-text { width: 55%; }
    NoteScreen #note-right { width: 1fr; }
    NoteScreen #note-steps { height: 1fr; }
    NoteScreen #note-queries { height: auto; max-height: 14; overflow-y: auto; padding: 0 1; }
    NoteScreen #note-message { height: auto; padding: 0 1; }
    """

    def __init__(self, anatomy: Anatomy, text: str = "") -> None:
        """The atlas to read with, and the note already kept with the case (if any)."""
        super().__init__()
        self.anatomy = anatomy
        self.initial = text
        self.review: NoteReview | None = None

    def compose(self) -> ComposeResult:
        """The note, the proposed steps, the queries and a message line."""
        with Horizontal(id="note-columns"):
            yield TextArea(self.initial, id="note-text", soft_wrap=True)
            with Vertical(id="note-right"):
                yield Label(
                    "Proposed trace (Space accepts or rejects a step)", classes="panel-title"
                )
                yield OptionList(id="note-steps")
                yield Label("Physician queries and findings", classes="panel-title")
                yield Static("", id="note-queries")
        yield Static(
            "Paste the note (or Ctrl+O to open one), then F5 to read it.", id="note-message"
        )
        yield Footer()

    def on_mount(self) -> None:
        """Read a note that came with the case; otherwise wait for one."""
        if self.initial.strip():
            self.action_read()
        else:
            self.query_one("#note-text", TextArea).focus()

    def _say(self, text: str) -> None:
        self.query_one("#note-message", Static).update(text)

    # --- actions --------------------------------------------------------------------------------

    def action_read(self) -> None:
        """Read the note's text with the library's reader."""
        text = self.query_one("#note-text", TextArea).text
        try:
            self.review = NoteReview.read(text, self.anatomy)
        except VascularError as error:
            self.review = None
            self._show()
            self._say(f"Not read: {error}")
            return
        self._show()
        _, total = self.review.counts
        queries = len(self.review.reading.queries)
        self._say(
            f"Read: {total} steps proposed, {queries} physician quer"
            f"{'y' if queries == 1 else 'ies'}. Check each step against the highlighted words; "
            "Space rejects one; F10 uses the accepted steps as the case."
        )
        steps = self.query_one("#note-steps", OptionList)
        if total:
            steps.focus()
            steps.highlighted = 0

    def action_open(self) -> None:
        """Open a note file into the text area."""

        def opened(choice: tuple[Path, str] | None) -> None:
            if choice is None:
                return
            try:
                text = load_note(choice[0])
            except VascularError as error:
                self._say(f"Not opened: {error}")
                return
            self.query_one("#note-text", TextArea).load_text(text)
            self.action_read()

        self.app.push_screen(
            PathDialog("Open a procedure note", Path.cwd() / "note.txt", "Open", must_exist=True),
            opened,
        )

    def action_toggle_step(self) -> None:
        """Accept or reject the highlighted step."""
        steps = self.query_one("#note-steps", OptionList)
        if self.review is None or steps.highlighted is None or not steps.has_focus:
            return
        index = steps.highlighted
        step = self.review.toggle(index)
        steps.replace_option_prompt_at_index(index, f"{_MARKS[step.accepted]} {step.label}")
        self._say(f"{'Accepted' if step.accepted else 'Rejected'}: {step.label}")

    def action_use(self) -> None:
        """Hand the accepted steps back as the case."""
        if self.review is None:
            self._say("Read the note first (F5).")
            return
        try:
            case = self.review.case()
        except VascularError as error:
            self._say(f"Not used: {error}")
            return
        self.dismiss(case)

    def action_cancel(self) -> None:
        """Back to the case, unchanged."""
        self.dismiss(None)

    # --- views ----------------------------------------------------------------------------------

    def _show(self) -> None:
        steps = self.query_one("#note-steps", OptionList)
        steps.clear_options()
        queries = self.query_one("#note-queries", Static)
        if self.review is None:
            queries.update("")
            return
        steps.add_options(
            Option(f"{_MARKS[s.accepted]} {s.label}", id=str(n))
            for n, s in enumerate(self.review.steps)
        )
        reading = self.review.reading
        lines = [reading.queries_text()]
        if reading.interventions:
            lines += ["", "Treatments named (the coder chooses the code):"]
            lines += [
                f"- {i.kind}: {i.name or i.vessel or 'vessel not named'}"
                for i in reading.interventions
            ]
        if reading.findings:
            lines += ["", "Findings:"]
            lines += [f"- {f.message}" for f in reading.findings]
        queries.update("\n".join(lines))

    @on(OptionList.OptionHighlighted, "#note-steps")
    def _highlight(self, event: OptionList.OptionHighlighted) -> None:
        """Select the step's evidence in the note."""
        if self.review is None or event.option_index >= len(self.review.steps):
            return
        spans = self.review.steps[event.option_index].spans
        if not spans:
            return
        start, end = spans[0]
        text = self.review.text
        area = self.query_one("#note-text", TextArea)
        area.selection = Selection(position(text, start), position(text, end))
        area.scroll_cursor_visible(center=True)
