"""Batch extraction on every core: chunks of documents parsed with ``nlp.pipe`` in worker processes.

Parsing is nearly all of the cost (the rules take a few per cent of it), so the batch path spends its
effort there: one worker process per core, each loading the model once and parsing chunks of about
``CHUNK_CHARS`` characters with ``nlp.pipe``; the rules run in the worker too, so only small
:class:`Extraction` objects cross back. Each chunk is parsed inside ``nlp.memory_zone()``, which frees the
strings and lexemes the chunk added to the vocabulary, so a worker's memory stays flat over thousands of
documents. Pure: spaCy + stdlib.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from typing import TYPE_CHECKING

from bot.errors import QuoteBotError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from bot.extraction.model import Extraction
    from bot.extraction.pipeline import Prepared

log = logging.getLogger(__name__)

# About two seconds of parsing per chunk: large enough for nlp.pipe to batch, small enough that the
# last chunks of a run keep every core busy and results stream out steadily.
CHUNK_CHARS = 40_000
CHUNK_MAX_DOCS = 32
PIPE_BATCH_SIZE = 8
# Parse memory grows with the length of a doc (a 100,000-character article takes some 350 MB more to parse);
# longer texts are parsed in segments of at most this many characters, cut at paragraph breaks, and joined
# back into one Doc, so memory is bounded whatever MAX_ARTICLE_CHARS allows. News articles rarely reach it.
SEGMENT_CHARS = 20_000
# Below this many characters a process pool costs more (a model load per worker) than it saves.
MIN_PARALLEL_CHARS = 60_000
ENGINE_FAILURE = "internal error in the extraction engine (logged); please report this document"

_worker_nlp: Language | None = None


def available_cores() -> int:
    """Return how many CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def segments(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters, at paragraph breaks where possible (else spaces).

    The pieces join back to exactly ``text``.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n\n", start + 1, start + size)
        cut = cut + 2 if cut > start else text.rfind(" ", start + 1, start + size) + 1
        if cut <= start:  # one unbroken run of characters: cut anywhere
            cut = start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Iterable[str], batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` in order with ``nlp.pipe``; a long text segment by segment, joined back into one Doc."""
    from spacy.tokens import Doc

    pending: list[str] = []
    for text in texts:
        parts = segments(text, SEGMENT_CHARS)
        if len(parts) == 1:
            pending.append(text)
            continue
        yield from nlp.pipe(pending, batch_size=batch_size)
        pending = []
        # One segment at a time: a batch of segments would cost as much memory as the whole text.
        yield Doc.from_docs([nlp(part) for part in parts], ensure_whitespace=False)
    yield from nlp.pipe(pending, batch_size=batch_size)


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> None:
    """Hand freed heap memory back to the system (glibc), so a worker shrinks again after a long article."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def extract_text(nlp: Language, text: str, *, article_date: str | None = None, page_date: str | None = None,
                 posted_date: str | None = None, max_chars: int = 200_000) -> Extraction:
    """Extract one article like :func:`bot.extraction.pipeline.extract`, with bounded, returned memory.

    For the long-running workers of the bot: long texts are parsed in segments, the memory zone frees the
    strings the article added to the vocabulary, and freed memory goes back to the system.
    """
    from bot.extraction.pipeline import extract_from_doc, prepare

    prepared = prepare(text, article_date=article_date, page_date=page_date, posted_date=posted_date,
                       max_chars=max_chars)
    try:
        with nlp.memory_zone():
            return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))
    finally:
        release_memory()


def _extract_one(nlp: Language, prepared: Prepared) -> Extraction | QuoteBotError | str:
    from bot.extraction.pipeline import extract_from_doc

    try:
        return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))
    except QuoteBotError as exc:
        return exc
    except Exception:  # an engine bug must cost one document, not the whole batch
        log.exception("extraction failed on a document of %d chars", len(prepared.original))
        return ENGINE_FAILURE


def extract_prepared(nlp: Language, prepared: Sequence[Prepared],
                     batch_size: int = PIPE_BATCH_SIZE) -> list[Extraction | QuoteBotError | str]:
    """Parse ``prepared`` texts with ``nlp.pipe`` in one memory zone and run the rules on each doc."""
    from bot.extraction.pipeline import extract_from_doc

    results: list[Extraction | QuoteBotError | str] = []
    with nlp.memory_zone():
        docs = parse(nlp, [p.parse_text for p in prepared], batch_size=batch_size)
        try:
            for prep, doc in zip(prepared, docs, strict=False):
                try:
                    results.append(extract_from_doc(prep, doc))
                except QuoteBotError as exc:
                    results.append(exc)
                except Exception:
                    log.exception("extraction failed on a document of %d chars", len(prep.original))
                    results.append(ENGINE_FAILURE)
        except Exception:  # the parser itself failed inside a batch: finish the chunk one document at a time
            log.exception("nlp.pipe failed; parsing the rest of the chunk one document at a time")
            results.extend(_extract_one(nlp, prep) for prep in prepared[len(results):])
    release_memory()
    return results


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


def watch_parent() -> None:
    """Exit this worker process when its parent dies (after kill -9 pool workers would linger, holding memory)."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def _init_worker(model_name: str) -> None:
    """Load the model once in a fresh worker process and watch for the parent's death."""
    global _worker_nlp
    from bot.extraction.nlp import load_model

    watch_parent()
    _worker_nlp = load_model(model_name)


def _run_chunk(prepared: list[Prepared], batch_size: int) -> list[Extraction | QuoteBotError | str]:
    if _worker_nlp is None:
        raise RuntimeError("batch worker initializer did not run")
    return extract_prepared(_worker_nlp, prepared, batch_size)


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


def extract_serial(prepared: Iterable[Prepared], model_name: str, *, chunk_chars: int = CHUNK_CHARS,
                   batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Extraction | QuoteBotError | str]:
    """Extract documents in this process, chunk by chunk; yield one result per document, in input order."""
    from bot.extraction.nlp import load_model

    nlp: Language | None = None
    for chunk in chunks(prepared, chunk_chars):
        nlp = nlp or load_model(model_name)
        yield from extract_prepared(nlp, chunk, batch_size)


def extract_parallel(prepared: Iterable[Prepared], model_name: str, workers: int, *,
                     chunk_chars: int = CHUNK_CHARS,
                     batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Extraction | QuoteBotError | str]:
    """Extract documents in ``workers`` processes; yield one result per document, in input order.

    At most two chunks per worker are in flight, so memory does not grow with the size of the input.
    """
    context = multiprocessing.get_context("spawn")  # a forked child would inherit the caller's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(model_name,)) as pool:
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
