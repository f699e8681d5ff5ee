"""The PostgreSQL backend (asyncpg): a connection pool, numbered migrations, one transaction per change.

Readers take any pooled connection and see committed data only, so no command ever sees half an article.
A write transaction holds one pooled connection; its task's queries go to it (a context variable says which).
Writers of one guild take turns (a transaction-scoped advisory lock, released by the server even when the
process is killed), so article and statement numbers, dedupe and speaker merging see each other's work;
the unique constraints on (guild, text hash), (guild, URL) and (guild, short id) hold whatever a writer does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import asyncpg

from bot.errors import ConfigError, DatabaseFull, StorageError
from bot.storage import sql_pg
from bot.storage.articles import ArticleRepository
from bot.storage.audit import AuditRepository
from bot.storage.base import Storage, register
from bot.storage.database import Params, Row, display_target
from bot.storage.speakers import SpeakerRepository
from bot.storage.statements import StatementRepository

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(sql_pg.MIGRATIONS)
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 10
# Prepared statements kept per connection: every fixed query plus the listing variants.
STATEMENT_CACHE_SIZE = 512
CONNECT_TIMEOUT = 10.0
# Pooled connections read unless a write transaction says otherwise, so a write outside one fails loudly
# (as on SQLite's query_only reader) instead of committing half a change on its own.
READER_SETTINGS = {"default_transaction_read_only": "on"}
READ_WRITE = "SET TRANSACTION READ WRITE"

# "?" in order, or ":name" (not the "::" of a cast), as the SQLite statements write them.
_PLACEHOLDER = re.compile(r"\?|(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=2048)
def compile_query(query: str) -> tuple[str, tuple[str, ...]]:
    """Return ``query`` with numbered placeholders ($1) and, for named ones, the names in number order."""
    names: list[str] = []
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        name = match.group(1)
        if name is None:
            count += 1
            return f"${count}"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _PLACEHOLDER.sub(number, query), tuple(names)


def bind(query: str, params: Params) -> tuple[str, list[Any]]:
    """Return the numbered query and its arguments in order."""
    text, names = compile_query(query)
    if isinstance(params, dict):
        return text, [params[name] for name in names]
    return text, list(params)


@dataclass(frozen=True, slots=True)
class _Transaction:
    pool: asyncpg.Pool
    conn: asyncpg.Connection


# The write transaction of the calling task (per pool, so two databases open in one task stay apart).
_CURRENT: ContextVar[_Transaction | None] = ContextVar("pg_transaction", default=None)


def _mapped(exc: Exception, where: str) -> StorageError | None:
    """Return the domain error for a server error the user can act on (None for any other error)."""
    if isinstance(exc, asyncpg.DiskFullError):
        return DatabaseFull(f"the disk of the database server {where} is full, so nothing was saved; free some "
                            "space and try again")
    if isinstance(exc, (asyncpg.ConnectionDoesNotExistError, asyncpg.CannotConnectNowError, OSError)):
        return StorageError(f"lost the connection to the database server {where} ({exc}); try again")
    return None


class PgDatabase:
    """The :class:`bot.storage.database.Database` of a PostgreSQL pool."""

    def __init__(self, pool: asyncpg.Pool, where: str) -> None:
        self._pool = pool
        self._where = where

    @property
    def sql(self) -> ModuleType:
        """Return PostgreSQL's statements."""
        return sql_pg

    def _target(self) -> asyncpg.Pool | asyncpg.Connection:
        tx = _CURRENT.get()
        return tx.conn if tx is not None and tx.pool is self._pool else self._pool

    async def fetch(self, query: str, params: Params = ()) -> list[Row]:
        """Run a query and return every row."""
        text, args = bind(query, params)
        try:
            return list(await self._target().fetch(text, *args))
        except (asyncpg.PostgresError, OSError) as exc:
            raise (_mapped(exc, self._where) or exc) from exc

    async def execute(self, query: str, params: Params = ()) -> None:
        """Run a statement that returns no rows."""
        text, args = bind(query, params)
        try:
            await self._target().execute(text, *args)
        except (asyncpg.PostgresError, OSError) as exc:
            raise (_mapped(exc, self._where) or exc) from exc

    async def execute_many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        """Run a statement once per row of parameters (pipelined by asyncpg)."""
        text, _names = compile_query(query)
        try:
            await self._target().executemany(text, rows)
        except (asyncpg.PostgresError, OSError) as exc:
            raise (_mapped(exc, self._where) or exc) from exc

    async def insert(self, query: str, params: Params) -> int:
        """Run an INSERT ... RETURNING id and return the id."""
        rows = await self.fetch(query, params)
        return int(rows[0][0])


