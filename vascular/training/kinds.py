"""One builder per question kind, each answered by the engine.

Each draws a case with the set's random generator and lets the engine answer it
(`vascular.api.explain_case`); nothing is answered by hand.

Pure apart from the generator's state; no I/O. A builder returns None when its draw does not make
a good question (the engine refused the case, no fork on the way); the set draws again.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.api import explain_case
from vascular.case import Access
from vascular.errors import CaseError
from vascular.explain import Explained, written
from vascular.frozen import record
from vascular.training.errors import ExerciseError
from vascular.training.exercise import Question
from vascular.training.forks import forks_of
from vascular.training.levels import GoldenExercise, Level
from vascular.training.mistakes import mistakes
from vascular.training.reasoning import case_text, claim_text, reasoning
from vascular.traversal import Reading, readings

__all__ = ["BUILDERS", "Draw"]


@record
class Draw:
    """What a builder draws from: the atlas, the level, the generator, the sourced exercises."""

    anatomy: Anatomy
    level: Level
    rng: random.Random
    golden: tuple[GoldenExercise, ...]
    memo: dict[str, Any]
    """Readings per access, computed once per set."""


def _patient(draw: Draw) -> Anatomy:
    key = "patient"
    if key not in draw.memo:
        draw.memo[key] = draw.anatomy.with_variants(*draw.level.variants)
    patient: Anatomy = draw.memo[key]
    return patient


def _reads(draw: Draw, access: Mapping[str, Any]) -> dict[str, Reading]:
    key = f"reads:{sorted(access.items())}"
    if key not in draw.memo:
        try:
            draw.memo[key] = readings(_patient(draw), Access(**access))
        except (CaseError, TypeError) as error:
            raise ExerciseError(f"level {draw.level.id}: access {dict(access)}: {error}") from None
    reads: dict[str, Reading] = draw.memo[key]
    return reads


def _targets(draw: Draw, access: Mapping[str, Any]) -> list[str]:
    key = f"targets:{sorted(access.items())}"
    if key not in draw.memo:
        patient = _patient(draw)
        puncture = patient.resolve(str(access["vessel"]), role="access").id
        draw.memo[key] = [
            vessel
            for vessel, reading in _reads(draw, access).items()
            if reading.selective
            and reading.order in draw.level.orders
            and not patient.in_subtree(vessel, puncture)
            and any(top in patient and patient.in_subtree(vessel, top) for top in draw.level.within)
        ]
    targets: list[str] = draw.memo[key]
    return targets


def _case(
    draw: Draw, access: Mapping[str, Any], vessels: list[str], imaging: bool
) -> dict[str, Any]:
    case: dict[str, Any] = {
        "accesses": [dict(access)],
        "placements": [
            {"vessel": vessel, "imaging": True} if imaging else {"vessel": vessel}
            for vessel in vessels
        ],
    }
    if draw.level.variants:
        case["variants"] = list(draw.level.variants)
    return case


def _explained(draw: Draw, case: Mapping[str, Any]) -> Explained | None:
    try:
        return explain_case(case, draw.anatomy)
    except CaseError:
        return None


def _access_words(explained: Explained) -> str:
    site = explained.tracing.accesses[0]
    return f"From a {site.vessel.name.lower()} puncture ({site.direction})"


def _one_vessel(draw: Draw) -> tuple[dict[str, Any], Explained, str] | None:
    access = draw.rng.choice(draw.level.accesses)
    targets = _targets(draw, access)
    if not targets:
        return None
    vessel = draw.rng.choice(targets)
    case = _case(draw, access, [vessel], imaging=False)
    explained = _explained(draw, case)
    return None if explained is None else (case, explained, vessel)


def _order(draw: Draw, qid: str) -> Question | None:
    drawn = _one_vessel(draw)
    if drawn is None:
        return None
    case, explained, vessel = drawn
    placement = explained.result.placements[0]
    name = explained.anatomy.vessel(vessel).name
    answer = placement.order if placement.selective else None
    return Question(
        id=qid,
        kind="order",
        prompt=f"{_access_words(explained)}, the catheter tip is placed in the {name.lower()}. "
        "What is its order from the access? (a number, or 'non-selective')",
        case=case,
        answer=answer,
        answer_text=str(answer) if answer is not None else "non-selective",
        explanation=reasoning(explained),
        target=vessel,
    )


def _family(draw: Draw, qid: str) -> Question | None:
    drawn = _one_vessel(draw)
    if drawn is None:
        return None
    case, explained, vessel = drawn
    placement = explained.result.placements[0]
    if placement.family is None:
        return None
    name = explained.anatomy.vessel(vessel).name
    return Question(
        id=qid,
        kind="family",
        prompt=f"{_access_words(explained)}, the catheter tip is placed in the {name.lower()}. "
        "Which family is it in (the first vessel off the access trunk)?",
        case=case,
        answer=placement.family,
        answer_text=explained.anatomy.vessel(placement.family).name,
        explanation=reasoning(explained),
        target=vessel,
    )


def _selective(draw: Draw, qid: str) -> Question | None:
    access = draw.rng.choice(draw.level.accesses)
    if draw.rng.random() < 0.5:
        pool = _targets(draw, access)
    else:
        puncture = _patient(draw).resolve(str(access["vessel"]), role="access").id
        pool = [v for v, r in _reads(draw, access).items() if not r.selective and v != puncture]
    if not pool:
        return None
    vessel = draw.rng.choice(pool)
    case = _case(draw, access, [vessel], imaging=False)
    explained = _explained(draw, case)
    if explained is None:
        return None
    selective = explained.result.placements[0].selective
    name = explained.anatomy.vessel(vessel).name
    return Question(
        id=qid,
        kind="selective",
        prompt=f"{_access_words(explained)}, the catheter tip is placed in the {name.lower()}. "
        "Is that a selective placement? (yes or no)",
        case=case,
        answer=selective,
        answer_text="yes, selective" if selective else "no, non-selective",
        explanation=reasoning(explained),
        target=vessel,
    )


def _short_case(draw: Draw, imaging: bool) -> tuple[dict[str, Any], Explained] | None:
    access = draw.rng.choice(draw.level.accesses)
    targets = _targets(draw, access)
    low, high = draw.level.placements
    count = min(draw.rng.randint(low, high), len(targets))
    if count == 0:
        return None
    first = draw.rng.choice(targets)
    chosen = [first]
    reads = _reads(draw, access)
    kin = [v for v in targets if reads[v].family == reads[first].family and v != first]
    while len(chosen) < count:
        pool = kin if kin and draw.rng.random() < 0.6 else targets
        vessel = draw.rng.choice(pool)
        if vessel not in chosen:
            chosen.append(vessel)
        elif len(set(targets) - set(chosen)) == 0:
            break
    case = _case(draw, access, chosen, imaging)
    explained = _explained(draw, case)
    return None if explained is None else (case, explained)


def _claim(explained: Explained) -> list[str]:
    return [written(line, explained.anatomy) for line in explained.result.lines]


def _codes(draw: Draw, qid: str) -> Question | None:
    drawn = _short_case(draw, imaging=draw.level.imaging)
    if drawn is None:
        return None
    case, explained = drawn
    claim = _claim(explained)
    return Question(
        id=qid,
        kind="codes",
        prompt="Code this case: every claim line with its units and modifiers.\n"
        + case_text(case, explained.anatomy),
        case=case,
        answer=claim,
        answer_text=", ".join(claim),
        explanation=reasoning(explained),
    )


def _imaging(draw: Draw, qid: str) -> Question | None:
    drawn = _short_case(draw, imaging=True)
    if drawn is None:
        return None
    case, explained = drawn
    rules = explained.anatomy.rules
    codes = sorted({line.code for line in explained.result.lines if rules.code(line.code).imaging})
    if not codes:
        return None
    return Question(
        id=qid,
        kind="imaging",
        prompt="Which codes of this case include the imaging (the angiography and its "
        "interpretation)? Give the code numbers.\n" + case_text(case, explained.anatomy),
        case=case,
        answer=codes,
        answer_text=", ".join(rules.label(code) for code in codes),
        explanation=reasoning(explained),
    )


def _trace(draw: Draw, qid: str) -> Question | None:
    drawn = _one_vessel(draw)
    if drawn is None:
        return None
    case, explained, vessel = drawn
    forks = forks_of(explained.anatomy, explained.tracing.stops[0])
    if not forks:
        return None
    anatomy = explained.anatomy
    return Question(
        id=qid,
        kind="trace",
        prompt=f"{_access_words(explained)}, take the catheter to the "
        f"{anatomy.vessel(vessel).name.lower()}: at each fork choose the branch toward it.",
        case=case,
        answer=[fork.toward for fork in forks],
        answer_text=" > ".join(anatomy.vessel(fork.toward).name for fork in forks),
        explanation=reasoning(explained),
        forks=forks,
        target=vessel,
    )


def _spot_error(draw: Draw, qid: str) -> Question | None:
    drawn = _short_case(draw, imaging=draw.level.imaging)
    if drawn is None:
        return None
    case, explained = drawn
    found = mistakes(explained.result.lines, explained.anatomy, draw.rng)
    if found is None:
        return None
    correct = _claim(explained)
    return Question(
        id=qid,
        kind="spot-error",
        prompt="This claim has one mistake. Which line is wrong? (its number)\n"
        + case_text(case, explained.anatomy)
        + "\n  Claim:\n"
        + claim_text(found.claim),
        case=case,
        answer=found.line,
        answer_text=f"line {found.line}: {found.claim[found.line - 1]} should be "
        f"{correct[found.line - 1]} ({found.what})",
        explanation=reasoning(explained),
        claim=found.claim,
    )


def _golden(draw: Draw, qid: str) -> Question | None:
    pool = [exercise for exercise in draw.golden if exercise.level == draw.level.id]
    if not pool:
        return None
    exercise = draw.rng.choice(pool)
    explained = _explained(draw, exercise.case)
    if explained is None:
        return None
    claim = _claim(explained)
    source = explained.anatomy.rules.sources.get(exercise.source)
    cited = f"{exercise.source}: {source.title}" if source else exercise.source
    return Question(
        id=qid,
        kind="golden",
        prompt=f"A sourced case ({exercise.id}). Code it: every claim line with its units and "
        "modifiers.\n" + case_text(exercise.case, explained.anatomy),
        case=dict(exercise.case),
        answer=claim,
        answer_text=", ".join(claim),
        explanation=(f"Why ({cited}): {exercise.why}", *reasoning(explained)),
        sources=(exercise.source,),
    )


BUILDERS: dict[str, Callable[[Draw, str], Question | None]] = {
    "order": _order,
    "family": _family,
    "selective": _selective,
    "codes": _codes,
    "imaging": _imaging,
    "trace": _trace,
    "spot-error": _spot_error,
    "golden": _golden,
}
"""Each kind's builder (the kinds are `vascular.training.levels.KINDS`)."""
