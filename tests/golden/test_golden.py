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


def test_every_code_in_the_code_table_has_a_golden_case() -> None:
    expected = {
        line.lstrip("+").split("-")[0].split(" ")[0]
        for param in CASES
        for line in param.values[0]["lines"]  # type: ignore[index]
    }
    assert set(atlas().rules.codes) - expected == set()
