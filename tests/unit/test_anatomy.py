"""The Anatomy's accessors and variants, on the small test anatomy."""

from __future__ import annotations

import pytest

from vascular import Anatomy, UnknownVariantError, UnknownVesselError


def _ids(records: object) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


def test_lineage_runs_from_the_vessel_to_the_root(mini_anatomy: Anatomy) -> None:
    assert _ids(mini_anatomy.lineage("right_popliteal_artery")) == [
        "right_popliteal_artery",
        "right_superficial_femoral_artery",
        "right_common_femoral_artery",
        "right_external_iliac_artery",
        "right_common_iliac_artery",
        "abdominal_aorta",
        "descending_thoracic_aorta",
        "aortic_arch",
        "ascending_aorta",
    ]


def test_children_keep_file_order_and_include_the_continuation(mini_anatomy: Anatomy) -> None:
    assert _ids(mini_anatomy.children("right_subclavian_artery")) == [
        "right_vertebral_artery",
        "right_internal_mammary_artery",
        "right_axillary_artery",
        "right_thyrocervical_trunk",
    ]
    continuation = mini_anatomy.continuation("right_subclavian_artery")
    assert continuation is not None
    assert continuation.id == "right_axillary_artery"
    assert mini_anatomy.continuation("right_vertebral_artery") is None


def test_the_aorta_is_the_non_selective_base(mini_anatomy: Anatomy) -> None:
    assert _ids(mini_anatomy.base("systemic_arterial")) == [
        "ascending_aorta",
        "aortic_arch",
        "descending_thoracic_aorta",
        "abdominal_aorta",
    ]
    assert mini_anatomy.is_base("abdominal_aorta")
    assert not mini_anatomy.is_base("celiac_trunk")


def test_graph_edges_carry_their_relation(mini_anatomy: Anatomy) -> None:
    graph = mini_anatomy.graph
    assert (
        graph.edges["right_external_iliac_artery", "right_common_femoral_artery"]["relation"]
        == "continuation"
    )
    assert (
        graph.edges["right_common_femoral_artery", "right_superficial_femoral_artery"]["relation"]
        == "branch"
    )
    assert graph.edges["right_vertebral_artery", "basilar_artery"]["relation"] == "confluence"


def test_a_confluence_is_not_a_second_parent(mini_anatomy: Anatomy) -> None:
    parent = mini_anatomy.parent("basilar_artery")
    assert parent is not None
    assert parent.id == "left_vertebral_artery"
    assert _ids(mini_anatomy.feeders("basilar_artery")) == ["right_vertebral_artery"]


def test_iteration_is_depth_first_from_the_root(mini_anatomy: Anatomy) -> None:
    order = _ids(mini_anatomy)
    assert order[0] == "ascending_aorta"
    assert len(order) == len(set(order)) == len(mini_anatomy)
    assert order.index("right_common_carotid_artery") < order.index("right_subclavian_artery")
    assert order.index("right_subclavian_artery") < order.index("right_vertebral_artery")


def test_tree_of_names_the_arterial_tree(mini_anatomy: Anatomy) -> None:
    assert mini_anatomy.tree_of("left_popliteal_artery").kind == "artery"


def test_an_unknown_id_suggests_close_names(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVesselError) as raised:
        mini_anatomy.vessel("right_superficial_femorl")
    assert "Right superficial femoral artery" in raised.value.suggestions


def test_a_variant_reattaches_a_vessel_and_its_branches(mini_anatomy: Anatomy) -> None:
    bovine = mini_anatomy.with_variants("bovine_arch")
    parent = bovine.parent("left_common_carotid_artery")
    assert parent is not None
    assert parent.id == "brachiocephalic_trunk"
    assert bovine.applied_variants == ("bovine_arch",)
    original = mini_anatomy.parent("left_common_carotid_artery")
    assert original is not None
    assert original.id == "aortic_arch"


def test_variants_combine(mini_anatomy: Anatomy) -> None:
    both = mini_anatomy.with_variants("bovine_arch", "replaced_right_hepatic_from_sma")
    assert _ids(both.lineage("right_hepatic_artery"))[:2] == [
        "right_hepatic_artery",
        "superior_mesenteric_artery",
    ]


def test_an_unknown_variant_lists_the_known_ones(mini_anatomy: Anatomy) -> None:
    with pytest.raises(UnknownVariantError, match="bovine_arch"):
        mini_anatomy.with_variants("trifurcated_arch")
