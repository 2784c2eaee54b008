"""RationaleView: the full reasoning for the selected code line or placement."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

__all__ = ["RationaleView"]


class RationaleView(VerticalScroll):
    """A scrollable panel of text the screen sets."""

    def __init__(self, **kwargs: object) -> None:
        """An empty panel."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._body = Static(id="rationale-body")
        self._shown: tuple[str, tuple[str, ...]] | None = None

    def compose(self) -> ComposeResult:
        """One static body."""
        yield self._body

    def show(self, title: str, lines: Sequence[str]) -> None:
        """Show a title and its reasons, one paragraph each (nothing to do when they are shown)."""
        shown = (title, tuple(lines))
        if shown == self._shown:
            return
        self._shown = shown
        text = Text()
        text.append(title + "\n", style="bold")
        for line in lines:
            text.append("\n• ")
            text.append(line)
        self._body.update(text)
        self.scroll_home(animate=False)
