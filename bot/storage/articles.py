"""The articles repository: insert, look up by short id, find duplicates, delete."""

from __future__ import annotations

from typing import Any

from bot.errors import NotFound
from bot.storage.database import Database, Row
from bot.storage.records import ArticleRecord, NewArticle


def _article(row: Row) -> ArticleRecord:
    return ArticleRecord(
        id=row["id"], guild_id=row["guild_id"], number=row["number"], url=row["url"],
        filename=row["filename"], title=row["title"], text_hash=row["text_hash"],
        article_date=row["article_date"], date_source=row["date_source"], added_by=row["added_by"],
        channel_id=row["channel_id"], message_url=row["message_url"],
        extractor_version=row["extractor_version"], created_at=row["created_at"],
        statement_count=row["statement_count"],
    )


class ArticleRepository:
    """Articles of every guild; each method takes the guild id and never sees another guild's rows."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sql = db.sql

    async def _one(self, query: str, params: tuple[Any, ...]) -> ArticleRecord | None:
        rows = await self._db.fetch(query, params)
        return _article(rows[0]) if rows else None

    async def _value(self, query: str, params: tuple[Any, ...]) -> Any:
        rows = await self._db.fetch(query, params)
        return rows[0][0] if rows else None

    async def find_duplicate(self, guild_id: int, text_hash: str, url: str | None) -> ArticleRecord | None:
        """Return the guild's article with the same normalised text or the same URL, if any."""
        return await self._one(self._sql.ARTICLE_DUPLICATE, (guild_id, text_hash, url, url))

    async def insert(self, new: NewArticle, *, text_hash: str, article_date: str | None,
                     date_source: str | None, extractor_version: str, created_at: str) -> ArticleRecord:
        """Insert an article with the guild's next short number; call inside a transaction."""
        number = int(await self._value(self._sql.ARTICLE_NEXT_NUMBER, (new.guild_id,)) or 1)
        article_id = await self._db.insert(self._sql.ARTICLE_INSERT, (
            new.guild_id, number, new.url, new.filename, new.title, new.text, text_hash, article_date,
            date_source, new.added_by, new.channel_id, new.message_url, extractor_version, created_at,
        ))
        return await self.get_by_id(new.guild_id, article_id)

    async def get(self, guild_id: int, number: int) -> ArticleRecord:
        """Return the guild's article with this short number or raise :class:`NotFound`."""
        found = await self._one(self._sql.ARTICLE_BY_NUMBER, (guild_id, number))
        if found is None:
            raise NotFound(f"there is no article A{number} in this server")
        return found

    async def get_by_id(self, guild_id: int, article_id: int) -> ArticleRecord:
        """Return the guild's article with this row id or raise :class:`NotFound`."""
        found = await self._one(self._sql.ARTICLE_BY_ID, (guild_id, article_id))
        if found is None:
            raise NotFound("that article does not exist in this server")
        return found

    async def text(self, guild_id: int, article_id: int) -> str:
        """Return the stored text of an article."""
        rows = await self._db.fetch(self._sql.ARTICLE_TEXT, (guild_id, article_id))
        if not rows:
            raise NotFound("that article does not exist in this server")
        return str(rows[0][0])

    async def count(self, guild_id: int) -> int:
        """Return how many articles the guild has."""
        return int(await self._value(self._sql.ARTICLE_COUNT, (guild_id,)) or 0)

    async def ids_added_by(self, guild_id: int, user_id: int) -> set[int]:
        """Return the row ids of the guild's articles added by ``user_id``."""
        rows = await self._db.fetch(self._sql.ARTICLE_IDS_ADDED_BY, (guild_id, user_id))
        return {int(r[0]) for r in rows}

    async def stale(self, guild_id: int | None, extractor_version: str) -> list[tuple[int, int]]:
        """Return (guild id, row id) of the articles (of one guild, or all) saved by another extractor version."""
        rows = await self._db.fetch(self._sql.ARTICLES_STALE, (guild_id, guild_id, extractor_version))
        return [(int(r[0]), int(r[1])) for r in rows]

    async def set_extractor_version(self, guild_id: int, article_id: int, extractor_version: str) -> None:
        """Record that an article's statements come from ``extractor_version``; call inside a transaction."""
        await self._db.execute(self._sql.ARTICLE_SET_VERSION, (extractor_version, guild_id, article_id))

    async def delete(self, guild_id: int, article_id: int) -> None:
        """Delete an article (its statement sources go with it); detach its statements first."""
        await self._db.execute(self._sql.ARTICLE_DELETE, (guild_id, article_id))
