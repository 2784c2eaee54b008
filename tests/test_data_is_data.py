"""Data is data: no code number and no rule id is written in the library's code.

Code numbers, rule ids, modifiers and option values live in ``anatomy_data/rules/``; the code
reads them from the tables (ARCHITECTURE.md, "Data is data"). Documentation (docstrings and the
``doc=`` of a field) may quote them as examples; nothing else may.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "vascular"
RULE_IDS = {
    rule["id"]
    for rule in yaml.safe_load((ROOT / "anatomy_data/rules/rules.yaml").read_text(encoding="utf-8"))
}
CODE_NUMBER = re.compile(r"(?<![\d.])\+?\d{5}(?![\d.])")


def _documentation(tree: ast.AST) -> set[int]:
    """Ids of the string nodes that are documentation: docstrings and doc= arguments."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))  # attribute docstrings
        if isinstance(node, ast.keyword) and node.arg in ("doc", "help"):
            found |= {id(n) for n in ast.walk(node.value) if isinstance(n, ast.Constant)}
    return found


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = _documentation(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
    ]


MODULES = sorted(LIBRARY.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_code_number_or_rule_id_is_written_in_code(module: Path) -> None:
    offending = [
        f"{module.relative_to(ROOT)}:{line}: {text!r}"
        for line, text in _strings(module)
        if text in RULE_IDS or CODE_NUMBER.search(text)
    ]
    assert offending == [], "read these from the rule tables instead:\n" + "\n".join(offending)


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Module docstring quoting 36247 is fine."""\n'
        'def f() -> str:\n    """So is 36215 here."""\n    return "36200"\n'
        'RULE = "family-add-on"\n'
        'def g() -> None:\n    spec(doc="e.g. family-add-on")\n',
        encoding="utf-8",
    )
    found = [text for _, text in _strings(sample) if text in RULE_IDS or CODE_NUMBER.search(text)]
    assert sorted(found) == ["36200", "family-add-on"]


# --- the project cites only what it ships ------------------------------------------------------

OUTSIDE = re.compile(r"coding-rules\.md|project-defaults\.md|shared/docs|engine-design\.md")
CITATION = re.compile(r"\breference ((?:[CRFDOI]\d+(?:\.\d+)?(?:-[CRFDO]?\d+(?:\.\d+)?)?(?:, )?)+)")
SHIPPED = [
    p
    for p in ROOT.rglob("*")
    if p.is_file()
    and p.suffix in {".py", ".yaml", ".md", ".json", ".toml"}
    and not {".venv", ".git", "node_modules"} & set(p.relative_to(ROOT).parts)
]


def _sections() -> set[str]:
    found = set()
    for page in (ROOT / "docs" / "reference").glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^#+\s+([CRFDOI]\d+(?:\.\d+)?)\b", line)
            if match:
                found.add(match.group(1))
    return found


def test_nothing_cites_a_document_the_project_does_not_ship() -> None:
    offending = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SHIPPED
        if p != Path(__file__).resolve()
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="ignore").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offending == []


def test_every_reference_citation_names_a_section_of_the_reference() -> None:
    sections = _sections()
    assert {"R2.3", "F5", "D1", "C1"} <= sections
    cited = {
        part.split("-")[0]
        for p in SHIPPED
        for match in CITATION.finditer(p.read_text(encoding="utf-8", errors="ignore"))
        for part in match.group(1).split(", ")
        if part
    }
    assert cited, "the code and data cite the reference"
    unknown = sorted(cited - sections)
    assert unknown == [], f"no such section in docs/reference: {unknown}"


def test_the_case_options_are_exactly_the_options_of_the_tables() -> None:
    from vascular.case import Options
    from vascular.frozen import fields_of

    options = yaml.safe_load((ROOT / "anatomy_data/rules/options.yaml").read_text(encoding="utf-8"))
    assert [f.name for f in fields_of(Options)] == [o["name"] for o in options]
