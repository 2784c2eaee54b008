"""The claim: draft lines in claim order with their modifiers, and the findings behind them.

Laterality on a sided line; the distinct-service modifier on a code that another reported code
includes (for a different family, side or access), on a repeat of a code that is not reported
"each", and on a family's code repeated from a second access. Linear in the number of lines. Rule
ids, modifiers and the option that names the distinct-service modifier are in the table section
``claim``. Pure; no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from vascular.coding.family import CaseView, Draft
from vascular.contract import REQUIRED, shape, spec
from vascular.findings import Fact, Finding
from vascular.frozen import record, replace

__all__ = ["ClaimTable", "Settled", "settle"]


@shape
class ClaimRules:
    """The rules the modifier reasons cite."""

    laterality: str = spec(default=REQUIRED, ref="rule", doc="RT or LT on a sided line.")
    several_accesses: str = spec(default=REQUIRED, ref="rule", doc="A family from two accesses.")
    lesser: str = spec(default=REQUIRED, ref="rule", doc="A code another code includes.")
    repeat: str = spec(default=REQUIRED, ref="rule", doc="A code reported twice.")
    included: str = spec(
        default=REQUIRED, ref="rule", doc="A catheter line an intervention on the claim includes."
    )


@shape
class ClaimTable:
    """Section ``claim`` of tables.yaml."""

    sides: dict[str, str] = spec(default=REQUIRED, doc="The laterality modifier of each side.")
    distinct_option: str = spec(
        default=REQUIRED, doc="The option that names the distinct-service modifier."
    )
    identical_option: str = spec(
        default=REQUIRED,
        doc="The option deciding how two otherwise identical lines are told apart.",
    )
    rules: ClaimRules = spec(default=REQUIRED, doc="Rule ids.")


@record
class Settled:
    """One claim line before rendering: the draft, its final modifiers and all its findings."""

    draft: Draft
    modifiers: tuple[str, ...]
    findings: tuple[Finding, ...]


def settle(
    view: CaseView, drafts: Sequence[Draft], table: ClaimTable
) -> tuple[list[Settled], list[Finding]]:
    """Claim-ordered lines with their modifiers, and the warnings settling raised."""
    distinct_modifier = view.settings.get(table.distinct_option)
    entered = sorted((d for d in drafts if d.as_entered), key=lambda d: d.rank)
    ordered = _claim_order(view, [d for d in drafts if not d.as_entered])
    extra: dict[int, list[Finding]] = defaultdict(list)
    distinct: set[int] = set()
    warnings = _repeated_families(view, table, ordered, distinct, extra, distinct_modifier)
    _lesser_codes(view, table, ordered, distinct, extra, distinct_modifier)
    _repeats(view, table, ordered, distinct, extra, distinct_modifier)
    _marked(view, ordered, distinct, extra)
    lines = _settled(view, table, entered, set(), defaultdict(list), distinct_modifier)
    lines += _settled(view, table, ordered, distinct, extra, distinct_modifier)
    identical = _identical_lines(view, table, lines[len(entered) :], distinct_modifier)
    return [*lines[: len(entered)], *identical], warnings


def _settled(
    view: CaseView,
    table: ClaimTable,
    ordered: Sequence[Draft],
    distinct: set[int],
    extra: dict[int, list[Finding]],
    distinct_modifier: str,
) -> list[Settled]:
    settled = []
    for position, draft in enumerate(ordered):
        modifiers = list(draft.modifiers)
        findings = list(extra[position])
        if position in distinct:
            modifiers.append(distinct_modifier)
        side_modifier = table.sides.get(draft.side) if draft.side else None
        if side_modifier is not None:
            modifiers.append(side_modifier)
            findings.append(
                Finding(
                    table.rules.laterality,
                    facts={"modifier": side_modifier, "side": str(draft.side)},
                )
            )
        settled.append(Settled(draft, tuple(modifiers), (*draft.findings, *findings)))
    return settled


def _marked(
    view: CaseView, drafts: Sequence[Draft], distinct: set[int], extra: dict[int, list[Finding]]
) -> None:
    """The distinct-service modifier on the lines of placements an earlier family marked.

    A qualifying diagnostic study at an intervention; a line that has the modifier keeps one.
    """
    marks = {
        (index, str(mark.facts["modifier"])): mark
        for result in view.earlier
        for mark in result.marks
        for index in mark.subject
    }
    if not marks:
        return
    stops = {stop.index: stop for stop in view.tracing.stops}
    for position, draft in enumerate(drafts):
        subject = {
            index
            for finding in draft.findings
            for index in finding.subject
            if index in stops and stops[index].access is draft.access
        }
        subject |= {
            stop.index
            for stop in stops.values()
            if stop.access is draft.access and stop.vessel.id in draft.vessels
        }
        found = next((mark for (index, _), mark in marks.items() if index in subject), None)
        if found is None:
            continue
        if position not in distinct:
            distinct.add(position)
            extra[position].append(found)


def _identical_lines(
    view: CaseView, table: ClaimTable, settled: list[Settled], modifier: str
) -> list[Settled]:
    """No two identical lines: the distinct-service modifier, or one line with units."""
    choice = view.settings.choice(table.identical_option)
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    out: list[Settled] = []
    for item in settled:
        key = (item.draft.code, item.modifiers)
        if key not in seen:
            seen[key] = len(out)
            out.append(item)
            continue
        if choice.value == "modifier" and modifier not in item.modifiers:
            modifiers = _with_distinct(item.modifiers, modifier, table)
            changed = Settled(
                item.draft,
                modifiers,
                (
                    *item.findings,
                    Finding(
                        choice.rule,
                        f"effect-{choice.value}",
                        facts={
                            "modifier": modifier,
                            "code": item.draft.code,
                            "vessels": item.draft.vessels,
                            "value": choice.value,
                        },
                    ),
                ),
            )
            if (item.draft.code, modifiers) not in seen:
                seen[item.draft.code, modifiers] = len(out)
                out.append(changed)
                continue
            item = changed
        position = seen[item.draft.code, item.modifiers]
        out[position] = _merged(out[position], item, choice.rule, choice.value)
    return out


def _with_distinct(modifiers: tuple[str, ...], modifier: str, table: ClaimTable) -> tuple[str, ...]:
    """The distinct-service modifier in claim order: after 50, before RT and LT."""
    sides = set(table.sides.values())
    return (
        *(m for m in modifiers if m not in sides),
        modifier,
        *(m for m in modifiers if m in sides),
    )


def _merged(first: Settled, other: Settled, rule: str, value: str) -> Settled:
    """Two identical lines as one line with their units added."""
    a, b = first.draft, other.draft
    units = a.units + b.units
    vessels = (*a.vessels, *b.vessels)
    draft = replace(
        a,
        units=units,
        vessels=vessels,
        family=a.family if a.family == b.family else None,
        other_accesses=(
            (*a.other_accesses, b.access) if b.access is not a.access else a.other_accesses
        ),
    )
    note = Finding(
        rule,
        "effect-units",
        facts={"units": units, "code": a.code, "vessels": vessels, "value": value},
    )
    earlier = tuple(f for f in first.findings if not (f.rule == rule and f.key == "effect-units"))
    return Settled(draft, first.modifiers, (*earlier, *other.findings, note))


def _is_add_on(view: CaseView, draft: Draft) -> bool:
    return view.anatomy.rules.code(draft.code).kind == "add-on"


def _claim_order(view: CaseView, drafts: Sequence[Draft]) -> list[Draft]:
    """By access, then by group (a family), highest code first, add-ons after their primary."""
    top: dict[tuple[int, str], int] = {}
    add_on = {d.code: _is_add_on(view, d) for d in drafts}
    for draft in drafts:
        key = (draft.access.index, draft.group)
        weight = 0 if add_on[draft.code] else int(draft.code)
        top[key] = max(top.get(key, 0), weight)

    def sort_key(draft: Draft) -> tuple[int, int, str, int, int, int]:
        key = (draft.access.index, draft.group)
        return (
            key[0],
            -top[key],
            draft.group,
            draft.rank,
            int(add_on[draft.code]),
            -int(draft.code),
        )

    return sorted(drafts, key=sort_key)


def _repeated_families(
    view: CaseView,
    table: ClaimTable,
    drafts: list[Draft],
    distinct: set[int],
    extra: dict[int, list[Finding]],
    modifier: str,
) -> list[Finding]:
    """A family reached from two accesses: warn, and mark the later access's codes distinct."""
    accesses: dict[str, set[int]] = defaultdict(set)
    ids: dict[str, set[str]] = defaultdict(set)
    for draft in drafts:
        if draft.family is not None:
            accesses[draft.family].add(draft.access.index)
            ids[draft.family].add(draft.access.id)
    repeated = {family: min(indexes) for family, indexes in accesses.items() if len(indexes) > 1}
    if not repeated:
        return []
    warnings = [
        Finding(
            table.rules.several_accesses,
            "warning",
            facts={"family": family, "accesses": tuple(sorted(ids[family]))},
            severity="warning",
        )
        for family in sorted(repeated)
    ]
    for position, draft in enumerate(drafts):
        first = repeated.get(draft.family or "")
        if first is not None and draft.access.index != first and not _is_add_on(view, draft):
            distinct.add(position)
            extra[position].append(
                Finding(
                    table.rules.several_accesses,
                    "reason",
                    facts={"modifier": modifier, "family": draft.family, "access": draft.access.id},
                )
            )
    return warnings


