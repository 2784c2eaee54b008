"""Code many cases: worker processes that load the atlas once, results in input order.

`code_cases` takes an iterable of cases (parsed mappings, or raw JSON text or bytes, one case
each) and yields one `Outcome` per input, in input order: the result JSON of `vascular code
--json` for that case (with its ``line`` and ``id`` in front, and ``audit`` and ``ncci`` when
asked), or a structured error (``line``, ``id``, ``error``: kind, message, problems with their
JSON paths). One bad case never stops the run.

With more than one worker, inputs go to a process pool in chunks; each worker loads the atlas (and
opens the NCCI database) once, in its initializer; at most a few chunks per worker are in flight,
so memory stays flat whatever the input's size, and chunks are yielded in the order they were
sent. With one worker everything runs in this process. Errors cross the process boundary as data
(the error JSON), and every `VascularError` pickles besides. No output is written here.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from vascular.api import code_case
from vascular.audit import audit_report
from vascular.batch_input import Item
from vascular.case import parse_case
from vascular.claim_check import ClaimChecker, NcciSettings
from vascular.errors import CaseError, VascularError
from vascular.frozen import record
from vascular.reports import error_report

__all__ = [
    "BatchOptions",
    "NcciSettings",
    "Outcome",
    "code_cases",
    "code_items",
    "default_workers",
    "ensure_worker",
]

_MAX_LINE_BYTES = 8_000_000


@record
class BatchOptions:
    """How a batch codes each case (picklable: it is sent to every worker)."""

    rationale: bool = True
    """Put every line's reasons into words (False: lines and rule ids only, faster)."""
    audit: bool = False
    """Compare each case's billed lines with the supported ones (``audit`` in the output)."""
    ncci: NcciSettings | None = None
    """Check each claim against the NCCI edits (``ncci`` in the output), or not."""
    data: str | None = None
    """Another anatomy data directory (None: the embedded atlas)."""


@record
class Outcome:
    """One input's outcome: the JSON line to write, and what the summary counts of it."""

    line: int
    """The input's line (or its position)."""
    text: str
    """The output object as one line of JSON (no newline)."""
    kind: str | None = None
    """The error's kind, or None when the case was coded."""
    codes: tuple[tuple[str, int], ...] = ()
    """(code, units) of each line coded."""
    differences: tuple[tuple[str, str], ...] | None = None
    """(kind, code) of each audit difference; None when not audited (no billed lines)."""
    ncci_problems: int = 0
    """NCCI hits that deny something (PTP not bypassed, MUE exceeded)."""
    ncci_unchecked: bool = False
    """The NCCI check was asked for but could not be made (no database, date or data)."""
    end: int = 0
    """Bytes of the input read up to this case (for a progress bar)."""

    @property
    def ok(self) -> bool:
        """Whether the case was coded."""
        return self.kind is None

    def data(self) -> dict[str, Any]:
        """The output object, parsed."""
        value: dict[str, Any] = json.loads(self.text)
        return value


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def code_cases(
    cases: Iterable[Mapping[str, Any] | str | bytes],
    *,
    workers: int | None = None,
    rationale: bool = True,
    audit: bool = False,
    ncci: NcciSettings | None = None,
    data: str | os.PathLike[str] | None = None,
    chunk_size: int = 200,
) -> Iterator[Outcome]:
    """Code every case, yielding one `Outcome` per case in input order.

    Args:
        cases: parsed cases, or each case's JSON text or bytes; the n-th is ``line`` n.
        workers: worker processes (default: the cores; 1 codes in this process).
        rationale: put the reasons into words (False is faster; rule ids stay).
        audit: compare each case's ``billed`` lines with the lines the route supports.
        ncci: check each claim against the NCCI edits (database and default date/setting).
        data: another anatomy data directory.
        chunk_size: cases sent to a worker at a time.

    Raises:
        NcciDataError: the NCCI database is not one of ours, or is damaged.
    """
    options = BatchOptions(rationale, audit, ncci, str(data) if data is not None else None)
    items = (
        Item(number, case if isinstance(case, Mapping) else _as_bytes(case))
        for number, case in enumerate(cases, start=1)
    )
    return code_items(items, options, workers=workers, chunk_size=chunk_size)


def _as_bytes(case: str | bytes) -> bytes:
    return case.encode() if isinstance(case, str) else case


def code_items(
    items: Iterable[Item],
    options: BatchOptions,
    *,
    workers: int | None = None,
    chunk_size: int = 200,
    in_flight: int = 3,
) -> Generator[Outcome, None, None]:
    """Code items (as `vascular.batch_input.read_items` gives them), yielding outcomes in order.

    Args:
        items: the inputs.
        options: how to code each.
        workers: worker processes (default: the cores; 1 codes in this process).
        chunk_size: items sent to a worker at a time.
        in_flight: chunks per worker sent ahead (bounds memory).

    Raises:
        NcciDataError: the NCCI database is not one of ours, or is damaged (checked before any
            worker starts).
    """
    count = workers or default_workers()
    if options.ncci is not None:  # refuse a foreign or damaged database before starting
        ClaimChecker(options.ncci).close()
    chunks = _chunks(iter(items), chunk_size)
    if count == 1:
        return _in_process(chunks, options)
    return _in_pool(chunks, options, count, in_flight)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _in_process(
    chunks: Iterator[list[Item]], options: BatchOptions
) -> Generator[Outcome, None, None]:
    worker = _Worker(options)  # its own, so that two runs in one process never mix options
    try:
        for chunk in chunks:
            for item in chunk:
                yield _code_item(worker, item)
    finally:
        worker.close()


