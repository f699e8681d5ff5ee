"""Storage test helpers: hand-built statements (no model needed) saved the way the service saves them."""

from __future__ import annotations

from bot.extraction.model import Statement
from bot.storage import NewArticle, Storage


def statement(quote: str, speaker: str | None, text: str = "", date: str | None = None) -> Statement:
    """Build a statement whose offsets point at ``quote`` inside ``text`` (or 0..len when absent)."""
    start = text.find(quote) if text and quote in text else 0
    return Statement(type="direct", quote=quote, start=start, end=start + len(quote), speaker=speaker,
                     speaker_mention=speaker, speaker_role=None, cue="said", date=date, date_basis="article")


async def save_article(store: Storage, guild: int, text: str, statements: list[Statement], *,
                       url: str | None = None, user: int = 1) -> int:
    """Save an article and its statements like the service does; return the article row id."""
    from bot.storage.records import text_hash

    async with store.transaction():
        art = await store.articles.insert(NewArticle(guild_id=guild, added_by=user, text=text, url=url),
                                          text_hash=text_hash(text), article_date=None, date_source=None,
                                          extractor_version="1", created_at="2026-01-01T00:00:00+00:00")
        for st in statements:
            speaker_id = None
            if st.speaker:
                speaker_id = (await store.speakers.resolve_for_intake(guild, st.speaker, None, "t")).id
            await store.statements.add(guild, art.id, speaker_id, st, "1", "t")
    return art.id
