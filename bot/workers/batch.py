"""Batch extraction on every core: documents in chunks, one worker process per core, results in input order.

Each worker loads the model once and extracts chunks of about ``CHUNK_CHARS`` characters; the rules run in the
worker too, so only small :class:`Extraction` objects cross back. Each chunk is parsed inside
:func:`~bot.workers.pool.article_memory`, so a worker's memory stays flat over thousands of documents.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.errors import QuoteBotError
from bot.extraction.batch import extract_prepared
from bot.extraction.parsing import PIPE_BATCH_SIZE
from bot.extraction.pipeline import Prepared, prepare
from bot.workers.pool import article_memory, available_cores, start_pool, worker_model

if TYPE_CHECKING:
    from spacy.language import Language

    from bot.extraction.model import Extraction
    from bot.settings import Settings

# About two seconds of parsing per chunk: large enough for nlp.pipe to batch, small enough that the
# last chunks of a run keep every core busy and results stream out steadily.
CHUNK_CHARS = 40_000
CHUNK_MAX_DOCS = 32
# Below this many characters a process pool costs more (a model load per worker) than it saves.
MIN_PARALLEL_CHARS = 60_000


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One document of a batch: an id, the text, an optional date, or an error found while reading it."""

    id: object
    text: str
    date: str | None
    error: str | None = None


def chunks(prepared: Iterable[Prepared], chunk_chars: int = CHUNK_CHARS,
           max_docs: int = CHUNK_MAX_DOCS) -> Iterator[list[Prepared]]:
    """Group documents, in order, into chunks of about ``chunk_chars`` characters."""
    chunk: list[Prepared] = []
    size = 0
    for prep in prepared:
        chunk.append(prep)
        size += len(prep.parse_text)
        if size >= chunk_chars or len(chunk) >= max_docs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _run_chunk(prepared: list[Prepared], batch_size: int) -> list[Extraction | QuoteBotError | str]:
    nlp = worker_model()
    with article_memory(nlp):
        return extract_prepared(nlp, prepared, batch_size)


def extract_serial(prepared: Iterable[Prepared], model_name: str, *, chunk_chars: int = CHUNK_CHARS,
                   batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Extraction | QuoteBotError | str]:
    """Extract documents in this process, chunk by chunk; yield one result per document, in input order."""
    from bot.extraction.nlp import load_model

    nlp: Language | None = None
    for chunk in chunks(prepared, chunk_chars):
        nlp = nlp or load_model(model_name)
        with article_memory(nlp):
            results = extract_prepared(nlp, chunk, batch_size)
        yield from results


def extract_parallel(prepared: Iterable[Prepared], model_name: str, workers: int, *,
                     chunk_chars: int = CHUNK_CHARS,
                     batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Extraction | QuoteBotError | str]:
    """Extract documents in ``workers`` processes; yield one result per document, in input order.

    At most two chunks per worker are in flight, so memory does not grow with the size of the input.
    """
    with start_pool(model_name, workers) as pool:
        pending: deque[Future[list[Extraction | QuoteBotError | str]]] = deque()
        try:
            for chunk in chunks(prepared, chunk_chars):
                pending.append(pool.submit(_run_chunk, chunk, batch_size))
                while len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def extract_batch(items: Iterable[BatchItem], settings: Settings, workers: int | None = None,
                  ) -> Iterator[tuple[BatchItem, Extraction | QuoteBotError | str]]:
    """Extract many documents on every core (``nlp.pipe`` in worker processes); yield results in input order.

    Bad documents yield their error (an :class:`InputError` or the reading error) in place of an extraction.
    A small batch, or ``workers=1``, runs in this process.
    """
    item_list = list(items)
    prepared: list[Prepared | QuoteBotError | str] = []
    for item in item_list:
        if item.error is not None:
            prepared.append(item.error)
            continue
        try:
            prepared.append(prepare(item.text, article_date=item.date, max_chars=settings.max_article_chars))
        except QuoteBotError as exc:
            prepared.append(exc)
    good = [p for p in prepared if isinstance(p, Prepared)]
    workers = workers or available_cores()
    results: Iterator[Extraction | QuoteBotError | str]
    if workers > 1 and sum(len(p.parse_text) for p in good) >= MIN_PARALLEL_CHARS:
        results = extract_parallel(good, settings.spacy_model, workers)
    else:
        results = extract_serial(good, settings.spacy_model)
    for item, prep in zip(item_list, prepared, strict=True):
        yield item, next(results) if isinstance(prep, Prepared) else prep
