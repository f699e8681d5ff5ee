"""Fixtures: a logged-in bot on a real database and a real extraction pool, with only the network faked."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from discord_env import Env, make_env

from bot.workers import ProcessPoolExtractor


@pytest.fixture(scope="session")
def pool() -> Iterator[ProcessPoolExtractor]:
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=2,
                                     max_chars=200_000)
    yield extractor
    extractor.close()


@pytest.fixture
async def env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool):
        yield e
