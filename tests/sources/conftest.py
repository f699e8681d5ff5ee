"""A real aiohttp server on 127.0.0.1 (random port), in its own thread, serving the pages the tests need.

It runs in a thread with its own event loop so that both async tests (``fetch_article``) and synchronous
ones (``read_source`` and the CLI, which call ``asyncio.run``) can reach it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web

from bot.settings import Settings

PAGES = Path(__file__).parent / "pages"
NEWS_HTML = (PAGES / "news.html").read_bytes()
PAYWALL_HTML = (PAGES / "paywall.html").read_bytes()

# A page in Windows-1252 with curly quotes (0x93/0x94) and accents; labelled iso-8859-1 in the HTTP header.
CP1252_ARTICLE = (
    "<!DOCTYPE html><html><head><title>Café owners protest new rules</title>"
    '<meta property="article:published_time" content="2023-11-20"></head><body>'
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Café owners protest new rules</h1>'
    "<p>Owners of the city’s cafés gathered outside the town hall on Monday to protest against new licensing "
    "rules that they say will force some of them to close before the end of the year.</p>"
    "<p>“We are not asking for favours, only for fairness,” the owner of the Rosé Garden café, José Álvarez, "
    "told the crowd. He said the council had not consulted anyone before publishing the rules.</p>"
    "<p>A council spokesperson said the rules would be reviewed in the spring and that no café would lose "
    "its licence before then.</p></article></body></html>"
)
CP1252_BYTES = CP1252_ARTICLE.encode("cp1252")
# The same page declaring its charset only in a <meta> tag (no charset in the HTTP header).
CP1252_META_BYTES = CP1252_ARTICLE.replace(
    "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
).encode("cp1252")
PLAIN_TEXT = ("Council approves new bridge\n\n“It will cut journeys by twenty minutes,” the mayor, "
              "Ana Costa, said on Tuesday.\n")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BIG_PAGE_BYTES = 20 * 1024 * 1024
SLOW_SECONDS = 3.0


async def _news(request: web.Request) -> web.Response:
    return web.Response(body=NEWS_HTML, content_type="text/html", charset="utf-8")


async def _user_agent(request: web.Request) -> web.Response:
    return web.Response(text=request.headers.get("User-Agent", ""), content_type="text/plain")


async def _paywall(request: web.Request) -> web.Response:
    return web.Response(body=PAYWALL_HTML, content_type="text/html", charset="utf-8")


async def _cp1252_header(request: web.Request) -> web.Response:
    return web.Response(body=CP1252_BYTES, headers={"Content-Type": "text/html; charset=iso-8859-1"})


async def _cp1252_meta(request: web.Request) -> web.Response:
    return web.Response(body=CP1252_META_BYTES, headers={"Content-Type": "text/html"})


async def _plain(request: web.Request) -> web.Response:
    return web.Response(text=PLAIN_TEXT, content_type="text/plain")


async def _pdf(request: web.Request) -> web.Response:
    return web.Response(body=PDF_BYTES, content_type="application/pdf")


async def _image(request: web.Request) -> web.Response:
    return web.Response(body=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")


async def _missing(request: web.Request) -> web.Response:
    raise web.HTTPNotFound()


async def _big_streamed(request: web.Request) -> web.StreamResponse:
    """20 MB of HTML sent chunked, with no Content-Length: only the streamed cap can stop it."""
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
    sent = 0
    try:
        while sent < BIG_PAGE_BYTES:
            await response.write(chunk)
            sent += len(chunk)
    except (ConnectionError, RuntimeError):
        return response  # The client hung up at its cap, as it should.
    await response.write_eof()
    return response


async def _big_declared(request: web.Request) -> web.Response:
    """20 MB with an honest Content-Length: refused before the body is read."""
    return web.Response(body=b" " * BIG_PAGE_BYTES, content_type="text/html")


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(SLOW_SECONDS)
    return web.Response(body=NEWS_HTML, content_type="text/html")


async def _hop(request: web.Request) -> web.Response:
    """/hop/N redirects to /hop/N-1 ... /hop/0 redirects to the news page: N+1 redirects in all."""
    left = int(request.match_info["n"])
    target = "/news" if left == 0 else f"/hop/{left - 1}"
    raise web.HTTPFound(target)


async def _to_metadata(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")


async def _to_mapped_metadata(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://[::ffff:169.254.169.254]/latest/meta-data/")


async def _to_other_port(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://127.0.0.1:1/")


async def _to_file(request: web.Request) -> web.Response:
    raise web.HTTPFound("file:///etc/passwd")


async def _redirect_no_location(request: web.Request) -> web.Response:
    return web.Response(status=302)


def build_app() -> web.Application:
    """Return the test site's application."""
    app = web.Application()
    app.router.add_get("/news", _news)
    app.router.add_get("/ua", _user_agent)
    app.router.add_get("/paywall", _paywall)
    app.router.add_get("/cp1252", _cp1252_header)
    app.router.add_get("/cp1252-meta", _cp1252_meta)
    app.router.add_get("/plain", _plain)
    app.router.add_get("/report.pdf", _pdf)
    app.router.add_get("/photo.png", _image)
    app.router.add_get("/missing", _missing)
    app.router.add_get("/big", _big_streamed)
    app.router.add_get("/big-declared", _big_declared)
    app.router.add_get("/slow", _slow)
    app.router.add_get("/hop/{n:\\d+}", _hop)
    app.router.add_get("/to-metadata", _to_metadata)
    app.router.add_get("/to-mapped-metadata", _to_mapped_metadata)
    app.router.add_get("/to-other-port", _to_other_port)
    app.router.add_get("/to-file", _to_file)
    app.router.add_get("/no-location", _redirect_no_location)
    return app


@dataclass(frozen=True)
class LocalSite:
    """Where the test site listens."""

    port: int

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """Return the full link to ``path`` on the test site."""
        return f"http://{host}:{self.port}{path}"

    def reading_settings(self, **extra: str) -> Settings:
        """Settings that may reach the site: ALLOW_PRIVATE_URLS=1 and its port in FETCH_ALLOWED_PORTS."""
        return Settings.from_env({"ALLOW_PRIVATE_URLS": "1", "FETCH_ALLOWED_PORTS": str(self.port), **extra})


@pytest.fixture(scope="session")
def site() -> Iterator[LocalSite]:
    """Run the test site on 127.0.0.1 at a random port for the whole session."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(build_app(), shutdown_timeout=0.5)
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", 0).start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="test-site", daemon=True)
    thread.start()
    assert started.wait(10), "the test site did not start"
    port = runner.addresses[0][1]
    yield LocalSite(port=port)
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.fixture
def default_settings() -> Settings:
    """The settings a fresh deployment has (ALLOW_PRIVATE_URLS=0, ports 80/443 only)."""
    return Settings.from_env({})
