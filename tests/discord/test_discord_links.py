"""/extract with a link: fetched through bot.sources from a loopback site, with the article URL in the reply."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from discord_env import Env, make_env
from test_bot_commands import responses

from bot.workers import ProcessPoolExtractor

PAGE = """<!doctype html><html><head><title>Evacuation goes on</title>
<meta property="article:published_time" content="2021-08-24"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Evacuation goes on</h1>
<p>WASHINGTON - The evacuation from Kabul will continue, officials said on Tuesday.</p>
<p>"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters.</p>
<p>He said the mission was on schedule and that flights would continue through the night.</p>
</article><footer>Copyright</footer></body></html>"""


@pytest.fixture
async def site() -> AsyncIterator[str]:
    app = web.Application()

    async def article(request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    app.router.add_get("/news/evacuation", article)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def link_env(tmp_path: Path, pool: ProcessPoolExtractor, site: str) -> AsyncIterator[Env]:
    port = site.rsplit(":", 1)[1]
    async for e in make_env(tmp_path, pool, extra={"ALLOW_PRIVATE_URLS": "1", "FETCH_ALLOWED_PORTS": port}):
        yield e


async def test_slash_extract_with_a_link(link_env: Env, site: str) -> None:
    env = link_env
    url = f"{site}/news/evacuation"
    env.interact(env.world.slash(env.world.alice, "extract", {"link": url}))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5
    assert "Saved A1" in calls[1].text
    assert f"[Article]({url})" in calls[1].text
    assert "John Kirby" in calls[1].text


async def test_private_link_refused_with_default_settings(env: Env) -> None:
    env.interact(env.world.slash(env.world.alice, "extract", {"link": "http://169.254.169.254/latest"}))
    (call,) = await env.rec.wait_for(responses)
    assert call.json["type"] == 4 and call.seen_ephemeral  # refused at once, privately: no address to look up
    assert "Cannot read that link" in call.text
