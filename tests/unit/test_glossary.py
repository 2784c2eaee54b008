"""The glossary: every rule and source the rationale cites is explained, and so are the terms."""

from __future__ import annotations

import json

import pytest

from tests.golden.test_golden import CASES
from tests.unit.test_cli import run
from vascular import code_case
from vascular.anatomy import Anatomy
from vascular.glossary import TERMS, GlossaryLookupError, glossary_entries, glossary_lookup

REQUIRED_TERMS = ["order", "family", "selective", "non-selective", "add-on", "imaging-inclusive"]


def test_every_id_a_golden_rationale_cites_has_an_entry(atlas: Anatomy) -> None:
    ids = {entry.id for entry in glossary_entries(atlas.rules)}
    cited: set[str] = set()
    for param in CASES:
        result = code_case(param.values[0]["case"], atlas)  # type: ignore[index]
        for line in result.lines:
            for reason in line.reasons:
                cited |= {reason.rule, *reason.sources}
        cited |= {detail.rule for detail in result.warning_details if detail.rule}
    assert len(cited) > 30
    assert cited - ids == set()


def test_every_rule_and_source_of_the_rule_book_has_an_entry(atlas: Anatomy) -> None:
    ids = {entry.id for entry in glossary_entries(atlas.rules)}
    assert set(atlas.rules.rules) <= ids
    assert set(atlas.rules.sources) <= ids


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_the_chart_terms_are_defined(term: str) -> None:
    title, text = TERMS[term]
    assert title
    assert len(text) > 60


def test_a_source_says_what_it_is_cited_for(atlas: Anatomy) -> None:
    (entry,) = glossary_lookup(glossary_entries(atlas.rules), "aapc-fam")
    assert entry.kind == "source"
    assert "family-initial" in entry.see
    assert entry.text.startswith("Cited for: ")
    assert entry.url.startswith("https://")


def test_words_find_entries_by_title(atlas: Anatomy) -> None:
    found = glossary_lookup(glossary_entries(atlas.rules), "imaging inclusive")
    assert [entry.id for entry in found] == ["imaging-inclusive"]


def test_an_unknown_id_offers_the_closest(atlas: Anatomy) -> None:
    with pytest.raises(GlossaryLookupError, match="did you mean family-initial"):
        glossary_lookup(glossary_entries(atlas.rules), "famliy-initial")


class TestCommand:
    def test_one_entry_as_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "glossary", "family-initial")
        assert (status, err) == (0, "")
        assert out.startswith("family-initial (rule): ")
        assert "reference R2" in out

    def test_everything_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "glossary", "--json")
        data = json.loads(out)
        assert status == 0
        kinds = {entry["kind"] for entry in data["entries"]}
        assert kinds == {"term", "rule", "source"}

    def test_an_unknown_entry_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "glossary", "no-such-thing-at-all")
        assert (status, out) == (2, "")
        assert "the glossary has no entry 'no-such-thing-at-all'" in err
