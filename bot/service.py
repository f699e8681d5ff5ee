"""The use cases: intake (read -> extract off the event loop -> store), queries and corrections.

Plain types in and out: the command layer passes ids, names and numbers, and gets storage records back.
Dependencies come through the constructor (storage, extractor, link fetcher), so tests and adapters can
choose them.
"""

from __future__ import annotations

import asyncio
import difflib
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from bot.errors import Busy, EmptyInput, NoStatements, NotFound, PermissionDenied, QuoteBotError, UsageError
from bot.extraction.dating import parse_iso_date, strip_date_line
from bot.extraction.model import EXTRACTOR_VERSION
from bot.sources import SourceArticle, fetch_article, is_url, read_file, read_upload
from bot.storage import Storage
from bot.storage.records import (
    STATEMENT_KINDS,
    ArticleRecord,
    LeftOut,
    NewArticle,
    NewStatement,
    Page,
    SourcedStatement,
    SourceRecord,
    SpeakerArticle,
    SpeakerRecord,
    StatementKind,
    StatementPoint,
    StatementRecord,
    is_bare_surname,
    last_key,
    quote_key,
    text_hash,
)
from bot.storage.statements import match_query

if TYPE_CHECKING:
    from bot.extraction.model import Extraction, Statement
    from bot.settings import Settings

log = logging.getLogger(__name__)

# The record types the service hands out; the command layer and adapters import them from here.
__all__ = ["DEFAULT_KIND", "KIND_CHOICES", "MAX_PAGE", "STATEMENT_KINDS", "Actor", "AliasResult", "ArticleChanges",
           "ArticleRecord", "ChartData", "Extractor", "ForgetResult", "IntakeResult", "KindChoice", "LeftOut", "Page",
           "ReextractSummary", "Service", "SourceRecord", "SpeakerArticle", "SpeakerProfile", "SpeakerRecord",
           "StatementKind", "StatementPoint", "StatementRecord", "ThreadExtractor", "TimelineFilter", "is_link",
           "kind_of", "new_statement", "open_service", "split_kinds"]

PER_PAGE = 10
# The last page anyone may ask for (10 per page: a million items); keeps OFFSET far from SQLite's integer range.
MAX_PAGE = 100_000
SUGGESTIONS = 25  # names or ids offered while a user types (Discord shows at most 25)
_STATEMENT_NUMBER = re.compile(r"[Ss]?#?(\d{1,12})")  # what a user types for a statement id: S12, #12, 12
# What a listing shows: one kind, or every kind ("all"). Replies show speech unless asked otherwise.
KindChoice = Literal["speech", "thought", "evidence", "all"]
KIND_CHOICES: tuple[KindChoice, ...] = ("speech", "thought", "evidence", "all")
DEFAULT_KIND: KindChoice = "speech"
# The most statements one chart draws (in timeline order); a chart of 10,000 draws in well under 2 s.
CHART_MAX_POINTS = 20_000
# A speaker profile reads this many of the speaker's statements for its first, last and weekly counts.
PROFILE_MAX_POINTS = 100_000
PROFILE_ARTICLES = 10  # the articles a profile lists (the most recent)
PROFILE_ROLES = 5
# A busy extraction pool during a re-extraction: wait as long as it asks, this many times per article.
REEXTRACT_BUSY_RETRIES = 30
# At shutdown, articles being extracted and saved get this long to finish before the database closes.
INTAKE_GRACE_SECONDS = 25.0
Fetcher = Callable[[str], Awaitable[SourceArticle]]


class Extractor(Protocol):
    """Runs the extraction pipeline somewhere that does not block the event loop."""

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        """Extract the statements of one article."""
        ...


class ThreadExtractor:
    """An :class:`Extractor` that runs the pipeline in one worker thread; the model loads on first use."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        # One thread: the spaCy pipeline is used by one caller at a time, and the model loads exactly once.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")

    def _extract(self, text: str, article_date: str | None, page_date: str | None,
                 posted_date: str | None) -> Extraction:
        from bot.extraction.nlp import load_model
        from bot.extraction.pipeline import extract

        nlp = load_model(self._settings.spacy_model)
        return extract(text, nlp=nlp, article_date=article_date, page_date=page_date, posted_date=posted_date,
                       max_chars=self._settings.max_article_chars)

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        """Extract one article in the worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, partial(self._extract, text, article_date, page_date, posted_date))

    def close(self) -> None:
        """Stop the worker thread (after the running extraction)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks, from where: the guild (0 for the console), the user, their moderator flag, the message."""

    guild_id: int
    user_id: int
    is_moderator: bool = False
    channel_id: int | None = None
    message_url: str | None = None
    posted_at: str | None = None


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What an intake did: the article (new or the one already saved), its statements, and counts."""

    article: ArticleRecord
    statements: tuple[StatementRecord, ...]
    duplicate: bool = False
    new_statements: int = 0
    merged_statements: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ForgetResult:
    """What ``forget`` removed: the item's short id and how many statements went with it."""

    ref: str
    deleted_statements: int


