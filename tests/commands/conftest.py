"""Command-layer fixtures: a real service over a SQLite file, with the line-based extractor double."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from command_helpers import LineExtractor

from bot.commands import Commands
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage


@pytest.fixture
def extractor() -> LineExtractor:
    return LineExtractor()


@pytest.fixture
async def commands(tmp_path: Path, extractor: LineExtractor) -> AsyncIterator[Commands]:
    storage = await Storage.open(tmp_path / "q.db")
    yield Commands(Service(storage, extractor, Settings.from_env({})))
    await storage.close()
