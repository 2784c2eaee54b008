"""Integrity of the embedded atlas: structure, names, the coding chart, schemas and rule tables."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import atlas
from vascular import default_data_dir
from vascular.case import parse_case
from vascular.contract import references
from vascular.names import slug
from vascular.schema import stale_schemas
from vascular.traversal import trace

VESSELS = sorted(v.id for v in atlas())


def test_the_atlas_is_large_enough_for_coders() -> None:
    kinds = Counter(atlas().tree_of(v).kind for v in VESSELS)
    assert kinds["artery"] >= 500
    assert kinds["vein"] >= 200
    assert kinds["pulmonary_artery"] >= 30
    assert kinds["portal_vein"] >= 25


def test_schemas_are_current() -> None:
    assert stale_schemas(default_data_dir() / "schema") == []


def test_every_vessel_hangs_from_its_trees_root() -> None:
    roots = {tree.root for tree in atlas().trees.values()}
    assert all(atlas().lineage(v)[-1].id in roots for v in VESSELS)


def test_every_sided_vessel_has_its_twin_or_says_why() -> None:
    lonely = [
        v
        for v in VESSELS
        if (record := atlas().vessel(v)).side != "unpaired"
        and ("right_" + v[5:] if v.startswith("left_") else "left_" + v[6:]) not in atlas()
        and not record.note
    ]
    assert lonely == []


def test_ids_are_slugs_of_names() -> None:
    assert [v for v in VESSELS if slug(atlas().vessel(v).name) != v] == []


@pytest.mark.parametrize("tree", ["systemic_arterial", "systemic_venous", "portal_venous"])
def test_each_tree_has_vessels_off_its_base(tree: str) -> None:
    base = set(atlas().trees[tree].base)
    off = [v for v in VESSELS if atlas().vessel(v).parent in base and v not in base]
    assert len(off) >= 5


def test_continuations_form_single_lines() -> None:
    continued = Counter(
        atlas().vessel(v).parent for v in VESSELS if atlas().vessel(v).relation == "continuation"
    )
    assert max(continued.values()) == 1


# reference F1-F5: orders counted from a retrograde right femoral puncture (the aorta).
CHART: dict[str, int] = {
    "brachiocephalic_trunk": 1,
    "right_common_carotid_artery": 2,
    "right_internal_carotid_artery": 3,
    "right_external_carotid_artery": 3,
    "right_subclavian_artery": 2,
    "right_vertebral_artery": 3,
    "right_internal_mammary_artery": 3,
    "right_costocervical_trunk": 3,
    "right_thyrocervical_trunk": 3,
    "left_common_carotid_artery": 1,
    "left_internal_carotid_artery": 2,
    "left_external_carotid_artery": 2,
    "left_subclavian_artery": 1,
    "left_vertebral_artery": 2,
    "left_internal_mammary_artery": 2,
    "right_axillary_artery": 2,
    "left_axillary_artery": 1,
    "right_brachial_artery": 2,
    "left_brachial_artery": 1,
    "right_radial_artery": 3,
    "left_ulnar_artery": 2,
    "left_superior_bronchial_artery": 1,
    "right_posterior_intercostal_artery_t7": 1,
    "celiac_trunk": 1,
    "left_gastric_artery": 2,
    "splenic_artery": 2,
    "common_hepatic_artery": 2,
    "gastroduodenal_artery": 3,
    "proper_hepatic_artery": 3,
    "dorsal_pancreatic_artery": 3,
    "superior_mesenteric_artery": 1,
    "middle_colic_artery": 2,
    "ileocolic_artery": 2,
    "inferior_mesenteric_artery": 1,
    "left_colic_artery": 2,
    "superior_rectal_artery": 2,
    "right_renal_artery": 1,
    "left_accessory_renal_artery": 1,
    "right_middle_adrenal_artery": 1,
    "left_gonadal_artery": 1,
    "right_lumbar_artery_l2": 1,
    "median_sacral_artery": 1,
    "right_inferior_phrenic_artery": 1,
    "left_common_iliac_artery": 1,
    "left_internal_iliac_artery": 2,
    "left_external_iliac_artery": 2,
    "left_common_femoral_artery": 2,
    "left_superficial_femoral_artery": 3,
    "left_profunda_femoris_artery": 3,
    "left_popliteal_artery": 3,
    "left_anterior_division_of_internal_iliac_artery": 3,
    "left_inferior_epigastric_artery": 3,
}

# reference F6: venous orders from a femoral vein (brachiocephalic veins central: default).
VENOUS_CHART: dict[str, int] = {
    "right_renal_vein": 1,
    "left_renal_vein": 1,
    "right_hepatic_vein": 1,
    "middle_hepatic_vein": 1,
    "right_adrenal_vein": 1,
    "right_gonadal_vein": 1,
    "left_common_iliac_vein": 1,
    "left_adrenal_vein": 2,
    "left_gonadal_vein": 2,
    "left_inferior_phrenic_vein": 2,
    "left_internal_iliac_vein": 2,
    "left_external_iliac_vein": 2,
    "azygos_vein": 1,
    "right_internal_jugular_vein": 1,
    "left_subclavian_vein": 1,
    "right_inferior_petrosal_sinus": 2,
}


def _order(access: str, vessel: str) -> int | None:
    case = parse_case({"accesses": [{"vessel": access}], "placements": [{"vessel": vessel}]})
    return trace(atlas(), case).stops[0].order


@pytest.mark.parametrize(("vessel", "order"), CHART.items(), ids=list(CHART))
def test_arterial_orders_match_the_coding_chart(vessel: str, order: int) -> None:
    assert _order("right_common_femoral_artery", vessel) == order


@pytest.mark.parametrize(("vessel", "order"), VENOUS_CHART.items(), ids=list(VENOUS_CHART))
def test_venous_orders_match_the_coding_chart(vessel: str, order: int) -> None:
    assert _order("right_common_femoral_vein", vessel) == order


@pytest.mark.parametrize(
    ("vessel", "order"),
    [("splenic_vein", 1), ("superior_mesenteric_vein", 1), ("inferior_mesenteric_vein", 2)],
)
def test_portal_orders_match_the_coding_chart(vessel: str, order: int) -> None:
    assert _order("right_portal_vein", vessel) == order


def test_every_table_reference_names_a_known_code_rule_or_vessel() -> None:
    rules = atlas().rules
    found = [ref for section in rules.data.sections.values() for ref in references(section)]
    kinds = {kind for _, kind, _ in found}
    assert {"code", "rule", "vessel"} <= kinds
    for where, kind, value in found:
        if kind == "code":
            assert value in rules.codes, where
        elif kind == "rule":
            assert value in rules.rules, where
        elif kind == "vessel":
            assert atlas().with_key(value), where


def test_every_source_a_rule_cites_is_a_known_source() -> None:
    rules = atlas().rules
    assert all(s in rules.sources for r in rules.rules.values() for s in r.sources)


_SIDE_WORDS = {"left": ["left", "lt", "L", "Left", "LEFT"], "right": ["right", "rt", "R", "Right"]}


@st.composite
def spoken_names(draw: st.DrawFn) -> tuple[str, str, str]:
    """Any name or alias of any vessel, as a coder might type it, the vessel's id and the alias."""
    vessel_id = draw(st.sampled_from(VESSELS))
    record = atlas().vessel(vessel_id)
    base = draw(st.sampled_from([record.name, *record.aliases]))
    text = draw(st.sampled_from([base, base.upper(), base.lower(), f"  {base}  "]))
    text = text.replace(" ", draw(st.sampled_from([" ", "  ", " - "])))
    if record.side != "unpaired" and base != record.name:
        word = draw(st.sampled_from(_SIDE_WORDS[record.side]))
        text = draw(st.sampled_from([f"{word} {text}", f"{text}, {word}"]))
    return text, vessel_id, "" if base == record.name else base


