"""Command-layer test helpers: the extractor double and the senders used by the tests."""

from __future__ import annotations

from bot.commands import CommandContext
from bot.extraction.model import Extraction, Statement


class LineExtractor:
    """Extractor double: each "Speaker|quote" line of the text is one statement (no model needed)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, str | None]] = []

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        self.calls.append({"article_date": article_date, "page_date": page_date, "posted_date": posted_date})
        date = article_date or page_date or posted_date
        statements = []
        offset = 0
        for line in text.splitlines(keepends=True):
            if "|" in line:
                speaker, quote = line.rstrip("\n").split("|", 1)
                start = offset + len(speaker) + 1
                statements.append(Statement(type="direct", quote=quote, start=start, end=start + len(quote),
                                            speaker=speaker or None, speaker_mention=speaker or None,
                                            speaker_role=None, cue="said", date=date,
                                            date_basis="article" if date else None))
            offset += len(line)
        return Extraction(text=text, statements=tuple(statements), article_date=date,
                          date_source="request" if article_date else None)


ADDER = CommandContext(guild_id=1, user_id=100)
OTHER = CommandContext(guild_id=1, user_id=200)
MODERATOR = CommandContext(guild_id=1, user_id=300, is_moderator=True)
OTHER_GUILD = CommandContext(guild_id=2, user_id=100, is_moderator=True)