@dataclass(frozen=True, slots=True)
class AliasResult:
    """The speaker an alias now names, and how many statements were merged into it."""

    speaker: SpeakerRecord
    alias: str
    moved_statements: int = 0
    renamed_from: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """What re-extracting one article changed.

    ``kept``: statements found again (same id); ``added``: new statements; ``linked``: new in this article
    but already saved from another one (the article is now one of its sources); ``removed``: statements no
    longer found and deleted; ``detached``: no longer found here but kept for the other articles that report
    them; ``speakers_changed``: statements kept whose speaker the new extractor changed; ``fixes_kept``:
    statements whose speaker a human fixed, kept with that speaker (found again or not); ``forgotten_kept``:
    statements found again that a human forgot, left out.
    """

    article: str
    kept: int = 0
    added: int = 0
    linked: int = 0
    removed: int = 0
    detached: int = 0
    speakers_changed: int = 0
    fixes_kept: int = 0
    forgotten_kept: int = 0


# The statement counts of one article's re-extraction, summed by a run's summary.
CHANGE_COUNTS: tuple[str, ...] = tuple(f.name for f in fields(ArticleChanges) if f.name != "article")


@dataclass(slots=True)
class ReextractSummary:
    """What a re-extraction run did so far: articles handled, statement counts summed, failures."""

    total: int = 0
    reextracted: int = 0
    skipped: int = 0
    kept: int = 0
    added: int = 0
    linked: int = 0
    removed: int = 0
    detached: int = 0
    speakers_changed: int = 0
    fixes_kept: int = 0
    forgotten_kept: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Return how many articles have been handled (re-extracted, skipped or failed)."""
        return self.reextracted + self.skipped + len(self.failures)

    def count(self, changes: ArticleChanges | None) -> None:
        """Add one article's changes (None: skipped, it was already current or is gone)."""
        if changes is None:
            self.skipped += 1
            return
        self.reextracted += 1
        for name in CHANGE_COUNTS:
            setattr(self, name, getattr(self, name) + getattr(changes, name))

    def status(self) -> str:
        """Return the counts for a progress line."""
        return (f"re-extracted {self.reextracted}, skipped {self.skipped}, failed {len(self.failures)}; "
                f"statements kept {self.kept}, added {self.added + self.linked}, removed {self.removed}")


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Optional filters of a timeline: speaker name, article number, inclusive ISO date range."""

    speaker: str | None = None
    article: int | None = None
    date_from: str | None = None
    date_to: str | None = None


@dataclass(frozen=True, slots=True)
class ChartData:
    """The statements a timeline chart draws: timeline order, at most ``CHART_MAX_POINTS`` (``capped`` past it).

    ``date_from``/``date_to`` are the filter's dates as ISO days; ``left_out`` counts the other kinds.
    """

    speaker: SpeakerRecord | None
    points: tuple[StatementPoint, ...]
    capped: bool = False
    date_from: str | None = None
    date_to: str | None = None
    left_out: LeftOut = field(default_factory=LeftOut)


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """One speaker in one server: names, roles seen, statements by kind, first and last dated statement,
    the most recent articles, and the statements as chart points (every kind, timeline order)."""

    speaker: SpeakerRecord
    kinds: tuple[tuple[StatementKind, int], ...]
    roles: tuple[tuple[str, int], ...]
    first: StatementRecord | None
    last: StatementRecord | None
    articles: tuple[SpeakerArticle, ...]
    article_count: int
    points: tuple[StatementPoint, ...]

    @property
    def total(self) -> int:
        """Return the speaker's statements, every kind."""
        return sum(n for _kind, n in self.kinds)


def kind_of(choice: KindChoice) -> StatementKind | None:
    """Return the statement kind a kind choice shows (None for "all": every kind)."""
    if choice == "all":
        return None
    for kind in STATEMENT_KINDS:
        if choice == kind:
            return kind
    raise UsageError(f"kind:{choice} is not a kind; use kind:speech, kind:thought, kind:evidence or kind:all")


def split_kinds(statements: Iterable[StatementRecord],
                choice: KindChoice) -> tuple[tuple[StatementRecord, ...], LeftOut]:
    """Return the statements of the chosen kinds, and how many of each other kind were left out."""
    kind = kind_of(choice)
    shown: list[StatementRecord] = []
    left: dict[str, int] = {}
    for st in statements:
        if kind is None or st.kind == kind:
            shown.append(st)
        else:
            left[st.kind] = left.get(st.kind, 0) + 1
    return tuple(shown), LeftOut(counts=tuple(sorted(left.items())))


# How close a typed name must be to a known one to be suggested: the whole name, or its last word ("Kirbi" is
# close to "John Kirby" by its last word, though not as a whole).
CLOSE_NAME_CUTOFF = 0.6
CLOSE_LAST_NAME_CUTOFF = 0.75
MAX_CLOSE_NAMES = 3


