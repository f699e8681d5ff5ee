"""What the repositories need of a database, whichever engine is behind it (SQLite or PostgreSQL).

The repositories hold the rules (dedupe, speaker merging, corrections) once; each engine supplies its SQL
(``bot.storage.sql`` or ``bot.storage.sql_pg``, the same names) and a :class:`Database` that runs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

Params = tuple[Any, ...] | dict[str, Any]


class Row(Protocol):
    """A result row: columns by position or by name (``sqlite3.Row`` and ``asyncpg.Record`` both are)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """Runs the dialect's statements on the connection of the calling task's transaction, else a reader."""

    @property
    def sql(self) -> ModuleType:
        """Return the module of this engine's statements."""
        ...

    async def fetch(self, query: str, params: Params = ()) -> list[Row]:
        """Run a query and return every row."""
        ...

    async def execute(self, query: str, params: Params = ()) -> None:
        """Run a statement that returns no rows."""
        ...

    async def insert(self, query: str, params: Params) -> int:
        """Run an INSERT of one row and return its new row id."""
        ...

    async def execute_many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        """Run a statement once per row of parameters (inside a transaction)."""
        ...


def is_postgres_url(target: object) -> bool:
    """Return whether a database setting names a PostgreSQL server (``postgresql://`` or ``postgres://``)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def display_target(target: str | Path) -> str:
    """Return how messages name a database: the path, or the URL without its password."""
    text = str(target)
    if not is_postgres_url(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def database_target(given: str | None, default: str | Path) -> str | Path:
    """Return the database a command opens: ``--db`` when given (a URL stays a URL), else the setting."""
    if not given:
        return default
    return given if is_postgres_url(given) else Path(given)
