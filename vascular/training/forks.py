"""Trace questions: the forks on a catheter's way to a target, and why a wrong branch is refused.

Pure functions of an `Anatomy`, a traced `Stop` and the access's readings (vascular.traversal); no
I/O. The way is the engine's route; a fork is a vessel where more than one way goes on.
"""

from __future__ import annotations

from collections.abc import Mapping

from vascular.anatomy import Anatomy
from vascular.names import slug
from vascular.training.exercise import Fork
from vascular.traversal import Reading, Stop

__all__ = ["forks_of", "match_option", "refusal"]


def forks_of(anatomy: Anatomy, stop: Stop) -> tuple[Fork, ...]:
    """Each fork on the stop's route.

    From where the catheter reaches the aorta or cava (or leaves its access trunk) to the target.
    """
    route = stop.route
    bases = [i for i, vessel in enumerate(route) if anatomy.is_base(vessel)]
    trunk = [i for i, vessel in enumerate(route) if vessel in stop.access.trunk_set]
    start = bases[0] if bases else (trunk[-1] if trunk else 0)
    found = []
    for at, toward in zip(route[start:], route[start + 1 :], strict=False):
        options = list(anatomy.child_ids(at))
        if toward not in options:
            options.append(toward)
        if len(options) > 1:
            found.append(Fork(at, tuple(options), toward))
    return tuple(found)


def match_option(anatomy: Anatomy, options: tuple[str, ...], text: str) -> str | None:
    """The option a learner's answer names: its number (from 1), its id, or a name of it."""
    text = text.strip()
    if text.isdigit():
        number = int(text)
        return options[number - 1] if 1 <= number <= len(options) else None
    if not text:
        return None
    key = slug(text)
    for option in options:
        if key in (option, slug(anatomy.vessel(option).name)):
            return option
    reading = anatomy.read_name(text)
    if reading.vessel in options:
        return reading.vessel
    matches = [o for o in options if slug(anatomy.vessel(o).name).startswith(key)]
    return matches[0] if len(matches) == 1 else None


def refusal(
    anatomy: Anatomy, fork: Fork, choice: str, target: str, reads: Mapping[str, Reading]
) -> str:
    """Why `choice` is the wrong way at `fork`: where it leads and where the target is."""
    name = anatomy.vessel(choice).name
    goal = anatomy.vessel(target).name.lower()
    way = anatomy.vessel(fork.toward).name.lower()
    here = anatomy.vessel(fork.at).name.lower()
    reading = reads.get(choice)
    leads = ""
    if reading is not None and reading.selective and reading.family:
        family = anatomy.vessel(reading.family).name.lower()
        leads = f" (it would be order {reading.order} in the {family} family)"
    if anatomy.in_subtree(target, fork.at) and not anatomy.in_subtree(target, choice):
        return (
            f"{name} does not lead to the {goal}{leads}: from the {here} the way to the {goal} "
            f"is the {way}."
        )
    return f"{name} is not the way to the {goal}{leads}: from the {here} the way on is the {way}."
