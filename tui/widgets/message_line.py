"""MessageLine: one line under the panels for the last error, refusal or hint."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.widgets import Static

__all__ = ["MessageLine"]

_STYLES = {"info": "dim", "success": "green", "error": "bold red"}


class MessageLine(Static):
    """The last message for the coder; stays until the next one."""

    def say(self, text: str, kind: Literal["info", "success", "error"] = "info") -> None:
        """Show a message."""
        self.set_class(kind == "error", "-error")
        self.update(Text(text, style=_STYLES[kind]), layout=False)  # its height is fixed
