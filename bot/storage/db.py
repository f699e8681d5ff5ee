"""Open the SQLite database: pragmas on every connection, numbered migrations, one writer at a time."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.errors import ConfigError
from bot.storage import sql
from bot.storage.articles import ArticleRepository
from bot.storage.audit import AuditRepository
from bot.storage.connections import IN_TRANSACTION, Connections
from bot.storage.records import quote_key
from bot.storage.speakers import SpeakerRepository
from bot.storage.statements import StatementRepository

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(sql.MIGRATIONS)


async def connect(path: str | Path, *, read_only: bool = False) -> aiosqlite.Connection:
    """Open a connection with WAL, foreign keys and a busy timeout; transactions are explicit (autocommit)."""
    target = str(path)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = await aiosqlite.connect(target, isolation_level=None)
    except sqlite3.Error as exc:
        raise ConfigError(f"cannot open the database {target} (DATABASE_PATH): {exc}") from None
    try:
        for pragma in sql.PRAGMAS:
            await conn.execute(pragma)
        if read_only:
            await conn.execute("PRAGMA query_only = ON")
        # Migrations compute dedupe keys in SQL with the same function the repositories use.
        await conn.create_function("quote_key", 1, _sql_quote_key, deterministic=True)
    except sqlite3.DatabaseError as exc:
        await conn.close()
        raise ConfigError(f"{target} is not a usable SQLite database (DATABASE_PATH): {exc}") from None
    conn.row_factory = sqlite3.Row
    return conn


def _sql_quote_key(quote: object) -> str | None:
    return quote_key(quote) if isinstance(quote, str) else None


async def schema_version(conn: aiosqlite.Connection) -> int:
    """Return the database's ``PRAGMA user_version`` (0 for a new file)."""
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the database's version up to ``target``, each in its own transaction."""
    current = await schema_version(conn)
    if current > SCHEMA_VERSION:
        raise ConfigError(f"the database is at schema version {current}, newer than this bot "
                          f"({SCHEMA_VERSION}); upgrade the bot or use another DATABASE_PATH")
    applied = 0
    for number in range(current + 1, target + 1):
        script = sql.MIGRATIONS[number - 1]
        log.info("migrating database to schema version %d", number)
        try:
            await conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                await conn.rollback()
            raise
        applied += 1
    if applied and await _has_statistics(conn):
        # Statistics from before a migration know nothing of its new indexes, and the planner would
        # trust an index without statistics over one with them; refresh them once.
        log.info("refreshing query planner statistics after migrating")
        await conn.execute("ANALYZE")
    return await schema_version(conn)


async def _has_statistics(conn: aiosqlite.Connection) -> bool:
    rows = await conn.execute_fetchall(sql.HAS_STATISTICS)
    return bool(rows)


class Storage:
    """The database: one connection, the repositories over it, and a write lock for transactions."""

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.conn = writer
        self.reader = reader
        connections = Connections(writer, reader)
        self.articles = ArticleRepository(connections)
        self.speakers = SpeakerRepository(connections)
        self.statements = StatementRepository(connections)
        self.audit = AuditRepository(connections)
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> Storage:
        """Connect to ``path``, bring its schema up to date, and open the read connection."""
        conn = await connect(path)
        try:
            await migrate(conn)
            reader = await connect(path, read_only=True)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, reader)

    async def close(self) -> None:
        """Close both connections."""
        await self.reader.close()
        await self.conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Run the block as one write transaction: everything in it is saved, or nothing is."""
        if IN_TRANSACTION.get():
            raise RuntimeError("transactions do not nest")
        async with self._write_lock:
            token = IN_TRANSACTION.set(True)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    await self.conn.rollback()
                    raise
                await self.conn.commit()
            finally:
                IN_TRANSACTION.reset(token)

    async def integrity_check(self) -> str:
        """Return the result of ``PRAGMA integrity_check`` ("ok" when healthy)."""
        async with self.conn.execute("PRAGMA integrity_check") as cur:
            rows = await cur.fetchall()
        return "\n".join(str(r[0]) for r in rows)
