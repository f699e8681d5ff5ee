"""The statements repository: save with dedupe, page, search (FTS5 or tsvector), timeline, corrections."""

from __future__ import annotations

from typing import Any

from bot.errors import NotFound
from bot.storage.database import Database, Params, Row
from bot.storage.records import (
    STATEMENT_KINDS,
    LeftOut,
    NewStatement,
    Page,
    SourcedStatement,
    SourceRecord,
    SpeakerArticle,
    StatementKind,
    StatementPoint,
    StatementRecord,
    quote_key,
)
from bot.storage.search import match_query

__all__ = ["StatementRepository", "match_query"]

COUNT_CAP = 10_000  # listings say "10,000 or more" past this rather than count every row
# Counting search matches past a page is work per match; the count stops here ("1,000 or more").
SEARCH_COUNT_CAP = 1_000
SOURCES_CHUNK = 500  # under SQLite's limit of bound parameters


def _source(row: Row) -> SourceRecord:
    return SourceRecord(article_id=row[1], article_number=row[2], url=row[3], title=row[4],
                        message_url=row[5], added_by=row[6], start=row[7], end=row[8])


def _statement(row: Row, sources: tuple[SourceRecord, ...] = ()) -> StatementRecord:
    return StatementRecord(
        id=row["id"], guild_id=row["guild_id"], number=row["number"], type=row["type"], kind=row["kind"],
        quote=row["quote"], speaker_fixed=bool(row["speaker_fixed"]),
        speaker_id=row["speaker_id"], speaker=row["speaker"], speaker_mention=row["speaker_mention"],
        speaker_role=row["speaker_role"], cue=row["cue"], start=row["start"], end=row["end"],
        date=row["date"], date_text=row["date_text"], date_basis=row["date_basis"],
        date_precision=row["date_precision"], extractor_version=row["extractor_version"],
        created_at=row["created_at"], article_id=row["article_id"], article_number=row["article_number"],
        article_url=row["article_url"], article_title=row["article_title"], message_url=row["message_url"],
        added_by=row["added_by"], sources=sources,
    )


