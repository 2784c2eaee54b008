"""TextInput: an Input whose cursor blinks as the app's settings say, from the moment it exists."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

__all__ = ["TextInput", "cursor_blinks"]


def cursor_blinks(node: object) -> bool:
    """The app's `cursor_blink` setting (True when the app has none)."""
    return bool(getattr(node, "cursor_blink", True))


class TextInput(Input):
    """An `Input` built with the app's cursor blink setting.

    Setting `cursor_blink` in the constructor, before the input is mounted, means its blink timer
    never runs when the app turns blinking off (snapshots need a steady cursor).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The same arguments as `Input`."""
        super().__init__(*args, **kwargs)
        self.cursor_blink = cursor_blinks(self.app)
