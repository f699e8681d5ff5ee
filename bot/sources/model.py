"""The article as read from a paste, a file, an upload or a link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """Article text ready for extraction, with what is known of where it came from.

    ``text`` is what statements' offsets refer to, and what is stored. ``date`` is the page's publication
    date (ISO ``YYYY-MM-DD``) from its metadata, when it came from a link or an HTML file.
    """

    text: str
    url: str | None = None
    filename: str | None = None
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    date: str | None = None
    content_type: str | None = None

    def metadata(self) -> dict[str, Any]:
        """Return the metadata fields (everything but the text) as a JSON-ready dict."""
        return {
            "url": self.url,
            "filename": self.filename,
            "title": self.title,
            "author": self.author,
            "site_name": self.site_name,
            "date": self.date,
            "content_type": self.content_type,
        }
