"""The trainer's data: levels name vessels of the atlas; sourced exercises are golden cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.strategies import atlas
from vascular.training import golden_exercises, levels

GOLDEN = {
    case["id"]: case
    for path in sorted((Path(__file__).parent.parent / "golden").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
}


@pytest.mark.parametrize("exercise", golden_exercises(), ids=lambda e: e.id)
def test_each_sourced_exercise_is_its_golden_case_word_for_word(exercise: object) -> None:
    from vascular.training import GoldenExercise

    assert isinstance(exercise, GoldenExercise)
    golden = GOLDEN[exercise.id]
    assert (exercise.source, exercise.why, exercise.case) == (
        golden["source"],
        golden["why"],
        golden["case"],
    )


def test_every_level_has_sourced_exercises() -> None:
    having = {exercise.level for exercise in golden_exercises()}
    assert having == set(levels())


@pytest.mark.parametrize("level", list(levels().values()), ids=lambda level: level.id)
def test_every_vessel_a_level_names_is_in_the_atlas(level: object) -> None:
    from vascular.training import Level

    assert isinstance(level, Level)
    anatomy = atlas().with_variants(*level.variants)
    for vessel in [*level.within, *(access["vessel"] for access in level.accesses)]:
        assert vessel in anatomy, vessel


def test_a_malformed_levels_file_names_each_problem(tmp_path: Path) -> None:
    from vascular import AnatomyDataError
    from vascular.training.levels import _levels

    (tmp_path / "training").mkdir()
    (tmp_path / "training" / "levels.yaml").write_text(
        "- id: one\n  title: One\n  kinds: [order, riddles]\n  colour: red\n", encoding="utf-8"
    )
    with pytest.raises(AnatomyDataError) as caught:
        _levels(tmp_path)
    text = str(caught.value)
    assert "training/levels.yaml: one: kinds: unknown kind 'riddles'" in text
    assert "training/levels.yaml: one: colour: unknown field" in text
    assert "training/levels.yaml: one: within: required" in text
