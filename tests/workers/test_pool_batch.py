"""Batch extraction on every core: chunking, results in input order, errors in place of their document."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.errors import EmptyInput
from bot.extraction.model import Extraction
from bot.extraction.pipeline import extract, prepare
from bot.settings import Settings
from bot.workers import batch
from bot.workers.batch import BatchItem, chunks, extract_batch, extract_parallel

if TYPE_CHECKING:
    from spacy.language import Language


def article(i: int) -> str:
    return (f"The council met on Tuesday to discuss plan {i}.\n\n"
            f'"Plan {i} will be ready before the winter," Ann Lee, a city official, told reporters. '
            f"She said the vote on plan {i} would come next week.\n")


def test_chunks_keep_order_and_respect_the_size() -> None:
    preps = [prepare(article(i) + "x" * (i * 100)) for i in range(10)]
    groups = list(chunks(preps, chunk_chars=1000, max_docs=3))
    assert [p for g in groups for p in g] == preps
    assert all(len(g) <= 3 for g in groups)
    assert all(sum(len(p.parse_text) for p in g[:-1]) < 1000 for g in groups)


@pytest.mark.slow
def test_parallel_results_equal_serial_results_in_input_order(nlp: Language) -> None:
    preps = [prepare(article(i), article_date="2024-05-0" + str(1 + i % 9)) for i in range(12)]
    want = [extract(article(i), nlp=nlp, article_date="2024-05-0" + str(1 + i % 9)) for i in range(12)]
    # Tiny chunks: several chunks per worker, so results come back from both workers out of order.
    got = list(extract_parallel(preps, "en_core_web_sm", workers=2, chunk_chars=500))
    assert got == want
    assert all(isinstance(r, Extraction) and r.statements for r in got)


@pytest.mark.slow
def test_extract_batch_puts_errors_in_place(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    monkeypatch.setattr(batch, "MIN_PARALLEL_CHARS", 0)  # take the process-pool path even for a small batch
    items = [BatchItem(id=1, text=article(1), date=None), BatchItem(id=2, text="  ", date=None),
             BatchItem(id=3, text="", date=None, error="line 3: not valid JSON"),
             BatchItem(id=4, text=article(4), date="2024-02-30"), BatchItem(id=5, text=article(5), date=None)]
    results = dict((item.id, result) for item, result in extract_batch(items, Settings.from_env({}), workers=2))
    assert list(results) == [1, 2, 3, 4, 5]
    assert results[1] == extract(article(1), nlp=nlp)
    assert isinstance(results[2], EmptyInput)
    assert results[3] == "line 3: not valid JSON"
    assert "2024-02-30" in str(results[4])
    assert results[5] == extract(article(5), nlp=nlp)