def _lesser_codes(
    view: CaseView,
    table: ClaimTable,
    drafts: list[Draft],
    distinct: set[int],
    extra: dict[int, list[Finding]],
    modifier: str,
) -> None:
    """A code another reported code includes, still reported for another family, side or access."""
    rules = view.anatomy.rules
    positions: dict[str, list[int]] = defaultdict(list)
    for position, draft in enumerate(drafts):
        positions[draft.code].append(position)
    including: dict[str, list[str]] = defaultdict(list)
    for code in positions:
        for lesser in rules.code(code).includes:
            including[lesser].append(code)
    for position, draft in enumerate(drafts):
        if _is_add_on(view, draft) or draft.code not in including:
            continue
        covering = min(
            (p for code in including[draft.code] for p in positions[code] if p != position),
            default=None,
        )
        if covering is None:
            continue
        other = drafts[covering]
        distinct.add(position)
        key, facts = _what(draft, other)
        extra[position].append(
            Finding(
                table.rules.lesser,
                key,
                facts={"modifier": modifier, "code": draft.code, "other": other.code, **facts},
            )
        )


def _what(draft: Draft, other: Draft) -> tuple[str, dict[str, Fact]]:
    if draft.access.index != other.access.index:
        return "access", {"access": draft.access.id, "other_access": other.access.id}
    if draft.family is not None and draft.family != other.family:
        return "family", {"family": draft.family, "other_family": other.family}
    if draft.side != other.side and draft.side is not None:
        return "side", {"side": draft.side}
    return "vessel", {"vessels": draft.vessels}


def _repeats(
    view: CaseView,
    table: ClaimTable,
    drafts: list[Draft],
    distinct: set[int],
    extra: dict[int, list[Finding]],
    modifier: str,
) -> None:
    """The second and later lines of a code that is not reported "each", unless RT/LT differ."""
    rules = view.anatomy.rules
    sides: dict[str, set[object]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for position, draft in enumerate(drafts):
        earlier_sides = set(sides[draft.code])
        earlier = count[draft.code]
        sides[draft.code].add(draft.side)
        count[draft.code] += 1
        if rules.code(draft.code).repeat == "each" or not earlier or position in distinct:
            continue
        if draft.side is not None and None not in earlier_sides and draft.side not in earlier_sides:
            continue
        distinct.add(position)
        facts: dict[str, Fact] = {"modifier": modifier, "code": draft.code}
        if draft.vessels:
            extra[position].append(
                Finding(table.rules.repeat, "reason", facts={**facts, "vessels": draft.vessels})
            )
        else:
            extra[position].append(
                Finding(table.rules.repeat, "group", facts={**facts, "group": draft.group})
            )
