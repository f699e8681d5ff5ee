"""Read a local file (the link reader lands with the link-intake issue)."""

from __future__ import annotations

from pathlib import Path

from bot.errors import InputError
from bot.settings import Settings
from bot.sources.model import SourceArticle


def read_source(settings: Settings, source: str) -> SourceArticle:
    """Read ``source`` (a local file path) into a :class:`SourceArticle`."""
    path = Path(source)
    if not path.is_file():
        raise InputError(f"no such file: {source}")
    data = path.read_bytes()
    if len(data) > settings.max_upload_bytes:
        raise InputError(f"{path.name} is {len(data):,} bytes; the limit (MAX_UPLOAD_BYTES) is "
                         f"{settings.max_upload_bytes:,}")
    return SourceArticle(text=data.decode("utf-8", errors="replace"), filename=path.name)
