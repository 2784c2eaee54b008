"""The trainer's errors: bad quiz arguments, a set or answers file that cannot be used, progress.

No I/O. Each derives from `VascularError`, so the command line reports it with exit status 2.
"""

from __future__ import annotations

from vascular.errors import VascularError

__all__ = ["ExerciseError", "ProgressFileError"]


class ExerciseError(VascularError):
    """An exercise set cannot be made or graded as asked.

    An unknown level, kind or mode, a seed or count out of range, or a set or answers file that
    is not what the trainer writes.
    """


class ProgressFileError(VascularError):
    """The progress file cannot be read or written (a folder not writable, a full disk)."""
