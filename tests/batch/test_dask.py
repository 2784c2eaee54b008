"""`vascular.distributed`: a JSON Lines data set coded on a two-worker Dask LocalCluster."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from tests.batch.conftest import write_cases
from vascular.batch import code_cases
from vascular.distributed import code_with_dask, partitions

pytestmark = pytest.mark.dask


def test_partitions_cut_at_line_ends_and_know_their_first_line(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(f'{{"n": {i}}}\n' for i in range(1, 101)))
    parts = partitions([source], 97)
    assert len(parts) > 5
    data = source.read_bytes()
    assert parts[0].start == 0
    assert parts[-1].end == len(data)
    for before, after in pairwise(parts):
        assert before.end == after.start
        assert data[before.end - 1 : before.end] == b"\n"
        assert after.first_line == before.first_line + data[before.start : before.end].count(b"\n")


def test_a_two_worker_local_cluster_codes_every_line_in_order(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    source, out = tmp_path / "cases.jsonl", tmp_path / "out"
    bad = write_cases(source, 400, 0.02, seed=9)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        summary = code_with_dask([source], out, blocksize=8_000)
    files = sorted(out.glob("part-*.jsonl"))
    assert len(files) > 2
    lines = [json.loads(line) for f in files for line in f.read_text().splitlines()]
    assert [line["line"] for line in lines] == list(range(1, 401))
    assert {line["line"] for line in lines if "error" in line} == bad
    assert summary.cases == 400
    assert summary.failed == len(bad)
    raw = source.read_text().splitlines()
    local = [o.data() for o in code_cases(raw, workers=1)]
    assert [line.get("lines") for line in lines] == [line.get("lines") for line in local]
