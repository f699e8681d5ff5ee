"""Bulk ingest: ``python -m bot ingest PATH`` saves a folder of article files or a JSONL file, on every core.

Articles go through the same use case as a paste (:meth:`bot.service.Service.add_source`): the text is
extracted in a pool of worker processes, one per core, and each article is saved with its statements in one
transaction. The run is resumable: an article already in the database (same normalised text) is skipped
before extraction, so a rerun after an interruption, even ``kill -9``, continues where it stopped, and
nothing is saved twice.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from bot.errors import InputError, QuoteBotError
from bot.service import Actor, Service
from bot.settings import Settings
from bot.sources import ACCEPTED_EXTENSIONS, JSONL_EXTENSIONS, SourceArticle
from bot.sources.jsonl import (
    DEFAULT_MAX_LINE_BYTES,
    clean_text,
    count_lines,
    max_line_bytes,
    open_jsonl,
    read_jsonl,
)
from bot.storage import Storage
from bot.storage.database import database_target, display_target
from bot.workers import ProcessPoolExtractor
from bot.workers.pool import available_cores

log = logging.getLogger(__name__)

INGEST_USER = 0
# Jobs per worker kept in flight, so a worker never waits for the next article to be read and hashed.
JOBS_PER_WORKER = 2
# Per-article INFO lines of these loggers would scroll the progress bar away; the summary replaces them.
_CHATTY_LOGGERS = ("bot.service", "bot.workers")


@dataclass(frozen=True, slots=True)
class IngestItem:
    """One input: a file to read, or a JSONL record (text and date), or the reason it cannot be read."""

    key: str
    path: Path | None = None
    text: str | None = None
    date: str | None = None
    source_name: str | None = None
    error: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did: counts, and each failure with its reason."""

    total: int = 0
    saved: int = 0
    skipped: int = 0
    statements: int = 0
    merged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Return how many inputs have been handled (saved, skipped or failed)."""
        return self.saved + self.skipped + len(self.failures)

    def status(self) -> str:
        """Return the counts for a progress line."""
        return f"saved {self.saved}, skipped {self.skipped}, failed {len(self.failures)}"


class Counts(Protocol):
    """What a progress bar shows of a run: how many items are done, and its counts in words."""

    @property
    def done(self) -> int:
        """Return how many items have been handled."""
        ...

    def status(self) -> str:
        """Return the counts for a progress line."""
        ...


def jsonl_items(path: Path, max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[IngestItem]:
    """Yield the records of a JSONL file ({"id", "text", "date"?} per line); bad lines carry their error."""
    with open_jsonl(path) as fh:
        for line in read_jsonl(fh, max_bytes):
            key = f"line {line.lineno}"
            obj = line.record
            if obj is None:
                yield IngestItem(key, error=line.error or "not valid JSON")
                continue
            if obj.get("id") is not None:
                key = f"{key} (id {_shown_id(obj['id'])})"
            text, date = obj.get("text"), obj.get("date")
            if not isinstance(text, str):
                yield IngestItem(key, error="needs a string 'text' field")
            elif date is not None and not isinstance(date, str):
                yield IngestItem(key, error="'date' must be a string YYYY-MM-DD")
            else:
                name = f"{path.name}#{_shown_id(obj['id']) if obj.get('id') is not None else line.lineno}"
                yield IngestItem(key, text=text, date=date, source_name=name)


def _shown_id(value: object) -> str:
    """Return an id as text that any terminal and the database can hold (lone surrogates escaped)."""
    return clean_text(str(value)) if isinstance(value, str) else str(value)


def folder_items(folder: Path) -> list[IngestItem]:
    """Return the article files of a folder (the ACCEPTED_EXTENSIONS), sorted by name."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot read the folder {folder}: {exc.strerror or exc}") from None
    return [IngestItem(p.name, path=p) for p in entries if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS]


