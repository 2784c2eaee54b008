"""Said: what to tell the coder after an action (the message line's text and kind)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Kind", "Said"]

Kind = Literal["info", "success", "error"]


@dataclass(frozen=True)
class Said:
    """What to tell the coder after an action."""

    text: str
    kind: Kind = "info"

    @property
    def ok(self) -> bool:
        """Whether the action was done."""
        return self.kind != "error"
