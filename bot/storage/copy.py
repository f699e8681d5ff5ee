"""Copy every table of one database into another (SQLite to PostgreSQL or back), resumably, and verify it.

Tables go in foreign-key order, in batches each committed on its own, with their row ids: a rerun after an
interruption continues after the last key the target holds. Small tables without an integer key are copied
whole in one transaction. What the target's triggers keep (speaker counts, the search index) is not copied
but rebuilt as the rows arrive, and checked like the rest: per table, the row count and an order-free
checksum (the sum of a hash per row) must be the same on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from bot.storage.base import Storage

BATCH = 2_000
_CHECKSUM_BITS = 128


@dataclass(frozen=True, slots=True)
class Table:
    """A table to copy: the columns written, the integer key that orders and resumes it (() = copied whole),
    and the columns the target's triggers derive (checked, not written)."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()

    @property
    def checked(self) -> tuple[str, ...]:
        """Return the columns the checksum covers."""
        return self.columns + self.derived


# Foreign-key order: a row's parents are always copied before it.
TABLES: tuple[Table, ...] = (
    Table("articles", ("id", "guild_id", "number", "url", "filename", "title", "text", "text_hash", "article_date",
                       "date_source", "added_by", "channel_id", "message_url", "extractor_version", "created_at"),
          ("id",)),
    Table("speakers", ("id", "guild_id", "name", "name_key", "last_key", "role", "created_at"), ("id",),
          derived=("statement_count",)),
    Table("speaker_aliases", ("guild_id", "alias_key", "alias", "speaker_id")),
    Table("statements", ("id", "guild_id", "number", "article_id", "speaker_id", "type", "quote", "quote_key",
                         "start", '"end"', "speaker_mention", "speaker_role", "cue", "date", "date_text",
                         "date_basis", "extractor_version", "created_at", "kind", "speaker_fixed",
                         "date_precision"), ("id",)),
    Table("statement_sources", ("statement_id", "article_id", "start", '"end"'), ("statement_id", "article_id")),
    Table("audit_log", ("id", "guild_id", "user_id", "action", "target", "detail", "created_at"), ("id",)),
    Table("forgotten_statements", ("guild_id", "article_id", "quote_key", "created_at")),
    Table("statement_numbers", ("guild_id", "last_number"), ("guild_id",)),
)


@dataclass(frozen=True, slots=True)
class TableReport:
    """One table after a copy: rows written by this run, rows on each side, and whether the checksums agree."""

    name: str
    copied: int
    source_rows: int
    target_rows: int
    same: bool


def _cols(columns: tuple[str, ...]) -> str:
    return ", ".join(columns)


async def _batches(store: Storage, table: Table, columns: tuple[str, ...],
                   after: tuple[Any, ...] | None) -> AsyncIterator[list[tuple[Any, ...]]]:
    """Yield the table's rows in key order, a batch at a time, after the key ``after`` (None: from the start)."""
    if not table.key:
        yield [tuple(r) for r in await store.db.fetch(f"SELECT {_cols(columns)} FROM {table.name}")]
        return
    width = len(table.key)
    select = f"SELECT {_cols(table.key)}, {_cols(columns)} FROM {table.name}"
    order = f"ORDER BY {_cols(table.key)} LIMIT {BATCH}"
    while True:
        if after is None:
            rows = await store.db.fetch(f"{select} {order}")
        else:
            marks = ", ".join("?" * width)
            rows = await store.db.fetch(f"{select} WHERE ({_cols(table.key)}) > ({marks}) {order}", after)
        if not rows:
            return
        after = tuple(rows[-1][i] for i in range(width))
        yield [tuple(r)[width:] for r in rows]


async def _last_key(store: Storage, table: Table) -> tuple[Any, ...] | None:
    descending = ", ".join(f"{k} DESC" for k in table.key)
    rows = await store.db.fetch(f"SELECT {_cols(table.key)} FROM {table.name} ORDER BY {descending} LIMIT 1")
    return tuple(rows[0]) if rows else None


async def copy_table(source: Storage, target: Storage, table: Table,
                     progress: Callable[[str, int], None] | None = None) -> int:
    """Copy the rows of ``table`` the target lacks; return how many were written."""
    insert = (f"INSERT INTO {table.name} ({_cols(table.columns)}) "
              f"VALUES ({', '.join('?' * len(table.columns))})")
    written = 0
    if not table.key:
        rows = [row async for batch in _batches(source, table, table.columns, None) for row in batch]
        async with target.transaction():
            await target.db.execute(f"DELETE FROM {table.name}")
            await target.db.execute_many(insert, rows)
        return len(rows)
    async for batch in _batches(source, table, table.columns, await _last_key(target, table)):
        async with target.transaction():
            await target.db.execute_many(insert, batch)
        written += len(batch)
        if progress is not None:
            progress(table.name, written)
    return written


async def checksum(store: Storage, table: Table) -> tuple[int, int]:
    """Return (rows, order-free checksum) of the table's checked columns."""
    count = total = 0
    async for batch in _batches(store, table, table.checked, None):
        for row in batch:
            digest = hashlib.blake2b(repr(row).encode("utf-8"), digest_size=_CHECKSUM_BITS // 8).digest()
            total = (total + int.from_bytes(digest, "big")) % (1 << _CHECKSUM_BITS)
            count += 1
    return count, total


async def copy_database(source: Storage, target: Storage,
                        progress: Callable[[str, int], None] | None = None) -> list[TableReport]:
    """Copy every table (resuming after what the target holds), then compare counts and checksums."""
    copied = {table.name: await copy_table(source, target, table, progress) for table in TABLES}
    async with target.transaction():
        for statement in target.db.sql.AFTER_COPY:
            await target.db.execute(statement)
    reports = []
    for table in TABLES:
        (rows_from, sum_from), (rows_to, sum_to) = await checksum(source, table), await checksum(target, table)
        reports.append(TableReport(table.name, copied[table.name], rows_from, rows_to,
                                   rows_from == rows_to and sum_from == sum_to))
    return reports
