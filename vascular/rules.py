"""The rule files' records: codes, rules with their templates, sources, and the policy options.

Pydantic records that mirror ``anatomy_data/rules/codes.yaml``, ``rules.yaml``, ``sources.yaml`` and
``options.yaml``; used when the atlas is built (`vascular.build`), never on the coding path, which
reads the compiled forms of `vascular.rulebook`. The table sections of ``tables.yaml`` are shapes
declared by the code families themselves (`vascular.coding.registry`). No I/O, and no CPT
descriptor text here or in the files.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from vascular.rulebook import Code, OptionChoice, OptionDef, Rule, Source, Template

__all__ = [
    "CodeNumber",
    "CodeRecord",
    "OptionRecord",
    "OptionValueRecord",
    "RuleRecord",
    "SourceRecord",
]

CodeNumber = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
"""A five-digit CPT code number, as a string."""

_Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
_SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")]
_Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class CodeRecord(_Record):
    """One CPT code the engine can report, with this project's own summary."""

    code: CodeNumber
    """The code number."""

    summary: Annotated[str, StringConstraints(min_length=10)]
    """This project's plain-language summary (never the AMA descriptor)."""

    kind: Literal["primary", "add-on"]
    """A primary code, or an add-on listed with one of `add_on_to`."""

    add_on_to: tuple[CodeNumber, ...] = ()
    """For an add-on: the primary codes it may be listed with."""

    imaging: bool = False
    """Whether the code itself includes the angiography and its supervision and interpretation."""

    includes: tuple[CodeNumber, ...] = ()
    """Lesser codes this code contains when they would come from the same work (NCCI column two)."""

    repeat: Literal["each", "distinct"]
    """each: once per family or site without a modifier; distinct: a repeat needs the
    distinct-service modifier unless RT/LT tell the lines apart."""

    bilateral: bool = False
    """Whether the same service on both sides is one line with modifier 50."""

    sources: tuple[_SourceId, ...] = Field(min_length=1)
    """Source ids for the summary and the relations."""

    def compiled(self) -> Code:
        """The record as the engine reads it."""
        return Code(
            self.code,
            self.summary,
            self.kind,
            self.add_on_to,
            self.imaging,
            frozenset(self.includes),
            self.repeat,
            self.bilateral,
            self.sources,
        )


class RuleRecord(_Record):
    """One coding rule, in this project's words, with its sources and templates."""

    id: _Slug
    """Stable id that rationales cite, e.g. ``family-add-on``."""

    title: str
    """A short title."""

    statement: str
    """The rule in plain language."""

    sources: tuple[_SourceId, ...] = Field(min_length=1)
    """Source ids (rules/sources.yaml)."""

    section: str
    """Where the project's coding reference (docs/reference) lays out the evidence."""

    confidence: Literal["S", "K", "D", "P"]
    """S stated by sources; K recalled, unverified; D derived; P project default (an option)."""

    role: Literal["context", "decision", "modifier", "option", "note", "warning"]
    """What the rule's reasons do on a line: context (explains the family or the order), decision
    (decides a code), modifier, option (an option that decided something), note (explains a
    placement), warning. The deciding reason shown beside a line is its first decision."""

    templates: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")], str] = {}
    """The rule's sentences, by key, with the facts of a finding as fields: ``{vessel:name}``,
    ``{order:ordinal}``, ``{code:label}`` (filters: rules.yaml header)."""

    def compiled(self) -> Rule:
        """The record as the engine reads it, templates parsed.

        Raises:
            ValueError: a template names an unknown filter or a bad field.
        """
        return Rule(
            self.id,
            self.title,
            self.statement,
            self.sources,
            self.section,
            self.confidence,
            self.role,
            {key: Template.compile(text) for key, text in self.templates.items()},
        )


class SourceRecord(_Record):
    """One public source the rules cite."""

    id: _SourceId
    """The id rationales cite."""

    title: str
    """A short description of the source."""

    url: str
    """Where to read it."""

    def compiled(self) -> Source:
        """The record as the engine reads it."""
        return Source(self.id, self.title, self.url)


class OptionValueRecord(_Record):
    """One value of a policy option."""

    value: str
    """The value as a case writes it."""

    rule: _Slug
    """The rule that explains this choice; option effects are findings of this rule."""

    means: str
    """What choosing it means, in a few words."""

    data: dict[_Name, str] = {}
    """What the tables read for this value (pulmonary_lobar: the pulmonary ``level``)."""


class OptionRecord(_Record):
    """A policy option for a disputed point."""

    name: _Name
    """The option's name in a case's ``options``."""

    summary: str
    """What the option decides."""

    default: str
    """The value used when a case leaves the option out (one of `values`)."""

    values: tuple[OptionValueRecord, ...] = Field(min_length=2)
    """The choices."""

    def compiled(self) -> OptionDef:
        """The record as the engine reads it."""
        return OptionDef(
            self.name,
            self.summary,
            self.default,
            {v.value: OptionChoice(v.value, v.rule, v.means, dict(v.data)) for v in self.values},
        )
