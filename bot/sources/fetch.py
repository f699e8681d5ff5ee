"""Safe fetching of a user-supplied link with aiohttp.

Every hop is checked three times: the URL's shape and any IP literal (:func:`check_url`), every address the
host resolves to (:class:`GuardedResolver`, before any connection), and the exact address each socket is
about to connect to (:class:`_ConnectGuard`, the connector's socket factory, called with the very address
handed to ``connect()``) -- so a DNS answer that changes between the check and the connection (DNS
rebinding) cannot slip through, and neither can an IP literal, which aiohttp does not resolve. Redirects
are followed by hand, at most :data:`MAX_REDIRECTS`, each target going through the same checks. The body
is streamed and capped at FETCH_MAX_BYTES; the whole fetch, redirects included, is bounded by FETCH_TIMEOUT
seconds.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

from bot.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    NotAnArticlePage,
    PageTooLarge,
    TooManyRedirects,
)
from bot.settings import Settings
from bot.sources.addresses import check_address
from bot.sources.links import check_url

log = logging.getLogger(__name__)

USER_AGENT = "QuoteBot/0.1 (+newsroom quote extraction bot)"
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
CHUNK_BYTES = 64 * 1024
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The raw answer of the last hop: final URL, media type, declared charset and the body bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


class GuardedResolver(AbstractResolver):
    """Resolve with the default resolver and refuse the host when any address it resolves to is refused."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = DefaultResolver()
        self._allow_private = allow_private

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        """Return the host's addresses, all of them allowed; raise :class:`BlockedAddress` otherwise."""
        results = await self._inner.resolve(host, port, family)
        for result in results:
            # One refused address refuses the host: a mixed answer is how rebinding attacks start.
            check_address(result["host"], allow_private=self._allow_private, host=host)
        return results

    async def close(self) -> None:
        """Close the wrapped resolver."""
        await self._inner.close()


class _ConnectGuard:
    """Socket factory for the connector: checks the exact address of every connection attempt."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.refusal: BlockedAddress | None = None

    def __call__(self, addr_info: Any) -> socket.socket:
        family, type_, proto, _canon, sockaddr = addr_info
        try:
            check_address(str(sockaddr[0]), allow_private=self.allow_private)
        except BlockedAddress as exc:
            self.refusal = exc
            raise OSError(str(exc)) from exc
        return socket.socket(family=family, type=type_, proto=proto)


async def _read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    declared = response.content_length
    too_large = (f"the page is larger than the limit of {limit:,} bytes (FETCH_MAX_BYTES); "
                 "paste the article text or attach it as a file instead")
    if declared is not None and declared > limit:
        raise PageTooLarge(too_large)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise PageTooLarge(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(response: aiohttp.ClientResponse) -> str | None:
    if "Content-Type" not in response.headers:
        return None
    return response.content_type.lower()


async def _fetch_hops(session: aiohttp.ClientSession, url: URL, settings: Settings,
                      guard: _ConnectGuard) -> FetchedPage:
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        log.debug("fetch hop %d: host=%s", hop, current.host)
        try:
            async with session.get(current, allow_redirects=False) as response:
                if response.status in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"the site answered {response.status} (a redirect) with no target")
                    try:
                        target = current.join(URL(location))
                    except ValueError:
                        raise FetchError("the site redirected to an invalid link") from None
                    current = check_url(target, settings)
                    continue
                if response.status >= 400:
                    raise FetchError(f"the site answered {response.status} {response.reason or ''}".rstrip())
                media = _media_type(response)
                if media is not None and media not in ARTICLE_TYPES:
                    raise NotAnArticlePage(f"this link is not an article page ({media})")
                body = await _read_capped(response, settings.fetch_max_bytes)
                if media is None:
                    media = _sniff(body)
                return FetchedPage(url=str(current), content_type=media, charset=response.charset, body=body)
        except aiohttp.ClientConnectorError as exc:
            if guard.refusal is not None:
                raise guard.refusal from None
            raise FetchError(f"could not connect to {current.host}: {exc.os_error.strerror or exc.os_error}"
                             ) from None
        except aiohttp.InvalidURL:
            raise FetchError(f"this is not a valid link: {current}") from None
        except aiohttp.ClientPayloadError:
            raise FetchError("the site broke off while sending the page") from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"the site could not be read ({type(exc).__name__})") from None
    raise TooManyRedirects(f"the link redirects more than {MAX_REDIRECTS} times; give the final article link")


def _sniff(body: bytes) -> str:
    head = body[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    raise NotAnArticlePage("this link is not an article page (the site did not say what it is)")


async def fetch_page(url: str, settings: Settings) -> FetchedPage:
    """Fetch ``url`` safely and return the raw page; raise a :class:`FetchError` subclass when refused."""
    start = check_url(url, settings)
    guard = _ConnectGuard(settings.allow_private_urls)
    connector = aiohttp.TCPConnector(
        resolver=GuardedResolver(settings.allow_private_urls),
        socket_factory=guard,
        use_dns_cache=False,
        force_close=True,
    )
    timeout = aiohttp.ClientTimeout(total=settings.fetch_timeout,
                                    sock_connect=min(CONNECT_TIMEOUT, settings.fetch_timeout))
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    try:
        async with (
            asyncio.timeout(settings.fetch_timeout),
            aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers,
                                  cookie_jar=aiohttp.DummyCookieJar(), trust_env=False) as session,
        ):
            page = await _fetch_hops(session, start, settings, guard)
    except TimeoutError:
        raise FetchTimeout(f"the site did not answer within {settings.fetch_timeout:g} seconds "
                           "(FETCH_TIMEOUT)") from None
    log.info("fetched host=%s type=%s bytes=%d", URL(page.url).host, page.content_type, len(page.body))
    return page
