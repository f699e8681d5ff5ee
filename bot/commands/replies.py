"""Reply models: what a command answers, independent of the transport that renders it (console, Discord)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReplyKind = Literal["info", "success", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Row:
    """One item of a list reply: a statement, a speaker, an article. ``ref`` is the short id users type."""

    title: str
    body: str = ""
    ref: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with the reply (exports)."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Link:
    """A labelled link (the article URL, a jump link to the Discord message it came from)."""

    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Reply:
    """A command's answer. Lists are paged: ``page`` of ``pages``; ``page_command`` re-runs the query for a page
    (``page_command.format(page=N)``) so an adapter can offer next/previous buttons."""

    title: str
    description: str = ""
    rows: tuple[Row, ...] = ()
    kind: ReplyKind = "info"
    page: int = 1
    pages: int = 1
    page_command: str | None = None
    attachments: tuple[Attachment, ...] = ()
    links: tuple[Link, ...] = ()
    footer: str = ""
    ephemeral: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    # The file name of an attachment that is a picture to show with the reply (a chart), if any.
    image: str | None = None
