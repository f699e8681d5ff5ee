"""The service with the real extraction engine (ThreadExtractor on the seed article) and its date rules."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.errors import EmptyInput, NoStatements, PermissionDenied
from bot.extraction.model import Extraction
from bot.service import Actor, Service, ThreadExtractor
from bot.settings import Settings
from bot.sources import SourceArticle
from bot.storage import Storage

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_92e1eb94dd366c5a.txt"
ACTOR = Actor(guild_id=1, user_id=1, posted_at="2021-10-05")


@pytest.fixture(scope="module")
def extractor() -> Iterator[ThreadExtractor]:
    ex = ThreadExtractor(Settings.from_env({}))
    yield ex
    ex.close()


@pytest.fixture
async def service(database: str | Path, extractor: ThreadExtractor) -> AsyncIterator[Service]:
    storage = await Storage.open(database)
    yield Service(storage, extractor, Settings.from_env({}))
    await storage.close()


async def test_seed_article_is_extracted_and_saved(service: Service) -> None:
    result = await service.add_file(ACTOR, SEED)
    assert not result.duplicate
    assert result.article.article_date == "2021-09-02" and result.article.date_source == "date line"
    speakers = {s.speaker for s in result.statements}
    assert "John Kirby" in speakers
    who, page = await service.quotes(1, "Kirby")
    assert who is not None and who.name == "John Kirby" and page.total >= 1
    assert any("mission" in s.quote for s in page.items)
    # Ingesting the same file again is a no-op (console seeding is idempotent).
    again = await service.add_file(ACTOR, SEED)
    assert again.duplicate and again.article.ref == "A1"
    assert (await service.storage.statements.page(1, None, 1, 100)).total == len(result.statements)


async def test_article_date_precedence(service: Service) -> None:
    text = "“We will leave on time,” said Pentagon spokesman John Kirby."
    posted = await service.add_text(ACTOR, text)
    assert (posted.article.article_date, posted.article.date_source) == ("2021-10-05", "posted")
    explicit = await service.add_text(ACTOR, "date 2021-08-20\n" + text, article_date="2021-08-01")
    assert (explicit.article.article_date, explicit.article.date_source) == ("2021-08-01", "request")
    line = await service.add_text(ACTOR, "date 2021-08-21\n" + text + " ")
    assert (line.article.article_date, line.article.date_source) == ("2021-08-21", "date line")


async def test_extraction_runs_off_the_event_loop(tmp_path: Path) -> None:
    seen: list[str] = []

    class Recording(ThreadExtractor):
        def _extract(self, text: str, article_date: str | None, page_date: str | None,
                     posted_date: str | None) -> Extraction:
            seen.append(threading.current_thread().name)
            if text == "slow":
                time.sleep(0.3)
            return Extraction(text=text, statements=())

    ex = Recording(Settings.from_env({}))
    try:
        result = await ex.extract("some text")
        assert result.statements == () and seen[0].startswith("extract")
        assert seen[0] != threading.main_thread().name
        # While an extraction runs, the event loop keeps running other work.
        slow = asyncio.create_task(ex.extract("slow"))
        await asyncio.sleep(0.05)
        assert not slow.done()
        await slow
    finally:
        ex.close()


async def test_empty_text_is_refused(service: Service) -> None:
    with pytest.raises(EmptyInput):
        await service.add_text(ACTOR, "   \n ")


async def test_an_article_with_no_statements_is_not_saved(service: Service) -> None:
    with pytest.raises(NoStatements, match="no statements found; nothing was saved"):
        await service.add_text(ACTOR, "hello world")
    assert (await service.storage.statements.page(1, None, 1, 100)).total == 0
    with pytest.raises(NoStatements):  # not saved, so not a duplicate either: asked again, told again
        await service.add_text(ACTOR, "hello world")


async def test_bulk_ingest_keeps_an_article_with_no_statements(service: Service, tmp_path: Path) -> None:
    result = await service.add_source(ACTOR, SourceArticle(text="hello world"), keep_empty=True)
    assert not result.duplicate and result.statements == ()
    again = await service.add_source(ACTOR, SourceArticle(text="hello world"), keep_empty=True)
    assert again.duplicate  # a rerun of the ingest skips it instead of extracting it again


@pytest.mark.parametrize("date_line", ["date 2021-08-21", "date: 2021-08-21", "Date:\t2021-08-21",
                                       "\n date 2021-08-21"])
async def test_a_date_line_is_never_the_title(service: Service, date_line: str) -> None:
    """The title is the first line after the date line, whichever form of it the pipeline reads."""
    text = f"{date_line}\nKirby on the withdrawal\n“We will leave on time,” said Pentagon spokesman John Kirby."
    result = await service.add_text(ACTOR, text)
    assert result.article.date_source == "date line"
    assert result.article.title == "Kirby on the withdrawal"


async def test_reextract_with_the_real_extractor_keeps_corrections_and_ids(service: Service) -> None:
    from bot.storage import NewStatement

    result = await service.add_file(ACTOR, SEED)
    saved = {s.number: s for s in result.statements}
    assert len(saved) >= 4
    fixed, forgotten, missed = sorted(saved)[:3]
    storage = service.storage
    # An older extractor: another version, one statement it did not find, and a junk line it took for one.
    async with storage.transaction():
        await storage.conn.execute("UPDATE articles SET extractor_version = '0-old'")
        await storage.conn.execute("UPDATE statements SET extractor_version = '0-old'")
        await storage.statements.delete(1, saved[missed].id)
        junk = NewStatement(type="direct", quote="Related links", start=0, end=13)
        await storage.statements.add(1, result.article.id, None, junk, "0-old", "t")
    await service.fix_speaker(ACTOR, fixed, "Admiral John Kirby")
    await service.forget_statement(ACTOR, forgotten)
    before = {s.number: s for s in (await service.article(1, 1))[1]}

    summary = await service.reextract(1)
    assert (summary.reextracted, summary.failures) == (1, [])
    assert (summary.added, summary.removed, summary.fixes_kept, summary.forgotten_kept) == (1, 1, 1, 1)
    assert summary.kept == len(saved) - 2
    after = {s.number: s for s in (await service.article(1, 1))[1]}
    assert after[fixed].speaker == "Admiral John Kirby" and after[fixed].quote == saved[fixed].quote
    assert forgotten not in after and "Related links" not in {s.quote for s in after.values()}
    kept = [n for n in before if n in after]
    assert kept == [n for n in saved if n not in (forgotten, missed)]  # the same ids for the same statements
    assert all(after[n].quote == saved[n].quote and after[n].extractor_version != "0-old" for n in kept)
    (readded,) = [s for n, s in after.items() if n not in saved]
    assert readded.quote == saved[missed].quote and readded.number > max(before)
    assert await service.stale_articles(None) == []


async def test_corrections_belong_to_the_first_articles_adder_and_aliases_to_moderators(service: Service) -> None:
    quote = "“We will leave on time,” said Pentagon spokesman John Kirby."
    first = await service.add_text(ACTOR, quote)
    (st,) = first.statements
    copier = Actor(guild_id=1, user_id=2)
    copy = await service.add_text(copier, quote + "\n\nThe briefing ended at noon.")
    assert copy.merged_statements == 1 and copy.article.added_by == 2  # the copy is now a source of st
    with pytest.raises(PermissionDenied, match="first article"):
        await service.fix_speaker(copier, st.number, "Someone Else")
    with pytest.raises(PermissionDenied):
        await service.forget_statement(copier, st.number)
    for actor in (ACTOR, copier):
        with pytest.raises(PermissionDenied, match="moderator"):
            await service.alias(actor, "Kirby", "Someone Else")
    assert (await service.statement(1, st.number)).speaker == "John Kirby"
    moderator = Actor(guild_id=1, user_id=3, is_moderator=True)
    assert (await service.alias(moderator, "Kirby", "John Kirby")).speaker.name == "John Kirby"
    assert (await service.fix_speaker(ACTOR, st.number, "Admiral John Kirby")).speaker == "Admiral John Kirby"
