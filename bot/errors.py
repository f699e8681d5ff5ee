"""Domain exceptions. One place (``bot.commands.errors`` / the adapters) maps them to user-facing words."""

from __future__ import annotations


class QuoteBotError(Exception):
    """Base class of every error the bot expects and can explain to a user."""


class ConfigError(QuoteBotError):
    """A setting is missing or invalid; the message names the setting."""


class DatabaseInUse(QuoteBotError):
    """Another bot process holds this SQLite database (one bot process per SQLite file)."""


class ModelLoadError(ConfigError):
    """No spaCy model named by SPACY_MODEL (or a fallback) could be loaded."""


class InputError(QuoteBotError):
    """The article text cannot be processed (empty, too long, binary, not English...)."""


class EmptyInput(InputError):
    """Nothing to extract from."""


class NoStatements(EmptyInput):
    """The extractor found no statement in an article, so it was not saved."""


class InputTooLarge(InputError):
    """The text is longer than MAX_ARTICLE_CHARS (or an upload is over the size cap)."""


class NotText(InputError):
    """The input looks like binary data, not text."""


class NotEnglish(InputError):
    """The text does not look like English."""


class DateError(InputError):
    """A date given by the user (or a date line) is impossible or malformed."""


class FetchError(QuoteBotError):
    """A link could not be fetched or is refused (private address, not an article page, too large...)."""


class NotFound(QuoteBotError):
    """A statement, article or speaker id does not exist (in this guild)."""


class PermissionDenied(QuoteBotError):
    """The user may not change this item."""


class Busy(QuoteBotError):
    """Too many extractions are running; ``retry_after`` says when to try again (seconds)."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ExtractionFailed(QuoteBotError):
    """An extraction was stopped in its worker process; nothing was saved."""


class ExtractionTimeout(ExtractionFailed):
    """An extraction ran past EXTRACT_TIMEOUT_SECONDS; its worker was replaced."""


class WorkerCrashed(ExtractionFailed):
    """The worker process died on an article twice (out of memory, killed); the workers were replaced."""


class UsageError(QuoteBotError):
    """A command was typed wrongly; the message says how to type it."""


class UnsupportedFile(InputError):
    """An upload or file is of a type the bot does not read (the message names the extension)."""


class NoArticleText(InputError):
    """A page or HTML file holds no readable article text."""


class Paywalled(NoArticleText):
    """A page shows only a teaser: the article is behind a paywall or a login."""


class UnsafeLink(FetchError):
    """A link is refused before fetching: scheme, credentials, port or shape."""


class BlockedAddress(FetchError):
    """A link's host is (or resolves to, or connects to) an address the bot may not reach."""


class NotAnArticlePage(FetchError):
    """A link answers with something other than an HTML or plain-text page (PDF, image...)."""


class PageTooLarge(FetchError):
    """A page is larger than FETCH_MAX_BYTES."""


class FetchTimeout(FetchError):
    """A site did not answer within FETCH_TIMEOUT seconds."""


class TooManyRedirects(FetchError):
    """A link redirects more than the allowed number of times."""


class StorageError(QuoteBotError):
    """The database cannot do what was asked (disk full, damaged, read-only); the message says what to do."""


class DatabaseFull(StorageError):
    """The disk holding the database is full (SQLITE_FULL): nothing was saved."""


class DatabaseCorrupt(StorageError):
    """The database file is damaged or is not a database (SQLITE_CORRUPT, SQLITE_NOTADB)."""


class DatabaseReadOnly(StorageError):
    """The database is read-only (SQLITE_READONLY, or opened so): it can be read, not changed."""
