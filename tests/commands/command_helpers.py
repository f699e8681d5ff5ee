"""Command-layer test helpers: the extractor double and the senders used by the tests."""

from __future__ import annotations

from typing import cast

from bot.commands import CommandContext
from bot.extraction.model import EXTRACTOR_VERSION, Extraction, Statement, StatementKind

KINDS = ("speech", "thought", "evidence")


class LineExtractor:
    """Extractor double: each "Speaker|quote" line of the text is one statement (no model needed).

    "Speaker|quote|thought" gives the statement a kind. ``speakers`` renames speakers, ``drop`` leaves quotes
    out, ``kinds`` overrides kinds by quote, and ``extra`` is a second separator it also reads
    ("Speaker>quote"): together they stand for an upgraded extractor of ``version``.
    """

    def __init__(self, *, version: str = EXTRACTOR_VERSION, speakers: dict[str, str] | None = None,
                 drop: frozenset[str] = frozenset(), kinds: dict[str, StatementKind] | None = None,
                 extra: str | None = None) -> None:
        self.calls: list[dict[str, str | None]] = []
        self.version = version
        self.speakers = speakers or {}
        self.drop = drop
        self.kinds = kinds or {}
        self.extra = extra

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        self.calls.append({"article_date": article_date, "page_date": page_date, "posted_date": posted_date})
        date = article_date or page_date or posted_date
        statements = []
        offset = 0
        for line in text.splitlines(keepends=True):
            sep = "|" if "|" in line else self.extra if self.extra and self.extra in line else None
            if sep is not None:
                speaker, quote = line.rstrip("\n").split(sep, 1)
                kind: StatementKind = "speech"
                body, _, tail = quote.rpartition("|")
                if body and tail in KINDS:
                    quote, kind = body, cast(StatementKind, tail)
                kind = self.kinds.get(quote, kind)
                start = offset + len(speaker) + len(sep)
                name = self.speakers.get(speaker, speaker) or None
                if quote not in self.drop:
                    statements.append(Statement(type="direct", quote=quote, start=start, end=start + len(quote),
                                                speaker=name, speaker_mention=speaker or None,
                                                speaker_role=None, cue="said", date=date,
                                                date_basis="article" if date else None, kind=kind))
            offset += len(line)
        return Extraction(text=text, statements=tuple(statements), article_date=date,
                          date_source="request" if article_date else None, extractor_version=self.version)


ADDER = CommandContext(guild_id=1, user_id=100)
OTHER = CommandContext(guild_id=1, user_id=200)
MODERATOR = CommandContext(guild_id=1, user_id=300, is_moderator=True)
OTHER_GUILD = CommandContext(guild_id=2, user_id=100, is_moderator=True)
