"""The SQLite backend: pragmas on every connection, numbered migrations (PRAGMA user_version), one writer."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.errors import ConfigError, StorageError
from bot.storage import sql
from bot.storage.articles import ArticleRepository
from bot.storage.audit import AuditRepository
from bot.storage.base import Storage, register
from bot.storage.connections import IN_TRANSACTION, Connections, MappedConnection, SqliteDatabase, read_only_error
from bot.storage.records import quote_key
from bot.storage.speakers import SpeakerRepository
from bot.storage.statements import StatementRepository

log = logging.getLogger(__name__)

SCHEMA_VERSION = len(sql.MIGRATIONS)
# The pragmas of sql.PRAGMAS that write to the file (skipped on a read-only database).
WRITING_PRAGMAS: frozenset[str] = frozenset({"PRAGMA journal_mode = WAL"})
_ANY_TABLE = "SELECT name FROM sqlite_master LIMIT 1"


def _ensure_folder(path: Path) -> None:
    """Create the database's folder if needed; raise :class:`ConfigError` in words when it cannot be."""
    parent = path.parent
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise ConfigError(f"cannot open the database {path} (DATABASE_PATH): {existing} is a file, not a folder")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the folder {parent} for the database (DATABASE_PATH): "
                          f"{exc.strerror or exc}") from None


def is_read_only_file(path: str | Path) -> bool:
    """Return whether an existing database file (or its folder, where SQLite keeps its journal) is read-only."""
    target = Path(path)
    if str(path) == ":memory:" or not target.is_file():
        return False
    if not os.access(target, os.W_OK):
        return True
    if os.access(target.parent, os.W_OK):
        return False
    # A folder that cannot be written still works when the WAL files SQLite needs are already there.
    sidecars = [target.with_name(target.name + suffix) for suffix in ("-wal", "-shm")]
    return not all(p.is_file() and os.access(p, os.W_OK) for p in sidecars)


async def connect(path: str | Path, *, read_only: bool = False, file_read_only: bool = False,
                  immutable: bool = False) -> aiosqlite.Connection:
    """Open a connection with WAL, foreign keys and a busy timeout; transactions are explicit (autocommit).

    ``read_only`` makes a reader of a writable database (``query_only``); ``file_read_only`` opens a database
    that cannot be written at all (SQLite's ``mode=ro``; ``immutable`` when not even its WAL index can be made).
    """
    target = str(path)
    if target != ":memory:" and not file_read_only:
        _ensure_folder(Path(target))

    def connector() -> sqlite3.Connection:
        if not file_read_only:
            return sqlite3.connect(target, isolation_level=None)
        uri = Path(target).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
        return sqlite3.connect(uri, uri=True, isolation_level=None)

    if target != ":memory:" and Path(target).is_dir():
        raise ConfigError(f"cannot open the database {target} (DATABASE_PATH): it is a folder, not a file")
    conn = MappedConnection(target, connector, reader=read_only)
    try:
        await conn
    except (sqlite3.Error, StorageError) as exc:
        await conn.stopped()
        raise ConfigError(f"cannot open the database {target} (DATABASE_PATH): {exc}") from None
    try:
        for pragma in sql.PRAGMAS:
            if not (file_read_only and pragma in WRITING_PRAGMAS):
                await conn.execute(pragma)
        if read_only or file_read_only:
            await conn.execute("PRAGMA query_only = ON")
        # Migrations compute dedupe keys in SQL with the same function the repositories use.
        await conn.create_function("quote_key", 1, _sql_quote_key, deterministic=True)
    except StorageError as exc:
        await conn.close()
        raise ConfigError(f"{exc} (DATABASE_PATH)") from None
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
        except (sqlite3.Error, StorageError):
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


@register
class SqliteStorage(Storage):
    """A SQLite file: a writer and a reader connection, the repositories over them, and a write lock."""

    backend = "sqlite"

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection, *,
                 read_only: bool = False, path: str = "") -> None:
        self.conn = writer
        self.reader = reader
        self.read_only = read_only
        self.path = path
        db = SqliteDatabase(Connections(writer, reader))
        self.db = db
        self.articles = ArticleRepository(db)
        self.speakers = SpeakerRepository(db)
        self.statements = StatementRepository(db)
        self.audit = AuditRepository(db)
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, read_only: bool | None = None) -> SqliteStorage:
        """Connect to ``path``, bring its schema up to date, and open the read connection.

        A database file that cannot be written (``read_only`` None: found out from the file) is opened for
        reading only: every command that reads works, and every change is refused in words.
        """
        if read_only is None:
            read_only = is_read_only_file(path)
        if read_only:
            return await cls._open_read_only(path)
        conn = await connect(path)
        try:
            await migrate(conn)
            reader = await connect(path, read_only=True)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, reader, path=str(path))

    @classmethod
    async def _open_read_only(cls, path: str | Path) -> SqliteStorage:
        if not Path(path).is_file():
            raise ConfigError(f"the database {path} (DATABASE_PATH) does not exist and cannot be created here")
        conn = await connect(path, file_read_only=True)
        try:
            version = await schema_version(conn)
            await conn.execute_fetchall(_ANY_TABLE)
        except (sqlite3.OperationalError, StorageError):
            # A WAL database whose -shm index cannot be created in a read-only folder: read the file as it is.
            await conn.close()
            conn = await connect(path, file_read_only=True, immutable=True)
            version = await schema_version(conn)
        if version != SCHEMA_VERSION:
            await conn.close()
            raise ConfigError(f"the database {path} (DATABASE_PATH) is read-only and at schema version {version}, "
                              f"but this bot needs version {SCHEMA_VERSION}: make it writable once to upgrade it")
        log.warning("the database %s is read-only: changes will be refused", path)
        return cls(conn, conn, read_only=True, path=str(path))

    async def close(self) -> None:
        """Close both connections."""
        if self.reader is not self.conn:
            await self.reader.close()
        await self.conn.close()

    @asynccontextmanager
    async def transaction(self, guild_id: int | None = None) -> AsyncIterator[None]:
        """Run the block as one write transaction: everything in it is saved, or nothing is.

        SQLite has one writer at a time, so the guild (which other engines lock) needs no lock of its own.
        """
        if IN_TRANSACTION.get():
            raise RuntimeError("transactions do not nest")
        if self.read_only:
            raise read_only_error(self.path)
        async with self._write_lock:
            token = IN_TRANSACTION.set(True)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    try:
                        await self.conn.rollback()
                    except (sqlite3.Error, StorageError):
                        log.exception("rollback failed")  # the error that caused it is the one to report
                    raise
                await self.conn.commit()
            finally:
                IN_TRANSACTION.reset(token)

    async def integrity_check(self) -> str:
        """Return the result of ``PRAGMA integrity_check`` ("ok" when healthy)."""
        async with self.conn.execute("PRAGMA integrity_check") as cur:
            rows = await cur.fetchall()
        return "\n".join(str(r[0]) for r in rows)
