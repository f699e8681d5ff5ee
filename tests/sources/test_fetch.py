"""Fetching links against a real aiohttp server on 127.0.0.1: reading cases and every refusal."""

from __future__ import annotations

import socket
import time
from typing import TYPE_CHECKING

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    NotAnArticlePage,
    PageTooLarge,
    Paywalled,
    TooManyRedirects,
    UnsafeLink,
)
from bot.settings import Settings
from bot.sources import fetch_article
from bot.sources.fetch import MAX_REDIRECTS, USER_AGENT, GuardedResolver, _ConnectGuard, fetch_page

if TYPE_CHECKING:
    from conftest import LocalSite

FURNITURE = (
    "Advertisement", "Harbour Bank", "mortgage", "Sponsored", "ten kilos", "Related stories",
    "ready to strike again", "heart of this city", "ferry fares", "Comments", "disgrace", "Gary Holt",
    "Jim Baxter", "Pay people properly", "harbourwatcher", "Independent journalism", "Sam Carter",
    "All rights reserved", "Privacy", "Breaking", "back down", "Sign in", "Subscribe",
)


# ------------------------------------------------------------------------------------------- reading


async def test_news_page_gives_article_text_and_metadata(site: LocalSite) -> None:
    article = await fetch_article(site.url("/news"), site.reading_settings())
    assert article.text.startswith("Dock workers at the city's container port")
    assert "“This agreement" in article.text or '"This agreement' in article.text
    assert article.text.rstrip().endswith("before the summer.")
    assert article.text.count("\n\n") == 5, "six paragraphs, one blank line between them"
    assert article.metadata() == {
        "url": site.url("/news"),
        "filename": None,
        "title": "Port strike ends after marathon talks",
        "author": "Maria Lindqvist",
        "site_name": "The Harbour Gazette",
        "date": "2024-03-14",
        "content_type": "text/html",
    }


@pytest.mark.parametrize("phrase", FURNITURE)
async def test_news_page_furniture_is_left_out(site: LocalSite, phrase: str) -> None:
    article = await fetch_article(site.url("/news"), site.reading_settings())
    assert phrase not in article.text


async def test_user_agent_identifies_the_bot(site: LocalSite) -> None:
    page = await fetch_page(site.url("/ua"), site.reading_settings())
    assert page.body.decode() == USER_AGENT
    assert USER_AGENT.startswith("QuoteBot/")


async def test_plain_text_page_is_read_as_is(site: LocalSite) -> None:
    article = await fetch_article(site.url("/plain"), site.reading_settings())
    assert article.text == ("Council approves new bridge\n\n“It will cut journeys by twenty minutes,” "
                            "the mayor, Ana Costa, said on Tuesday.")
    assert article.content_type == "text/plain"
    assert article.date is None


@pytest.mark.parametrize("path", ["/cp1252", "/cp1252-meta"])
async def test_windows_1252_page_is_decoded(site: LocalSite, path: str) -> None:
    article = await fetch_article(site.url(path), site.reading_settings())
    quote = "“We are not asking for favours, only for fairness,” the owner of the Rosé Garden café"
    assert quote in article.text
    assert "José Álvarez" in article.text
    assert "\ufffd" not in article.text
    assert article.title == "Café owners protest new rules"
    assert article.text.startswith("Owners of the city’s cafés"), "the headline is metadata, not text"
    assert article.date == "2023-11-20"


async def test_redirect_chain_of_five_is_followed(site: LocalSite) -> None:
    article = await fetch_article(site.url(f"/hop/{MAX_REDIRECTS - 1}"), site.reading_settings())
    assert article.url == site.url("/news")
    assert article.title == "Port strike ends after marathon talks"


async def test_redirect_chain_of_six_is_refused(site: LocalSite) -> None:
    with pytest.raises(TooManyRedirects, match=f"more than {MAX_REDIRECTS} times"):
        await fetch_article(site.url(f"/hop/{MAX_REDIRECTS}"), site.reading_settings())


# ----------------------------------------------------------------------------- refusals: the content


async def test_paywall_stub_is_refused(site: LocalSite) -> None:
    with pytest.raises(Paywalled, match="behind a paywall"):
        await fetch_article(site.url("/paywall"), site.reading_settings())


@pytest.mark.parametrize(("path", "media"), [("/report.pdf", "application/pdf"), ("/photo.png", "image/png")])
async def test_pdf_and_image_are_not_article_pages(site: LocalSite, path: str, media: str) -> None:
    with pytest.raises(NotAnArticlePage) as caught:
        await fetch_article(site.url(path), site.reading_settings())
    assert str(caught.value) == f"this link is not an article page ({media})"


async def test_http_error_status_is_reported(site: LocalSite) -> None:
    with pytest.raises(FetchError, match="the site answered 404 Not Found"):
        await fetch_article(site.url("/missing"), site.reading_settings())


@pytest.mark.parametrize("path", ["/big", "/big-declared"])
async def test_twenty_megabyte_page_is_refused(site: LocalSite, path: str) -> None:
    with pytest.raises(PageTooLarge, match="larger than the limit of 5,000,000 bytes"):
        await fetch_article(site.url(path), site.reading_settings())


