"""The loader: valid data loads into a frozen graph; every kind of bad data fails whole, named."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import INVALID_DIR, MINI_DIR
from vascular import AnatomyDataError, load_anatomy, read_anatomy

# fixture file -> (file the problem is reported in, record, field, words in the message)
INVALID_CASES: dict[str, tuple[str, str, str, str]] = {
    "duplicate_id.yaml": ("vessels/duplicate_id.yaml", "celiac_trunk", "id", "duplicate id"),
    "unknown_parent.yaml": (
        "vessels/unknown_parent.yaml",
        "cystic_artery",
        "parent",
        "unknown vessel",
    ),
    "cycle.yaml": ("vessels/cycle.yaml", "first_loop_artery", "parent", "cycle"),
    "unreachable.yaml": (
        "vessels/unreachable.yaml",
        "stray_branch_artery",
        "parent",
        "unreachable",
    ),
    "second_root.yaml": ("vessels/second_root.yaml", "floating_artery", "parent", "root"),
    "forked_continuation.yaml": (
        "vessels/forked_continuation.yaml",
        "right_second_axillary_artery",
        "relation",
        "single line",
    ),
    "continuation_changes_side.yaml": (
        "vessels/continuation_changes_side.yaml",
        "celiac_continuation_artery",
        "side",
        "keeps its parent's side",
    ),
    "crossed_side.yaml": (
        "vessels/crossed_side.yaml",
        "left_profunda_femoris_artery",
        "side",
        "left",
    ),
    "id_not_from_name.yaml": (
        "vessels/id_not_from_name.yaml",
        "left_sural_artery",
        "id",
        "slug of the name: 'right_sural_artery'",
    ),
    "territory_not_inherited.yaml": (
        "vessels/territory_not_inherited.yaml",
        "left_calcarine_artery",
        "territory",
        "'intracranial' like its parent",
    ),
    "name_without_side.yaml": (
        "vessels/name_without_side.yaml",
        "right_sural_artery",
        "name",
        "side",
    ),
    "unknown_region.yaml": ("vessels/unknown_region.yaml", "cystic_artery", "region", "'pelvic'"),
    "wrong_region.yaml": (
        "vessels/wrong_region.yaml",
        "cystic_artery",
        "region",
        "abdominal segment",
    ),
    "extra_key.yaml": ("vessels/extra_key.yaml", "cystic_artery", "alias", "Extra inputs"),
    "missing_field.yaml": ("vessels/missing_field.yaml", "cystic_artery", "side", "Field required"),
    "parent_without_relation.yaml": (
        "vessels/parent_without_relation.yaml",
        "cystic_artery",
        "-",
        "parent and relation",
    ),
    "bad_id.yaml": ("vessels/bad_id.yaml", "Cystic-Artery", "id", "pattern"),
    "alias_collision.yaml": (
        "vessels/alias_collision.yaml",
        "cystic_artery",
        "aliases",
        "gastroduodenal_artery",
    ),
    "sided_alias.yaml": ("vessels/sided_alias.yaml", "right_sural_artery", "aliases", "side words"),
    "unknown_feeder.yaml": (
        "vessels/unknown_feeder.yaml",
        "cystic_artery",
        "also_fed_by",
        "short_gastric",
    ),
    "not_a_list.yaml": ("vessels/not_a_list.yaml", "-", "-", "list of records"),
    "malformed.yaml": ("vessels/malformed.yaml", "line 5", "-", "not valid YAML"),
    "variant_unknown_vessel.yaml": (
        "variants/variant_unknown_vessel.yaml",
        "replaced_middle_hepatic_artery",
        "reattach",
        "middle_hepatic",
    ),
    "variant_makes_cycle.yaml": (
        "variants/variant_makes_cycle.yaml",
        "impossible_loop",
        "reattach",
        "cycle",
    ),
    "variant_alias_is_a_vessel.yaml": (
        "variants/variant_alias_is_a_vessel.yaml",
        "gastroduodenal_from_sma",
        "aliases",
        "'GDA' is a vessel's name",
    ),
    "class_unknown_member.yaml": (
        "classes.yaml",
        "hepatic artery",
        "members",
        "'nowhere_hepatic_artery' names no vessel",
    ),
    "class_takes_a_vessel_name.yaml": (
        "classes.yaml",
        "hepatic artery",
        "aliases",
        "'GDA' already names gastroduodenal_artery",
    ),
    "class_with_side_word.yaml": (
        "classes.yaml",
        "left hepatic arteries",
        "name",
        "leave side words out",
    ),
    "class_access_not_a_member.yaml": (
        "classes.yaml",
        "hepatic artery",
        "-",
        "must be one of the members",
    ),
}


def test_every_invalid_fixture_has_a_case() -> None:
    assert sorted(p.name for p in INVALID_DIR.glob("*.yaml")) == sorted(INVALID_CASES)


def _install(fixture: str, data_dir: Path) -> None:
    if fixture.startswith("class_"):
        shutil.copy(INVALID_DIR / fixture, data_dir / "classes.yaml")
        return
    folder = "variants" if fixture.startswith("variant_") else "vessels"
    shutil.copy(INVALID_DIR / fixture, data_dir / folder / fixture)


@pytest.mark.parametrize(
    "fixture", sorted(INVALID_CASES), ids=lambda name: name.removesuffix(".yaml")
)
def test_invalid_data_raises_one_error_naming_file_record_and_reason(
    fixture: str, mini_copy: Path
) -> None:
    _install(fixture, mini_copy)
    file, record, field, words = INVALID_CASES[fixture]
    with pytest.raises(AnatomyDataError) as raised:
        read_anatomy(mini_copy)
    matching = [
        p
        for p in raised.value.problems
        if (p.file, p.record, p.field) == (file, record, field) and words in p.message
    ]
    assert matching, str(raised.value)
    assert f"{file}: {record}: {field}: " in str(raised.value)


def test_a_data_directory_without_classes_reads_names_without_them(mini_copy: Path) -> None:
    assert not (mini_copy / "classes.yaml").exists()
    assert read_anatomy(mini_copy).classes == ()


def test_the_classes_file_loads_into_the_anatomy(mini_copy: Path) -> None:
    (mini_copy / "classes.yaml").write_text(
        "- name: hepatic artery\n"
        "  aliases: [HA]\n"
        "  members: [common_hepatic_artery, proper_hepatic_artery]\n"
        "  note: Either.\n",
        encoding="utf-8",
    )
    anatomy = read_anatomy(mini_copy)
    assert [c.name for c in anatomy.classes] == ["hepatic artery"]
    reading = anatomy.read_name("HA")
    assert (reading.kind, reading.candidates) == (
        "class",
        ("common_hepatic_artery", "proper_hepatic_artery"),
    )
    assert anatomy.with_variants("bovine_arch").read_name("HA") == reading


def test_all_problems_are_reported_together(mini_copy: Path) -> None:
    for fixture in ("duplicate_id.yaml", "unknown_parent.yaml", "crossed_side.yaml", "cycle.yaml"):
        _install(fixture, mini_copy)
    with pytest.raises(AnatomyDataError) as raised:
        read_anatomy(mini_copy)
    files = {p.file for p in raised.value.problems}
    assert {
        "vessels/duplicate_id.yaml",
        "vessels/unknown_parent.yaml",
        "vessels/crossed_side.yaml",
        "vessels/cycle.yaml",
    } <= files
    assert str(raised.value).startswith(f"invalid anatomy data in {mini_copy}: ")


def test_a_missing_directory_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(AnatomyDataError, match="not a directory"):
        read_anatomy(tmp_path / "nowhere")


def test_a_directory_without_vessel_files_is_a_data_error(tmp_path: Path) -> None:
    shutil.copy(MINI_DIR / "vocabulary.yaml", tmp_path)
    shutil.copy(MINI_DIR / "trees.yaml", tmp_path)
    with pytest.raises(AnatomyDataError) as raised:
        read_anatomy(tmp_path)
    assert any("no vessel files" in p.message for p in raised.value.problems)


def test_a_broken_vocabulary_is_named(mini_copy: Path) -> None:
    (mini_copy / "vocabulary.yaml").write_text("side_words: {up: [u]}\n", encoding="utf-8")
    with pytest.raises(AnatomyDataError) as raised:
        read_anatomy(mini_copy)
    assert {p.file for p in raised.value.problems} == {"vocabulary.yaml"}


def test_the_mini_anatomy_loads_into_a_frozen_graph() -> None:
    anatomy = read_anatomy(MINI_DIR)
    assert len(anatomy) == 145
    assert nx.is_frozen(anatomy.graph)
    with pytest.raises(nx.NetworkXError):
        anatomy.graph.add_node("extra")


def test_load_anatomy_caches_per_directory(mini_copy: Path) -> None:
    assert load_anatomy(MINI_DIR) is load_anatomy(str(MINI_DIR))
    assert load_anatomy(mini_copy) is not load_anatomy(MINI_DIR)


def test_load_anatomy_without_arguments_gives_the_embedded_atlas() -> None:
    assert load_anatomy() is load_anatomy()
    assert "abdominal_aorta" in load_anatomy()
