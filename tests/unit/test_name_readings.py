"""Reading names on the atlas: vessels, classes, ambiguities, variants, suggestions, completion.

The behaviour the engine and the app code against (`NameIndex.read`, `resolve`, `complete`); the
names coders dictate, region by region, are in test_dictated_names.py.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from vascular import AmbiguousVesselError, Anatomy, UnknownVesselError, VesselNameError
from vascular.names import Suggestion


def test_read_never_raises_and_says_why(atlas: Anatomy) -> None:
    for text in ["", "   ", "artery", "xyzzy", "left right SFA", "R", "\x00\x07", "é" * 50]:
        reading = atlas.read_name(text)
        assert reading.kind in {"unknown", "ambiguous"}
        assert reading.reason


def test_a_text_longer_than_any_name_is_unknown_without_work(atlas: Anatomy) -> None:
    reading = atlas.read_name("SFA " * 100)
    assert reading.kind == "unknown"
    assert "at most 200 characters" in reading.reason
    assert reading.suggestions == ()


def test_a_vessel_reading_names_one_id_and_no_reason(atlas: Anatomy) -> None:
    reading = atlas.read_name("rt SFA")
    assert (reading.kind, reading.vessel, reading.reason) == (
        "vessel",
        "right_superficial_femoral_artery",
        "",
    )


def test_a_reading_that_needed_interpretation_carries_a_note(atlas: Anatomy) -> None:
    reading = atlas.read_name("R IMA")
    assert reading.vessel == "right_internal_mammary_artery"
    assert "IMA with a side read as RIMA" in reading.note
    assert "inferior mesenteric artery, which has no side" in reading.note
    assert atlas.read_name("RIMA").note == ""


def test_a_side_letter_split_off_beats_a_reading_that_needs_a_side(atlas: Anatomy) -> None:
    reading = atlas.read_name("LCFA")
    assert reading.vessel == "left_common_femoral_artery"
    assert "lateral circumflex femoral artery, which needs a side" in reading.note
    assert atlas.read_name("right LCFA").vessel == "right_lateral_circumflex_femoral_artery"


def test_a_glued_abbreviation_as_written_is_kept(atlas: Anatomy) -> None:
    assert atlas.read_name("RSCA").vessel == "right_subclavian_artery"


def test_two_complete_readings_are_an_ambiguity_naming_both(atlas: Anatomy) -> None:
    reading = atlas.read_name("R SCA")
    assert reading.kind == "ambiguous"
    assert set(reading.candidates) == {
        "right_subclavian_artery",
        "right_superior_cerebellar_artery",
    }
    assert "Right subclavian artery (as RSCA)" in reading.reason
    assert "Right superior cerebellar artery" in reading.reason


def test_a_class_reads_as_its_members_never_one_pick(atlas: Anatomy) -> None:
    reading = atlas.read_name("hepatic vein")
    assert (reading.kind, reading.label) == ("class", "hepatic vein")
    assert reading.candidates[:3] == (
        "right_hepatic_vein",
        "middle_hepatic_vein",
        "left_hepatic_vein",
    )
    with pytest.raises(AmbiguousVesselError) as raised:
        atlas.resolve("hepatic vein")
    assert raised.value.candidates == reading.candidates
    assert raised.value.reading == reading


def test_a_side_keeps_that_sides_members_of_a_class(atlas: Anatomy) -> None:
    assert atlas.read_name("left bronchial").candidates == (
        "left_superior_bronchial_artery",
        "left_inferior_bronchial_artery",
    )
    assert atlas.read_name("right bronchial").vessel == "right_bronchial_artery"
    reading = atlas.read_name("bronchial")
    assert reading.kind == "ambiguous"
    assert "say which side" in reading.reason


def test_a_level_numbered_vessel_without_its_level_is_the_class_of_levels(atlas: Anatomy) -> None:
    reading = atlas.read_name("right lumbar artery")
    assert (reading.kind, reading.label) == ("class", "lumbar artery")
    assert reading.candidates == tuple(f"right_lumbar_artery_l{n}" for n in range(1, 6))
    assert atlas.read_name("left posterior intercostal vein").candidates[0] == (
        "left_posterior_intercostal_vein_t2"
    )


def test_a_name_that_must_be_asked_is_ambiguous_even_with_its_side(atlas: Anatomy) -> None:
    reading = atlas.read_name("inferior pole renal artery right")
    assert reading.kind == "ambiguous"
    assert set(reading.candidates) == {
        "right_lower_pole_accessory_renal_artery",
        "right_inferior_segmental_renal_artery",
    }


def test_an_access_reads_the_member_the_data_names(atlas: Anatomy) -> None:
    placement = atlas.read_name("right femoral artery")
    assert placement.kind == "class"
    assert placement.candidates == (
        "right_common_femoral_artery",
        "right_superficial_femoral_artery",
    )
    access = atlas.read_name("right femoral artery", role="access")
    assert access.vessel == "right_common_femoral_artery"
    assert "as an access" in access.note
    assert atlas.resolve("R fem", role="access").id == "right_common_femoral_artery"


def test_a_variant_name_points_to_the_variant_and_the_vessel(atlas: Anatomy) -> None:
    reading = atlas.read_name("replaced RHA")
    assert (reading.kind, reading.label, reading.vessel) == (
        "variant",
        "replaced_right_hepatic_from_sma",
        "right_hepatic_artery",
    )
    assert "add the variant 'replaced_right_hepatic_from_sma'" in reading.reason
    assert "'Right hepatic artery'" in reading.reason
    with pytest.raises(VesselNameError) as raised:
        atlas.resolve("replaced RHA")
    assert not isinstance(raised.value, UnknownVesselError | AmbiguousVesselError)
    assert raised.value.reading == reading


def test_a_variant_already_applied_reads_as_the_vessel(atlas: Anatomy) -> None:
    patient = atlas.with_variants("replaced_right_hepatic_from_sma")
    reading = patient.read_name("replaced RHA")
    assert reading.vessel == "right_hepatic_artery"
    assert "superior mesenteric artery in this patient" in reading.note


def test_a_variant_the_atlas_lacks_is_unknown_with_a_reason(atlas: Anatomy) -> None:
    reading = atlas.read_name("aberrant left subclavian")
    assert reading.kind == "unknown"
    assert "no such variant" in reading.reason


def test_a_name_with_a_variant_word_that_is_a_vessel_stays_the_vessel(atlas: Anatomy) -> None:
    assert atlas.read_name("right accessory renal").vessel == "right_accessory_renal_artery"
    assert atlas.read_name("accessory renal").kind == "ambiguous"


def test_position_words_are_set_aside_only_when_needed(atlas: Anatomy) -> None:
    reading = atlas.read_name("distal right SFA")
    assert reading.vessel == "right_superficial_femoral_artery"
    assert "'distal' places the catheter" in reading.note
    assert atlas.read_name("distal basilar").note == ""


def test_both_sides_in_a_name_list_both_vessels(atlas: Anatomy) -> None:
    reading = atlas.read_name("left and right renal")
    assert reading.kind == "ambiguous"
    assert set(reading.candidates) == {"left_renal_artery", "right_renal_artery"}
    assert "each side as its own placement" in reading.reason


# ---- suggestions: close ones only, each with its vessel id


def test_a_misspelling_suggests_ids_as_well_as_names(atlas: Anatomy) -> None:
    reading = atlas.read_name("superficail femoral rt")
    assert reading.kind == "unknown"
    first = reading.suggestions[0]
    assert (first.id, first.name) == (
        "right_superficial_femoral_artery",
        "Right superficial femoral artery",
    )
    with pytest.raises(UnknownVesselError) as raised:
        atlas.resolve("superficail femoral rt")
    assert raised.value.suggestion_ids[0] == "right_superficial_femoral_artery"
    assert len(raised.value.suggestion_ids) == len(raised.value.suggestions)


def test_a_pair_without_a_side_is_one_suggestion_with_both_ids(atlas: Anatomy) -> None:
    first = atlas.read_name("popliteall").suggestions[0]
    assert first.name == "popliteal artery (left or right)"
    assert set(first.ids) == {"left_popliteal_artery", "right_popliteal_artery"}
    assert first.id in first.ids


@pytest.mark.parametrize(
    "text", ["R HA x", "HAND", "snuffboxes please", "xyzzy", "banana", "TIPSY shunts", "qwertyuiop"]
)
def test_a_name_the_atlas_lacks_gets_no_noise(atlas: Anatomy, text: str) -> None:
    reading = atlas.read_name(text)
    assert reading.kind == "unknown"
    assert all("digital" not in s.name for s in reading.suggestions)
    if not reading.suggestions:
        assert "not in the atlas" in reading.reason


def test_the_hand_arteries_are_not_suggested_for_r_ha(atlas: Anatomy) -> None:
    assert atlas.names.suggest("R HA") == ()
    assert atlas.names.suggest("R HAX") == ()


# ---- completion


@pytest.mark.parametrize(
    "text", ["R HA", "rt SFA", "LCFA", "left gastric", "RML", "hepatic vein", "R SCA", "aorta"]
)
def test_completion_starts_with_the_reading(atlas: Anatomy, text: str) -> None:
    reading = atlas.read_name(text)
    first = atlas.complete(text)
    if reading.kind == "vessel":
        assert first[0].id == reading.vessel
    else:
        assert tuple(s.id for s in first[: len(reading.candidates)]) == reading.candidates[:8]


def test_completion_of_r_ha_is_the_right_hepatic_artery_first(atlas: Anatomy) -> None:
    found = atlas.complete("R HA")
    assert found[0] == Suggestion(
        "right_hepatic_artery", "Right hepatic artery", ("right_hepatic_artery",), 100.0
    )


def test_completion_then_offers_word_and_word_start_matches(atlas: Anatomy) -> None:
    found = atlas.complete("rt fem", limit=20)
    assert found
    for suggestion in found:
        assert suggestion.name.startswith("Right") or "right" in suggestion.name.lower()
        vessel = atlas.vessel(suggestion.id)
        words = " ".join((vessel.name, *vessel.aliases)).lower().split()
        assert any(word.startswith("fem") for word in words)


def test_completion_never_offers_what_shares_no_word(atlas: Anatomy) -> None:
    found = atlas.complete("gastroduo")
    assert [s.id for s in found][:1] == ["gastroduodenal_artery"]
    assert atlas.complete("xyzzy") == ()
    assert atlas.complete("") == ()
    assert atlas.complete("SFA", limit=0) == ()
    assert len(atlas.complete("artery of", limit=3)) <= 3


# ---- the index is plain data


def test_the_name_index_pickles_and_reads_the_same(atlas: Anatomy) -> None:
    copy = pickle.loads(pickle.dumps(atlas.names))
    for text in ["R HA", "hepatic vein", "replaced RHA", "superficail femoral rt", "R SCA"]:
        assert copy.read(text) == atlas.names.read(text)


def test_reading_names_does_not_load_rapidfuzz_until_a_name_is_unknown() -> None:
    code = (
        "import sys; from vascular import load_anatomy; a = load_anatomy();"
        "a.read_name('R HA'); a.complete('R HA'); print('rapidfuzz' in sys.modules);"
        "a.read_name('superficail femoral'); print('rapidfuzz' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