def _in_pool(
    chunks: Iterator[list[Item]], options: BatchOptions, workers: int, in_flight: int
) -> Generator[Outcome, None, None]:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(
        workers, context, initializer=_start_pool_worker, initargs=(options,)
    )
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(code_chunk, chunk))
            if len(pending) >= workers * in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


# --- in a worker ----------------------------------------------------------------------------------


class _Worker:
    """What a worker loads once: the atlas, the options, the NCCI database."""

    def __init__(self, options: BatchOptions) -> None:
        from vascular.loading import load_anatomy

        self.options = options
        self.anatomy = load_anatomy(Path(options.data) if options.data else None)
        self.checker = ClaimChecker(options.ncci) if options.ncci is not None else None

    def close(self) -> None:
        """Close the NCCI database."""
        if self.checker is not None:
            self.checker.close()


_STATE: list[_Worker] = []


def _start_worker(options: BatchOptions) -> None:
    """Load the atlas (and open the NCCI database) for this process's life."""
    _STATE[:] = [_Worker(options)]


def _start_pool_worker(options: BatchOptions) -> None:
    """A pool worker: Ctrl+C is the parent's to handle (it stops the pool), then the atlas."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _start_worker(options)


def ensure_worker(options: BatchOptions) -> None:
    """Start this process's worker state unless it is started already with these options."""
    if not _STATE or _STATE[0].options != options:
        for worker in _STATE:
            worker.close()
        _start_worker(options)


def code_chunk(chunk: list[Item]) -> list[Outcome]:
    """Code a chunk of items in this worker (`_start_worker` ran first)."""
    worker = _STATE[0]
    return [_code_item(worker, item) for item in chunk]


def _code_item(worker: _Worker, item: Item) -> Outcome:
    head: dict[str, Any] = {"line": item.line, "id": None}
    if item.file is not None:
        head["file"] = item.file
    try:
        data = _case_data(item)
        name = data.get("name")
        head["id"] = name if isinstance(name, str) else None
        return _code_data(worker, item, data, head)
    except _InputError as error:
        return _error(item, head, error.kind, error.message)
    except VascularError as error:
        return _error(item, head, type(error).__name__, str(error), error)
    except RecursionError:
        return _error(item, head, "MalformedJSON", "the case is nested too deeply to read")
    except Exception as error:  # a bug must not stop the run: it is reported with its line
        return _error(
            item,
            head,
            "InternalError",
            f"internal error ({type(error).__name__}: {error}); please report it with this case",
        )


class _InputError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        self.message = message
        super().__init__(message)


def _case_data(item: Item) -> dict[str, Any]:
    where = f"{item.file}" if item.file else f"line {item.line}"
    if item.problem is not None:
        raise _InputError("UnreadableFile", f"{where}: {item.problem}")
    payload = item.payload
    if isinstance(payload, bytes | bytearray):
        if len(payload) > _MAX_LINE_BYTES:
            raise _InputError("TooLarge", f"{where}: over 8 MB; a case is a few kilobytes")
        try:
            payload = json.loads(payload)
        except json.JSONDecodeError as error:
            if item.last:
                raise _InputError(
                    "Truncated",
                    f"{where}: the input ends inside this case (the file is truncated?): "
                    f"{error.msg} at column {error.colno}",
                ) from None
            raise _InputError(
                "MalformedJSON", f"{where}: not valid JSON: {error.msg} at column {error.colno}"
            ) from None
        except UnicodeDecodeError:
            raise _InputError("MalformedJSON", f"{where}: not UTF-8 text") from None
    if not isinstance(payload, Mapping):
        raise _InputError(
            "NotAnObject",
            f"{where}: a case must be a JSON object (with accesses and placements), not "
            f"{_kind(payload)}",
        )
    return dict(payload)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number"


def _code_data(worker: _Worker, item: Item, data: dict[str, Any], head: dict[str, Any]) -> Outcome:
    options = worker.options
    try:
        case = parse_case(data, worker.anatomy.rules)  # once: the engine takes the Case as it is
    except CaseError:
        case = None  # the engine lists these problems with the names' problems beside them
    result = code_case(case or data, worker.anatomy, rationale=options.rationale)
    out = head | result.to_json()
    differences = None
    if options.audit and case is not None and case.billed is not None:
        out["audit"] = audit_report(result, case.billed)
        differences = tuple((d["kind"], d["code"]) for d in out["audit"]["differences"])
    elif options.audit:
        out["audit"] = None
    problems, unchecked = 0, False
    text = json.dumps(out, separators=(",", ":"))
    if worker.checker is not None:  # the check's text goes last, as "ncci" would
        ncci, problems, covered = worker.checker.check_text(result, case)
        text = f'{text[:-1]},"ncci":{ncci}}}'
        unchecked = not covered
    return Outcome(
        item.line,
        text,
        None,
        tuple((line.code, line.units) for line in result.lines),
        differences,
        problems,
        unchecked,
        item.end,
    )


def _error(
    item: Item, head: dict[str, Any], kind: str, message: str, error: VascularError | None = None
) -> Outcome:
    problems: list[dict[str, Any]] = []
    if error is not None:
        problems = error_report(error)["error"].get("problems", [])
        message = f"{item.file or f'line {item.line}'}: {message}"
    body = {"kind": kind, "message": message, "problems": problems}
    text = json.dumps(head | {"error": body}, separators=(",", ":"))
    return Outcome(item.line, text, kind, end=item.end)
