"""The rule book as the engine uses it: codes, rules with their templates, sources, options, tables.

Plain frozen values compiled once when the atlas is built (`vascular.build`) and cached with it:
template text is parsed into parts, option values are indexed with the rule each one triggers,
and every code family's table section is compiled against the anatomy into dictionary look-ups.
The files themselves are validated by the pydantic records of `vascular.rules`. No I/O.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from vascular.contract import Problem
from vascular.frozen import field, record

__all__ = [
    "FILTERS",
    "Code",
    "OptionChoice",
    "OptionDef",
    "Rule",
    "RuleBook",
    "RuleData",
    "Settings",
    "Source",
    "Template",
]

FILTERS = frozenset(
    {
        "",
        "name",
        "Name",
        "names",
        "ordinal",
        "label",
        "labels",
        "access",
        "route",
        "plural",
        "cap",
        "and",
        "or",
        "quoted",
        "reading",
        "list",
        "routes",
    }
)
"""How a template may format a fact: ``{vessel:name}``, ``{order:ordinal}``, ``{code:label}``...
(`vascular.coding.render` implements them; anatomy_data/rules/rules.yaml lists them)."""


@record
class Code:
    """One CPT code the engine can report, with this project's own summary."""

    code: str
    summary: str
    kind: Literal["primary", "add-on"]
    add_on_to: tuple[str, ...]
    imaging: bool
    includes: frozenset[str]
    repeat: Literal["each", "distinct"]
    bilateral: bool
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """The code as a claim writes it: add-ons with a plus sign ('+36248')."""
        return ("+" if self.kind == "add-on" else "") + self.code


_CONTEXT = frozenset({"access", "route", "routes"})
"""Filters that read the case beyond the finding's facts."""


@record
class Template:
    """A rule's sentence with its facts left as fields: literal text and (fact, filter) parts."""

    text: str
    parts: tuple[tuple[str, str | None, str], ...]
    """(literal text, fact name or None, filter)."""
    context: tuple[tuple[str, str], ...] = ()
    """(fact, filter) of the fields that read the case beyond the facts (access, route)."""

    @property
    def facts(self) -> frozenset[str]:
        """The facts the template needs."""
        return frozenset(name for _, name, _ in self.parts if name is not None)

    @classmethod
    def compile(cls, text: str) -> Template:
        """Parse template text ('Order {order:ordinal}...').

        Raises:
            ValueError: a field with a conversion, an index, or an unknown filter.
        """
        parts = []
        for literal, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                if conversion or not name.isidentifier():
                    raise ValueError(f"bad field {{{name}}}: write {{fact}} or {{fact:filter}}")
                if (spec or "") not in FILTERS:
                    raise ValueError(
                        f"unknown filter {spec!r} in {{{name}:{spec}}}; filters: "
                        + ", ".join(sorted(f for f in FILTERS if f))
                    )
            parts.append((literal, name, spec or ""))
        context = tuple(
            (name, spec) for _, name, spec in parts if name is not None and spec in _CONTEXT
        )
        return cls(text, tuple(parts), context)


@record
class Rule:
    """One coding rule, in this project's words, with its sources and templates."""

    id: str
    title: str
    statement: str
    sources: tuple[str, ...]
    section: str
    confidence: str
    role: str
    """context (explains the family or order), decision (decides a code), modifier, option,
    note or warning: what the rule's reasons do on a line; the deciding reason is a decision."""
    templates: Mapping[str, Template]


@record
class Source:
    """One public source the rules cite."""

    id: str
    title: str
    url: str


@record
class OptionChoice:
    """One value of a policy option and what choosing it does."""

    value: str
    rule: str
    """The rule that explains this choice (its option effects are findings of this rule)."""
    means: str
    """What the choice means, in a few words."""
    data: Mapping[str, str] = field(default_factory=dict)
    """What the tables read for this value (pulmonary_lobar: the pulmonary level it codes as)."""


