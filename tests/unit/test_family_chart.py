"""The family chart: each defect trainers reported, fixed and pinned."""

from __future__ import annotations

import pytest

from vascular.anatomy import Anatomy
from vascular.case import Access
from vascular.charts.text import chart_text, order_label
from vascular.family import ChartRow, FamilyChart, family_chart, position_words

FEMORAL = Access(vessel="right common femoral artery")
FEMORAL_VEIN = Access(vessel="right common femoral vein")


def rows(chart: FamilyChart) -> dict[str, ChartRow]:
    return {row.vessel: row for row in chart.rows}


class TestSelectiveIsNeverNonSelective:
    def test_pulmonary_branches_are_selective(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "main_pulmonary_artery", FEMORAL_VEIN)
        right = rows(chart)["right_pulmonary_artery"]
        assert right.selective
        assert order_label(right) == "sel"
        assert position_words(right) == "selective"
        assert "non-sel" not in chart_text(mini_anatomy, chart)

    def test_the_aorta_from_the_groin_is_non_selective(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "abdominal_aorta", FEMORAL)
        aorta = rows(chart)["abdominal_aorta"]
        assert (aorta.selective, order_label(aorta)) == (False, "non-sel")


class TestWaysIn:
    def test_a_row_reached_two_ways_shows_each_ways_order(self, atlas: Anatomy) -> None:
        chart = family_chart(atlas, "aortic_arch", FEMORAL)
        basilar = rows(chart)["basilar_artery"]
        assert basilar.note == ""
        ways = {way.via: (way.order, way.code) for way in basilar.ways}
        assert ways == {
            "left_vertebral_artery": (3, "36217-LT"),
            "right_vertebral_artery": (4, "36217-RT"),
        }

    def test_the_text_lists_the_ways_not_an_error(self, atlas: Anatomy) -> None:
        text = chart_text(atlas, family_chart(atlas, "aortic_arch", FEMORAL))
        assert 'say which with "via"' not in text
        assert max(len(line) for line in text.splitlines()) < 200
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip().startswith("Basilar artery"))
        assert "two ways in" in lines[at]
        assert lines[at + 1].split()[:6] == [">", "via", "left", "vertebral", "artery", "3"]
        assert "36217-LT" in lines[at + 1].split()


class TestUnreachableSubtree:
    def test_one_explanation_for_the_whole_subtree(self, atlas: Anatomy) -> None:
        antegrade = Access(vessel="right common femoral artery", direction="antegrade")
        chart = family_chart(atlas, "abdominal_aorta", antegrade)
        explained = [row for row in chart.rows if row.note]
        assert [row.vessel for row in explained] == ["abdominal_aorta"]
        celiac = rows(chart)["celiac_trunk"]
        assert (celiac.note, celiac.explained_at) == ("", "abdominal_aorta")
        below = rows(chart)["right_profunda_femoris_artery"]
        assert (below.order, below.explained_at) == (1, None)
        text = chart_text(atlas, chart)
        assert text.count("is not downstream") == 1

    def test_reachable_rows_have_no_explanation(self, mini_anatomy: Anatomy) -> None:
        chart = family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL)
        assert not any(row.note or row.explained_at for row in chart.rows)


class TestImagingCodes:
    @pytest.mark.parametrize(
        ("vessel", "plain", "with_imaging"),
        [
            ("right_common_carotid_artery", "36216-RT", "36222-RT"),
            ("right_internal_carotid_artery", "36217-RT", "36224-RT"),
            ("right_vertebral_artery", "36217-RT", "36226-RT"),
            ("right_renal_artery", "36245-RT", "36251-RT"),
            ("right_anterior_division_of_renal_artery", "36246-RT", "36253-RT"),
        ],
        ids=["common-carotid", "internal-carotid", "vertebral", "renal", "renal-branch"],
    )
    def test_the_imaging_inclusive_code_is_shown(
        self, atlas: Anatomy, vessel: str, plain: str, with_imaging: str
    ) -> None:
        row = rows(family_chart(atlas, "aortic_arch", FEMORAL))[vessel]
        assert row.code == plain
        assert [item.code for item in row.imaging] == [with_imaging]

    def test_a_vessel_imaging_several_territories_shows_each(self, atlas: Anatomy) -> None:
        row = rows(family_chart(atlas, "aortic_arch", FEMORAL))["brachiocephalic_trunk"]
        assert {item.territory: item.code for item in row.imaging} == {
            "cervical": "36222-RT",
            "intracranial": "36223-RT",
            "vertebral": "36225-RT",
        }

    def test_no_imaging_code_where_imaging_changes_nothing(self, atlas: Anatomy) -> None:
        row = rows(family_chart(atlas, "aortic_arch", FEMORAL))["celiac_trunk"]
        assert row.imaging == ()

    def test_the_text_has_a_with_imaging_column(self, atlas: Anatomy) -> None:
        text = chart_text(atlas, family_chart(atlas, "aortic_arch", FEMORAL))
        assert "WITH IMAGING" in text.splitlines()[2]


class TestLeavesAndVariants:
    def test_leaves_are_marked(self, mini_anatomy: Anatomy) -> None:
        chart = rows(family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL))
        assert chart["left_popliteal_artery"].leaf is False
        assert chart["left_posterior_tibial_artery"].leaf is True

    def test_a_variant_vessel_is_marked(self, mini_anatomy: Anatomy) -> None:
        anatomy = mini_anatomy.with_variants("replaced_right_hepatic_from_sma")
        chart = family_chart(anatomy, "superior_mesenteric_artery", FEMORAL)
        assert chart.variants == ("replaced_right_hepatic_from_sma",)
        assert rows(chart)["right_hepatic_artery"].variant == "replaced_right_hepatic_from_sma"
        assert "Right hepatic artery *" in chart_text(anatomy, chart)

    def test_the_json_carries_the_new_fields(self, mini_anatomy: Anatomy) -> None:
        data = family_chart(mini_anatomy, "left_common_iliac_artery", FEMORAL).to_json()
        assert {"leaf", "ways", "imaging", "explained_at", "variant"} <= set(data["vessels"][0])
