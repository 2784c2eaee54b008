"""Errors: every error type pickles with all its attributes (they cross process boundaries)."""

from __future__ import annotations

import pickle

import pytest

from vascular import Anatomy
from vascular.errors import (
    AmbiguousVesselError,
    AnatomyDataError,
    CaseError,
    CaseFileError,
    CaseProblem,
    DataProblem,
    UnknownVariantError,
    UnknownVesselError,
    VascularError,
    VesselNameError,
)
from vascular.names import NameReading, Suggestion

READING = NameReading(
    "R HX",
    "unknown",
    reason="no vessel is called 'R HX'",
    suggestions=(Suggestion("right_hepatic_artery", "Right hepatic artery", ("x",), 81.0),),
)

ERRORS: dict[str, VascularError] = {
    "base": VascularError("something"),
    "name": VesselNameError(
        "left right SFA", "names both sides", ["a"], suggestion_ids=["a_id"], reading=READING
    ),
    "unknown": UnknownVesselError(
        "R HX",
        "no vessel is called 'R HX'",
        ["Right hepatic artery"],
        suggestion_ids=["right_hepatic_artery"],
        reading=READING,
    ),
    "ambiguous": AmbiguousVesselError(
        "SFA", "say which side", ["left_sfa", "right_sfa"], reading=READING
    ),
    "data": AnatomyDataError("data", [DataProblem("f.yaml", "r", "field", "bad")]),
    "case": CaseError([CaseProblem("placements[0].vessel", "say which side", (), ("a", "b"))]),
    "case-file": CaseFileError("cannot read case.json"),
    "variant": UnknownVariantError("nope", ["bovine_arch"]),
}


@pytest.mark.parametrize("error", ERRORS.values(), ids=list(ERRORS))
def test_every_error_pickles_with_all_its_attributes(error: VascularError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert vars(copy) == vars(error)


def test_a_name_error_from_the_index_pickles_with_its_reading(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError) as raised:
        mini_anatomy.resolve("superficail femoral rt")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert copy.reading == raised.value.reading
    assert copy.suggestion_ids == raised.value.suggestion_ids
    assert copy.suggestion_ids[0] == "right_superficial_femoral_artery"


def test_name_errors_keep_their_old_attributes() -> None:
    error = ERRORS["unknown"]
    assert isinstance(error, UnknownVesselError)
    assert (error.query, error.reason, error.suggestions) == (
        "R HX",
        "no vessel is called 'R HX'",
        ("Right hepatic artery",),
    )
    assert str(error) == "no vessel is called 'R HX'; did you mean: Right hepatic artery"


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_every_error_class_of_the_library_pickles_through_the_base() -> None:
    import vascular.cli
    import vascular.ncci.errors

    classes = _subclasses(VascularError)
    assert len(classes) >= 10
    covered = {type(error) for error in ERRORS.values()}
    for cls in classes:
        # the base's __reduce__ rebuilds from state: a subclass must not replace it with one that
        # calls __init__ again (their signatures differ), unless it is tested above
        reduce: object = cls.__reduce__
        assert reduce is VascularError.__reduce__ or cls in covered, cls
    usage = vascular.cli.UsageError("bad usage")
    assert str(pickle.loads(pickle.dumps(usage))) == "bad usage"