@record
class OptionDef:
    """A policy option for a disputed point: its default and its choices."""

    name: str
    summary: str
    default: str
    choices: Mapping[str, OptionChoice]


@record
class Settings:
    """Every option of a case resolved: the value given, or the default the tables name."""

    values: Mapping[str, str]
    given: frozenset[str]
    book: RuleBook

    def get(self, name: str) -> str:
        """The value of an option."""
        return self.values[name]

    def choice(self, name: str) -> OptionChoice:
        """The chosen value of an option, with its rule and data."""
        return self.book.options[name].choices[self.values[name]]

    def other(self, name: str) -> OptionChoice:
        """The first choice of a two-way option that is not the current one."""
        current = self.values[name]
        return next(c for v, c in self.book.options[name].choices.items() if v != current)


@record
class RuleData:
    """The validated rule files before they are compiled against an anatomy."""

    codes: tuple[Code, ...]
    rules: tuple[Rule, ...]
    sources: tuple[Source, ...]
    options: tuple[OptionDef, ...]
    families: tuple[str, ...]
    """Code family ids in precedence order (tables.yaml ``families``)."""
    sections: Mapping[str, Any]
    """Each table section, parsed into its shape, by section name."""


@record
class RuleBook:
    """Codes, rules, sources, options and compiled tables, cross-checked. Built by the loader."""

    codes: Mapping[str, Code]
    rules: Mapping[str, Rule]
    sources: Mapping[str, Source]
    options: Mapping[str, OptionDef]
    families: tuple[str, ...]
    tables: Mapping[str, Any]
    """Each section compiled for the anatomy it was built with, by section name."""
    data: RuleData

    @classmethod
    def from_data(cls, data: RuleData, tables: Mapping[str, Any]) -> RuleBook:
        """Index the records by id."""
        return cls(
            {c.code: c for c in data.codes},
            {r.id: r for r in data.rules},
            {s.id: s for s in data.sources},
            {o.name: o for o in data.options},
            data.families,
            dict(tables),
            data,
        )

    def code(self, code: str) -> Code:
        """The record of a code the tables name (always present in a checked rule book)."""
        return self.codes[code]

    def label(self, code: str) -> str:
        """The code as a claim writes it: add-ons with a plus sign ('+36248')."""
        return self.codes[code].label

    def rule(self, rule_id: str) -> Rule:
        """The record of a rule (always present in a checked rule book)."""
        return self.rules[rule_id]

    def table(self, section: str) -> Any:
        """A compiled table section."""
        return self.tables[section]

    def option_problems(self, options: Any, where: str) -> list[Problem]:
        """Every option value the tables do not offer."""
        problems = []
        for name, value in options.given().items():
            known = self.options.get(name)
            if known is None:
                continue
            if value not in known.choices:
                problems.append(
                    Problem(
                        f"{where}.{name}" if where else f"options.{name}",
                        f"must be one of {', '.join(repr(v) for v in known.choices)} "
                        f"(got {value!r})",
                    )
                )
        return problems

    def settings(self, options: Any) -> Settings:
        """The options of a case with every default filled in (values are checked by the caller)."""
        given = options.given()
        values = {name: given.get(name, option.default) for name, option in self.options.items()}
        return Settings(values, frozenset(given), self)

    def references(self) -> Iterator[tuple[str, str, str]]:
        """Every (where, kind, value) reference a rule file makes, for the loader's cross-checks."""
        for code in self.data.codes:
            for other in (*code.add_on_to, *sorted(code.includes)):
                yield f"codes.yaml {code.code}", "code", other
            for source in code.sources:
                yield f"codes.yaml {code.code}", "source", source
        for rule in self.data.rules:
            for source in rule.sources:
                yield f"rules.yaml {rule.id}", "source", source
        for option in self.data.options:
            for choice in option.choices.values():
                yield f"options.yaml {option.name}", "rule", choice.rule