# Aliases whose spoken forms deliberately read otherwise (issue 10): a side letter before "SCA" can
# also be glued on ("R SCA" = RSCA, the subclavian), so with a side it is an ambiguity naming both;
# bare "LCFA" and "LPChA" split as L + CFA and L + PCHA, since as one abbreviation they need a side.
GLUED_TOO = {"SCA"}
SPLIT_INSTEAD = {"LCFA", "LPChA"}


def _reads_as(text: str, vessel_id: str, alias: str) -> bool:
    reading = atlas().read_name(text)
    if reading.kind == "vessel":
        return reading.vessel == vessel_id
    return alias in GLUED_TOO and reading.kind == "ambiguous" and vessel_id in reading.candidates


@given(spoken=spoken_names())
def test_any_name_or_alias_in_any_case_and_spacing_resolves_to_its_vessel(
    spoken: tuple[str, str, str],
) -> None:
    text, vessel_id, alias = spoken
    if alias in GLUED_TOO:
        assert _reads_as(text, vessel_id, alias)
    else:
        assert atlas().resolve(text).id == vessel_id


def test_every_name_alias_and_id_reads_as_its_vessel() -> None:
    """Every exact name and id, and every alias with each side spelling, reads as its vessel."""
    wrong = []
    for vessel_id in VESSELS:
        record = atlas().vessel(vessel_id)
        texts = [(record.name, ""), (vessel_id, "")]
        for alias in record.aliases:
            if record.side == "unpaired":
                texts.append((alias, alias))
            else:
                texts += [(f"{w} {alias}", alias) for w in (record.side, record.side[0])]
        for text, alias in texts:
            if not _reads_as(text, vessel_id, alias):
                wrong.append((text, vessel_id, atlas().read_name(text).kind))
    assert wrong == []


def test_a_bare_alias_of_a_sided_vessel_asks_for_the_side_or_says_it() -> None:
    wrong = []
    for vessel_id in VESSELS:
        record = atlas().vessel(vessel_id)
        if record.side == "unpaired":
            continue
        for alias in record.aliases:
            reading = atlas().read_name(alias)
            if alias in SPLIT_INSTEAD:
                ok = reading.kind == "vessel" and reading.note != ""
            elif reading.kind == "vessel":
                ok = reading.vessel == vessel_id  # an alias of one side only ('RIMA')
            else:
                ok = reading.kind == "ambiguous" and vessel_id in reading.candidates
            if not ok:
                wrong.append((alias, vessel_id, reading.kind, reading.vessel))
    assert wrong == []


def test_every_class_member_is_a_vessel_and_every_class_reads_as_a_class() -> None:
    for record in atlas().classes:
        members = atlas().names.expand_key(*record.members)
        assert len(members) >= 2, record.name
        reading = atlas().read_name(record.name)
        assert set(reading.candidates) == set(members), record.name
        sided = any(atlas().vessel(m).side != "unpaired" for m in members)
        expected = "ambiguous" if sided or record.ask else "class"
        assert reading.kind == expected, record.name
