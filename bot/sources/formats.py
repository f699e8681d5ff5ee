"""Which files the bot reads, and how: the one table every reader, seeder and importer consults."""

from __future__ import annotations

from typing import Literal

FileKind = Literal["text", "markdown", "html"]

# Article files: extension -> how it is read. Everything else is refused with a message naming the extension.
ACCEPTED_EXTENSIONS: dict[str, FileKind] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
# Batch files (``python -m bot ingest``): one JSON object per line, each an article.
JSONL_EXTENSIONS: frozenset[str] = frozenset({".jsonl", ".ndjson"})
CONTENT_TYPES: dict[FileKind, str] = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html"}
