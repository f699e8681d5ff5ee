"""What the repositories return (frozen dataclasses of stored rows) and the normalisation keys for dedupe."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

# What a statement reports (the same values as the extraction core's kinds; storage keeps its own copy so it
# never imports the core): said or wrote, believed or wanted, found or showed.
StatementKind = Literal["speech", "thought", "evidence"]
STATEMENT_KINDS: tuple[StatementKind, ...] = ("speech", "thought", "evidence")

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


class _ArticleNaming:
    """The short id and label of anything with an article's number, title, URL and file name."""

    __slots__ = ()
    number: int
    title: str | None
    url: str | None
    filename: str | None

    @property
    def ref(self) -> str:
        """Return the short id users type ("A3")."""
        return f"A{self.number}"

    @property
    def label(self) -> str:
        """Return a short human label: the title, else the URL, else the file name, else the ref."""
        return self.title or self.url or self.filename or self.ref


@dataclass(frozen=True, slots=True)
class ArticleRecord(_ArticleNaming):
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
    kind: StatementKind
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
    speaker_fixed: bool = False
    date_precision: str | None = None

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
class NewStatement:
    """A statement to store for an article: what the service hands the repository (offsets into that article).

    The speaker is resolved to a row id separately (``SpeakerRepository.resolve_for_intake``).
    """

    type: str
    quote: str
    start: int
    end: int
    speaker_mention: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    kind: StatementKind = "speech"
    date_precision: str | None = None


@dataclass(frozen=True, slots=True)
class SourcedStatement:
    """A statement as one article reports it: its ids, dedupe key, speaker, and offsets in that article."""

    id: int
    number: int
    quote_key: str
    speaker_id: int | None
    speaker_fixed: bool
    start: int
    end: int
    is_primary: bool
    source_count: int


@dataclass(frozen=True, slots=True)
class StatementPoint:
    """A statement as a chart needs it: short number, kind, speaker name and stored date fields."""

    number: int
    kind: StatementKind
    speaker: str | None
    date: str | None
    date_basis: str | None
    date_precision: str | None


@dataclass(frozen=True, slots=True)
class SpeakerArticle(_ArticleNaming):
    """An article that reports a speaker's statements, and how many of them."""

    number: int
    title: str | None
    url: str | None
    filename: str | None
    message_url: str | None
    article_date: str | None
    statements: int


@dataclass(frozen=True, slots=True)
class LeftOut:
    """What a listing filtered by kind left out: how many statements of each other kind.

    ``capped`` means counting stopped: there are at least ``total``.
    """

    counts: tuple[tuple[str, int], ...] = ()
    capped: bool = False

    @property
    def total(self) -> int:
        """Return how many statements were left out in all."""
        return sum(n for _kind, n in self.counts)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: the items, the page number (1-based) and the total number of items.

    ``capped`` means counting stopped at ``total``: there are at least that many. ``left_out`` counts, per
    kind, the items the same query would have found with every kind (statements of the kinds not asked for).
    """

    items: tuple[T, ...]
    page: int
    per_page: int
    total: int
    capped: bool = False
    left_out: LeftOut = LeftOut()

    @property
    def pages(self) -> int:
        """Return the number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))
