"""Imports run one way: adapters -> commands -> service -> {extraction, sources, storage}."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"

FORBIDDEN = {
    "bot/commands": ("bot.storage", "bot.sources", "bot.discord", "bot.console", "aiosqlite", "discord"),
    "bot/service.py": ("bot.commands", "bot.discord", "bot.console", "discord"),
    "bot/storage": ("bot.service", "bot.commands", "bot.discord", "bot.console", "bot.sources", "discord"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("where", "forbidden"), FORBIDDEN.items())
def test_layers_import_one_way(where: str, forbidden: tuple[str, ...]) -> None:
    target = BOT.parent / where
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    for file in files:
        for module in imported_modules(file):
            assert not any(module == f or module.startswith(f + ".") for f in forbidden), f"{file}: {module}"
