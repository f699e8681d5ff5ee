"""Command-layer fixtures: a real service over each backend (``database``), with the line-based extractor double."""

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
async def commands(database: str | Path, extractor: LineExtractor) -> AsyncIterator[Commands]:
    storage = await Storage.open(database)
    yield Commands(Service(storage, extractor, Settings.from_env({})))
    await storage.close()
