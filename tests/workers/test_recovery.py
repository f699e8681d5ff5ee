"""Recovery with real worker processes: a killed worker is replaced and its job retried once, a job past the
time limit gets its domain error, and shutdown lets an accepted article be extracted and saved."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.errors import Busy, ExtractionTimeout, WorkerCrashed
from bot.extraction.model import Extraction, Statement
from bot.extraction.pipeline import extract
from bot.service import Actor, Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.workers import ProcessPoolExtractor

if TYPE_CHECKING:
    from spacy.language import Language

ARTICLE = (
    "WASHINGTON (AP) - The Pentagon said on Tuesday that the evacuation would continue.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters.\n'
)
ACTOR = Actor(guild_id=1, user_id=2, is_moderator=False)


def long_text(paragraphs: int) -> str:
    """About 190 characters a paragraph of ordinary news prose: a few seconds to parse per 100 paragraphs."""
    return "\n\n".join(f'"Phase {i} of the airlift is complete," Pentagon spokesman John Kirby told reporters on '
                       f"Monday. He said that phase {i + 1} would start within days." for i in range(paragraphs))


async def wait_for_new_pid(extractor: ProcessPoolExtractor, old: list[int], seconds: float = 60.0) -> list[int]:
    """Wait until the extractor's worker processes differ from ``old`` (a replacement started)."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        pids = extractor.pids()
        if pids and pids != old:
            return pids
        await asyncio.sleep(0.05)
    raise AssertionError("no replacement worker started")


@pytest.mark.slow
async def test_a_worker_killed_mid_job_is_replaced_and_the_job_retried_once(
        nlp: Language, caplog: pytest.LogCaptureFixture) -> None:
    text = long_text(150)
    want = extract(text, nlp=nlp, max_chars=200_000)
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=2, max_chars=200_000)
    try:
        await extractor.warm_up()
        [pid] = extractor.pids()
        job = asyncio.create_task(extractor.extract(text))
        await asyncio.sleep(0.5)  # the job is being parsed in the worker
        with caplog.at_level(logging.WARNING, logger="bot.workers.extractor"):
            os.kill(pid, signal.SIGKILL)  # what the OOM killer does
            assert await job == want
        assert "retrying it once" in caplog.text
        assert extractor.pids() != [pid]
        assert (await extractor.extract(ARTICLE)).statements  # and the next extraction works
    finally:
        await extractor.aclose()


@pytest.mark.slow
async def test_a_job_whose_worker_dies_twice_gets_the_domain_error(caplog: pytest.LogCaptureFixture) -> None:
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=2, max_chars=200_000)
    try:
        await extractor.warm_up()
        first = extractor.pids()
        job = asyncio.create_task(extractor.extract(long_text(600)))  # some 114,000 characters: seconds
        await asyncio.sleep(0.5)
        with caplog.at_level(logging.INFO, logger="bot.workers.extractor"):
            os.kill(first[0], signal.SIGKILL)
            give_up = time.monotonic() + 60
            while "extraction worker replaced" not in caplog.text and time.monotonic() < give_up:
                await asyncio.sleep(0.05)  # the replacement loads its model, then takes the retried job
        await asyncio.sleep(0.5)
        os.kill(extractor.pids()[0], signal.SIGKILL)
        with pytest.raises(WorkerCrashed, match="stopped twice"):
            await job
        assert (await extractor.extract(ARTICLE)).statements
    finally:
        await extractor.aclose()


@pytest.mark.slow
async def test_a_job_past_the_time_limit_gets_the_domain_error_and_the_pool_still_works() -> None:
    extractor = ProcessPoolExtractor(model_name="en_core_web_sm", workers=1, max_concurrent=2, max_chars=200_000,
                                     timeout=1.5)
    try:
        await extractor.warm_up()
        old = extractor.pids()
        with pytest.raises(ExtractionTimeout, match="EXTRACT_TIMEOUT_SECONDS"):
            await extractor.extract(long_text(600))  # some 114,000 characters: far more than 1.5 s to parse
        await wait_for_new_pid(extractor, old)  # the overrunning worker was killed and replaced
        assert (await extractor.extract(ARTICLE)).statements
        assert extractor.in_flight == 0
    finally:
        await extractor.aclose()


def test_the_time_limit_is_a_setting() -> None:
    settings = Settings.from_env({"EXTRACT_TIMEOUT_SECONDS": "7.5", "EXTRACT_WORKERS": "1"})
    assert settings.extract_timeout_seconds == 7.5
    extractor = ProcessPoolExtractor.from_settings(settings)
    try:
        assert extractor.timeout == 7.5
    finally:
        extractor.close()


class SlowExtractor:
    """An extractor that takes ``seconds`` (stands in for a worker busy with an article)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        await asyncio.sleep(self.seconds)
        # One statement: an article with none is not saved (the service refuses it).
        found = Statement(type="indirect", quote=text[:20], start=0, end=20, speaker=None, speaker_mention=None,
                          speaker_role=None, cue=None)
        return Extraction(text=text, statements=(found,))


async def test_closing_the_service_lets_an_article_being_saved_finish(tmp_path: Path) -> None:
    settings = Settings.from_env({})
    service = Service(await Storage.open(tmp_path / "q.db"), SlowExtractor(0.5), settings)
    saving = asyncio.create_task(service.add_text(ACTOR, ARTICLE))
    await asyncio.sleep(0.1)  # being extracted
    await service.close()
    assert (await saving).article.ref
    with pytest.raises(Busy, match="shutting down"):
        await service.add_text(ACTOR, ARTICLE + " More.")
    storage = await Storage.open(tmp_path / "q.db")
    try:
        assert await storage.articles.count(ACTOR.guild_id) == 1
    finally:
        await storage.close()


@pytest.mark.slow
async def test_shutdown_waits_for_an_in_flight_extraction_and_save(tmp_path: Path) -> None:
    from bot.discord.runner import open_deps

    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "q.db"), "EXTRACT_WORKERS": "1"})
    deps = await open_deps(settings)
    for start in deps.on_start:
        await start()
    extractor = deps.runtime.service.extractor
    assert isinstance(extractor, ProcessPoolExtractor)
    await extractor.warm_up()
    # One article in the worker, two accepted and waiting for it: all three are saved.
    saving = [asyncio.create_task(deps.runtime.service.add_text(ACTOR, long_text(n))) for n in (60, 61, 62)]
    give_up = time.monotonic() + 30
    while extractor.in_flight < 3 and time.monotonic() < give_up:  # all three accepted by the extractor
        await asyncio.sleep(0.05)
    assert extractor.in_flight == 3
    for _name, closer in reversed(deps.closers):  # what the bot does on SIGTERM
        await closer()
    assert [len(done.statements) >= 60 for done in await asyncio.gather(*saving)] == [True] * 3
    storage = await Storage.open(tmp_path / "q.db")
    try:
        assert await storage.articles.count(ACTOR.guild_id) == 3
    finally:
        await storage.close()
