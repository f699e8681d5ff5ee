"""``python -m bot reextract``: bring saved articles up to the current extractor, with a progress bar.

The use case is :meth:`bot.service.Service.reextract`: articles whose stored ``extractor_version`` differs
from the current one are extracted again in a pool of worker processes and reconciled one transaction per
article, keeping every human correction. An interrupted run (Ctrl-C, ``kill -9``) keeps what it finished;
the same command continues, since articles already at the current version are skipped.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from bot.commands.core import reextract_lines
from bot.errors import QuoteBotError
from bot.extraction.model import EXTRACTOR_VERSION
from bot.ingest import JOBS_PER_WORKER, Progress
from bot.service import ReextractSummary, Service
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.database import database_target, display_target
from bot.workers import ProcessPoolExtractor
from bot.workers.pool import available_cores

log = logging.getLogger(__name__)

# Per-article INFO lines would scroll the progress bar away; the summary replaces them.
_CHATTY_LOGGERS = ("bot.service", "bot.workers")


def format_summary(summary: ReextractSummary, db: str | Path, seconds: float, interrupted: bool) -> list[str]:
    """Return the lines printed at the end of a re-extraction run."""
    lines = [f"re-extraction of {display_target(db)}: {summary.done} of {summary.total} article(s) handled in "
             f"{seconds:.1f} s"]
    lines.extend("  " + line for line in reextract_lines(summary))
    if interrupted:
        lines.append("interrupted: run the same command again to continue where it stopped")
    return lines


async def _run(settings: Settings, guild_id: int | None, db: str | Path,
               summary: ReextractSummary) -> None:
    storage = await Storage.open_writable(db)  # a read-only database: said once, before any worker starts
    try:
        stale = len(await storage.articles.stale(guild_id, EXTRACTOR_VERSION))
        if not stale:
            return
        # No more workers than articles: each one loads the model.
        workers = max(1, min(available_cores(), stale))
        extractor = ProcessPoolExtractor(model_name=settings.spacy_model, workers=workers,
                                         max_concurrent=workers * JOBS_PER_WORKER,
                                         max_chars=settings.max_article_chars)
        progress = Progress(stale, sys.stderr)
        log.info("re-extracting %d article(s) with %d worker process(es) in %s", stale, workers, db)
        try:
            service = Service(storage, extractor, settings)
            await service.reextract(guild_id, concurrency=workers * JOBS_PER_WORKER, summary=summary,
                                    on_article=progress.update)
        except BrokenProcessPool:
            raise QuoteBotError("an extraction worker process died (the model could not be loaded, or it ran "
                                "out of memory). What was re-extracted is kept: run the same command again "
                                "to continue.") from None
        finally:
            progress.close(summary)
            await extractor.aclose()
    finally:
        await storage.close()


def run_reextract(settings: Settings, guild_id: int | None, db: str | None) -> int:
    """Re-extract the saved articles (of one guild, or all) from older extractors; return the exit code.

    The exit code is 0 when every article was brought up to date, 1 when some failed, 130 on Ctrl-C.
    """
    target = database_target(db, settings.database)
    if isinstance(target, Path) and not target.exists():
        raise QuoteBotError(f"no database at {target} (DATABASE_PATH or --db)")
    summary = ReextractSummary()
    levels = {name: logging.getLogger(name).level for name in _CHATTY_LOGGERS}
    if settings.log_level != "DEBUG":
        for name in _CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    started = time.monotonic()
    interrupted = False
    try:
        asyncio.run(_run(settings, guild_id, target, summary))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        for line in format_summary(summary, target, time.monotonic() - started, interrupted):
            print(line)
    if interrupted:
        return 130
    return 1 if summary.failures else 0
