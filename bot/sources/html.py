"""HTML to article text and metadata, with trafilatura (main text) and htmldate (through trafilatura).

The page furniture -- navigation, ads, related links, comments, footers -- is left out; paragraphs are kept,
one blank line between them, so statement offsets refer to clean article text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import trafilatura

from bot.errors import NoArticleText, Paywalled
from bot.extraction.text import PARAGRAPH_SEPARATOR

log = logging.getLogger(__name__)

# Publication date from the page's markup and URL only, never guessed from free text (comments have dates).
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# A page whose readable text is shorter than this and that shows paywall signs is refused as a teaser.
PAYWALL_MAX_CHARS = 800
# Signs of a paywall or login wall: schema.org's paywall markup and the usual teaser wording.
_PAYWALL_MARKUP = re.compile(r"""["']?isAccessibleForFree["']?\s*[:=]\s*["']?(false|no)\b""", re.IGNORECASE)
_PAYWALL_WORDS = re.compile(
    r"subscribe to (continue|read)|subscribers only|for subscribers|to continue reading|"
    r"sign in to (continue|read)|log in to (continue|read)|already a subscriber",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class PageText:
    """Main text of a page (paragraphs split by blank lines) and the metadata found in it."""

    text: str
    title: str | None
    author: str | None
    site_name: str | None
    date: str | None


def _paragraphs(raw: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    return PARAGRAPH_SEPARATOR.join(line for line in lines if line)


def _drop_headline(text: str, title: str | None) -> str:
    # The headline is metadata (``title``), not article prose: headline-ese ("Minister says ...") would be
    # read as a statement a second time. trafilatura keeps it when it sits inside <article>.
    first, _, rest = text.partition(PARAGRAPH_SEPARATOR)
    if title and rest and first.casefold() == title.casefold():
        return rest
    return text


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def looks_paywalled(html: str) -> bool:
    """Return True when a page carries paywall markup or teaser wording."""
    return bool(_PAYWALL_MARKUP.search(html) or _PAYWALL_WORDS.search(html))


def read_html(html: str, url: str | None = None) -> PageText:
    """Return the main text and metadata of an HTML page; raise :class:`NoArticleText` when there is none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params=DATE_PARAMS,
    )
    raw = getattr(document, "text", None) if document is not None else None
    title = _clean(getattr(document, "title", None))
    text = _drop_headline(_paragraphs(raw), title) if isinstance(raw, str) else ""
    if len(text) < PAYWALL_MAX_CHARS and looks_paywalled(html):
        shown = f"only {len(text):,} characters of it are readable" if text else "none of it is readable"
        raise Paywalled(f"this article seems to be behind a paywall or a login: {shown}; "
                        "paste the article text or attach it as a file instead")
    if not text:
        raise NoArticleText("found no article text on this page (it may need JavaScript, or not be an "
                            "article); paste the article text instead")
    page = PageText(
        text=text,
        title=title,
        author=_clean(getattr(document, "author", None)),
        site_name=_clean(getattr(document, "sitename", None)),
        date=_clean(getattr(document, "date", None)),
    )
    log.debug("read html: %d chars in, %d chars of text, date=%s", len(html), len(text), page.date)
    return page
