"""The library's errors: one base class, readable messages, structured fields for programs.

No I/O here. Every error a caller can meet derives from `VascularError`, so
`except VascularError` is the one catch a front end needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vascular.frozen import record

__all__ = [
    "AmbiguousVesselError",
    "AnatomyDataError",
    "CaseError",
    "CaseFileError",
    "CaseProblem",
    "DataProblem",
    "NoteError",
    "UnknownVariantError",
    "UnknownVesselError",
    "VascularError",
    "VesselNameError",
]


class VascularError(Exception):
    """Base class of every error raised by the `vascular` library.

    Every error pickles with all its attributes (so it can cross a process boundary, such as a
    worker thread pool or a test runner's workers): `__reduce__` rebuilds it from its state rather
    than by calling `__init__` again with the message.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from the exception's arguments and attributes, whatever `__init__` takes."""
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[VascularError], args: tuple[Any, ...], state: dict[str, Any]
) -> VascularError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


@record
class DataProblem:
    """One problem found in the anatomy data.

    Attributes:
        file: the data file, relative to the data directory.
        record: the record's id, or a position such as ``#3`` when it has no usable id.
        field: the field at fault, or ``-`` when the problem concerns the whole record or file.
        message: what is wrong, in words a data curator can act on.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        """Render as ``file: record: field: message``."""
        return f"{self.file}: {self.record}: {self.field}: {self.message}"


class AnatomyDataError(VascularError):
    """The anatomy data is invalid; `problems` lists every problem found, not only the first."""

    def __init__(self, data_dir: str, problems: Iterable[DataProblem]) -> None:
        """Collect the problems and build one message listing them all."""
        self.data_dir = data_dir
        self.problems: tuple[DataProblem, ...] = tuple(
            sorted(set(problems), key=lambda p: (p.file, p.record, p.field, p.message))
        )
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"invalid anatomy data in {data_dir}: {count} {noun}"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class VesselNameError(VascularError):
    """A vessel name could not be turned into exactly one vessel.

    Attributes:
        query: the text as given.
        reason: why, in a coder's words.
        suggestions: display names of close vessels, when the name was not recognised.
        suggestion_ids: the vessel id of each suggestion, in the same order.
        reading: how the name was read (a `vascular.names.NameReading`), when it came from the
            name index: its kind (unknown, ambiguous, class, variant), candidates and label.
    """

    def __init__(
        self,
        query: str,
        reason: str,
        suggestions: Iterable[str] = (),
        *,
        suggestion_ids: Iterable[str] = (),
        reading: object | None = None,
    ) -> None:
        """Keep the query, the reason and the closest names for the message."""
        self.query = query
        self.reason = reason
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.suggestion_ids: tuple[str, ...] = tuple(suggestion_ids)
        self.reading = reading
        message = f"{reason}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions)
        super().__init__(message)


class UnknownVesselError(VesselNameError):
    """No vessel answers to the name (after normalisation, aliases and side words)."""


class AmbiguousVesselError(VesselNameError):
    """Several vessels answer to the name, and the difference matters (usually the side)."""

    def __init__(
        self, query: str, reason: str, candidates: Iterable[str], *, reading: object | None = None
    ) -> None:
        """The candidates are the ids of the vessels the name could mean."""
        self.candidates: tuple[str, ...] = tuple(candidates)
        super().__init__(query, reason, (), reading=reading)


class UnknownVariantError(VascularError):
    """A variant id that the anatomy data does not define."""

    def __init__(self, variant_id: str, known: Iterable[str]) -> None:
        """Name the unknown id and list the known ones."""
        self.variant_id = variant_id
        self.known = tuple(sorted(known))
        super().__init__(f"unknown variant {variant_id!r}; known: {', '.join(self.known)}")


@record
class CaseProblem:
    """One thing wrong with a case, in the words a coder would use to query the physician.

    Attributes:
        where: the place in the case, as a JSON path: ``placements[2].vessel``, ``accesses[0]``.
        message: what is wrong and what would fix it.
        suggestions: close vessel names, when a name was not recognised.
        candidates: the vessel ids a name or a route could mean, when it is ambiguous.
        suggestion_ids: the vessel ids of the suggestions, in the same order.
    """

    where: str
    message: str
    suggestions: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    suggestion_ids: tuple[str, ...] = ()

    def __str__(self) -> str:
        """Render as ``where: message`` with suggestions."""
        text = f"{self.where}: {self.message}"
        if self.suggestions:
            text += "; did you mean: " + ", ".join(self.suggestions)
        return text


class CaseError(VascularError):
    """The case cannot be coded as given; `problems` lists everything wrong, not only the first."""

    def __init__(self, problems: Iterable[CaseProblem]) -> None:
        """Keep every problem and build one message listing them all."""
        self.problems: tuple[CaseProblem, ...] = tuple(problems)
        if len(self.problems) == 1:
            message = f"invalid case: {self.problems[0]}"
        else:
            message = f"invalid case: {len(self.problems)} problems\n" + "\n".join(
                f"  {problem}" for problem in self.problems
            )
        super().__init__(message)


class CaseFileError(VascularError):
    """A case file that cannot be used: unreadable, not JSON, or not one JSON object."""


class NoteError(VascularError):
    """A procedure note that cannot be read: empty, binary, too long, or not a vascular note."""
