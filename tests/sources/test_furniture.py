"""Statements extracted from a fetched news page come from the article, never from its furniture.

The page's ticker, ads, related links, comments and footer all hold quote-shaped sentences with named
speakers. The control test shows they do yield statements when the whole page's text is read naively; the
real test shows none survives the article reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html

from bot.extraction.model import Extraction
from bot.extraction.pipeline import extract
from bot.settings import Settings
from bot.sources import fetch_article

if TYPE_CHECKING:
    from conftest import LocalSite
    from spacy.language import Language

NEWS = Path(__file__).parent / "pages" / "news.html"
FURNITURE_SPEAKERS = ("Tom Price", "Gary Holt", "Jim Baxter", "Sam Carter", "harbour chief", "union boss",
                      "historian", "local mum", "Mayor", "harbourwatcher", "dockside_dave", "Ann P.")
FURNITURE_QUOTES = ("We will not back down", "Best mortgage rates", "ten kilos", "ready to strike again",
                    "heart of this city", "disgrace to taxpayers", "sold within a year",
                    "Pay people properly", "Independent journalism", "ferry fares")


def _extract(nlp: Language, text: str, settings: Settings, page_date: str | None = None) -> Extraction:
    return extract(text, nlp=nlp, page_date=page_date,
                   max_chars=settings.max_article_chars)


def _is_furniture(quote: str, speaker: str | None) -> bool:
    return any(q in quote for q in FURNITURE_QUOTES) or any(s in (speaker or "") for s in FURNITURE_SPEAKERS)


def _whole_page_text() -> str:
    root = lxml.html.fromstring(NEWS.read_bytes())
    for element in root.xpath("//script|//style|//head"):
        element.drop_tree()
    blocks = (" ".join(e.text_content().split()) for e in root.xpath("//p|//li|//h1|//h2|//div[not(.//p)]"))
    return "\n\n".join(block for block in blocks if block)


def test_control_the_furniture_is_quote_shaped(nlp: Language) -> None:
    settings = Settings.from_env({})
    result = _extract(nlp, _whole_page_text(), settings)
    assert any(_is_furniture(s.quote, s.speaker) for s in result.statements)


async def test_no_statement_from_page_furniture(site: LocalSite, nlp: Language) -> None:
    settings = site.reading_settings()
    article = await fetch_article(site.url("/news"), settings)
    result = _extract(nlp, article.text, settings, page_date=article.date)
    assert result.article_date == "2024-03-14"
    assert result.date_source == "page metadata"
    assert {"Helen Okafor", "Daniel Reyes"} <= {s.speaker for s in result.statements}
    for statement in result.statements:
        assert article.text[statement.start:statement.end] == statement.quote
        assert not _is_furniture(statement.quote, statement.speaker), statement
