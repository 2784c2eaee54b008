"""Invalid rule files: each failure mode raises one AnatomyDataError naming file, record and field.

Each case copies the small test anatomy with the embedded rule files into a temporary folder,
breaks one thing in one rule file, and loads it afresh. Also: two variants valid alone but not
together are refused, with the reason, when a case names both.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINI_DIR
from vascular import AnatomyDataError, CaseError, code_case, default_data_dir, read_anatomy

Edit = Callable[[Any], None]


def _first(items: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(item for item in items if item.get(key) == value)


def _set_series(data: Any) -> None:
    data["arterial-selective"]["series"]["thoracic"]["first"] = "99999"


def _unknown_rule_in_table(data: Any) -> None:
    data["arterial-selective"]["rules"]["add_on"] = "no-such-rule"


def _unknown_vessel_key(data: Any) -> None:
    data["tracing"]["central_veins"] = ["no_such_vein"]


def _unknown_family(data: Any) -> None:
    data["families"].append("no-such-family")


def _family_left_out(data: Any) -> None:
    data["families"].remove("renal")


def _missing_section(data: Any) -> None:
    del data["claim"]


def _unknown_section(data: Any) -> None:
    data["extras"] = {"x": 1}


def _wrong_type(data: Any) -> None:
    data["cervicocerebral"]["intracranial"]["max_units_per_side"] = "two"


def _unknown_include(data: Any) -> None:
    _first(data, "code", "36247")["includes"].append("99998")


def _add_on_without_primary(data: Any) -> None:
    _first(data, "code", "36248")["add_on_to"] = []


def _duplicate_code(data: Any) -> None:
    data.append(dict(_first(data, "code", "36245")))


def _unknown_source_of_code(data: Any) -> None:
    _first(data, "code", "36245")["sources"] = ["NO-SUCH-SOURCE"]


def _unknown_source_of_rule(data: Any) -> None:
    _first(data, "id", "family-add-on")["sources"] = ["NO-SUCH-SOURCE"]


def _bad_template_filter(data: Any) -> None:
    _first(data, "id", "family-add-on")["templates"]["reason"] = "Units: {units:shout}."


def _duplicate_rule(data: Any) -> None:
    data.append(dict(_first(data, "id", "laterality")))


def _default_not_a_value(data: Any) -> None:
    _first(data, "name", "order_from")["default"] = "elsewhere"


def _option_names_unknown_rule(data: Any) -> None:
    _first(data, "name", "order_from")["values"][0]["rule"] = "no-such-rule"


CASES: dict[str, tuple[str, Edit, str, str, str]] = {
    # name: (rule file, edit, record, field (start), words in the message)
    "table names an unknown code": (
        "tables.yaml",
        _set_series,
        "arterial-selective",
        "series.thoracic.first",
        "unknown code '99999'",
    ),
    "table names an unknown rule": (
        "tables.yaml",
        _unknown_rule_in_table,
        "arterial-selective",
        "rules.add_on",
        "unknown rule 'no-such-rule'",
    ),
    "table names an unknown vessel": (
        "tables.yaml",
        _unknown_vessel_key,
        "tracing",
        "central_veins[0]",
        "no vessel has the key 'no_such_vein'",
    ),
    "families list an unknown family": (
        "tables.yaml",
        _unknown_family,
        "families",
        "no-such-family",
        "no code family has this id",
    ),
    "families leave one out": (
        "tables.yaml",
        _family_left_out,
        "families",
        "renal",
        "leaves out",
    ),
    "a section is missing": ("tables.yaml", _missing_section, "claim", "-", "missing"),
    "an unknown section": ("tables.yaml", _unknown_section, "extras", "-", "unknown section"),
    "a field of the wrong type": (
        "tables.yaml",
        _wrong_type,
        "cervicocerebral",
        "intracranial.max_units_per_side",
        "whole number",
    ),
    "a code includes an unknown code": (
        "codes.yaml",
        _unknown_include,
        "36247",
        "includes",
        "unknown code '99998'",
    ),
    "an add-on with no primary": (
        "codes.yaml",
        _add_on_without_primary,
        "36248",
        "add_on_to",
        "required for an add-on",
    ),
    "a code defined twice": ("codes.yaml", _duplicate_code, "36245", "-", "defined twice"),
    "a code cites an unknown source": (
        "codes.yaml",
        _unknown_source_of_code,
        "36245",
        "sources",
        "unknown source 'NO-SUCH-SOURCE'",
    ),
    "a rule cites an unknown source": (
        "rules.yaml",
        _unknown_source_of_rule,
        "family-add-on",
        "sources",
        "unknown source 'NO-SUCH-SOURCE'",
    ),
    "a template uses an unknown filter": (
        "rules.yaml",
        _bad_template_filter,
        "family-add-on",
        "templates",
        "unknown filter 'shout'",
    ),
    "a rule defined twice": ("rules.yaml", _duplicate_rule, "laterality", "-", "defined twice"),
    "an option's default is not one of its values": (
        "options.yaml",
        _default_not_a_value,
        "order_from",
        "default",
        "is not one of its values",
    ),
    "an option value names an unknown rule": (
        "options.yaml",
        _option_names_unknown_rule,
        "order_from",
        "values.trunk",
        "unknown rule 'no-such-rule'",
    ),
}


@pytest.fixture
def with_rules(tmp_path: Path) -> Path:
    """The small test anatomy with a writable copy of the embedded rule files."""
    target = tmp_path / "anatomy"
    shutil.copytree(MINI_DIR, target)
    shutil.copytree(default_data_dir() / "rules", target / "rules")
    return target


def test_the_unbroken_copy_loads(with_rules: Path) -> None:
    assert len(read_anatomy(with_rules)) > 0


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_rule_file_names_file_record_field_and_reason(with_rules: Path, name: str) -> None:
    file, edit, record, field, words = CASES[name]
    path = with_rules / "rules" / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(AnatomyDataError) as raised:
        read_anatomy(with_rules)
    matching = [
        p
        for p in raised.value.problems
        if p.file == f"rules/{file}"
        and p.record == record
        and p.field.startswith(field)
        and words in p.message
    ]
    assert matching, "\n".join(str(p) for p in raised.value.problems)


def test_variants_valid_alone_but_not_together_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "anatomy"
    shutil.copytree(MINI_DIR, target)
    variants = target / "variants" / "arterial.yaml"
    records = yaml.safe_load(variants.read_text(encoding="utf-8"))
    records += [
        {
            "id": "carotid_from_vertebral",
            "name": "Left common carotid from the left vertebral (test only)",
            "description": "Valid alone.",
            "reattach": [
                {"vessel": "left_common_carotid_artery", "parent": "left_vertebral_artery"}
            ],
        },
        {
            "id": "subclavian_from_carotid",
            "name": "Left subclavian from the left common carotid (test only)",
            "description": "Valid alone; with the other, the two hang from each other.",
            "reattach": [
                {"vessel": "left_subclavian_artery", "parent": "left_common_carotid_artery"}
            ],
        },
    ]
    variants.write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    anatomy = read_anatomy(target)
    access = {"vessel": "right common femoral artery"}
    for alone in ("carotid_from_vertebral", "subclavian_from_carotid"):
        code_case({"accesses": [access], "variants": [alone]}, anatomy)
    with pytest.raises(CaseError) as raised:
        code_case(
            {
                "accesses": [access],
                "variants": ["carotid_from_vertebral", "subclavian_from_carotid"],
            },
            anatomy,
        )
    assert raised.value.problems[0].where == "variants"
    assert "cannot go together" in raised.value.problems[0].message
    assert "cycle" in raised.value.problems[0].message