def count_inputs(path: Path, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> int:
    """Return how many inputs ``path`` holds (files of a folder, non-blank lines of a JSONL file, or 1)."""
    if path.is_dir():
        return len(folder_items(path))
    if path.suffix.lower() in JSONL_EXTENSIONS:
        with open_jsonl(path) as fh:
            return count_lines(fh, max_line_bytes)
    return 1


def input_items(path: Path, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[IngestItem]:
    """Return the inputs of PATH (a folder of article files, a JSONL file, or one article file), checked now."""
    if path.is_dir():
        return iter(folder_items(path))
    if not path.is_file():
        raise InputError(f"no such file or folder: {path}")
    if path.suffix.lower() in JSONL_EXTENSIONS:
        return jsonl_items(path, max_line_bytes)
    if path.suffix.lower() in ACCEPTED_EXTENSIONS:
        return iter([IngestItem(path.name, path=path)])
    accepted = ", ".join([*ACCEPTED_EXTENSIONS, *sorted(JSONL_EXTENSIONS)])
    raise InputError(f"{path.name}: give a folder of article files or a file ending in {accepted}")


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """A plain-text progress bar with rate and ETA: redrawn in place on a terminal, a line now and then if not.

    The rate counts the last minute of finished articles, so skipped ones at the start of a resumed run
    do not make the estimate optimistic for long.
    """

    WIDTH = 24
    WINDOW = 60.0

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic,
                 every: float = 0.5, log_every: float = 10.0) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.tty = stream.isatty()
        self.every = every if self.tty else log_every
        self._last_draw = -1e9
        self._finished: deque[float] = deque()

    def line(self, summary: Counts) -> str:
        """Return the progress line for ``summary``."""
        now = self.clock()
        while self._finished and now - self._finished[0] >= self.WINDOW:
            self._finished.popleft()
        done = summary.done
        share = done / self.total if self.total else 1.0
        filled = int(self.WIDTH * share)
        span = min(self.WINDOW, now - self.started)
        rate = len(self._finished) / span if span > 0 and self._finished else 0.0
        eta = _clock((self.total - done) / rate) if rate > 0 else "--:--"
        return (f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{self.total} {100 * share:3.0f}% "
                f"{rate:5.2f} articles/s  ETA {eta}  {summary.status()}")

    def update(self, summary: Counts, *, finished: bool = True, force: bool = False) -> None:
        """Count one finished article and redraw when it is time to."""
        now = self.clock()
        if finished:
            self._finished.append(now)
        if not force and now - self._last_draw < self.every:
            return
        self._last_draw = now
        if self.tty:
            self.stream.write("\r" + self.line(summary) + "\x1b[K")
        else:
            self.stream.write(self.line(summary) + "\n")
        self.stream.flush()

    def close(self, summary: Counts) -> None:
        """Draw the final state and end the line."""
        self.update(summary, finished=False, force=True)
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


async def _ingest_one(service: Service, actor: Actor, item: IngestItem, summary: IngestSummary) -> None:
    if item.error is not None:
        summary.failures.append((item.key, item.error))
        return
    try:
        if item.path is not None:
            result = await service.add_file(actor, item.path, keep_empty=True)
        else:
            source = SourceArticle(text=item.text or "", filename=item.source_name)
            result = await service.add_source(actor, source, article_date=item.date, keep_empty=True)
    except BrokenProcessPool:
        raise
    except QuoteBotError as exc:
        summary.failures.append((item.key, str(exc)))
        return
    except Exception as exc:  # one bad article must not end a long backfill
        log.exception("ingest of %s failed", item.key)
        summary.failures.append((item.key, f"internal error ({exc.__class__.__name__}; see the log)"))
        return
    if result.duplicate:
        summary.skipped += 1
    else:
        summary.saved += 1
        summary.statements += result.new_statements
        summary.merged += result.merged_statements


async def ingest(service: Service, items: Iterator[IngestItem], actor: Actor, summary: IngestSummary,
                 progress: Progress | None, concurrency: int) -> None:
    """Save every item through ``service`` with ``concurrency`` articles in flight; fill ``summary``."""

    async def runner() -> None:
        for item in items:  # shared iterator: each runner takes the next input
            await _ingest_one(service, actor, item, summary)
            if progress is not None:
                progress.update(summary)

    tasks = [asyncio.create_task(runner()) for _ in range(max(1, concurrency))]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)




def format_summary(summary: IngestSummary, source: Path, db: str | Path, seconds: float) -> list[str]:
    """Return the summary lines printed at the end of an ingest."""
    rate = summary.saved / seconds if seconds > 0 else 0.0
    lines = [
        f"ingest of {source}: {summary.done} of {summary.total} input(s) handled in {_clock(seconds)} "
        f"({rate:.2f} new articles/s); database {display_target(db)}",
        f"  saved    {summary.saved} new article(s) with {summary.statements} new statement(s)"
        + (f" ({summary.merged} more merged into statements already saved)" if summary.merged else ""),
        f"  skipped  {summary.skipped} already saved",
        f"  failed   {len(summary.failures)}" + (":" if summary.failures else ""),
    ]
    lines.extend(f"    {key}: {reason}" for key, reason in summary.failures)
    if summary.interrupted:
        lines.append("interrupted: run the same command again to continue where it stopped")
    return lines


async def _run(settings: Settings, items: Iterator[IngestItem], guild_id: int, db: str | Path,
               summary: IngestSummary, progress: Progress) -> None:
    workers = available_cores()
    storage = await Storage.open_writable(db)  # a read-only database: said once, before any worker starts
    extractor = ProcessPoolExtractor(model_name=settings.spacy_model, workers=workers,
                                     max_concurrent=workers * JOBS_PER_WORKER,
                                     max_chars=settings.max_article_chars)
    try:
        service = Service(storage, extractor, settings)
        actor = Actor(guild_id=guild_id, user_id=INGEST_USER, is_moderator=True)
        log.info("ingesting %d input(s) with %d worker process(es) into %s", summary.total, workers,
                 display_target(db))
        await ingest(service, items, actor, summary, progress, workers * JOBS_PER_WORKER)
    except BrokenProcessPool:
        raise QuoteBotError("an extraction worker process died (the model could not be loaded, or it ran out "
                            "of memory; see the messages above). What was saved is kept: run the same "
                            "command again to continue.") from None
    finally:
        await extractor.aclose()
        await storage.close()


def run_ingest(settings: Settings, path: Path, guild_id: int, db: str | None) -> int:
    """Save every article of PATH for ``guild_id``; print progress and a summary; return the exit code.

    The exit code is 0 when every input was saved or already saved, 1 when some failed, 130 on Ctrl-C.
    """
    line_cap = max_line_bytes(settings.max_article_chars)
    items = input_items(path, line_cap)
    target = database_target(db, settings.database)
    summary = IngestSummary(total=count_inputs(path, line_cap))
    progress = Progress(summary.total, sys.stderr)
    quiet = settings.log_level != "DEBUG"
    levels = {name: logging.getLogger(name).level for name in _CHATTY_LOGGERS}
    if quiet:
        for name in _CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    started = time.monotonic()
    code = 0
    try:
        asyncio.run(_run(settings, items, guild_id, target, summary, progress))
    except KeyboardInterrupt:
        summary.interrupted = True
        code = 130
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        progress.close(summary)
        for line in format_summary(summary, path, target, time.monotonic() - started):
            print(line)
    if code == 0 and summary.failures:
        code = 1
    return code
