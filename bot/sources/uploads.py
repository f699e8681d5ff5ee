"""Uploaded and local files (the kinds of :mod:`bot.sources.formats`), each read to article text and metadata."""

from __future__ import annotations

import logging
from pathlib import PurePath

from bot.errors import EmptyInput, InputTooLarge, NotText, UnsupportedFile
from bot.settings import Settings
from bot.sources.decode import decode_html, decode_text
from bot.sources.formats import ACCEPTED_EXTENSIONS, CONTENT_TYPES, FileKind
from bot.sources.html import read_html
from bot.sources.markdown import markdown_to_text
from bot.sources.model import SourceArticle

log = logging.getLogger(__name__)

_NAME_SHOWN_CHARS = 80


def _shown(filename: str) -> str:
    name = PurePath(filename.replace("\\", "/")).name or filename
    return name if len(name) <= _NAME_SHOWN_CHARS else name[: _NAME_SHOWN_CHARS - 1] + "…"


def upload_kind(filename: str) -> FileKind:
    """Return how a file is read ("text", "markdown" or "html"); raise :class:`UnsupportedFile` otherwise."""
    extension = PurePath(filename).suffix.lower()
    kind = ACCEPTED_EXTENSIONS.get(extension)
    if kind is None:
        accepted = ", ".join(ACCEPTED_EXTENSIONS)
        what = f"{extension} files are" if extension else "files without an extension are"
        raise UnsupportedFile(f"{_shown(filename)}: {what} not read; attach a {accepted} file")
    return kind


def normalize_newlines(text: str) -> str:
    """Return ``text`` with Windows and old Mac line ends turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_upload(filename: str, data: bytes, settings: Settings) -> SourceArticle:
    """Read an uploaded file's bytes into a :class:`SourceArticle` (size cap MAX_UPLOAD_BYTES)."""
    kind = upload_kind(filename)
    name = _shown(filename)
    if len(data) > settings.max_upload_bytes:
        raise InputTooLarge(f"{name} is {len(data):,} bytes; the limit (MAX_UPLOAD_BYTES) is "
                            f"{settings.max_upload_bytes:,}")
    if not data.strip():
        raise EmptyInput(f"{name} is empty")
    if kind == "html":
        page = read_html(decode_html(data))
        article = SourceArticle(text=page.text, filename=name, title=page.title, author=page.author,
                                site_name=page.site_name, date=page.date, content_type="text/html")
    else:
        text = decode_text(data)
        if "\x00" in text:
            raise NotText(f"{name} looks like binary data, not text")
        text = normalize_newlines(text)
        if kind == "markdown":
            text = markdown_to_text(text)
        article = SourceArticle(text=text, filename=name, content_type=CONTENT_TYPES[kind])
    log.info("read upload kind=%s bytes=%d chars=%d", kind, len(data), len(article.text))
    return article
