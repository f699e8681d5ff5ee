"""HTML to article text: main text with paragraphs, metadata, paywalls, pages without text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import NoArticleText, Paywalled
from bot.sources.html import PAYWALL_MAX_CHARS, looks_paywalled, read_html

PAGES = Path(__file__).parent / "pages"

BODY = ("<p>The regional water board said on Wednesday that reservoir levels had fallen to their lowest "
        "point in a decade after the driest spring on record, and asked households to cut their use.</p>"
        "<p>“We are asking everyone to take shorter showers and to leave the hosepipe in the shed,” the "
        "board’s director, Ruth Mensah, said at a briefing in the county town.</p>"
        "<p>Farmers’ groups said the restrictions would hit vegetable growers hardest, and called for "
        "compensation if irrigation licences were suspended later in the summer.</p>")


def _page(head: str = "", body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html><head><title>Water</title>{head}</head>"
            f"<body><article>{body}</article></body></html>")


def test_news_page_text_and_metadata() -> None:
    page = read_html((PAGES / "news.html").read_text(encoding="utf-8"), url="https://gazette.example/news/1")
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[1].startswith('"This agreement recognises')
    assert (page.title, page.author, page.site_name, page.date) == (
        "Port strike ends after marathon talks", "Maria Lindqvist", "The Harbour Gazette", "2024-03-14")


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    page = read_html(_page())
    assert page.text.count("\n\n") == 2
    assert "\n\n\n" not in page.text
    assert page.text.startswith("The regional water board")


@pytest.mark.parametrize("head", [
    '<meta property="article:published_time" content="2022-06-08T07:00:00Z">',
    '<meta name="date" content="2022-06-08">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-06-08"}</script>',
])
def test_publication_date_from_metadata(head: str) -> None:
    assert read_html(_page(head)).date == "2022-06-08"


def test_date_is_not_guessed_from_free_text() -> None:
    body = BODY + "<p>Posted by a reader on 3 January 2019.</p>"
    assert read_html(_page(body=body)).date is None


def test_paywall_stub_is_refused() -> None:
    html = (PAGES / "paywall.html").read_text(encoding="utf-8")
    assert looks_paywalled(html)
    with pytest.raises(Paywalled, match="paywall or a login"):
        read_html(html)


def test_full_text_behind_paywall_markup_is_kept() -> None:
    """Publishers mark subscriber articles isAccessibleForFree=false and still serve the text to crawlers."""
    head = ('<script type="application/ld+json">'
            '{"@type": "NewsArticle", "isAccessibleForFree": false}</script>')
    body = BODY * 3
    assert len(body) > PAYWALL_MAX_CHARS
    page = read_html(_page(head, body))
    assert page.text.startswith("The regional water board")


@pytest.mark.parametrize("html", [
    "<html><body><div id='app'></div><script src='/bundle.js'></script></body></html>",
    "<html><head><title>Empty</title></head><body></body></html>",
    "",
])
def test_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(NoArticleText, match="no article text"):
        read_html(html)
