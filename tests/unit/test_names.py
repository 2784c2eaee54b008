"""Name resolution: what coders type resolves to one vessel, or fails with a useful error."""

from __future__ import annotations

import pytest

from vascular import AmbiguousVesselError, Anatomy, UnknownVesselError, VesselNameError

RESOLVES = {
    "rt SFA": "right_superficial_femoral_artery",
    "R SFA": "right_superficial_femoral_artery",
    "SFA, right": "right_superficial_femoral_artery",
    "sfa left": "left_superficial_femoral_artery",
    "Left Superficial Femoral Artery": "left_superficial_femoral_artery",
    "  LEFT   superficial-femoral  ": "left_superficial_femoral_artery",
    "R. S.F.A.": "right_superficial_femoral_artery",
    "RCFA": "right_common_femoral_artery",
    "lsfa": "left_superficial_femoral_artery",
    "femoral common right": "right_common_femoral_artery",
    "rt common femoral arteries": "right_common_femoral_artery",
    "lt hypogastric": "left_internal_iliac_artery",
    "left IIA": "left_internal_iliac_artery",
    "innominate": "brachiocephalic_trunk",
    "Brachiocephalic artery": "brachiocephalic_trunk",
    "IMA": "inferior_mesenteric_artery",
    "LIMA": "left_internal_mammary_artery",
    "Sup. mesenteric a.": "superior_mesenteric_artery",
    "celiac axis": "celiac_trunk",
    "coeliac": "celiac_trunk",
    "GDA": "gastroduodenal_artery",
    "rt hepatic": "right_hepatic_artery",
    "RHA": "right_hepatic_artery",
    "left gastric": "left_gastric_artery",
    "lt gastric artery": "left_gastric_artery",
    "gastric left": "left_gastric_artery",
    "LGA": "left_gastric_artery",
    "right hepatic vein": "right_hepatic_vein",
    "middle hepatic v.": "middle_hepatic_vein",
    "rt CFV": "right_common_femoral_vein",
    "R common femoral v": "right_common_femoral_vein",
    "RIMA": "right_internal_mammary_artery",
    "main PA": "main_pulmonary_artery",
    "right PA": "right_pulmonary_artery",
    "coronary vein": "left_gastric_vein",
    "basilar_artery": "basilar_artery",
    "ascending aorta": "ascending_aorta",
}


@pytest.mark.parametrize(("query", "expected"), RESOLVES.items(), ids=list(RESOLVES))
def test_names_coders_write_resolve_to_one_vessel(
    mini_anatomy: Anatomy, query: str, expected: str
) -> None:
    assert mini_anatomy.resolve(query).id == expected


def test_a_missing_side_is_never_guessed(mini_anatomy: Anatomy) -> None:
    with pytest.raises(AmbiguousVesselError) as raised:
        mini_anatomy.resolve("SFA")
    assert set(raised.value.candidates) == {
        "left_superficial_femoral_artery",
        "right_superficial_femoral_artery",
    }
    assert "say which side" in str(raised.value)


def test_a_side_on_an_unpaired_vessel_is_an_error(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError) as raised:
        mini_anatomy.resolve("right celiac")
    assert "has no right side" in str(raised.value)
    assert "Celiac trunk" in raised.value.suggestions


def test_both_sides_in_one_name_is_an_error(mini_anatomy: Anatomy) -> None:
    with pytest.raises(VesselNameError, match="both the left and the right"):
        mini_anatomy.resolve("left right SFA")


@pytest.mark.parametrize("query", ["", "   ", "artery", "the artery"])
def test_empty_names_are_rejected(mini_anatomy: Anatomy, query: str) -> None:
    with pytest.raises(UnknownVesselError, match="does not name a vessel"):
        mini_anatomy.resolve(query)


def test_a_misspelt_name_suggests_the_closest_on_the_same_side(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError) as raised:
        mini_anatomy.resolve("superficail femoral rt")
    assert raised.value.suggestions[0] == "Right superficial femoral artery"
    assert all(not s.startswith("Left") for s in raised.value.suggestions)
    assert "did you mean: Right superficial femoral artery" in str(raised.value)


def test_a_misspelt_name_without_side_suggests_both(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError) as raised:
        mini_anatomy.resolve("popliteall")
    assert "popliteal artery (left or right)" in raised.value.suggestions


def test_gibberish_is_unknown(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError, match="no vessel is called 'xyzzy'"):
        mini_anatomy.resolve("xyzzy")


def test_search_finds_both_sides_of_an_alias(mini_anatomy: Anatomy) -> None:
    assert [r.id for r in mini_anatomy.search("hypogastric")] == [
        "left_internal_iliac_artery",
        "right_internal_iliac_artery",
    ]


def test_search_by_word_start_and_side(mini_anatomy: Anatomy) -> None:
    assert [r.id for r in mini_anatomy.search("rt fem")] == [
        "right_common_femoral_artery",
        "right_common_femoral_vein",
        "right_profunda_femoris_artery",
        "right_superficial_femoral_artery",
    ]


def test_search_ranks_exact_names_first(mini_anatomy: Anatomy) -> None:
    found = [r.id for r in mini_anatomy.search("common hepatic")]
    assert found[0] == "common_hepatic_artery"


def test_search_for_nothing_finds_nothing(mini_anatomy: Anatomy) -> None:
    assert mini_anatomy.search("xyzzy") == ()
    assert mini_anatomy.search("artery") == ()


def test_a_sided_vessel_without_a_twin_still_needs_a_side(mini_anatomy: Anatomy) -> None:
    with pytest.raises(AmbiguousVesselError, match="leaves the side open"):
        mini_anatomy.resolve("intercostobronchial trunk")
    assert (
        mini_anatomy.resolve("rt intercostobronchial trunk").id == "right_intercostobronchial_trunk"
    )


def test_an_alias_of_one_side_only_says_the_side(mini_anatomy: Anatomy) -> None:
    assert mini_anatomy.resolve("LIMA").id == "left_internal_mammary_artery"
    assert mini_anatomy.resolve("ICBT").id == "right_intercostobronchial_trunk"


def test_a_side_word_that_is_part_of_a_name_is_not_a_side(mini_anatomy: Anatomy) -> None:
    record = mini_anatomy.resolve("left gastric")
    assert (record.id, record.side) == ("left_gastric_artery", "unpaired")
    assert "left_gastric_artery" in [r.id for r in mini_anatomy.search("lt gastric")]


def test_artery_is_the_default_and_vein_must_be_said(mini_anatomy: Anatomy) -> None:
    assert mini_anatomy.resolve("left renal").id == "left_renal_artery"
    assert mini_anatomy.resolve("left renal vein").id == "left_renal_vein"
