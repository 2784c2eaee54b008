"""Modifiers and claim order: RT/LT, the distinct-service modifier (59 or XS), and line order.

Pure functions from draft lines to final `CodeLine`s; no I/O. The rules (coding-rules.md 2.6, 2.7,
2.15, 2.16; project-defaults.md 3): laterality on a sided family's line; the distinct-service
modifier
on a code that another reported code includes (for a different family, side or access), on a repeat
of a
code that is not reported "each", and on a family's code repeated from a second access.
"""

from __future__ import annotations

from collections import defaultdict

from vascular.coding.context import Context, Draft
from vascular.results import CodeLine, Reason

__all__ = ["settle"]

_SIDE_MODIFIER = {"right": "RT", "left": "LT"}


def settle(context: Context, drafts: list[Draft]) -> list[CodeLine]:
    """Claim-ordered lines with their modifiers and the reasons for them."""
    ordered = _claim_order(context, drafts)
    reasons: dict[int, list[Reason]] = defaultdict(list)
    distinct: set[int] = set()
    _repeated_families(context, ordered, distinct, reasons)
    _lesser_codes(context, ordered, distinct, reasons)
    _repeats(context, ordered, distinct, reasons)
    lines = []
    for position, draft in enumerate(ordered):
        modifiers: list[str] = list(draft.modifiers)
        extra = list(reasons[position])
        if position in distinct:
            modifiers.append(context.options.distinct_modifier)
        if draft.side in _SIDE_MODIFIER:
            side_modifier = _SIDE_MODIFIER[draft.side]
            modifiers.append(side_modifier)
            extra.append(
                context.because("laterality", f"Modifier {side_modifier}: the {draft.side} side.")
            )
        all_reasons = (*draft.reasons, *extra)
        lines.append(
            CodeLine(
                code=draft.code,
                units=draft.units,
                modifiers=modifiers,
                access=None if draft.other_accesses else draft.access.id,
                family=draft.family,
                vessels=list(draft.vessels),
                rationale=[reason.render() for reason in all_reasons],
                reasons=all_reasons,
            )
        )
    return lines


def _claim_order(context: Context, drafts: list[Draft]) -> list[Draft]:
    """By access, then by group (a family), highest code first, add-ons after their primary."""
    top: dict[tuple[int, str], int] = {}
    for draft in drafts:
        key = (draft.access.index, draft.group)
        weight = 0 if _is_add_on(context, draft) else int(draft.code)
        top[key] = max(top.get(key, 0), weight)

    def sort_key(draft: Draft) -> tuple[int, int, str, int, int, int]:
        key = (draft.access.index, draft.group)
        add_on = int(_is_add_on(context, draft))
        return (key[0], -top[key], draft.group, draft.rank, add_on, -int(draft.code))

    return sorted(drafts, key=sort_key)


def _is_add_on(context: Context, draft: Draft) -> bool:
    return context.anatomy.rules.code(draft.code).kind == "add-on"


def _repeated_families(
    context: Context, drafts: list[Draft], distinct: set[int], reasons: dict[int, list[Reason]]
) -> None:
    """A family reached from two accesses: warn, and mark the later access's codes distinct."""
    accesses: dict[str, set[int]] = defaultdict(set)
    for draft in drafts:
        if draft.family is not None:
            accesses[draft.family].add(draft.access.index)
    for family, indexes in sorted(accesses.items()):
        if len(indexes) < 2:
            continue
        first = min(indexes)
        ids = sorted({d.access.id for d in drafts if d.family == family})
        context.warnings.append(
            f"the {context.name(family)} family is reached from more than one access "
            f"({', '.join(ids)}): each access is coded on its own; document the separate access "
            "for the repeated code"
        )
        for position, draft in enumerate(drafts):
            if (
                draft.family == family
                and draft.access.index != first
                and not _is_add_on(context, draft)
            ):
                distinct.add(position)
                reasons[position].append(
                    context.because(
                        "several-accesses",
                        f"Modifier {context.options.distinct_modifier}: the {context.name(family)} "
                        f"family was also coded from another access; this code is for access "
                        f"{draft.access.id}.",
                    )
                )


def _lesser_codes(
    context: Context, drafts: list[Draft], distinct: set[int], reasons: dict[int, list[Reason]]
) -> None:
    """A code another reported code includes, still reported for another family, side or access."""
    rules = context.anatomy.rules
    for position, draft in enumerate(drafts):
        if _is_add_on(context, draft):
            continue
        covering = [
            other
            for other in drafts
            if other is not draft and draft.code in rules.code(other.code).includes
        ]
        if not covering:
            continue
        other = covering[0]
        distinct.add(position)
        reasons[position].append(
            context.because(
                "distinct-lesser-code",
                f"Modifier {context.options.distinct_modifier}: {other.code} on this claim "
                f"includes "
                f"{draft.code} when both come from the same work; here {draft.code} is for "
                f"{_what(context, draft, other)}.",
            )
        )


def _what(context: Context, draft: Draft, other: Draft) -> str:
    if draft.access.index != other.access.index:
        return f"a separate access ({draft.access.id}, beside {other.access.id})"
    if draft.family is not None and draft.family != other.family:
        return (
            f"a different family (the {context.name(draft.family)}, beside the "
            f"{context.name(other.family)})"
        )
    if draft.side != other.side and draft.side is not None:
        return f"the other side ({draft.side})"
    return "a different vessel (" + ", ".join(context.name(v) for v in draft.vessels) + ")"


def _repeats(
    context: Context, drafts: list[Draft], distinct: set[int], reasons: dict[int, list[Reason]]
) -> None:
    """The second and later lines of a code that is not reported "each", unless RT/LT differ."""
    seen: dict[str, list[Draft]] = defaultdict(list)
    for position, draft in enumerate(drafts):
        record = context.anatomy.rules.code(draft.code)
        earlier = list(seen[draft.code])
        seen[draft.code].append(draft)
        if record.repeat == "each" or not earlier or position in distinct:
            continue
        if all(
            other.side != draft.side and None not in (other.side, draft.side) for other in earlier
        ):
            continue
        distinct.add(position)
        reasons[position].append(
            context.because(
                "distinct-repeat",
                f"Modifier {context.options.distinct_modifier}: {draft.code} is reported again for "
                f"a separate site ({_sites(context, draft)}).",
            )
        )


def _sites(context: Context, draft: Draft) -> str:
    return ", ".join(context.name(v) for v in draft.vessels) or draft.group
