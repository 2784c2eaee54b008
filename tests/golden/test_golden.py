"""Golden cases: worked examples from the coding literature and the project defaults.

Each YAML file under tests/golden/ is a list of cases: the case as a coder would send it, the
claim lines it must give (``36247-LT``, ``+36248-LT x2``), and optionally how given placements must
read and how many warnings there are. Each case names the source it follows (rules/sources.yaml
ids). They run on the embedded atlas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.strategies import atlas
from vascular import code_case
from vascular.explain import written
from vascular.results import CodingResult

GOLDEN = Path(__file__).parent
CASES = [
    pytest.param(case, id=f"{path.stem}:{case['id']}")
    for path in sorted(GOLDEN.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


def claim(result: CodingResult) -> list[str]:
    return [written(line, atlas()) for line in result.lines]


def test_golden_cases_are_many_and_sourced() -> None:
    assert len(CASES) >= 40
    sources = atlas().rules.sources
    for param in CASES:
        case = param.values[0]
        assert isinstance(case, dict)
        assert case["source"] in sources, case["id"]


@pytest.mark.parametrize("golden", CASES)
def test_golden_case(golden: dict[str, Any]) -> None:
    result = code_case(golden["case"], atlas())
    assert claim(result) == golden["lines"], "\n".join(
        reason for line in result.lines for reason in line.rationale
    )
    for vessel, (selective, order, family) in golden.get("placements", {}).items():
        found = [p for p in result.placements if p.vessel == vessel]
        assert found, vessel
        assert (found[0].selective, found[0].order, found[0].family) == (selective, order, family)
    if "warnings" in golden:
        assert len(result.warnings) == golden["warnings"], result.warnings
    for words in golden.get("rationale", []):
        assert any(words in reason for line in result.lines for reason in line.rationale), words


def _coded() -> set[str]:
    return {
        line.lstrip("+").split("-")[0].split(" ")[0]
        for param in CASES
        for line in param.values[0]["lines"]  # type: ignore[index]
    }


def test_every_catheter_code_has_a_golden_case() -> None:
    interventions = atlas().rules.table("interventions").codes
    catheter = set(atlas().rules.codes) - set(interventions)
    assert catheter - _coded() == set()


def test_every_intervention_family_has_a_golden_case() -> None:
    table = atlas().rules.table("interventions")
    families = {table.codes[code].family for code in _coded() & set(table.codes)}
    assert {family.id for family in table.table.families} - families == set()


def test_each_intervention_family_has_three_cases_one_keeping_a_catheter_line() -> None:
    table = atlas().rules.table("interventions")
    catheter = set(atlas().rules.codes) - set(table.codes)
    cases: list[dict[str, Any]] = [
        p.values[0]  # type: ignore[misc]
        for p in CASES
        if "interventions" in p.values[0]["case"]  # type: ignore[index]
    ]
    for family in table.table.families:
        mine = [case for case in cases if case["family"] == family.id]
        assert len(mine) >= 3, family.id
        kept = [
            case for case in mine if any(line.lstrip("+")[:5] in catheter for line in case["lines"])
        ]
        assert kept, f"{family.id}: no case keeps a catheter line"
