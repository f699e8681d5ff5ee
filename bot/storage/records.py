"""What the repositories return (frozen dataclasses of stored rows) and the normalisation keys for dedupe."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "\u00a0": " "})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col", "lt", "prof", "gov", "president",
                     "senator", "secretary", "minister"})


def text_hash(text: str) -> str:
    """Return the hash of the article text after normalising Unicode, quotes, case and whitespace."""
    norm = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def quote_key(quote: str) -> str:
    """Return the dedupe key of a quote: wire copies differ in punctuation, quote marks and case."""
    norm = unicodedata.normalize("NFKC", quote).translate(_QUOTE_CHARS).casefold()
    norm = _SPACES.sub(" ", _NON_WORD.sub(" ", norm)).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """Return the lookup key of a speaker name or alias ("John  Kirby." -> "john kirby")."""
    norm = unicodedata.normalize("NFKC", name).translate(_QUOTE_CHARS).casefold()
    norm = norm.replace("'s ", " ").replace(".", " ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", norm)).strip()


def last_key(name: str) -> str:
    """Return the key of a name's last word ("John Kirby" -> "kirby"), to merge "Kirby" into "John Kirby"."""
    words = [w for w in name_key(name).split(" ") if w and w not in _TITLES]
    return words[-1] if words else ""


def is_bare_surname(name: str) -> bool:
    """Return whether a name is a single word once titles are dropped ("Kirby", "Mr. Kirby")."""
    return len([w for w in name_key(name).split(" ") if w and w not in _TITLES]) == 1


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article (without its text). ``ref`` is the short id users type."""

    id: int
    guild_id: int
    number: int
    url: str | None
    filename: str | None
    title: str | None
    text_hash: str
    article_date: str | None
    date_source: str | None
    added_by: int
    channel_id: int | None
    message_url: str | None
    extractor_version: str
    created_at: str
    statement_count: int = 0

    @property
    def ref(self) -> str:
        """Return the short id users type ("A3")."""
        return f"A{self.number}"

    @property
    def label(self) -> str:
        """Return a short human label: the title, else the URL, else the file name, else the ref."""
        return self.title or self.url or self.filename or self.ref


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """A stored speaker with its aliases; ``statement_count`` is filled by listings."""

    id: int
    guild_id: int
    name: str
    role: str | None
    created_at: str
    aliases: tuple[str, ...] = ()
    statement_count: int = 0


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One article that reports a statement, with the statement's offsets in that article."""

    article_id: int
    article_number: int
    url: str | None
    title: str | None
    message_url: str | None
    added_by: int
    start: int
    end: int

    @property
    def ref(self) -> str:
        """Return the article's short id ("A3")."""
        return f"A{self.article_number}"


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """A stored statement joined with its speaker and its first (primary) article."""

    id: int
    guild_id: int
    number: int
    type: str
    quote: str
    speaker_id: int | None
    speaker: str | None
    speaker_mention: str | None
    speaker_role: str | None
    cue: str | None
    start: int
    end: int
    date: str | None
    date_text: str | None
    date_basis: str | None
    extractor_version: str
    created_at: str
    article_id: int
    article_number: int
    article_url: str | None
    article_title: str | None
    message_url: str | None
    added_by: int
    sources: tuple[SourceRecord, ...] = ()

    @property
    def ref(self) -> str:
        """Return the short id users type ("S12")."""
        return f"S{self.number}"

    @property
    def article_ref(self) -> str:
        """Return the primary article's short id ("A3")."""
        return f"A{self.article_number}"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One correction: who did what to which item, with a JSON detail (before/after)."""

    id: int
    guild_id: int
    user_id: int
    action: str
    target: str
    detail: str
    created_at: str


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store: where it came from and who added it (the text and extraction come separately)."""

    guild_id: int
    added_by: int
    text: str
    url: str | None = None
    filename: str | None = None
    title: str | None = None
    channel_id: int | None = None
    message_url: str | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: the items, the page number (1-based) and the total number of items.

    ``capped`` means counting stopped at ``total``: there are at least that many.
    """

    items: tuple[T, ...]
    page: int
    per_page: int
    total: int
    capped: bool = False

    @property
    def pages(self) -> int:
        """Return the number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))
