"""The progress file: kept per user, written atomically, never overwritten when damaged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.strategies import atlas
from vascular.training import ProgressFile, QuizSession, default_progress_path, make_set
from vascular.training.progress import EXPORT_COLUMNS, export_csv, session_record


def finished_session() -> QuizSession:
    session = QuizSession(make_set("visceral", 3, 3, "order", anatomy=atlas()), "practice", atlas())
    while not session.done:
        question = session.current
        assert question is not None
        session.answer(question.answer if session.index else "banana")
    return session


def test_the_default_path_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VASCULAR_PROGRESS_FILE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_progress_path() == tmp_path / "vascular-coding" / "training-progress.json"
    monkeypatch.setenv("VASCULAR_PROGRESS_FILE", str(tmp_path / "mine.json"))
    assert default_progress_path() == tmp_path / "mine.json"


def test_sessions_are_appended_and_kept(tmp_path: Path) -> None:
    store = ProgressFile(tmp_path / "sub" / "progress.json")
    assert store.sessions() == ([], None)
    record = session_record(finished_session())
    assert store.add(record) is None
    assert store.add(record) is None
    sessions, notice = store.sessions()
    assert notice is None
    assert len(sessions) == 2
    assert sessions[0]["summary"]["asked"] == 3
    assert sessions[0]["summary"]["correct"] == 2
    assert [p.name for p in store.path.parent.iterdir()] == ["progress.json"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "is damaged (not JSON"),
        (b'{"format": "something-else"}', "is not a progress file"),
        (
            b'{"format": "vascular-training-progress", "schema_version": 99, "sessions": []}',
            "is of version 99",
        ),
        (
            b'{"format": "vascular-training-progress", "schema_version": 1, "sessions": 3}',
            "its sessions are not a list",
        ),
        (b"\xff\xfe", "not JSON"),
    ],
    ids=["not-json", "other-format", "other-version", "bad-sessions", "binary"],
)
def test_a_bad_file_is_moved_aside_with_a_message(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    store = ProgressFile(path)
    notice = store.add(session_record(finished_session()))
    assert notice is not None
    assert words in notice
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.damaged-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert str(kept[0]) in notice
    assert len(json.loads(path.read_text())["sessions"]) == 1


def test_two_damaged_files_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    for content in (b"one", b"two"):
        path.write_bytes(content)
        ProgressFile(path).sessions()
    kept = sorted(p.read_bytes() for p in tmp_path.iterdir())
    assert kept == [b"one", b"two"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    from vascular.training import ProgressFileError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = ProgressFile(blocker / "progress.json")
    with pytest.raises(ProgressFileError, match=r"progress file .*: Not a directory"):
        store.add(session_record(finished_session()))


def test_results_export_as_csv_and_json_rows(tmp_path: Path) -> None:
    store = ProgressFile(tmp_path / "progress.json")
    store.add(session_record(finished_session()))
    rows, notice = store.rows()
    assert notice is None
    assert len(rows) == 3
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [row["correct"] for row in rows] == [False, True, True]
    table = list(csv.DictReader(io.StringIO(export_csv(rows))))
    assert [row["question"] for row in table] == ["q1", "q2", "q3"]
    assert table[0]["level"] == "visceral"
    assert json.loads(json.dumps(rows)) == rows
