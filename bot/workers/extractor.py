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
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, TypeVar, cast

from bot.errors import Busy, ExtractionTimeout, WorkerCrashed
from bot.extraction.parsing import join, paragraphs, parse, parse_pieces, reading_forms
from bot.extraction.pipeline import Prepared, extract_from_doc, prepare
from bot.workers.pool import article_memory, kill_pool, pool_pids, start_pool, worker_model

if TYPE_CHECKING:
    from bot.extraction.model import Extraction
    from bot.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

# Until real durations are measured, assume an extraction takes this long when estimating ``retry_after``.
DEFAULT_EXTRACTION_SECONDS = 5.0
WORKER_NICENESS = 10
# An article is split across idle workers only into groups of at least this many characters: below it the
# extra hop (serialised Docs back, a join in one worker) costs more than the parsing it shares out.
MIN_SPLIT_CHARS = 1_500
# EXTRACT_TIMEOUT_SECONDS when no settings are given: some 8 times what a 200,000-character article of prose
# takes on a loaded 2-core machine (measured: 150,000 characters in 5.1 s at load 4.4).
DEFAULT_TIMEOUT_SECONDS = 60.0
# At shutdown, extractions already accepted get this long to finish before their workers are stopped (under
# the 30 s a service manager commonly allows between SIGTERM and SIGKILL, with time left to save).
SHUTDOWN_GRACE_SECONDS = 20.0
DRAIN_POLL_SECONDS = 0.05


def _worker_ready() -> None:
    """Fail unless this worker's model is loaded (a no-op job that starts a worker and loads its model early)."""
    worker_model()


def _extract_in_worker(prepared: Prepared) -> Extraction:
    """Parse and extract one prepared article in a worker process with its preloaded model."""
    nlp = worker_model()
    with article_memory(nlp):
        return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])))


def _parse_in_worker(pieces: list[str], forms: list[str]) -> bytes:
    """Parse paragraphs of an article (read as ``forms``, see :func:`reading_forms`) in a worker process;
    return them joined, as one serialised Doc."""
    nlp = worker_model()
    with article_memory(nlp):  # the bytes carry their own strings; the worker's vocabulary stays as it was
        # One Doc per group, not per paragraph: (de)serialising costs about 1 ms per Doc (measured).
        return join(list(parse_pieces(nlp, pieces, forms=forms))).to_bytes(exclude=["tensor", "user_data"])


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


