"""Code a JSON Lines data set over a Dask cluster: one output file per partition, in order.

Needs the optional ``dask`` extra (``pip install 'vascular-coding[dask]'``, which brings
dask[distributed]); ``import vascular`` never loads it. `partitions` cuts each input file into
byte ranges at line ends (about `blocksize` bytes each) and counts the lines before each, so every
output line keeps its input line number. `code_with_dask` maps the ranges with ``dask.bag``: each
task codes its range with `vascular.batch` in the worker process (the atlas loaded once per worker
and kept between tasks), writes ``part-NNNNN.jsonl`` in the output folder (a temporary file
renamed when complete), and returns its `BatchSummary`; the summaries are merged on the client.
The partition files, read in name order, hold one line per input line, in input order.

Example (a real cluster: start ``dask scheduler`` and ``dask worker tcp://HOST:8786`` on each
machine, with the project installed and the input on a shared file system)::

    from dask.distributed import Client
    from vascular.distributed import code_with_dask

    with Client("tcp://HOST:8786"):
        summary = code_with_dask(["cases.jsonl"], "out/", rationale=False)
    print(summary.text())
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from vascular.batch import BatchOptions, code_chunk, ensure_worker
from vascular.batch_input import Item
from vascular.batch_summary import BatchSummary
from vascular.claim_check import NcciSettings
from vascular.frozen import record
from vascular.replacing import replacing

__all__ = ["Partition", "code_partition", "code_with_dask", "partitions"]


@record
class Partition:
    """A byte range of an input file that starts and ends at line ends."""

    index: int
    """Its number, which names its output file (``part-00003.jsonl``)."""
    path: str
    """The input file."""
    start: int
    """The first byte."""
    end: int
    """The byte after the last."""
    first_line: int
    """The input line number of its first line."""


def partitions(paths: Sequence[str | os.PathLike[str]], blocksize: int) -> list[Partition]:
    """Cut each file into ranges of about `blocksize` bytes at line ends, in order.

    Reads each file once, counting lines, so that every range knows its first line's number.
    """
    found: list[Partition] = []
    for path in paths:
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            start, line = 0, 1
            while start < size:
                stream.seek(min(start + blocksize, size))
                stream.readline()  # to the end of the line the cut falls in
                end = min(stream.tell(), size)
                stream.seek(start)
                lines = stream.read(end - start).count(b"\n")
                found.append(Partition(len(found), os.fspath(path), start, end, line))
                start, line = end, line + lines
    return found


def code_partition(
    partition: Partition, out_dir: str, options: BatchOptions, chunk_size: int = 200
) -> BatchSummary:
    """Code one partition in this process and write its output file; returns its summary."""
    ensure_worker(options)  # the atlas is loaded once per worker process
    summary = BatchSummary(audit=options.audit, ncci=options.ncci is not None)
    target = Path(out_dir) / f"part-{partition.index:05d}.jsonl"
    with replacing(target) as out:
        chunk: list[Item] = []
        for item in _items(partition):
            chunk.append(item)
            if len(chunk) >= chunk_size:
                _write(code_chunk(chunk), out, summary)
                chunk = []
        _write(code_chunk(chunk), out, summary)
    summary.finish()
    return summary


def _write(outcomes: list[Any], out: Any, summary: BatchSummary) -> None:
    for outcome in outcomes:
        out.write(outcome.text + "\n")
        summary.add(outcome)


def _items(partition: Partition) -> Iterator[Item]:
    with open(partition.path, "rb") as stream:
        stream.seek(partition.start)
        data = stream.read(partition.end - partition.start)
    last_of_file = partition.end >= os.path.getsize(partition.path)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
        last_of_file = False
    for offset, raw in enumerate(lines):
        text = raw.strip()
        if text:
            last = last_of_file and offset == len(lines) - 1
            yield Item(partition.first_line + offset, text, None, 0, None, last)


def code_with_dask(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    blocksize: int = 32_000_000,
    rationale: bool = True,
    audit: bool = False,
    ncci: NcciSettings | None = None,
    data: str | os.PathLike[str] | None = None,
) -> BatchSummary:
    """Code JSON Lines files on the current Dask scheduler (a `distributed.Client`, or local).

    Args:
        paths: the input files (each worker must be able to read them).
        out_dir: the output folder (created; each partition writes ``part-NNNNN.jsonl`` there).
        blocksize: bytes of input per partition.
        rationale: put the reasons into words.
        audit: audit each case's billed lines.
        ncci: check each claim against the NCCI edits.
        data: another anatomy data directory.

    Returns:
        The merged summary of every partition.
    """
    import dask.bag

    os.makedirs(out_dir, exist_ok=True)
    options = BatchOptions(rationale, audit, ncci, os.fspath(data) if data is not None else None)
    ranges = partitions(paths, blocksize)
    total = BatchSummary(audit=audit, ncci=ncci is not None)
    bag = dask.bag.from_sequence(ranges, npartitions=len(ranges))  # type: ignore[no-untyped-call]
    summaries = bag.map(code_partition, os.fspath(out_dir), options).compute()
    for summary in summaries:  # an empty input has no partition: the summary stays empty
        total.merge(summary)
    total.finish()
    return total