async def test_slow_server_times_out(site: LocalSite) -> None:
    settings = site.reading_settings(FETCH_TIMEOUT="0.5")
    began = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"did not answer within 0\.5 seconds"):
        await fetch_article(site.url("/slow"), settings)
    assert time.monotonic() - began < 2.5


async def test_redirect_without_target_is_reported(site: LocalSite) -> None:
    with pytest.raises(FetchError, match="redirect"):
        await fetch_article(site.url("/no-location"), site.reading_settings())


# ----------------------------------------------------------------------------- refusals: the address


@pytest.mark.parametrize("path", ["/to-metadata", "/to-mapped-metadata"])
async def test_redirect_to_cloud_metadata_is_refused_even_when_private_allowed(site: LocalSite,
                                                                               path: str) -> None:
    with pytest.raises(BlockedAddress, match="link-local"):
        await fetch_article(site.url(path), site.reading_settings())


async def test_redirect_to_a_port_not_allowed_is_refused(site: LocalSite) -> None:
    with pytest.raises(UnsafeLink, match="port 1 is not allowed"):
        await fetch_article(site.url("/to-other-port"), site.reading_settings())


async def test_redirect_to_file_scheme_is_refused(site: LocalSite) -> None:
    with pytest.raises(UnsafeLink, match="only http and https"):
        await fetch_article(site.url("/to-file"), site.reading_settings())


async def test_loopback_site_is_refused_by_default(site: LocalSite) -> None:
    settings = Settings.from_env({"FETCH_ALLOWED_PORTS": str(site.port)})
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.1 is a loopback address"):
        await fetch_article(site.url("/news"), settings)


async def test_host_name_resolving_to_loopback_is_refused(site: LocalSite) -> None:
    settings = Settings.from_env({"FETCH_ALLOWED_PORTS": str(site.port)})
    with pytest.raises(BlockedAddress, match=r"localhost is at (127\.0\.0\.1|::1), a loopback address"):
        await fetch_article(site.url("/news", host="localhost"), settings)


async def test_random_port_is_refused_by_default(site: LocalSite, default_settings: Settings) -> None:
    with pytest.raises(UnsafeLink, match=f"port {site.port} is not allowed"):
        await fetch_article(site.url("/news", host="localhost"), default_settings)
    with pytest.raises(UnsafeLink, match=f"port {site.port} is not allowed"):
        await fetch_article(site.url("/news"), Settings.from_env({"ALLOW_PRIVATE_URLS": "1"}))


@pytest.mark.parametrize("url", [
    "http://[::1]:{port}/news",
    "http://[::1]/news",
    "http://[::ffff:127.0.0.1]/news",
    "http://[fe80::1]/",
    "http://127.0.0.1/news",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://[fd00::1]/",
])
async def test_ip_literals_refused_by_default(site: LocalSite, default_settings: Settings, url: str) -> None:
    settings = Settings.from_env({"FETCH_ALLOWED_PORTS": str(site.port)})
    with pytest.raises(BlockedAddress, match="refused link"):
        await fetch_article(url.format(port=site.port), settings)


async def test_url_with_credentials_is_refused(site: LocalSite, default_settings: Settings) -> None:
    with pytest.raises(UnsafeLink, match="user name or password"):
        await fetch_article("http://editor:secret@example.org/news", default_settings)
    with pytest.raises(UnsafeLink, match="user name or password"):
        await fetch_article(site.url("/news", host="editor:secret@127.0.0.1"), site.reading_settings())


# ------------------------------------------------------------------------------- DNS rebinding guard


class _RebindingResolver(AbstractResolver):
    """A resolver that answers with loopback: what a rebinding DNS server does after the first check."""

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET,
                 "proto": 0, "flags": socket.AI_NUMERICHOST}]

    async def close(self) -> None:
        return None


async def test_connect_guard_refuses_the_address_actually_connected_to(site: LocalSite) -> None:
    """Even when name resolution is bypassed, the socket factory refuses the address before connect()."""
    guard = _ConnectGuard(allow_private=False)
    connector = aiohttp.TCPConnector(resolver=_RebindingResolver(), socket_factory=guard, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(aiohttp.ClientConnectorError):
            await session.get(f"http://rebind.test:{site.port}/news")
    assert isinstance(guard.refusal, BlockedAddress)
    assert "127.0.0.1 is a loopback address" in str(guard.refusal)


async def test_connect_guard_lets_allowed_addresses_through(site: LocalSite) -> None:
    guard = _ConnectGuard(allow_private=True)
    connector = aiohttp.TCPConnector(resolver=_RebindingResolver(), socket_factory=guard, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session, \
            session.get(f"http://rebind.test:{site.port}/ua") as response:
        assert response.status == 200
    assert guard.refusal is None


async def test_guarded_resolver_refuses_names_of_private_addresses() -> None:
    resolver = GuardedResolver(allow_private=False)
    try:
        with pytest.raises(BlockedAddress, match="localhost is at"):
            await resolver.resolve("localhost", 80)
    finally:
        await resolver.close()
