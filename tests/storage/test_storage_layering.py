"""Storage receives its own input type: nothing under bot/storage imports the extraction core."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.extraction.model import STATEMENT_KINDS as EXTRACTED_KINDS
from bot.storage import STATEMENT_KINDS

STORAGE = Path(__file__).resolve().parents[2] / "bot" / "storage"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_storage_does_not_import_the_extraction_core() -> None:
    files = sorted(STORAGE.rglob("*.py"))
    assert files
    offenders = [f"{file.name}: {module}" for file in files for module in imported_modules(file)
                 if module == "bot.extraction" or module.startswith("bot.extraction.")]
    assert offenders == []


def test_storage_kinds_are_the_extractors_kinds() -> None:
    # Storage keeps its own copy (it may not import the core); the copies must not drift apart.
    assert STATEMENT_KINDS == EXTRACTED_KINDS
