"""Storage fixtures: the same repositories on a SQLite file and on a PostgreSQL database (``database``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import SqliteStorage, Storage


@pytest.fixture
async def storage(database: str | Path) -> AsyncIterator[Storage]:
    store = await Storage.open(database)
    yield store
    await store.close()


@pytest.fixture
async def sqlite_storage(tmp_path: Path) -> AsyncIterator[SqliteStorage]:
    """A SQLite file, for what only SQLite has (pragmas, the file on disk)."""
    store = await SqliteStorage.open(tmp_path / "quotes.db")
    yield store
    await store.close()
