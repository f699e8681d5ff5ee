"""Which connection a query uses (the writer inside this task's transaction, else a read-only snapshot), and
the connection class that turns SQLite's disk-full, damaged-file and read-only errors into domain errors.

With WAL, the reader sees only committed data, so a command never shows an article that another
command is halfway through saving (and may yet roll back).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar
from types import ModuleType
from typing import Any

import aiosqlite

from bot.errors import DatabaseCorrupt, DatabaseFull, DatabaseReadOnly, StorageError
from bot.storage import sql as sqlite_sql
from bot.storage.database import Params, Row

# True in the task (and only the task) that holds the write transaction.
IN_TRANSACTION: ContextVar[bool] = ContextVar("in_transaction", default=False)

# SQLite's primary result codes (https://www.sqlite.org/rescode.html) that a user can act on.
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26
# Seconds to wait for the worker thread of a connection that failed to open.
STOP_TIMEOUT = 5.0


def storage_error(exc: sqlite3.Error, path: str, *, reader: bool = False) -> StorageError | None:
    """Return the domain error for a SQLite error the user can act on (None for any other error).

    On a ``reader`` of a writable database a read-only error is a bug (a write outside a transaction),
    not something the user can fix, and stays as it is.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        return DatabaseFull(f"the disk holding the database {path} is full, so nothing was saved; free some "
                            "space and try again")
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseCorrupt(f"the database {path} is damaged ({exc}); restore it from a backup, or "
                               f"recover what is left with: sqlite3 {path} .recover")
    if primary == SQLITE_READONLY and not reader:
        return read_only_error(path)
    if primary == SQLITE_IOERR:
        return StorageError(f"the disk failed while reading or writing the database {path} ({exc})")
    return None


def read_only_error(path: str) -> DatabaseReadOnly:
    """Return the error for a change asked of a read-only database."""
    return DatabaseReadOnly(f"the database {path} is read-only: saved quotes can be read, but nothing can be "
                            "saved or changed (make the file and its folder writable, or use another "
                            "DATABASE_PATH)")


class MappedConnection(aiosqlite.Connection):
    """An aiosqlite connection whose errors a user can act on are raised as :class:`StorageError`.

    Every call of the connection and its cursors goes through ``_execute``, so this is the one place
    that sees them all.
    """

    def __init__(self, path: str, connector: Callable[[], sqlite3.Connection], *, reader: bool = False) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self.path = path
        self.reader = reader

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return await super()._execute(fn, *args, **kwargs)
        except sqlite3.Error as exc:
            mapped = storage_error(exc, self.path, reader=self.reader)
            if mapped is None:
                raise
            raise mapped from exc


    async def stopped(self) -> None:
        """Wait until the worker thread of a connection that failed to open has ended.

        aiosqlite stops the thread without waiting; a thread still finishing after the event loop closed
        would raise in the background.
        """
        await asyncio.to_thread(self._thread.join, STOP_TIMEOUT)


class Connections:
    """The writer and reader connections of one database."""

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.writer = writer
        self.reader = reader

    def current(self) -> aiosqlite.Connection:
        """Return the writer inside a transaction of the calling task, else the reader."""
        return self.writer if IN_TRANSACTION.get() else self.reader


class SqliteDatabase:
    """The :class:`bot.storage.database.Database` of a SQLite file: its writer and reader connections."""

    def __init__(self, connections: Connections) -> None:
        self._connections = connections

    @property
    def sql(self) -> ModuleType:
        """Return SQLite's statements."""
        return sqlite_sql

    async def fetch(self, query: str, params: Params = ()) -> list[Row]:
        """Run a query on the current connection and return every row."""
        # execute_fetchall: one trip to the connection's thread instead of three (execute, fetch, close).
        return list(await self._connections.current().execute_fetchall(query, params))

    async def execute(self, query: str, params: Params = ()) -> None:
        """Run a statement on the current connection."""
        cur = await self._connections.current().execute(query, params)
        await cur.close()

    async def execute_many(self, query: str, rows: list[tuple[Any, ...]]) -> None:
        """Run a statement once per row of parameters on the current connection."""
        await self._connections.current().executemany(query, rows)

    async def insert(self, query: str, params: Params) -> int:
        """Run an INSERT and return the new row's id."""
        cur = await self._connections.current().execute(query, params)
        row_id = cur.lastrowid
        await cur.close()
        assert row_id is not None
        return row_id
