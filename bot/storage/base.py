"""The one storage interface the service sees, whichever engine holds the data.

``Storage.open`` picks the engine from the setting: a ``postgresql://`` URL opens the PostgreSQL backend
(``bot.storage.postgres``), anything else is a SQLite file (``bot.storage.db``); both register themselves.
Both give the same repositories over the same rules; only the SQL and the connection handling differ.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import ClassVar

from bot.storage.articles import ArticleRepository
from bot.storage.audit import AuditRepository
from bot.storage.connections import read_only_error
from bot.storage.database import Database, is_postgres_url
from bot.storage.speakers import SpeakerRepository
from bot.storage.statements import StatementRepository


class Storage(ABC):
    """A database: the repositories over it and its write transactions."""

    backend: ClassVar[str]
    articles: ArticleRepository
    speakers: SpeakerRepository
    statements: StatementRepository
    audit: AuditRepository
    db: Database  # the engine's connections and its SQL (for the repositories and whole-table copies)
    read_only: bool
    path: str  # how messages name the database: a file path, or a URL without its password

    @classmethod
    async def open(cls, target: str | Path, *, read_only: bool | None = None) -> Storage:
        """Open ``target`` (a SQLite path or a PostgreSQL URL) and bring its schema up to date."""
        backend = BACKENDS["postgresql" if is_postgres_url(target) else "sqlite"]
        return await backend.open(target, read_only=read_only)

    @classmethod
    async def open_writable(cls, target: str | Path) -> Storage:
        """Open ``target`` like :meth:`open`, but refuse a read-only database at once (for batch jobs)."""
        storage = await cls.open(target)
        if storage.read_only:
            await storage.close()
            raise read_only_error(str(target))
        return storage

    @abstractmethod
    async def close(self) -> None:
        """Close every connection."""

    @abstractmethod
    def transaction(self, guild_id: int | None = None) -> AbstractAsyncContextManager[None]:
        """Run the block as one write transaction: everything in it is saved, or nothing is.

        ``guild_id`` names the one guild the transaction writes: writers of one guild take turns, so
        numbering, dedupe and speaker merging see each other's work; None makes every other writer wait.
        """

    @abstractmethod
    async def integrity_check(self) -> str:
        """Return "ok" when the database is healthy, else what is wrong."""


# The engines by name; each backend module adds its class when imported (bot.storage imports them all).
BACKENDS: dict[str, type[Storage]] = {}


def register(backend: type[Storage]) -> type[Storage]:
    """Make ``Storage.open`` choose ``backend`` for its kind of target (a class decorator)."""
    BACKENDS[backend.backend] = backend
    return backend
