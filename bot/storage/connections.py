"""Which connection a query uses: the writer inside this task's transaction, else a read-only snapshot.

With WAL, the reader sees only committed data, so a command never shows an article that another
command is halfway through saving (and may yet roll back).
"""

from __future__ import annotations

from contextvars import ContextVar

import aiosqlite

# True in the task (and only the task) that holds the write transaction.
IN_TRANSACTION: ContextVar[bool] = ContextVar("in_transaction", default=False)


class Connections:
    """The writer and reader connections of one database."""

    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.writer = writer
        self.reader = reader

    def current(self) -> aiosqlite.Connection:
        """Return the writer inside a transaction of the calling task, else the reader."""
        return self.writer if IN_TRANSACTION.get() else self.reader
