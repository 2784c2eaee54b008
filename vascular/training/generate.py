"""Make a reproducible exercise set: `make_set(level, seed, count, kinds)`.

Pure apart from reading the level files once (`vascular.training.levels`): the set is a function
of its key and the atlas. Kinds take turns in the order given; a draw that does not make a good
question, or repeats one, is drawn again.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from vascular.anatomy import Anatomy
from vascular.frozen import replace
from vascular.loading import load_anatomy
from vascular.training.errors import ExerciseError
from vascular.training.exercise import ExerciseSet, Question, SetKey
from vascular.training.kinds import BUILDERS, Draw
from vascular.training.levels import KINDS, golden_exercises, levels

__all__ = ["MAX_COUNT", "MAX_SEED", "make_set", "parse_kinds"]

MAX_SEED = 2**32 - 1
"""Seeds run from 0 to this."""
MAX_COUNT = 200
"""The most questions a set may have."""
_TRIES = 60


def parse_kinds(text: str | Sequence[str] | None, level_kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds asked for ('order,codes' or a list), checked; None means the level's own.

    Raises:
        ExerciseError: an unknown kind, or one the level does not offer.
    """
    if text is None or text == "" or text == []:
        return tuple(level_kinds)
    words = text.split(",") if isinstance(text, str) else list(text)
    kinds = tuple(dict.fromkeys(word.strip() for word in words if word.strip()))
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise ExerciseError(
            f"unknown question kind {', '.join(map(repr, unknown))}; the kinds: {', '.join(KINDS)}"
        )
    missing = [kind for kind in kinds if kind not in level_kinds]
    if missing:
        raise ExerciseError(
            f"this level does not offer {', '.join(map(repr, missing))}; it offers: "
            + ", ".join(level_kinds)
        )
    return kinds


def make_set(
    level: str,
    seed: int,
    count: int = 20,
    kinds: str | Sequence[str] | None = None,
    *,
    anatomy: Anatomy | None = None,
    data_dir: Path | None = None,
    access: str | None = None,
) -> ExerciseSet:
    """Make the set that (level, seed, count, kinds, access) names, answered by the engine.

    Args:
        level: a level id (`levels`).
        seed: 0 to `MAX_SEED`.
        count: 1 to `MAX_COUNT` questions.
        kinds: the question kinds, in turn (default: the level's).
        anatomy: the atlas (default: the embedded one).
        data_dir: where the level files are (default: the embedded atlas's).
        access: a vessel name to puncture for every question instead of the level's accesses.

    Raises:
        ExerciseError: an unknown level or kind, or a seed or count out of range.
        VesselNameError: the access names no vessel, or several.
    """
    known = levels(data_dir)
    if level not in known:
        raise ExerciseError(f"unknown level {level!r}; the levels: {', '.join(known)}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ExerciseError(f"seed {seed!r} out of range: use a whole number from 0 to {MAX_SEED}")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise ExerciseError(f"count {count!r} out of range: use 1 to {MAX_COUNT} questions")
    chosen = known[level]
    asked = parse_kinds(kinds, chosen.kinds)
    atlas = anatomy or load_anatomy(data_dir)
    punctured = ""
    if access and "golden" in asked:
        raise ExerciseError(
            "the sourced (golden) cases keep their own accesses: leave out --access, or the "
            "golden kind"
        )
    if access:
        punctured = atlas.with_variants(*chosen.variants).resolve(access, role="access").id
        chosen = replace(chosen, accesses=({"vessel": punctured},))
    key = SetKey(level, seed, count, asked, punctured)
    rng = random.Random(f"{level}|{seed}|{count}|{','.join(asked)}|{punctured}")
    golden = () if punctured else golden_exercises(data_dir)
    draw = Draw(atlas, chosen, rng, golden, {})
    questions: list[Question] = []
    seen: set[str] = set()
    turn = 0
    while len(questions) < count and turn < count * len(asked) + len(asked):
        kind = asked[turn % len(asked)]
        turn += 1
        question = _draw_one(draw, kind, f"q{len(questions) + 1}", seen)
        if question is not None:
            questions.append(question)
    if len(questions) < count:
        raise ExerciseError(
            f"level {level} cannot make {count} different questions of kinds "
            f"{', '.join(asked)}; it made {len(questions)}: ask for fewer, or more kinds"
        )
    return ExerciseSet(key, f"{chosen.title} (seed {seed})", tuple(questions))


def _draw_one(draw: Draw, kind: str, qid: str, seen: set[str]) -> Question | None:
    for _ in range(_TRIES):
        question = BUILDERS[kind](draw, qid)
        if question is None:
            continue
        identity = json.dumps([kind, question.case, question.claim], sort_keys=True)
        if identity in seen:
            continue
        seen.add(identity)
        return question
    return None
