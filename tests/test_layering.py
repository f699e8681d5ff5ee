"""Imports run one way (adapters -> commands -> service -> {extraction, sources, storage}) and never in a circle.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a deferred or type-only
import still ties one layer to another. To add a rule, add a row to ``RULES``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"


@dataclass(frozen=True)
class Rule:
    """Modules under ``where`` (a folder or a file, relative to the repository) never import ``forbidden``."""

    where: str
    forbidden: tuple[str, ...]
    why: str


RULES: tuple[Rule, ...] = (
    Rule("bot/extraction", ("bot.settings", "bot.workers", "bot.storage", "bot.service", "bot.commands",
                            "bot.discord", "bot.console", "discord", "aiosqlite", "asyncpg"),
         "the extraction core is pure: spaCy + stdlib, plain values in (a model name, not Settings)"),
    Rule("bot/commands", ("bot.storage", "bot.sources", "bot.discord", "bot.console", "aiosqlite", "asyncpg",
                          "discord"),
         "the command layer talks to the service only, and knows no transport"),
    Rule("bot/service.py", ("bot.commands", "bot.discord", "bot.console", "discord"),
         "the service knows no command syntax and no transport"),
    Rule("bot/storage", ("bot.service", "bot.commands", "bot.discord", "bot.console", "bot.sources", "discord"),
         "storage speaks to its databases (aiosqlite, asyncpg) and knows no caller above it"),
    Rule("bot/workers", ("bot.storage", "bot.service", "bot.commands", "bot.discord", "bot.console", "discord",
                         "aiosqlite", "asyncpg"),
         "the process pools run the extraction core and nothing else"),
    Rule("bot/sources", ("bot.storage", "bot.service", "bot.commands", "bot.discord", "bot.console", "bot.workers",
                         "discord", "aiosqlite", "asyncpg"),
         "getting article text needs no database, no chat and no process pool"),
    Rule("bot/charts", ("bot.extraction", "bot.storage", "bot.service", "bot.commands", "bot.discord", "bot.console",
                        "bot.sources", "bot.workers", "discord", "aiosqlite", "asyncpg"),
         "charts draw plain values: no layer of the bot, no chat, no database"),
    Rule("bot/discord/cogs", ("bot.discord.bot", "bot.discord.runner"),
         "cogs are handed the bot and their dependencies by the runner; they never import either back"),
)


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under the repository root."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: frozenset[str] = frozenset()) -> set[str]:
    """Return every module ``path`` imports, at any depth.

    ``from m import n`` imports ``m.n`` when that is one of the ``known`` modules, else (a name defined in
    ``m``) the module ``m``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                names.add(sub if sub in known else node.module)
    return names


def import_graph() -> dict[str, set[str]]:
    """Return, for every module of ``bot``, the modules of ``bot`` it imports.

    Importing ``a.b`` also runs the package ``a``'s ``__init__``; like Python's own import system, which
    handles a package importing its submodules, the graph leaves that implicit step out.
    """
    files = {module_name(path): path for path in sorted(BOT.rglob("*.py"))}
    known = frozenset(files)
    return {name: {module for module in imported_modules(path, known) if module in known and module != name}
            for name, path in files.items()}


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """Return one import cycle as a path (first module repeated at the end), or None when there is none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return [*path[path.index(nxt):], nxt]
            if nxt not in done and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)) is not None:
            return cycle
    return None


def files_under(where: str) -> Iterator[Path]:
    """Yield the Python files a rule covers."""
    target = ROOT / where
    yield from [target] if target.is_file() else sorted(target.rglob("*.py"))


@pytest.mark.parametrize("rule", RULES, ids=[rule.where for rule in RULES])
def test_layers_import_one_way(rule: Rule) -> None:
    files = list(files_under(rule.where))
    assert files, f"{rule.where} has no Python files"
    broken = sorted(f"{file.relative_to(ROOT)}: {module}" for file in files for module in imported_modules(file)
                    if any(module == f or module.startswith(f + ".") for f in rule.forbidden))
    assert not broken, f"{rule.why}:\n" + "\n".join(broken)


def test_the_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    assert "bot.extraction.model" in graph["bot.extraction.pipeline"]  # the graph sees imports at all
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(("graph", "want"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}, None),  # a diamond is no cycle
])
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], want: list[str] | None) -> None:
    assert find_cycle(graph) == want
