"""The layout of a data directory: which files a build reads (no parsing, no third-party imports).

Shared by the builder (`vascular.build`) and the loader's cache key (`vascular.loading`), so the
key covers exactly the files the build reads.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CLASSES_FILE",
    "RULES_DIR",
    "RULE_FILES",
    "TREES_FILE",
    "VARIANTS_DIR",
    "VESSELS_DIR",
    "VOCABULARY_FILE",
    "data_files",
    "rules_root",
]

VESSELS_DIR = "vessels"
VARIANTS_DIR = "variants"
TREES_FILE = "trees.yaml"
VOCABULARY_FILE = "vocabulary.yaml"
CLASSES_FILE = "classes.yaml"
RULES_DIR = "rules"
RULE_FILES = (
    "codes.yaml",
    "rules.yaml",
    "sources.yaml",
    "options.yaml",
    "tables.yaml",
    "interventions.yaml",
)


def rules_root(root: Path, fallback: Path) -> Path:
    """The directory whose ``rules/`` a build of `root` uses (`fallback` when it has none)."""
    return root if (root / RULES_DIR).is_dir() else fallback


def data_files(root: Path, fallback: Path) -> list[Path]:
    """Every file a build of `root` reads."""
    rules = rules_root(root, fallback) / RULES_DIR
    return [
        *sorted((root / VESSELS_DIR).glob("*.yaml")),
        root / TREES_FILE,
        root / VOCABULARY_FILE,
        root / CLASSES_FILE,
        *sorted((root / VARIANTS_DIR).glob("*.yaml")),
        *(rules / name for name in RULE_FILES),
    ]