def close_names(name: str, known: Iterable[str]) -> list[str]:
    """Return up to three known names close to ``name``: by the whole name, then by the last word."""
    by_key = {n.casefold(): n for n in known if n.strip()}
    key = " ".join(name.casefold().split())
    found = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=MAX_CLOSE_NAMES,
                                                           cutoff=CLOSE_NAME_CUTOFF)]
    by_last: dict[str, list[str]] = {}
    for k, original in by_key.items():
        by_last.setdefault(k.split()[-1], []).append(original)
    words = key.split()
    for last in difflib.get_close_matches(words[-1], list(by_last), n=MAX_CLOSE_NAMES,
                                          cutoff=CLOSE_LAST_NAME_CUTOFF) if words else []:
        found.extend(n for n in by_last[last] if n not in found)
    return found[:MAX_CLOSE_NAMES]


def new_statement(st: Statement) -> NewStatement:
    """Return the storage record of an extracted statement (the speaker is resolved separately)."""
    return NewStatement(type=st.type, quote=st.quote, start=st.start, end=st.end,
                        speaker_mention=st.speaker_mention, speaker_role=st.speaker_role, cue=st.cue,
                        date=st.date, date_text=st.date_text, date_basis=st.date_basis, kind=st.kind,
                        date_precision=st.date_precision)


def is_link(text: str) -> bool:
    """Return whether a command argument is a link (to fetch) rather than pasted text."""
    return is_url(text)


