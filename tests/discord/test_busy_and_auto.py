"""Busy replies (pool full, per-user cooldown) and auto-extract in the configured channels."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord_env import Env, make_env
from discord_fakes import attachment_payload
from test_bot_commands import ARTICLE, channel_posts, responses

from bot.discord.cogs.auto import AutoExtractCog
from bot.workers import ProcessPoolExtractor

LONG = ARTICLE * 40


@pytest.fixture
async def slow_env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool, cooldown=30):
        yield e


async def test_full_pool_gives_a_busy_reply(env: Env, pool: ProcessPoolExtractor) -> None:
    running = [asyncio.create_task(pool.extract(LONG)) for _ in range(pool.max_concurrent)]
    await asyncio.sleep(0)
    try:
        env.interact(env.world.slash(env.world.alice, "extract", {"text": ARTICLE}))
        calls = await env.rec.wait_for(responses, count=2)
        assert calls[0].json["type"] == 5
        assert "Busy" in calls[1].text and "try again in" in calls[1].text
    finally:
        await asyncio.gather(*running)
    # The refusal did not start the user's cooldown: a retry goes through.
    env.interact(env.world.slash(env.world.alice, "extract", {"text": ARTICLE}))
    calls = await env.rec.wait_for(responses, count=4, timeout=60)
    assert "Saved A1" in calls[3].text


async def test_per_user_cooldown(slow_env: Env) -> None:
    env = slow_env
    env.send(env.world.message(env.world.alice, "!extract " + ARTICLE))
    await env.rec.wait_for(channel_posts, timeout=60)
    env.send(env.world.message(env.world.alice, "!extract " + ARTICLE.replace("Tuesday", "Monday")))
    posts = await env.rec.wait_for(channel_posts, count=2)
    assert "Busy" in posts[1].text and "try again in" in posts[1].text
    typing = [c for c in env.rec.calls if c.path == "/channels/{channel_id}/typing"]
    assert typing  # prefix extraction shows the typing indicator


def auto_cog(env: Env) -> AutoExtractCog:
    cog = env.bot.get_cog("Auto-extract")
    assert isinstance(cog, AutoExtractCog)
    cog.joiner.window = 0.3
    return cog


async def test_auto_extract_joins_a_paste_split_over_messages(env: Env) -> None:
    auto_cog(env)
    first = ARTICLE * 4
    second = '"The airlift is the largest in history," Kirby said.'
    env.send(env.world.message(env.world.bob, first))
    env.send(env.world.message(env.world.bob, second))
    (post,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "Saved A1" in post.text
    article, statements = await env.service.article(env.world.guild_id, 1)
    assert article.message_url is not None
    assert any("largest in history" in s.quote for s in statements)  # the second part was joined
    await asyncio.sleep(0.5)
    assert len([c for c in env.rec.calls if channel_posts(c)]) == 1  # one article, one reply


async def test_auto_extract_reads_an_attached_paste_and_ignores_chat(env: Env) -> None:
    auto_cog(env)
    env.send(env.world.message(env.world.bob, "morning all"))
    data = ARTICLE.encode()
    att = attachment_payload("message.txt", data, "https://cdn.example/message.txt")
    env.http.cdn[att["url"]] = data
    env.send(env.world.message(env.world.bob, "", attachments=[att]))
    (post,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "Saved A1" in post.text
    await asyncio.sleep(0.5)
    assert len([c for c in env.rec.calls if channel_posts(c)]) == 1


async def test_auto_extract_only_in_configured_channels(env: Env) -> None:
    auto_cog(env)
    env.send(env.world.message(env.world.bob, ARTICLE * 4, channel_id=env.world.channel_id + 1))
    await asyncio.sleep(0.8)
    assert not [c for c in env.rec.calls if channel_posts(c)]


async def test_export_arrives_as_a_file(env: Env) -> None:
    await env.service.add_text(__import__("bot.service", fromlist=["Actor"]).Actor(
        guild_id=env.world.guild_id, user_id=env.world.alice), ARTICLE)
    env.interact(env.world.slash(env.world.alice, "export", {"format": "csv"}))
    deferred, call = await env.rec.wait_for(responses, count=2)  # deferred first: large exports take a while
    assert deferred.json["type"] == 5
    assert call.files == ["quotes.csv"]
    assert b"leave anyone behind" in call.file_data["quotes.csv"]