def split(prepared: Prepared, free_workers: int) -> list[list[str]]:
    """Cut a prepared text into paragraph groups for up to ``free_workers`` workers (one group: one worker)."""
    groups = min(free_workers, len(prepared.parse_text) // MIN_SPLIT_CHARS)
    if groups < 2:
        return [[prepared.parse_text]]
    return balanced_groups(paragraphs(prepared.parse_text), groups)


def group_forms(prepared: Prepared, groups: list[list[str]]) -> list[list[str]]:
    """Return what the parser reads for each piece of ``groups`` (see :func:`reading_forms`), grouped alike."""
    forms = iter(reading_forms(prepared.parse_text, [piece for group in groups for piece in group]))
    return [[next(forms) for _ in group] for group in groups]


def plan(text: str, *, article_date: str | None, page_date: str | None, posted_date: str | None,
         max_chars: int, free_workers: int) -> tuple[Prepared, list[list[str]]]:
    """Check and prepare the text; cut it into paragraph groups for up to ``free_workers`` workers.

    One group means "extract in one worker". Raises :class:`bot.errors.InputError` subclasses on bad input.
    """
    prepared = prepare(text, article_date=article_date, page_date=page_date, posted_date=posted_date,
                       max_chars=max_chars)
    return prepared, split(prepared, free_workers)


class _Worker:
    """One worker process in a pool of its own, so that one can be killed and replaced without the others."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self.pool = start_pool(model_name, 1, niceness=WORKER_NICENESS)
        self.broken = False  # died or overran: replaced before its next job

    def replace(self) -> None:
        """Kill this worker's process (if still running) and start a fresh one."""
        kill_pool(self.pool)
        self.pool = start_pool(self.model_name, 1, niceness=WORKER_NICENESS)
        self.broken = False


class ProcessPoolExtractor:
    """The ``Extractor`` of :mod:`bot.service`: runs the extraction pipeline in worker processes.

    Each worker runs one job at a time; an extraction past ``timeout`` seconds gets
    :class:`~bot.errors.ExtractionTimeout` and its worker is killed and replaced; an extraction whose worker
    died (the OOM killer) is logged and retried once on a fresh worker, then gets
    :class:`~bot.errors.WorkerCrashed`.
    """

    def __init__(self, *, model_name: str, workers: int, max_concurrent: int, max_chars: int,
                 timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        if workers < 1 or max_concurrent < 1 or timeout <= 0:
            raise ValueError("workers and max_concurrent must be at least 1, timeout more than 0")
        self.model_name = model_name
        self.workers = workers
        self.max_concurrent = max_concurrent
        self.max_chars = max_chars
        self.timeout = timeout
        self._in_flight = 0
        self._mean_seconds = DEFAULT_EXTRACTION_SECONDS
        self._closing = False  # no new work: extractions already accepted finish
        self._closed = False
        # Extraction is batch work; the bot's event loop is latency work. On a machine with as many busy
        # workers as cores, a lower priority for workers keeps the loop scheduled promptly (measured: worst stall).
        self._all = [_Worker(model_name) for _ in range(workers)]
        self._idle = list(self._all)
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._restarts: set[asyncio.Task[None]] = set()

    @classmethod
    def from_settings(cls, settings: Settings) -> ProcessPoolExtractor:
        """Build the extractor from the EXTRACT_WORKERS, MAX_CONCURRENT_EXTRACTIONS and EXTRACT_TIMEOUT_SECONDS
        settings."""
        return cls(model_name=settings.spacy_model, workers=settings.extract_workers,
                   max_concurrent=settings.max_concurrent_extractions, max_chars=settings.max_article_chars,
                   timeout=settings.extract_timeout_seconds)

    @property
    def in_flight(self) -> int:
        """Return how many extractions are running or waiting for a worker right now."""
        return self._in_flight

    def pids(self) -> list[int]:
        """Return the process ids of the running worker processes."""
        return sorted(pid for worker in self._all for pid in pool_pids(worker.pool))

    def retry_after(self) -> float:
        """Estimate in seconds when a slot frees up, from the mean duration of recent extractions."""
        return float(max(1, math.ceil(self._mean_seconds)))

    async def warm_up(self) -> None:
        """Start every worker and load its model now, so the first user does not wait for it."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(w.pool, _worker_ready) for w in self._all))
        log.info("extraction pool ready: %d worker(s) with %s", self.workers, self.model_name)

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        """Extract one article in a worker process; raise :class:`Busy` when the pool is full."""
        if self._closing or self._closed:
            raise Busy("the bot is shutting down; try again in a minute", retry_after=60.0)
        if self._in_flight >= self.max_concurrent:
            wait = self.retry_after()
            raise Busy(f"busy: {self._in_flight} extractions are running; try again in {wait:.0f} s",
                       retry_after=wait)
        self._in_flight += 1
        started = time.monotonic()
        try:
            prepared = await asyncio.to_thread(prepare, text, article_date=article_date, page_date=page_date,
                                               posted_date=posted_date, max_chars=self.max_chars)
            try:
                result = await self._attempt(prepared)
            except BrokenProcessPool:
                log.warning("an extraction worker died during a job (%d chars); retrying it once on a new "
                            "worker", len(text))
                try:
                    result = await self._attempt(prepared)
                except BrokenProcessPool:
                    log.error("an extraction worker died twice on the same job (%d chars)", len(text))
                    raise WorkerCrashed("the extraction worker stopped twice on this article (it may have run "
                                        "out of memory); nothing was saved. Try a shorter text") from None
        finally:
            self._in_flight -= 1
        elapsed = time.monotonic() - started
        self._mean_seconds = 0.7 * self._mean_seconds + 0.3 * elapsed
        log.info("extracted %d chars in %.2f s: %d statement(s)", len(text), elapsed, len(result.statements))
        return result

    async def _attempt(self, prepared: Prepared) -> Extraction:
        """Extract on one worker, or split over several when more are idle; raise BrokenProcessPool."""
        held = [await self._acquire()]
        try:
            held += self._take_idle()
            groups = split(prepared, len(held))
            for worker in held[len(groups):]:
                self._release(worker)
            del held[len(groups):]
            deadline = asyncio.get_running_loop().time() + self.timeout
            if len(groups) == 1:
                return await self._run(held[0], deadline, _extract_in_worker, prepared)
            parsed = await asyncio.gather(*(self._run(worker, deadline, _parse_in_worker, group, forms)
                                            for worker, group, forms in zip(held, groups,
                                                                            group_forms(prepared, groups),
                                                                            strict=True)),
                                          return_exceptions=True)
            for outcome in parsed:
                if isinstance(outcome, BaseException):
                    raise outcome
            return await self._run(held[0], deadline, _extract_parsed_in_worker, prepared,
                                   cast("list[bytes]", parsed))
        finally:
            for worker in held:
                self._release(worker)

    async def _run(self, worker: _Worker, deadline: float, job: Callable[..., T], *args: object) -> T:
        """Run one job on ``worker`` until ``deadline`` (loop time); a worker that dies or overruns is marked."""
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(worker.pool, job, *args),
                                          max(0.0, deadline - loop.time()))
        except TimeoutError:
            worker.broken = True
            log.warning("an extraction ran past %.0f s; its worker is replaced", self.timeout)
            raise ExtractionTimeout(f"this article took longer than {self.timeout:.0f} s to extract (the limit, "
                                    "EXTRACT_TIMEOUT_SECONDS), so it was stopped and nothing was saved. "
                                    "Try a shorter text") from None
        except BrokenProcessPool:
            worker.broken = True
            raise

    async def _acquire(self) -> _Worker:
        """Wait for an idle worker and take it."""
        while not self._idle:
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake()  # woken, then cancelled: pass the turn on
                raise
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
        return self._idle.pop()

    def _take_idle(self) -> list[_Worker]:
        """Take every idle worker (to share an article out), none if others are waiting for one."""
        if self._waiters:
            return []
        taken, self._idle = self._idle, []
        return taken

    def _release(self, worker: _Worker) -> None:
        """Give a worker back; a broken one is replaced (in the background) first."""
        if worker.broken and not self._closed:
            task = asyncio.get_running_loop().create_task(self._restart(worker))
            self._restarts.add(task)
            task.add_done_callback(self._restarts.discard)
            return
        self._give_back(worker)

    def _give_back(self, worker: _Worker) -> None:
        self._idle.append(worker)
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    async def _restart(self, worker: _Worker) -> None:
        """Replace a dead or overrunning worker and load its model before it takes the next job."""
        loop = asyncio.get_running_loop()
        await asyncio.to_thread(worker.replace)
        try:
            await loop.run_in_executor(worker.pool, _worker_ready)
            log.info("extraction worker replaced")
        except Exception:
            # Its next job fails and marks it broken again, so it is replaced again: no worker is lost for good.
            log.exception("a replaced extraction worker failed to start")
        self._give_back(worker)

    def close(self) -> None:
        """Stop the workers: running jobs finish, then the processes exit."""
        if self._closed:
            return
        self._closed = True
        for worker in self._all:
            worker.pool.shutdown(wait=True, cancel_futures=True)
        log.info("extraction pool closed")

    async def aclose(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Stop taking work, let running and waiting extractions finish (up to ``grace`` s), stop the workers."""
        if self._closed:
            return
        self._closing = True
        loop = asyncio.get_running_loop()
        give_up = loop.time() + grace
        while self._in_flight and loop.time() < give_up:
            await asyncio.sleep(DRAIN_POLL_SECONDS)
        # A replacement being started finishes first, so that no new process outlives the pool.
        await asyncio.gather(*self._restarts, return_exceptions=True)
        if self._in_flight:
            log.warning("%d extraction(s) still running after %.0f s: stopped", self._in_flight, grace)
            for worker in self._all:
                kill_pool(worker.pool)
        await loop.run_in_executor(None, self.close)
