"""Storage test helpers: hand-built statements (no model needed) saved the way the service saves them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage import NewArticle, NewStatement, StatementKind, Storage


@dataclass(frozen=True)
class Said:
    """A statement to save in a test, with the speaker name the service would resolve."""

    speaker: str | None
    new: NewStatement


def statement(quote: str, speaker: str | None, text: str = "", date: str | None = None,
              kind: StatementKind = "speech") -> Said:
    """Build a statement whose offsets point at ``quote`` inside ``text`` (or 0..len when absent)."""
    start = text.find(quote) if text and quote in text else 0
    return Said(speaker, NewStatement(type="direct", quote=quote, start=start, end=start + len(quote),
                                      speaker_mention=speaker, cue="said", date=date, date_basis="article",
                                      kind=kind))


async def save_article(store: Storage, guild: int, text: str, statements: list[Said], *,
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
            await store.statements.add(guild, art.id, speaker_id, st.new, "1", "t")
    return art.id