class RawConnection:
    """Plain SQL on the pool, for maintenance and tests (``storage.conn.execute("UPDATE ...")``)."""

    def __init__(self, db: PgDatabase, pool: asyncpg.Pool) -> None:
        self._db = db
        self._pool = pool

    async def execute(self, query: str, params: Params = ()) -> None:
        """Run one statement in a write transaction of its own."""
        text, args = bind(query, params)
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(READ_WRITE)
            await conn.execute(text, *args)

    async def execute_fetchall(self, query: str, params: Params = ()) -> list[Row]:
        """Run a query and return every row."""
        return await self._db.fetch(query, params)


async def schema_version(conn: asyncpg.Connection) -> int:
    """Return the database's schema version (0 for an empty database)."""
    await conn.execute(sql_pg.SCHEMA_TABLE)
    return int(await conn.fetchval(sql_pg.SCHEMA_VERSION_OF))


async def migrate(pool: asyncpg.Pool, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the database's version up to ``target``, each in its own transaction.

    Processes starting at once take turns (an advisory lock); each re-reads the version under it.
    """
    version = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(READ_WRITE)
            await conn.execute(bind(sql_pg.LOCK, ())[0], sql_pg.MIGRATION_LOCK_KEY)
            version = await schema_version(conn)
            if version > SCHEMA_VERSION:
                raise ConfigError(f"the database is at schema version {version}, newer than this bot "
                                  f"({SCHEMA_VERSION}); upgrade the bot or use another DATABASE_URL")
            if version >= target:
                return version
            number = version + 1
            log.info("migrating database to schema version %d", number)
            await conn.execute(sql_pg.MIGRATIONS[number - 1])
            await conn.execute(sql_pg.SCHEMA_VERSION_SET.format(number=number))


@register
class PostgresStorage(Storage):
    """A PostgreSQL database: a connection pool and the repositories over it."""

    backend = "postgresql"

    def __init__(self, pool: asyncpg.Pool, *, path: str) -> None:
        self.pool = pool
        self.path = path
        self.read_only = False
        db = PgDatabase(pool, path)
        self.db = db
        self.conn = RawConnection(db, pool)
        self.articles = ArticleRepository(db)
        self.speakers = SpeakerRepository(db)
        self.statements = StatementRepository(db)
        self.audit = AuditRepository(db)

    @classmethod
    async def open(cls, target: str | Path, *, read_only: bool | None = None) -> PostgresStorage:
        """Connect a pool to the URL ``target`` and bring the schema up to date.

        ``read_only`` is for SQLite files; on a server, what a role may change is the server's to say.
        """
        url = str(target)
        where = display_target(url)
        try:
            pool = await asyncpg.create_pool(url, min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE,
                                             statement_cache_size=STATEMENT_CACHE_SIZE, timeout=CONNECT_TIMEOUT,
                                             server_settings=READER_SETTINGS)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot connect to the database {where} (DATABASE_URL): {exc}") from None
        try:
            await migrate(pool)
        except asyncpg.PostgresError as exc:
            await pool.close()
            raise ConfigError(f"cannot set up the schema of the database {where} (DATABASE_URL): {exc}") from None
        except BaseException:
            await pool.close()
            raise
        return cls(pool, path=where)

    async def close(self) -> None:
        """Close the pool (waiting for connections in use to be released)."""
        await self.pool.close()

    @asynccontextmanager
    async def transaction(self, guild_id: int | None = None) -> AsyncIterator[None]:
        """Run the block as one write transaction on one pooled connection (see :meth:`Storage.transaction`)."""
        if _CURRENT.get() is not None:
            raise RuntimeError("transactions do not nest")
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute(READ_WRITE)
            lock = bind(sql_pg.LOCK, ())[0]
            if guild_id is None:
                await conn.execute(lock, sql_pg.DATABASE_LOCK_KEY)
            else:
                await conn.execute(bind(sql_pg.LOCK_SHARED, ())[0], sql_pg.DATABASE_LOCK_KEY)
                await conn.execute(bind(sql_pg.GUILD_LOCK, ())[0], guild_id)
            token = _CURRENT.set(_Transaction(self.pool, conn))
            try:
                yield
            finally:
                _CURRENT.reset(token)

    async def integrity_check(self) -> str:
        """Return "ok" when every speaker's count matches its statements, else the speakers that differ."""
        rows = await self.conn.execute_fetchall(sql_pg.COUNTS_CHECK)
        if not rows:
            return "ok"
        return "\n".join(f"speaker {r[0]}: count {r[1]}, statements {r[2]}" for r in rows)
