"""Extraction off the event loop: a process pool whose workers load the spaCy model once each.

The parse of a long article takes seconds of pure CPU; in the bot's process that would freeze the gateway
heartbeat and every other command. :class:`ProcessPoolExtractor` hands the text to a worker process and
awaits the result, and refuses work with :class:`bot.errors.Busy` once ``max_concurrent`` extractions are
in flight, so a burst of pastes queues nowhere and the user hears "busy, try again in N s" at once.

When workers are idle, one article is parsed by several of them at once: its paragraphs are split into
groups of about equal length, each group is parsed in its own worker and sent back as serialised Docs, and one
worker joins them and runs the rules. Paragraphs are parsed independently on every path (see
:mod:`bot.extraction.parsing`), so the statements are the same as from one worker or from the console.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.errors import Busy
from bot.extraction.parsing import join, paragraphs, parse, parse_pieces
from bot.extraction.pipeline import Prepared, extract_from_doc, prepare
from bot.workers.pool import article_memory, start_pool, worker_model

if TYPE_CHECKING:
    from bot.extraction.model import Extraction
    from bot.settings import Settings

log = logging.getLogger(__name__)

# Until real durations are measured, assume an extraction takes this long when estimating ``retry_after``.
DEFAULT_EXTRACTION_SECONDS = 5.0
WORKER_NICENESS = 10
# An article is split across idle workers only into groups of at least this many characters: below it the
# extra hop (serialised Docs back, a join in one worker) costs more than the parsing it shares out.
MIN_SPLIT_CHARS = 1_500


def _worker_ready() -> None:
    """Fail unless this worker's model is loaded (a no-op job that starts a worker and loads its model early)."""
    worker_model()


def _extract_in_worker(prepared: Prepared) -> Extraction:
    """Parse and extract one prepared article in a worker process with its preloaded model."""
    nlp = worker_model()
    with article_memory(nlp):
        return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))


def _parse_in_worker(pieces: list[str]) -> bytes:
    """Parse paragraphs of an article in a worker process; return them joined, as one serialised Doc."""
    nlp = worker_model()
    with article_memory(nlp):  # the bytes carry their own strings; the worker's vocabulary stays as it was
        # One Doc per group, not per paragraph: (de)serialising costs about 1 ms per Doc (measured).
        return join(list(parse_pieces(nlp, pieces))).to_bytes(exclude=["tensor", "user_data"])


def _extract_parsed_in_worker(prepared: Prepared, parsed: list[bytes]) -> Extraction:
    """Join the groups parsed by :func:`_parse_in_worker` (in order) and run the rules on the article."""
    from spacy.tokens import Doc

    nlp = worker_model()
    with article_memory(nlp):
        return extract_from_doc(prepared, join([Doc(nlp.vocab).from_bytes(data) for data in parsed]))


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


def plan(text: str, *, article_date: str | None, page_date: str | None, posted_date: str | None,
         max_chars: int, free_workers: int) -> tuple[Prepared, list[list[str]]]:
    """Check and prepare the text; cut it into paragraph groups for up to ``free_workers`` workers.

    One group means "extract in one worker". Raises :class:`bot.errors.InputError` subclasses on bad input.
    """
    prepared = prepare(text, article_date=article_date, page_date=page_date, posted_date=posted_date,
                       max_chars=max_chars)
    groups = min(free_workers, len(prepared.parse_text) // MIN_SPLIT_CHARS)
    if groups < 2:
        return prepared, [[prepared.parse_text]]
    return prepared, balanced_groups(paragraphs(prepared.parse_text), groups)


class ProcessPoolExtractor:
    """The ``Extractor`` of :mod:`bot.service`: runs the extraction pipeline in worker processes."""

    def __init__(self, *, model_name: str, workers: int, max_concurrent: int, max_chars: int) -> None:
        if workers < 1 or max_concurrent < 1:
            raise ValueError("workers and max_concurrent must be at least 1")
        self.model_name = model_name
        self.workers = workers
        self.max_concurrent = max_concurrent
        self.max_chars = max_chars
        self._in_flight = 0
        self._mean_seconds = DEFAULT_EXTRACTION_SECONDS
        self._closed = False
        # Extraction is batch work; the bot's event loop is latency work. On a machine with as many busy
        # workers as cores, a lower priority for workers keeps the loop scheduled promptly (measured: worst stall).
        self._pool = start_pool(model_name, workers, niceness=WORKER_NICENESS)

    @classmethod
    def from_settings(cls, settings: Settings) -> ProcessPoolExtractor:
        """Build the extractor from the EXTRACT_WORKERS and MAX_CONCURRENT_EXTRACTIONS settings."""
        return cls(model_name=settings.spacy_model, workers=settings.extract_workers,
                   max_concurrent=settings.max_concurrent_extractions, max_chars=settings.max_article_chars)

    @property
    def in_flight(self) -> int:
        """Return how many extractions are running or queued in the pool right now."""
        return self._in_flight

    def retry_after(self) -> float:
        """Estimate in seconds when a slot frees up, from the mean duration of recent extractions."""
        return float(max(1, math.ceil(self._mean_seconds)))

    async def warm_up(self) -> None:
        """Start every worker and load its model now, so the first user does not wait for it."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._pool, _worker_ready) for _ in range(self.workers)))
        log.info("extraction pool ready: %d worker(s) with %s", self.workers, self.model_name)

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        """Extract one article in a worker process; raise :class:`Busy` when the pool is full."""
        if self._closed:
            raise Busy("the bot is shutting down; try again in a minute", retry_after=60.0)
        if self._in_flight >= self.max_concurrent:
            wait = self.retry_after()
            raise Busy(f"busy: {self._in_flight} extractions are running; try again in {wait:.0f} s",
                       retry_after=wait)
        self._in_flight += 1
        started = time.monotonic()
        try:
            free = self.workers - (self._in_flight - 1)
            prepared, groups = await asyncio.to_thread(
                plan, text, article_date=article_date, page_date=page_date, posted_date=posted_date,
                max_chars=self.max_chars, free_workers=free)
            loop = asyncio.get_running_loop()
            if len(groups) == 1:
                result = await loop.run_in_executor(self._pool, _extract_in_worker, prepared)
            else:
                parsed = await asyncio.gather(*(loop.run_in_executor(self._pool, _parse_in_worker, group)
                                                for group in groups))
                result = await loop.run_in_executor(self._pool, _extract_parsed_in_worker, prepared, parsed)
        finally:
            self._in_flight -= 1
        elapsed = time.monotonic() - started
        self._mean_seconds = 0.7 * self._mean_seconds + 0.3 * elapsed
        log.info("extracted %d chars in %.2f s: %d statement(s)", len(text), elapsed, len(result.statements))
        return result

    def close(self) -> None:
        """Stop the workers: queued jobs are cancelled, running ones finish."""
        if self._closed:
            return
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        log.info("extraction pool closed")

    async def aclose(self) -> None:
        """Stop the workers without blocking the event loop."""
        if self._closed:
            return
        await asyncio.get_running_loop().run_in_executor(None, self.close)