async def open_service(settings: Settings, extractor: Extractor, db: str | Path | None = None) -> Service:
    """Open the database (``db``, else DATABASE_URL or DATABASE_PATH; migrated) and return the service over it."""
    storage = await Storage.open(db if db is not None else settings.database)
    return Service(storage, extractor, settings)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Service:
    """The bot's use cases over one database."""

    def __init__(self, storage: Storage, extractor: Extractor, settings: Settings,
                 fetcher: Fetcher | None = None) -> None:
        self.storage = storage
        self.extractor = extractor
        self.settings = settings
        self._fetch: Fetcher = fetcher or partial(fetch_article, settings=settings)
        # The extractor version saved articles are brought up to (tests may pretend an upgrade).
        self.extractor_version = EXTRACTOR_VERSION
        self._reextracting = asyncio.Lock()
        self._intakes = 0  # articles being extracted and saved; close() lets them finish
        self._closing = False

    async def close(self, grace: float = INTAKE_GRACE_SECONDS) -> None:
        """Stop taking articles, let those being saved finish (up to ``grace`` s), close the database."""
        self._closing = True
        loop = asyncio.get_running_loop()
        give_up = loop.time() + grace
        while self._intakes and loop.time() < give_up:
            await asyncio.sleep(0.05)
        await self.storage.close()

    # ------------------------------------------------------------------------------------------ intake

    async def add_text(self, actor: Actor, text: str, *, article_date: str | None = None) -> IntakeResult:
        """Extract and save pasted text."""
        return await self.add_source(actor, SourceArticle(text=text), article_date=article_date)

    async def add_link(self, actor: Actor, url: str, *, article_date: str | None = None) -> IntakeResult:
        """Fetch a link safely, then extract and save its article (a link saved before is not fetched)."""
        url = url.strip()
        saved = await self.storage.articles.find_duplicate(actor.guild_id, "", url)
        if saved is not None:
            return await self._duplicate(actor.guild_id, saved)
        source = await self._fetch(url)
        return await self.add_source(actor, source, article_date=article_date)

    async def add_upload(self, actor: Actor, filename: str, data: bytes, *,
                         article_date: str | None = None) -> IntakeResult:
        """Read an uploaded file (.txt, .md, .html), then extract and save it."""
        source = await asyncio.to_thread(read_upload, filename, data, self.settings)
        return await self.add_source(actor, source, article_date=article_date)

    async def add_file(self, actor: Actor, path: Path, *, article_date: str | None = None,
                       keep_empty: bool = False) -> IntakeResult:
        """Read a local file (console and ingest only), then extract and save it."""
        source = await asyncio.to_thread(read_file, self.settings, path)
        return await self.add_source(actor, source, article_date=article_date, keep_empty=keep_empty)

    async def _duplicate(self, guild_id: int, article: ArticleRecord) -> IntakeResult:
        statements = await self.storage.statements.of_article(guild_id, article.id)
        return IntakeResult(article=article, statements=statements, duplicate=True)

    async def add_source(self, actor: Actor, source: SourceArticle, *,
                         article_date: str | None = None, keep_empty: bool = False) -> IntakeResult:
        """Extract an article off the event loop and save it with its statements in one transaction.

        The same article (same URL or same normalised text) is not saved twice: the saved one is returned.
        An article with no statement is not saved (:class:`NoStatements`) unless ``keep_empty`` (bulk
        ingest keeps it, so a rerun skips it as already saved instead of extracting it again).
        """
        if self._closing:
            raise Busy("the bot is shutting down; try again in a minute", retry_after=60.0)
        self._intakes += 1
        try:
            return await self._add_source(actor, source, article_date=article_date, keep_empty=keep_empty)
        finally:
            self._intakes -= 1

    async def _add_source(self, actor: Actor, source: SourceArticle, *,
                          article_date: str | None, keep_empty: bool) -> IntakeResult:
        text = source.text
        if not text.strip():
            raise EmptyInput("there is no text to extract from")
        digest = await asyncio.to_thread(text_hash, text)  # 0.8 s of CPU for a 5 MB upload
        storage = self.storage
        saved = await storage.articles.find_duplicate(actor.guild_id, digest, source.url)
        if saved is not None:
            return await self._duplicate(actor.guild_id, saved)
        extraction = await self.extractor.extract(text, article_date=article_date, page_date=source.date,
                                                  posted_date=actor.posted_at)
        if not extraction.statements and not keep_empty:  # "hello world" is not an article to keep
            raise NoStatements("no statements found; nothing was saved")
        created = _now()
        new = merged = 0
        async with storage.transaction(actor.guild_id):
            saved = await storage.articles.find_duplicate(actor.guild_id, digest, source.url)
            if saved is not None:  # another intake of the same article finished while this one extracted
                return await self._duplicate(actor.guild_id, saved)
            article = await storage.articles.insert(
                NewArticle(guild_id=actor.guild_id, added_by=actor.user_id, text=text, url=source.url,
                           filename=source.filename, title=source.title or _headline(text),
                           channel_id=actor.channel_id,
                           message_url=actor.message_url),
                text_hash=digest, article_date=extraction.article_date, date_source=extraction.date_source,
                extractor_version=extraction.extractor_version, created_at=created)
            for st in extraction.statements:
                speaker_id = await self._speaker_id(actor.guild_id, st, created)
                _id, is_new = await storage.statements.add(actor.guild_id, article.id, speaker_id,
                                                           new_statement(st), extraction.extractor_version,
                                                           created)
                new += is_new
                merged += not is_new
        log.info("saved article %s guild=%d chars=%d statements=%d merged=%d", article.ref, actor.guild_id,
                 len(text), new, merged)
        article = await storage.articles.get_by_id(actor.guild_id, article.id)
        statements = await storage.statements.of_article(actor.guild_id, article.id)
        return IntakeResult(article=article, statements=statements, new_statements=new,
                            merged_statements=merged, warnings=extraction.warnings)

    async def _speaker_id(self, guild_id: int, st: Statement, created: str) -> int | None:
        """Return the row id of the speaker an extracted statement names (None when unattributed)."""
        if not st.speaker:
            return None
        speaker = await self.storage.speakers.resolve_for_intake(guild_id, st.speaker, st.speaker_role, created)
        return speaker.id

    # ----------------------------------------------------------------------------------------- queries

    async def find_speaker(self, guild_id: int, name: str) -> SpeakerRecord:
        """Return the speaker a user means by ``name`` (full name, alias, or an unambiguous last name)."""
        storage = self.storage
        found = await storage.speakers.find(guild_id, name)
        if found is not None:
            return found
        if last_key(name):
            same_last = await storage.speakers.with_last_name(guild_id, name)
            if is_bare_surname(name):
                if len(same_last) == 1:
                    return same_last[0]
                if len(same_last) > 1:
                    names = ", ".join(s.name for s in same_last)
                    raise UsageError(f"“{name}” could be {names}; type the full name")
        close = close_names(name, await storage.speakers.names(guild_id))
        hint = f"; did you mean {' or '.join(close)}?" if close else "; see !speakers"
        raise NotFound(f"no speaker called “{name}” in this server{hint}")

    async def quotes(self, guild_id: int, speaker: str | None = None, page: int = 1,
                     kind: KindChoice = DEFAULT_KIND) -> tuple[SpeakerRecord | None, Page[StatementRecord]]:
        """Return one page of saved statements of a kind (of one speaker, or all), newest first."""
        chosen = kind_of(kind)
        who = await self.find_speaker(guild_id, speaker) if speaker else None
        result = await self.storage.statements.page(guild_id, who.id if who else None, _page(page), PER_PAGE,
                                                    chosen)
        return who, result

    async def speakers(self, guild_id: int, page: int = 1) -> Page[SpeakerRecord]:
        """Return one page of speakers, most quoted first."""
        return await self.storage.speakers.listing(guild_id, _page(page), PER_PAGE)

    async def search(self, guild_id: int, words: str, page: int = 1,
                     kind: KindChoice = DEFAULT_KIND) -> Page[StatementRecord]:
        """Return one page of statements of a kind whose quote or speaker matches every word (stemmed)."""
        chosen = kind_of(kind)
        if match_query(words) is None:
            raise UsageError("give some words to search for, e.g. !search evacuation")
        return await self.storage.statements.search(guild_id, words, _page(page), PER_PAGE, chosen)

    async def _timeline_filters(self, guild_id: int, filters: TimelineFilter,
                                ) -> tuple[SpeakerRecord | None, int | None, str | None, str | None]:
        """Return the speaker, article row id and ISO dates a timeline filter names (checked)."""
        who = await self.find_speaker(guild_id, filters.speaker) if filters.speaker else None
        article_id = None
        if filters.article is not None:
            article_id = (await self.storage.articles.get(guild_id, filters.article)).id
        date_from = parse_iso_date(filters.date_from, "from:").isoformat() if filters.date_from else None
        date_to = parse_iso_date(filters.date_to, "to:").isoformat() if filters.date_to else None
        if date_from and date_to and date_from > date_to:
            raise UsageError(f"from:{date_from} is after to:{date_to}")
        return who, article_id, date_from, date_to

    async def timeline(self, guild_id: int, filters: TimelineFilter, page: int = 1,
                       kind: KindChoice = DEFAULT_KIND) -> tuple[SpeakerRecord | None, Page[StatementRecord]]:
        """Return one page of statements of a kind, oldest first (undated last), filtered."""
        chosen = kind_of(kind)
        who, article_id, date_from, date_to = await self._timeline_filters(guild_id, filters)
        result = await self.storage.statements.timeline(
            guild_id, speaker_id=who.id if who else None, article_id=article_id, date_from=date_from,
            date_to=date_to, page=_page(page), per_page=PER_PAGE, kind=chosen)
        return who, result

    async def timeline_chart(self, guild_id: int, filters: TimelineFilter,
                             kind: KindChoice = DEFAULT_KIND) -> ChartData:
        """Return the statements of a kind a timeline chart draws, with the timeline's filters."""
        chosen = kind_of(kind)
        who, article_id, date_from, date_to = await self._timeline_filters(guild_id, filters)
        statements = self.storage.statements
        speaker_id = who.id if who else None
        points = await statements.points(guild_id, speaker_id=speaker_id, article_id=article_id,
                                         date_from=date_from, date_to=date_to, kind=chosen,
                                         limit=CHART_MAX_POINTS + 1)
        left_out = LeftOut()
        if chosen is not None:  # the listing's count of the other kinds (one page of one row)
            left_out = (await statements.timeline(guild_id, speaker_id=speaker_id, article_id=article_id,
                                                  date_from=date_from, date_to=date_to, page=1, per_page=1,
                                                  kind=chosen)).left_out
        return ChartData(speaker=who, points=points[:CHART_MAX_POINTS], capped=len(points) > CHART_MAX_POINTS,
                         date_from=date_from, date_to=date_to, left_out=left_out)

    async def speaker_profile(self, guild_id: int, name: str) -> SpeakerProfile:
        """Return the profile of the speaker a user means by ``name`` (see :meth:`find_speaker`)."""
        who = await self.find_speaker(guild_id, name)
        statements = self.storage.statements
        counts = await statements.kind_counts_of_speaker(guild_id, who.id)
        points = await statements.points(guild_id, speaker_id=who.id, limit=PROFILE_MAX_POINTS)
        dated = [p for p in points if p.date]
        first = await statements.get(guild_id, dated[0].number) if dated else None
        last = await statements.get(guild_id, dated[-1].number) if len(dated) > 1 else None
        return SpeakerProfile(
            speaker=who, kinds=tuple((k, counts[k]) for k in STATEMENT_KINDS if counts.get(k)),
            roles=await statements.roles_of_speaker(guild_id, who.id, PROFILE_ROLES),
            first=first, last=last,
            articles=await statements.articles_of_speaker(guild_id, who.id, PROFILE_ARTICLES),
            article_count=len(await statements.article_ids_of_speaker(guild_id, who.id)), points=points)

    async def article(self, guild_id: int, number: int) -> tuple[ArticleRecord, tuple[StatementRecord, ...]]:
        """Return an article and the statements it reports (every kind; see :func:`split_kinds`)."""
        article = await self.storage.articles.get(guild_id, number)
        return article, await self.storage.statements.of_article(guild_id, article.id)

    async def statement(self, guild_id: int, number: int) -> StatementRecord:
        """Return one statement with its sources."""
        return await self.storage.statements.get(guild_id, number)

    async def export(self, guild_id: int, speaker: str | None = None, kind: KindChoice = DEFAULT_KIND,
                     ) -> tuple[SpeakerRecord | None, tuple[StatementRecord, ...], LeftOut]:
        """Return every statement of a kind to export (of one speaker, or all) with sources, and the counts
        per kind of those left out."""
        chosen = kind_of(kind)
        who = await self.find_speaker(guild_id, speaker) if speaker else None
        statements, left_out = await self.storage.statements.export(guild_id, who.id if who else None, chosen)
        return who, statements, left_out

    # ------------------------------------------------------------------------------------- suggestions

    async def speakers_like(self, guild_id: int, typed: str, limit: int = SUGGESTIONS) -> list[str]:
        """Return up to ``limit`` speaker names and aliases for what a user has typed so far.

        Names starting with it come first, then names with a word starting with it, then names containing
        it; with nothing typed, the most quoted speakers.
        """
        key = " ".join(typed.casefold().split())
        if not key:
            listing = await self.storage.speakers.listing(guild_id, 1, limit)
            return [s.name for s in listing.items]
        names = sorted(set(await self.storage.speakers.names(guild_id)), key=str.casefold)
        ranked: list[tuple[int, str]] = []
        for name in names:
            folded = name.casefold()
            rank = (0 if folded.startswith(key) else 1 if any(w.startswith(key) for w in folded.split())
                    else 2 if key in folded else None)
            if rank is not None:
                ranked.append((rank, name))
        return [name for _rank, name in sorted(ranked, key=lambda r: r[0])[:limit]]

    async def statements_like(self, guild_id: int, typed: str,
                              limit: int = SUGGESTIONS) -> tuple[StatementRecord, ...]:
        """Return up to ``limit`` statements for what a user has typed so far: the one with that number
        ("S12", "12"), those whose words match (quote or speaker), or with nothing typed the newest."""
        typed = typed.strip()
        if not typed:
            return (await self.storage.statements.page(guild_id, None, 1, limit)).items
        number = _STATEMENT_NUMBER.fullmatch(typed)
        if number:
            try:
                return (await self.storage.statements.get(guild_id, int(number.group(1))),)
            except NotFound:
                return ()
        return (await self.storage.statements.search(guild_id, typed, 1, limit)).items

    # ------------------------------------------------------------------------------------- corrections

    @staticmethod
    def _check_may_change_article(actor: Actor, article: ArticleRecord) -> None:
        """Let an article's adder and moderators change it."""
        if actor.is_moderator or article.added_by == actor.user_id:
            return
        raise PermissionDenied(f"only the person who added {article.ref} or a moderator can change it")

    @staticmethod
    def _check_may_change_statement(actor: Actor, st: StatementRecord) -> None:
        """Let the adder of a statement's first article and moderators correct it.

        Not the adder of any later source: pasting an edited copy of someone's article must not hand over
        its statements.
        """
        if actor.is_moderator or st.added_by == actor.user_id:
            return
        raise PermissionDenied(f"only the person who added {st.ref}'s first article ({st.article_ref}) or a "
                               f"moderator can change {st.ref}")

    @staticmethod
    def _check_moderator(actor: Actor, what: str) -> None:
        """Let only moderators do what changes everybody's data (renaming or merging speakers)."""
        if not actor.is_moderator:
            raise PermissionDenied(f"only a moderator (Manage Messages in this server) can {what}")

    async def fix_speaker(self, actor: Actor, number: int, name: str) -> StatementRecord:
        """Attribute statement ``number`` to the speaker ``name`` (an existing one, or a new one)."""
        name = " ".join(name.split())
        if not name:
            raise UsageError("give the speaker's name, e.g. !fix S12 speaker John Kirby")
        storage = self.storage
        before = await storage.statements.get(actor.guild_id, number)
        self._check_may_change_statement(actor, before)
        async with storage.transaction(actor.guild_id):
            speaker = await storage.speakers.find(actor.guild_id, name)
            if speaker is None:
                speaker = await storage.speakers.create(actor.guild_id, name, None, _now())
            kept = await storage.statements.set_speaker(actor.guild_id, before.id, speaker.id, by_human=True)
            await storage.audit.record(actor.guild_id, actor.user_id, "fix speaker", before.ref,
                                       {"before": before.speaker, "after": speaker.name}, _now())
        log.info("fix %s speaker guild=%d user=%d", before.ref, actor.guild_id, actor.user_id)
        kept_number = await storage.statements.number_of(actor.guild_id, kept)
        return await storage.statements.get(actor.guild_id, kept_number)

    async def alias(self, actor: Actor, name: str, canonical: str) -> AliasResult:
        """Make ``name`` another name of ``canonical``, merging a separate speaker called ``name`` into it."""
        name, canonical = " ".join(name.split()), " ".join(canonical.split())
        if not name or not canonical:
            raise UsageError("type !alias <name> <canonical name>, e.g. !alias Kirby John Kirby")
        # A speaker's name is in every saved quote of the server, whoever added them.
        self._check_moderator(actor, "rename or merge speakers")
        storage = self.storage
        gid = actor.guild_id
        target = await storage.speakers.find(gid, canonical)
        source = await storage.speakers.find(gid, name)
        if target is None and source is None:
            raise NotFound(f"neither “{name}” nor “{canonical}” is a speaker in this server; see !speakers")
        if (target is not None and source is not None and target.id == source.id
                and name.casefold() == target.name.casefold()):
            raise UsageError(f"“{name}” is already the name of that speaker")
        moved = 0
        renamed_from = None
        async with storage.transaction(gid):
            if target is None and source is not None:
                # Only the alias side exists: it takes the canonical name, and keeps its old one as an alias.
                renamed_from = source.name
                await storage.speakers.rename(gid, source.id, canonical)
                await storage.speakers.add_alias(gid, source.id, source.name)
                final_id = source.id
            else:
                assert target is not None
                if source is not None and source.id != target.id:
                    moved = await storage.statements.move_speaker(gid, source.id, target.id)
                    await storage.speakers.merge_into(gid, source, target)
                await storage.speakers.add_alias(gid, target.id, name)
                final_id = target.id
            await storage.audit.record(gid, actor.user_id, "alias", name,
                                       {"alias": name, "canonical": canonical, "merged_statements": moved,
                                        "renamed_from": renamed_from}, _now())
        log.info("alias guild=%d user=%d moved=%d", gid, actor.user_id, moved)
        speaker = await storage.speakers.get(gid, final_id)
        return AliasResult(speaker=speaker, alias=name, moved_statements=moved, renamed_from=renamed_from)

    async def forget_statement(self, actor: Actor, number: int) -> ForgetResult:
        """Delete statement ``number``; re-extracting its articles will not bring it back."""
        storage = self.storage
        st = await storage.statements.get(actor.guild_id, number)
        self._check_may_change_statement(actor, st)
        async with storage.transaction(actor.guild_id):
            await storage.statements.forget(actor.guild_id, st.id, _now())
            await storage.audit.record(actor.guild_id, actor.user_id, "forget", st.ref,
                                       {"speaker": st.speaker, "quote": st.quote}, _now())
        return ForgetResult(ref=st.ref, deleted_statements=1)

    async def forget_article(self, actor: Actor, number: int) -> ForgetResult:
        """Delete article ``number`` and the statements only it reports."""
        storage = self.storage
        article = await storage.articles.get(actor.guild_id, number)
        self._check_may_change_article(actor, article)
        async with storage.transaction(actor.guild_id):
            deleted = await storage.statements.detach_article(actor.guild_id, article.id)
            await storage.articles.delete(actor.guild_id, article.id)
            await storage.audit.record(actor.guild_id, actor.user_id, "forget", article.ref,
                                       {"url": article.url, "title": article.title,
                                        "deleted_statements": deleted}, _now())
        return ForgetResult(ref=article.ref, deleted_statements=deleted)

    # ------------------------------------------------------------------------------------ re-extraction

    async def stale_articles(self, guild_id: int | None) -> list[tuple[int, int]]:
        """Return (guild id, row id) of the saved articles (of one guild, or all) from another extractor."""
        return await self.storage.articles.stale(guild_id, self.extractor_version)

    async def reextract_for(self, actor: Actor, *, on_article: Callable[[ReextractSummary], None] | None = None,
                            ) -> ReextractSummary:
        """Re-extract the actor's guild's articles saved by an older extractor (moderators only)."""
        if not actor.is_moderator:
            raise PermissionDenied("only a moderator (Manage Messages) can re-extract the saved articles")
        return await self.reextract(actor.guild_id, on_article=on_article)

    async def reextract(self, guild_id: int | None, *, concurrency: int = 1,
                        on_article: Callable[[ReextractSummary], None] | None = None,
                        summary: ReextractSummary | None = None) -> ReextractSummary:
        """Run the current extractor again over the saved articles (of one guild, or all) of another version.

        Each article is one transaction, so an interrupted run keeps what it finished and the next run skips
        it. Human corrections survive (see :meth:`reextract_article`). One run at a time per service.
        """
        if self._reextracting.locked():
            raise Busy("a re-extraction is already running; wait for its summary", retry_after=60)
        async with self._reextracting:
            todo = await self.stale_articles(guild_id)
            return await self._reextract_all(todo, summary or ReextractSummary(), concurrency, on_article)

    async def _reextract_all(self, todo: list[tuple[int, int]], summary: ReextractSummary, concurrency: int,
                             on_article: Callable[[ReextractSummary], None] | None) -> ReextractSummary:
        summary.total = summary.done + len(todo)
        shared = iter(todo)

        async def runner() -> None:
            for gid, article_id in shared:  # shared iterator: each runner takes the next article
                try:
                    summary.count(await self._reextract_retrying(gid, article_id))
                except QuoteBotError as exc:
                    summary.failures.append((f"article {article_id} (guild {gid})", str(exc)))
                if on_article is not None:
                    on_article(summary)

        tasks = [asyncio.create_task(runner()) for _ in range(max(1, concurrency))]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        log.info("re-extraction: %d article(s) re-extracted, %d skipped, %d failed", summary.reextracted,
                 summary.skipped, len(summary.failures))
        return summary

    async def _reextract_retrying(self, guild_id: int, article_id: int) -> ArticleChanges | None:
        for _attempt in range(REEXTRACT_BUSY_RETRIES):
            try:
                return await self.reextract_article(guild_id, article_id)
            except Busy as exc:  # the pool is full of users' extractions: they go first
                await asyncio.sleep(max(0.1, exc.retry_after))
        return await self.reextract_article(guild_id, article_id)

    async def reextract_article(self, guild_id: int, article_id: int) -> ArticleChanges | None:
        """Re-extract one saved article and reconcile its statements, keeping every human correction.

        A statement found again (same span in this article, else the same normalised quote) keeps its id and
        short number and takes the new extraction's fields; its speaker follows the new extraction unless a
        human fixed it (``!fix``), and speakers resolve through aliases and merges as at intake. A statement
        no longer found loses this article as a source, and is deleted when no other article reports it,
        unless a human fixed its speaker (then it stays). A new statement is added the way intake adds one
        (joining the same statement saved from another article), unless a human forgot it in this article.
        Returns None when the article is gone or already current.
        """
        storage = self.storage
        try:
            article = await storage.articles.get_by_id(guild_id, article_id)
        except NotFound:
            return None
        if article.extractor_version == self.extractor_version:
            return None
        text = await storage.articles.text(guild_id, article_id)
        # The stored article date was decided at intake (request, date line, page or posting time): keep it.
        extraction = await self.extractor.extract(text, article_date=article.article_date)
        async with storage.transaction(guild_id):
            try:
                current = await storage.articles.get_by_id(guild_id, article_id)
            except NotFound:  # forgotten while it was being extracted
                return None
            if current.extractor_version == self.extractor_version:
                return None
            changes = await self._reconcile(guild_id, current, extraction)
            await storage.articles.set_extractor_version(guild_id, article_id, extraction.extractor_version)
        log.info("re-extracted %s guild=%d kept=%d added=%d removed=%d", article.ref, guild_id, changes.kept,
                 changes.added + changes.linked, changes.removed)
        return changes

    async def _reconcile(self, guild_id: int, article: ArticleRecord, extraction: Extraction) -> ArticleChanges:
        storage = self.storage
        statements = storage.statements
        created = _now()
        version = extraction.extractor_version
        saved = await statements.sourced_in(guild_id, article.id)
        forgotten = await statements.forgotten_keys(guild_id, article.id)
        found = [(st, new_statement(st)) for st in extraction.statements]
        pairs = _match_statements(saved, [new for _st, new in found])
        counts = dict.fromkeys(CHANGE_COUNTS, 0)
        matched = {old.id for old in pairs if old is not None}
        for (st, new), old in zip(found, pairs, strict=True):
            if old is None:
                continue
            counts["kept"] += 1
            await statements.refresh(guild_id, old, article.id, new, version)
            if old.speaker_fixed:
                counts["fixes_kept"] += 1
                continue
            speaker_id = await self._speaker_id(guild_id, st, created)
            if speaker_id != old.speaker_id:
                # The new speaker may already have the same quote: the two become one, which is found too.
                matched.add(await statements.set_speaker(guild_id, old.id, speaker_id))
                counts["speakers_changed"] += 1
        for old in saved:
            if old.id in matched:
                continue
            if old.speaker_fixed and old.source_count <= 1:
                counts["fixes_kept"] += 1  # a human vouched for it: it stays although not found again
                continue
            deleted = await statements.remove_from_article(guild_id, old, article.id)
            counts["removed" if deleted else "detached"] += 1
        for (st, new), old in zip(found, pairs, strict=True):
            if old is not None:
                continue
            if quote_key(new.quote) in forgotten:
                counts["forgotten_kept"] += 1
                continue
            speaker_id = await self._speaker_id(guild_id, st, created)
            _id, is_new = await statements.add(guild_id, article.id, speaker_id, new, version, created)
            counts["added" if is_new else "linked"] += 1
        return ArticleChanges(article=article.ref, **counts)