class StatementRepository:
    """Statements of every guild; each method takes the guild id and never sees another guild's rows."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sql = db.sql

    async def _rows(self, query: str, params: Params) -> list[Row]:
        return await self._db.fetch(query, params)

    async def _count(self, query: str, params: Params) -> int:
        rows = await self._rows(query, params)
        return int(rows[0][0]) if rows else 0

    async def _kind_counts(self, query: str, params: dict[str, Any], cap: int) -> tuple[int, bool, LeftOut]:
        """Run a per-kind count; return the count of the asked kind, whether it is capped, and the rest."""
        kind = params["kind"]
        counts = {str(r[0]): int(r[1]) for r in await self._rows(query, params)}
        total = counts.pop(kind, 0)
        others = tuple((k, n) for k, n in sorted(counts.items()) if n)
        return total, total >= cap, LeftOut(counts=others, capped=any(n >= cap for _k, n in others))

    async def _with_sources(self, rows: list[Row]) -> tuple[StatementRecord, ...]:
        by_statement: dict[int, list[SourceRecord]] = {int(r["id"]): [] for r in rows}
        ids = list(by_statement)
        for i in range(0, len(ids), SOURCES_CHUNK):
            chunk = ids[i:i + SOURCES_CHUNK]
            query = self._sql.STATEMENT_SOURCES_OF.format(marks=", ".join("?" * len(chunk)))
            for r in await self._rows(query, tuple(chunk)):
                by_statement[int(r[0])].append(_source(r))
        return tuple(_statement(row, tuple(by_statement[int(row["id"])])) for row in rows)

    async def add(self, guild_id: int, article_id: int, speaker_id: int | None, st: NewStatement,
                  extractor_version: str, created_at: str) -> tuple[int, bool]:
        """Save a statement of an article, or add the article as a source of the same statement.

        The same statement is the same speaker with the same normalised quote. Returns (row id, was new).
        """
        key = quote_key(st.quote)
        existing = await self._rows(self._sql.STATEMENT_FIND_SAME, (guild_id, key, speaker_id, article_id))
        if existing:
            statement_id = int(existing[0][0])
            await self._db.execute(self._sql.SOURCE_INSERT, (statement_id, article_id, st.start, st.end))
            return statement_id, False
        number = await self._count(self._sql.STATEMENT_NEXT_NUMBER, (guild_id, guild_id))
        new_id = await self._db.insert(self._sql.STATEMENT_INSERT, (
            guild_id, number, article_id, speaker_id, st.type, st.kind, st.quote, key, st.start, st.end,
            st.speaker_mention, st.speaker_role, st.cue, st.date, st.date_text, st.date_basis,
            st.date_precision, extractor_version, created_at,
        ))
        await self._db.execute(self._sql.SOURCE_INSERT, (new_id, article_id, st.start, st.end))
        return new_id, True

    async def get(self, guild_id: int, number: int) -> StatementRecord:
        """Return the guild's statement with this short number (with sources) or raise :class:`NotFound`."""
        rows = await self._rows(self._sql.STATEMENT_BY_NUMBER, (guild_id, number))
        if not rows:
            raise NotFound(f"there is no statement S{number} in this server")
        return (await self._with_sources(rows))[0]

    async def _listing(self, params: dict[str, Any], order: str, page: int,
                       per_page: int) -> Page[StatementRecord]:
        """Return one page of a listing (filters: the non-None ``params``), with its counts."""
        params = {k: v for k, v in params.items() if v is not None}
        filters = set(params) - {"guild"}
        if "kind" in params:
            total, capped, left_out = await self._kind_counts(self._sql.kind_counts_query(filters, STATEMENT_KINDS),
                                                              {**params, "cap": COUNT_CAP}, COUNT_CAP)
        else:
            total = await self._count(self._sql.listing_count_query(filters), {**params, "cap": COUNT_CAP})
            capped, left_out = total >= COUNT_CAP, LeftOut()
        rows = [] if not total else await self._rows(
            self._sql.listing_query(filters, order), {**params, "limit": per_page, "offset": (page - 1) * per_page})
        return Page(items=await self._with_sources(rows), page=page, per_page=per_page, total=total,
                    capped=capped, left_out=left_out)

    async def page(self, guild_id: int, speaker_id: int | None, page: int, per_page: int,
                   kind: StatementKind | None = None) -> Page[StatementRecord]:
        """Return one page of the guild's statements (of one speaker, or all; of one kind, or all), newest first.

        With a kind, ``left_out`` counts the statements of the other kinds the same listing holds.
        """
        return await self._listing({"guild": guild_id, "speaker": speaker_id, "kind": kind}, self._sql.NEWEST_FIRST,
                                   page, per_page)

    async def search(self, guild_id: int, query: str, page: int, per_page: int,
                     kind: StatementKind | None = None) -> Page[StatementRecord]:
        """Return one page of statements (of one kind, or all) matching the words (quote or speaker, stemmed)."""
        match = self._sql.search_match(guild_id, query)
        if match is None:
            return Page(items=(), page=page, per_page=per_page, total=0)
        params: dict[str, Any] = {"match": match, "guild": guild_id, "kind": kind, "cap": SEARCH_COUNT_CAP}
        if kind is None:
            total = await self._count(self._sql.STATEMENTS_SEARCH_COUNT, params)
            capped, left_out = total >= SEARCH_COUNT_CAP, LeftOut()
        else:
            # One pass over the first matches counts every kind: past the cap, each count is a lower bound.
            counts = {str(r[0]): int(r[1]) for r in await self._rows(self._sql.STATEMENTS_SEARCH_KIND_COUNTS, params)}
            capped = sum(counts.values()) >= SEARCH_COUNT_CAP
            total = counts.pop(kind, 0)
            left_out = LeftOut(counts=tuple(sorted(counts.items())), capped=capped)
        rows = await self._rows(self._sql.STATEMENTS_SEARCH, {**params, "limit": per_page,
                                                        "offset": (page - 1) * per_page})
        return Page(items=await self._with_sources(rows), page=page, per_page=per_page, total=total,
                    capped=capped, left_out=left_out)

    async def timeline(self, guild_id: int, *, speaker_id: int | None = None, article_id: int | None = None,
                       date_from: str | None = None, date_to: str | None = None, page: int = 1,
                       per_page: int = 10, kind: StatementKind | None = None) -> Page[StatementRecord]:
        """Return one page of statements oldest first, undated last, filtered by speaker/article/dates/kind."""
        return await self._listing({"guild": guild_id, "speaker": speaker_id, "article": article_id,
                                    "date_from": date_from, "date_to": date_to, "kind": kind},
                                   self._sql.TIMELINE_ORDER, page, per_page)

    async def of_article(self, guild_id: int, article_id: int) -> tuple[StatementRecord, ...]:
        """Return the statements an article reports, in text order."""
        return await self._with_sources(await self._rows(self._sql.STATEMENTS_OF_ARTICLE, (article_id, guild_id)))

    async def export(self, guild_id: int, speaker_id: int | None, kind: StatementKind | None = None,
                     ) -> tuple[tuple[StatementRecord, ...], LeftOut]:
        """Return every statement (of the guild or one speaker; of one kind, or all) with sources, oldest short
        id first, and what is left out per kind."""
        params: dict[str, Any] = {"guild": guild_id, "speaker": speaker_id, "kind": kind}
        rows = await self._rows(self._sql.STATEMENTS_EXPORT, params)
        left_out = LeftOut()
        if kind is not None:
            filters = {"speaker", "kind"} if speaker_id is not None else {"kind"}
            given = {k: v for k, v in params.items() if v is not None}
            _total, _capped, left_out = await self._kind_counts(self._sql.kind_counts_query(filters, STATEMENT_KINDS),
                                                                {**given, "cap": COUNT_CAP}, COUNT_CAP)
        return await self._with_sources(rows), left_out

    async def _fold(self, guild_id: int, source_id: int, target_id: int) -> None:
        """Move one statement's sources to another (same speaker, same quote) and delete it."""
        await self._db.execute(self._sql.SOURCES_MOVE, (target_id, source_id))
        await self._db.execute(self._sql.STATEMENT_INHERIT_FIXED, (target_id, source_id))
        await self._db.execute(self._sql.STATEMENT_DELETE, (guild_id, source_id))

    async def set_speaker(self, guild_id: int, statement_id: int, speaker_id: int | None, *,
                          by_human: bool = False) -> int:
        """Attribute a statement to another speaker; if that speaker already has it, merge the two.

        ``by_human`` marks the statement that carries it afterwards as fixed (re-extraction keeps its
        speaker). Returns that statement's row id.
        """
        kept = await self._set_speaker(guild_id, statement_id, speaker_id)
        if by_human:
            await self._db.execute(self._sql.STATEMENT_MARK_FIXED, (guild_id, kept))
        return kept

    async def _set_speaker(self, guild_id: int, statement_id: int, speaker_id: int | None) -> int:
        rows = await self._rows(self._sql.STATEMENT_QUOTE_KEY, (guild_id, statement_id))
        if not rows:
            raise NotFound("that statement does not exist in this server")
        same = await self._rows(self._sql.STATEMENT_FIND_SAME, (guild_id, rows[0][0], speaker_id, -1))
        if same and int(same[0][0]) != statement_id:
            target = int(same[0][0])
            await self._fold(guild_id, statement_id, target)
            return target
        await self._db.execute(self._sql.STATEMENT_SET_SPEAKER, (speaker_id, guild_id, statement_id))
        return statement_id

    async def move_speaker(self, guild_id: int, source_speaker: int, target_speaker: int) -> int:
        """Give all of one speaker's statements to another, merging duplicates; return how many moved."""
        rows = await self._rows(self._sql.STATEMENTS_OF_SPEAKER_KEYS, (guild_id, source_speaker))
        for row in rows:
            await self.set_speaker(guild_id, int(row[0]), target_speaker)
        return len(rows)

    async def delete(self, guild_id: int, statement_id: int) -> None:
        """Delete a statement and its sources."""
        await self._db.execute(self._sql.STATEMENT_DELETE, (guild_id, statement_id))

    async def forget(self, guild_id: int, statement_id: int, created_at: str) -> None:
        """Delete a statement and leave a tombstone in each article that reported it (re-extraction skips it)."""
        await self._db.execute(self._sql.FORGOTTEN_INSERT, (created_at, guild_id, statement_id))
        await self.delete(guild_id, statement_id)

    async def forgotten_keys(self, guild_id: int, article_id: int) -> set[str]:
        """Return the quote keys of the statements forgotten in this article (or, logged before, anywhere)."""
        return {str(r[0]) for r in await self._rows(self._sql.FORGOTTEN_KEYS, (guild_id, article_id))}

    async def sourced_in(self, guild_id: int, article_id: int) -> list[SourcedStatement]:
        """Return the statements an article reports, with their offsets in it, in text order."""
        return [SourcedStatement(id=int(r[0]), number=int(r[1]), quote_key=str(r[2]),
                                 speaker_id=None if r[3] is None else int(r[3]), speaker_fixed=bool(r[4]),
                                 start=int(r[5]), end=int(r[6]), is_primary=bool(r[7]), source_count=int(r[8]))
                for r in await self._rows(self._sql.STATEMENTS_SOURCED_IN, (guild_id, article_id))]

    async def refresh(self, guild_id: int, found: SourcedStatement, article_id: int, st: NewStatement,
                      extractor_version: str) -> None:
        """Update a statement found again in an article: its offsets there, and (when that article is its
        primary one) what the extractor says about it. Its id, number and speaker stay."""
        await self._db.execute(self._sql.SOURCE_SET_OFFSETS, (st.start, st.end, found.id, article_id))
        if found.is_primary:
            await self._db.execute(self._sql.STATEMENT_REFRESH, (
                st.type, st.kind, st.quote, quote_key(st.quote), st.speaker_mention, st.speaker_role, st.cue,
                st.date, st.date_text, st.date_basis, st.date_precision, st.start, st.end, extractor_version,
                guild_id, found.id))

    async def remove_from_article(self, guild_id: int, found: SourcedStatement, article_id: int) -> bool:
        """Take an article off a statement's sources; delete the statement if no other article reports it.

        Returns whether the statement was deleted.
        """
        if found.source_count <= 1:
            await self.delete(guild_id, found.id)
            return True
        if found.is_primary:
            other = await self._rows(self._sql.SOURCE_OTHER, (found.id, article_id))
            await self._db.execute(self._sql.STATEMENT_SET_PRIMARY, (other[0][0], other[0][1], other[0][2], found.id))
        await self._db.execute(self._sql.SOURCE_DELETE, (found.id, article_id))
        return False

    async def detach_article(self, guild_id: int, article_id: int) -> int:
        """Prepare an article's deletion: statements only it reports are deleted, others keep their sources.

        Returns how many statements were deleted.
        """
        deleted = 0
        for row in await self._rows(self._sql.STATEMENTS_PRIMARY_IN_ARTICLE, (guild_id, article_id)):
            statement_id = int(row[0])
            other = await self._rows(self._sql.SOURCE_OTHER, (statement_id, article_id))
            if other:
                await self._db.execute(self._sql.STATEMENT_SET_PRIMARY, (other[0][0], other[0][1], other[0][2],
                                                                     statement_id))
            else:
                await self.delete(guild_id, int(statement_id))
                deleted += 1
        return deleted

    async def number_of(self, guild_id: int, statement_id: int) -> int:
        """Return the short number of a statement given its row id."""
        rows = await self._rows(self._sql.STATEMENT_NUMBER_OF, (guild_id, statement_id))
        if not rows:
            raise NotFound("that statement does not exist in this server")
        return int(rows[0][0])

    async def article_ids_of_speaker(self, guild_id: int, speaker_id: int) -> set[int]:
        """Return the row ids of every article that reports a statement of this speaker."""
        return {int(r[0]) for r in await self._rows(self._sql.SPEAKER_ARTICLE_IDS, (guild_id, speaker_id))}

    # ------------------------------------------------------------------------ charts and speaker profiles

    async def points(self, guild_id: int, *, speaker_id: int | None = None, article_id: int | None = None,
                     date_from: str | None = None, date_to: str | None = None, kind: StatementKind | None = None,
                     limit: int = 10_000) -> tuple[StatementPoint, ...]:
        """Return up to ``limit`` statements as chart points, in timeline order, with the timeline's filters."""
        params = {k: v for k, v in {"guild": guild_id, "speaker": speaker_id, "article": article_id,
                                    "date_from": date_from, "date_to": date_to, "kind": kind}.items()
                  if v is not None}
        query = self._sql.points_query(set(params) - {"guild"}, self._sql.TIMELINE_ORDER)
        rows = await self._rows(query, {**params, "limit": limit})
        return tuple(StatementPoint(number=int(r[0]), kind=r[1], date=r[2], date_basis=r[3], date_precision=r[4],
                                    speaker=r[5]) for r in rows)

    async def kind_counts_of_speaker(self, guild_id: int, speaker_id: int) -> dict[str, int]:
        """Return how many statements of each kind a speaker has."""
        return {str(r[0]): int(r[1]) for r in await self._rows(self._sql.SPEAKER_KIND_COUNTS, (guild_id, speaker_id))}

    async def roles_of_speaker(self, guild_id: int, speaker_id: int, limit: int = 10) -> tuple[tuple[str, int], ...]:
        """Return the roles articles gave a speaker ("Pentagon spokesman") with how often, most often first."""
        rows = await self._rows(self._sql.SPEAKER_ROLES, (guild_id, speaker_id, limit))
        return tuple((str(r[0]), int(r[1])) for r in rows)

    async def articles_of_speaker(self, guild_id: int, speaker_id: int, limit: int = 10) -> tuple[SpeakerArticle, ...]:
        """Return the articles that report a speaker's statements, newest article date first."""
        rows = await self._rows(self._sql.SPEAKER_ARTICLES, (guild_id, speaker_id, limit))
        return tuple(SpeakerArticle(number=int(r[0]), title=r[1], url=r[2], filename=r[3], message_url=r[4],
                                    article_date=r[5], statements=int(r[6])) for r in rows)
