"""Read an article from a link, an upload or a local file."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.errors import InputError, InputTooLarge
from bot.settings import Settings
from bot.sources.decode import decode_html, decode_text
from bot.sources.fetch import FetchedPage, fetch_page
from bot.sources.html import read_html
from bot.sources.links import is_url
from bot.sources.model import SourceArticle
from bot.sources.uploads import normalize_newlines, read_upload

log = logging.getLogger(__name__)


def article_from_page(page: FetchedPage) -> SourceArticle:
    """Turn a fetched page into a :class:`SourceArticle` (main text of HTML, or the plain text)."""
    if page.content_type == "text/plain":
        text = normalize_newlines(decode_text(page.body, page.charset)).strip()
        return SourceArticle(text=text, url=page.url, content_type=page.content_type)
    html = read_html(decode_html(page.body, page.charset), url=page.url)
    return SourceArticle(text=html.text, url=page.url, title=html.title, author=html.author,
                         site_name=html.site_name, date=html.date, content_type=page.content_type)


async def fetch_article(url: str, settings: Settings) -> SourceArticle:
    """Fetch a link safely and return its article text and metadata (FetchError subclasses if refused)."""
    page = await fetch_page(url, settings)
    # HTML parsing is CPU work: keep it off the event loop.
    return await asyncio.to_thread(article_from_page, page)


def read_file(settings: Settings, path: Path) -> SourceArticle:
    """Read a local article file (one of the ACCEPTED_EXTENSIONS) like an upload."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    try:
        with path.open("rb") as fh:
            # Read at most the cap and one byte more: a file growing past the cap is refused, not read whole.
            data = fh.read(settings.max_upload_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    if len(data) > settings.max_upload_bytes:
        size = max(len(data), _size(path))
        raise InputTooLarge(f"{path.name} is {size:,} bytes; the limit (MAX_UPLOAD_BYTES) is "
                            f"{settings.max_upload_bytes:,}")
    return read_upload(path.name, data, settings)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_source(settings: Settings, source: str) -> SourceArticle:
    """Read ``source`` (a link or a local file path) from synchronous code such as the CLI."""
    if is_url(source):
        return asyncio.run(fetch_article(source.strip(), settings))
    return read_file(settings, Path(source))
