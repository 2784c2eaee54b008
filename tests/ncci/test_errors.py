"""NCCI errors: one base with the library's, structured fields, intact through pickling."""

from __future__ import annotations

import pickle

import pytest

from vascular.errors import VascularError
from vascular.ncci import NcciClaimError, NcciDataError, NcciError


@pytest.mark.parametrize("kind", [NcciDataError, NcciClaimError])
def test_an_error_pickles_and_unpickles_with_its_fields(kind: type[NcciError]) -> None:
    error = kind("a.zip!ccipra-v322r0-f1.TXT", 12, "Modifier", "'2' is not 0, 1 or 9")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is kind
    assert (copy.file, copy.line, copy.field, copy.message) == (
        error.file,
        error.line,
        error.field,
        error.message,
    )
    assert str(copy) == str(error)


def test_the_message_names_file_line_and_field() -> None:
    error = NcciDataError("f.txt", 9, "Effective Date", "'x' is not a date (YYYYMMDD)")
    assert str(error) == "f.txt: line 9: Effective Date: 'x' is not a date (YYYYMMDD)"
    assert str(NcciDataError("f.zip", None, "archive", "damaged")) == "f.zip: archive: damaged"


def test_every_ncci_error_is_a_vascular_error() -> None:
    assert issubclass(NcciDataError, VascularError)
    assert issubclass(NcciClaimError, VascularError)
    assert NcciDataError("f", 1, "x", "y").to_json() == {
        "file": "f",
        "line": 1,
        "field": "x",
        "message": "y",
    }
