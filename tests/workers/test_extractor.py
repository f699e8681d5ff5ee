"""The process-pool extractor: in-process results, errors cross the process boundary, the cap."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, strategies as st

from bot.errors import Busy, EmptyInput, InputTooLarge
from bot.extraction.pipeline import extract
from bot.workers import ProcessPoolExtractor, plan
from bot.workers.extractor import balanced_groups, group_forms

if TYPE_CHECKING:
    from spacy.language import Language

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


async def test_pool_result_equals_in_process_extraction(pool: ProcessPoolExtractor, nlp: Language) -> None:
    await pool.warm_up()
    got = await pool.extract(ARTICLE, article_date="2021-08-24")
    want = extract(ARTICLE, nlp=nlp, article_date="2021-08-24", max_chars=5000)
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


def long_article() -> str:
    """About 4,700 characters in 24 paragraphs: long enough to be split across two idle workers."""
    paragraphs = []
    for i in range(24):
        paragraphs.append(f'"Phase {i} of the airlift is complete," Pentagon spokesman John Kirby told reporters on '
                          f"Monday. He said that phase {i + 1} would start within days, and that the diplomats "
                          "had been told.")
    return "date 2021-08-24\n\n" + "\n\n".join(paragraphs) + "\n"


def test_an_article_is_split_into_balanced_groups_only_for_idle_workers() -> None:
    text = long_article()
    prepared, groups = plan(text, article_date=None, page_date=None, posted_date=None, max_chars=10_000,
                            free_workers=2)
    assert len(groups) == 2
    assert "".join(p for g in groups for p in g) == prepared.parse_text
    assert abs(sum(map(len, groups[0])) - sum(map(len, groups[1]))) < 400
    for free in (1, 0, -1):
        _, single = plan(text, article_date=None, page_date=None, posted_date=None, max_chars=10_000,
                         free_workers=free)
        assert single == [[prepared.parse_text]]
    # A short article is not worth the extra hop.
    _, short = plan(ARTICLE, article_date=None, page_date=None, posted_date=None, max_chars=10_000, free_workers=2)
    assert len(short) == 1


@pytest.mark.slow
async def test_an_article_parsed_by_two_workers_gives_the_in_process_statements(nlp: Language) -> None:
    text = long_article()
    want = extract(text, nlp=nlp, max_chars=10_000)
    assert len(want.statements) >= 24
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=2, max_concurrent=3, max_chars=10_000)
    try:
        await extractor.warm_up()
        assert await extractor.extract(text) == want  # both workers idle: split
        # Three at once: the first splits, the others take one worker each; all give the same statements.
        assert await asyncio.gather(*(extractor.extract(text) for _ in range(3))) == [want] * 3
        assert extractor.in_flight == 0
        with pytest.raises(InputTooLarge):  # input errors are raised before any worker is used
            await extractor.extract(text * 3)
    finally:
        await extractor.aclose()


def test_the_workers_read_a_title_case_headline_as_the_console_does() -> None:
    text = "Pentagon Spokesman Kirby Says The Airlift Is Complete.\n\n" + long_article().split("\n\n", 1)[1]
    prepared, groups = plan(text, article_date=None, page_date=None, posted_date=None, max_chars=10_000,
                            free_workers=2)
    forms = group_forms(prepared, groups)
    assert [len(g) for g in forms] == [len(g) for g in groups]
    assert forms[0][0] == "Pentagon spokesman Kirby says the airlift is complete.\n\n"
    assert [p for g in forms for p in g][1:] == [p for g in groups for p in g][1:]


@given(st.lists(st.text(min_size=1, max_size=50), min_size=1, max_size=30), st.integers(min_value=1, max_value=4))
def test_balanced_groups_keep_order_and_share_the_length(pieces: list[str], groups: int) -> None:
    out = balanced_groups(pieces, groups)
    assert [p for g in out for p in g] == pieces
    assert 1 <= len(out) <= groups
    assert all(out)
    total = sum(map(len, pieces))
    longest = max(map(len, pieces))
    assert all(sum(map(len, g)) <= total / groups + longest for g in out)


def test_two_equal_halves_split_in_the_middle() -> None:
    pieces = ["a" * 100] * 6
    assert balanced_groups(pieces, 2) == [pieces[:3], pieces[3:]]