def _match_statements(saved: list[SourcedStatement],
                      found: list[NewStatement]) -> list[SourcedStatement | None]:
    """Pair each newly found statement with a saved one of the article, one to one: the same span first,
    then the same normalised quote (in text order); None where it is new."""
    by_span: dict[tuple[int, int], list[SourcedStatement]] = {}
    by_key: dict[str, list[SourcedStatement]] = {}
    for old in saved:
        by_span.setdefault((old.start, old.end), []).append(old)
        by_key.setdefault(old.quote_key, []).append(old)
    used: set[int] = set()
    pairs: list[SourcedStatement | None] = [None] * len(found)

    def take(candidates: list[SourcedStatement]) -> SourcedStatement | None:
        for old in candidates:
            if old.id not in used:
                used.add(old.id)
                return old
        return None

    for i, new in enumerate(found):
        pairs[i] = take(by_span.get((new.start, new.end), []))
    for i, new in enumerate(found):
        if pairs[i] is None:
            pairs[i] = take(by_key.get(quote_key(new.quote), []))
    return pairs


def _headline(text: str, limit: int = 80) -> str | None:
    """Return the first line of a pasted article (after its date line, if any) as its title."""
    for raw in strip_date_line(text).splitlines():
        line = raw.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return None


def _page(page: int) -> int:
    if page < 1:
        raise UsageError("page numbers start at 1")
    if page > MAX_PAGE:
        raise UsageError(f"there is no page {page:,}: pages go up to {MAX_PAGE:,}")
    return page
