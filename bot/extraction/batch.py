"""Parsing and batch extraction: paragraphs parsed with ``nlp.pipe``, on every core for big batches.

Every paragraph is parsed on its own and the paragraphs are joined back into one Doc per article. Measured on
PolNeAR (dev and train), the model parses paragraphs alone at least as well as whole articles (a blank line
carries no syntax the parser needs, and a parse never runs across one), batches small pieces evenly, and makes
the result independent of how an article is cut up: a paragraph parses the same in any batch and any process,
so :mod:`bot.workers` can parse the paragraphs of one article in several processes at once and still give the
statements the console gives.

Batch extraction: one worker process per core, each loading the model once and extracting chunks of about
``CHUNK_CHARS`` characters; the rules run in the worker too, so only small :class:`Extraction` objects cross
back. Each chunk is parsed inside ``nlp.memory_zone()``, which frees the strings and lexemes the chunk added to
the vocabulary, so a worker's memory stays flat over thousands of documents. Pure: spaCy + stdlib.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
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
# Paragraphs go through nlp.pipe in batches of about this many characters (at most PIPE_BATCH_SIZE pieces):
# parse memory grows with the characters in a batch, not with the length of the article.
PIPE_BATCH_CHARS = 20_000
PIPE_BATCH_SIZE = 64
# Parse memory also grows with the length of one doc (a 100,000-character doc takes some 350 MB more to
# parse): a paragraph longer than this is cut further (see ``segments``).
SEGMENT_CHARS = 20_000
# A paragraph ends at a blank line, or at a line break after sentence-final punctuation (a line break inside a
# sentence, as in hard-wrapped text, is not a paragraph break). The whitespace stays with the paragraph before.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|(?<=[.!?\"\u201d\u2019)])[^\S\n]*\n\s*")
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
    """Cut ``text`` into pieces of at most ``size`` characters: after a line break where possible, else after a
    sentence end (". "), else at a space, else anywhere.

    The pieces join back to exactly ``text``.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = -1
        for mark in ("\n", ". ", " "):
            found = text.rfind(mark, start + 1, window_end - len(mark) + 1)
            if found > start:
                cut = found + len(mark)
                break
        if cut <= start:  # one unbroken run of characters: cut anywhere
            cut = window_end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def paragraphs(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """Cut ``text`` into its paragraphs (see ``PARAGRAPH_BREAK``), none longer than ``size`` characters.

    The pieces join back to exactly ``text``; none is empty unless ``text`` is, and only the last (or one cut
    by size) can be all whitespace.
    """
    pieces: list[str] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        end = match.end()
        if end < len(text) and not text[start:end].isspace():  # blank lines stay with the paragraph after
            pieces.extend(segments(text[start:end], size))
            start = end
    pieces.extend(segments(text[start:], size))
    return pieces


def parse_pieces(nlp: Language, pieces: Iterable[str], batch_size: int = PIPE_BATCH_SIZE,
                 batch_chars: int = PIPE_BATCH_CHARS) -> Iterator[Doc]:
    """Parse ``pieces`` in order, in ``nlp.pipe`` batches of about ``batch_chars`` characters."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= batch_chars or len(batch) >= batch_size:
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def join(docs: Sequence[Doc]) -> Doc:
    """Join the parsed paragraphs of one text back into one Doc whose text is exactly the text's."""
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    # spaCy 3.8 takes ``exclude`` (the rules read no tensors); its type stub does not list it yet.
    return Doc.from_docs(list(docs), ensure_whitespace=False,
                         exclude=["tensor", "user_data"])  # type: ignore[call-arg]


def parse(nlp: Language, texts: Iterable[str], batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` in order, paragraph by paragraph (batched across texts); yield one joined Doc per text."""
    split = [paragraphs(text) for text in texts]
    docs = parse_pieces(nlp, (piece for pieces in split for piece in pieces), batch_size)
    for pieces in split:
        yield join([next(docs) for _ in pieces])


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


@contextmanager
def article_memory(nlp: Language) -> Iterator[None]:
    """Bound a long-running worker's memory around one unit of work (an article, a chunk).

    ``nlp.memory_zone()`` frees the strings and lexemes the work added to the vocabulary; afterwards freed heap
    memory goes back to the system, even when the work raised.
    """
    try:
        with nlp.memory_zone():
            yield
    finally:
        release_memory()


def extract_prepared_text(nlp: Language, prepared: Prepared) -> Extraction:
    """Extract one prepared article for a long-running worker, inside :func:`article_memory`."""
    from bot.extraction.pipeline import extract_from_doc

    with article_memory(nlp):
        return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))


def balanced_groups(pieces: Sequence[str], groups: int) -> list[list[str]]:
    """Split ``pieces`` in order into at most ``groups`` runs of about equal total length (none empty)."""
    total = sum(len(piece) for piece in pieces)
    out: list[list[str]] = []
    current: list[str] = []
    done = 0
    for piece in pieces:
        boundary = total * (len(out) + 1) / groups
        # Start a new group before a piece whose middle lies past this group's share.
        if current and len(out) < groups - 1 and done + len(piece) / 2 > boundary:
            out.append(current)
            current = []
        current.append(piece)
        done += len(piece)
    out.append(current)
    return out


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
    with article_memory(nlp):
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
    return results


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


def watch_parent() -> None:
    """Exit this worker process when its parent dies (after kill -9 pool workers would linger, holding memory)."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def init_worker(model_name: str) -> None:
    """Pool initializer: watch for the parent's death, then load the model once in this worker process."""
    global _worker_nlp
    from bot.extraction.nlp import load_model

    watch_parent()  # a parent killed with SIGKILL must not leave its workers behind, holding memory
    _worker_nlp = load_model(model_name)


def worker_model() -> Language:
    """Return the model :func:`init_worker` loaded in this worker process."""
    if _worker_nlp is None:
        raise RuntimeError("worker initializer did not run")
    return _worker_nlp


def _run_chunk(prepared: list[Prepared], batch_size: int) -> list[Extraction | QuoteBotError | str]:
    return extract_prepared(worker_model(), prepared, batch_size)


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_worker,
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
