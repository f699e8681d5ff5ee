"""The process-pool extractor: in-process results, errors cross the process boundary, the cap."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.errors import Busy, EmptyInput, InputTooLarge
from bot.extraction.nlp import load_model
from bot.extraction.pipeline import extract
from bot.workers import ProcessPoolExtractor

ARTICLE = (
    "WASHINGTON (AP) - The Pentagon said on Tuesday that the evacuation would continue.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters. '
    "He said the mission was on schedule.\n"
)


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExtractor]:
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=2, max_chars=5000)
    yield extractor
    extractor.close()


async def test_pool_result_equals_in_process_extraction(pool: ProcessPoolExtractor) -> None:
    await pool.warm_up()
    got = await pool.extract(ARTICLE, article_date="2021-08-24")
    want = extract(ARTICLE, nlp=load_model("en_core_web_sm"), article_date="2021-08-24", max_chars=5000)
    assert got == want
    assert got.article_date == "2021-08-24"
    assert pool.in_flight == 0


async def test_input_errors_cross_the_process_boundary(pool: ProcessPoolExtractor) -> None:
    with pytest.raises(EmptyInput):
        await pool.extract("   ")
    with pytest.raises(InputTooLarge, match="MAX_ARTICLE_CHARS"):
        await pool.extract("word " * 2000)
    assert pool.in_flight == 0


async def test_full_pool_says_busy_with_retry_after(pool: ProcessPoolExtractor) -> None:
    running = [asyncio.create_task(pool.extract(ARTICLE)) for _ in range(pool.max_concurrent)]
    await asyncio.sleep(0)  # let both tasks take their slots
    assert pool.in_flight == pool.max_concurrent
    with pytest.raises(Busy) as caught:
        await pool.extract(ARTICLE)
    assert caught.value.retry_after >= 1
    assert "try again in" in str(caught.value)
    await asyncio.gather(*running)
    assert pool.in_flight == 0
    await pool.extract(ARTICLE)  # a slot is free again


async def test_closed_pool_refuses_work() -> None:
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=1, max_chars=100)
    extractor.close()
    extractor.close()  # idempotent
    with pytest.raises(Busy, match="shutting down"):
        await extractor.extract("text")


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        ProcessPoolExtractor(model_name="x", workers=0, max_concurrent=1, max_chars=1)
