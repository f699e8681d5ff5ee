"""Auto-extract channels as users post in them: one cooldown notice, the first link of a short message,
threads of the channel, and a paste that goes on past the joiner's part cap."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from discord_env import Env, make_env
from discord_fakes import attachment_payload, snowflake
from test_bot_commands import ARTICLE, channel_posts

from bot.discord.cogs.auto import AutoExtractCog, first_link
from bot.errors import NotFound
from bot.workers import ProcessPoolExtractor


@pytest.fixture
async def slow_env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool, cooldown=30):
        yield e


def auto_cog(env: Env) -> AutoExtractCog:
    cog = env.bot.get_cog("Auto-extract")
    assert isinstance(cog, AutoExtractCog)
    cog.joiner.window = 0.3
    return cog


def posts(env: Env) -> list[str]:
    return [c.text for c in env.rec.calls if channel_posts(c)]


async def test_files_dropped_on_cooldown_get_one_notice(slow_env: Env) -> None:
    env = slow_env
    auto_cog(env)
    for i in range(3):
        data = ARTICLE.replace("Tuesday", f"day {i}").encode()
        att = attachment_payload(f"story{i}.txt", data, f"https://cdn.example/story{i}.txt")
        env.http.cdn[att["url"]] = data
        env.send(env.world.message(env.world.alice, "", attachments=[att]))
        if i == 0:
            await env.rec.wait_for(channel_posts, timeout=60)
    await env.rec.wait_for(channel_posts, count=2)
    await asyncio.sleep(0.5)
    assert len(posts(env)) == 2 and "Saved A1" in posts(env)[0] and "try again in" in posts(env)[1]
    assert not [c for c in env.rec.calls if c.path.endswith("story2.txt")]  # the third file was not fetched


@pytest.mark.parametrize(("content", "link"), [
    ("Big story: https://example.com/a", "https://example.com/a"),
    ("see <https://example.com/a> and https://example.com/b", "https://example.com/a"),
    ("no link here", None),
])
def test_first_link(content: str, link: str | None) -> None:
    assert first_link(content) == link


async def test_a_short_message_with_a_link_extracts_the_link(env: Env) -> None:
    auto_cog(env)
    env.send(env.world.message(env.world.bob, "Big story: https://127.0.0.1/story"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "Cannot read that link" in post.text  # it was taken as the link to fetch (and refused: loopback)


async def test_a_thread_of_an_auto_extract_channel_counts(env: Env) -> None:
    auto_cog(env)
    thread_id = snowflake()
    guild = env.bot.get_guild(env.world.guild_id)
    assert guild is not None
    guild._add_thread(discord.Thread(guild=guild, state=env.bot._connection, data={  # type: ignore[arg-type]
        "id": str(thread_id), "type": 11, "parent_id": str(env.world.channel_id), "name": "story thread",
        "guild_id": str(env.world.guild_id), "owner_id": str(env.world.bob), "message_count": 0,
        "member_count": 1, "rate_limit_per_user": 0,
        "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                            "archive_timestamp": "2026-11-25T12:00:00+00:00", "locked": False}}))
    env.http.guild_of_channel[thread_id] = env.world.guild_id
    data = ARTICLE.encode()
    att = attachment_payload("message.txt", data, "https://cdn.example/message.txt")
    env.http.cdn[att["url"]] = data
    env.send(env.world.message(env.world.bob, "", attachments=[att], channel_id=thread_id))
    (post,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "Saved A1" in post.text


async def test_a_paste_past_the_part_cap_is_not_dropped(env: Env) -> None:
    cog = auto_cog(env)
    cog.joiner.max_parts = 3
    cog.min_paste_chars = 100
    env.send(env.world.message(env.world.bob, ARTICLE))
    for i in range(4):
        env.send(env.world.message(env.world.bob, f'"Part {i} of the plan is done," Ann Lee, the mayor, said.'))
    await env.rec.wait_for(channel_posts, count=2, timeout=60)
    _, later = await env.service.article(env.world.guild_id, 2)
    assert any("Part 3 of the plan" in s.quote for s in later)  # the parts after the cap were joined too


async def test_a_message_with_no_statements_is_not_saved(env: Env) -> None:
    cog = auto_cog(env)
    cog.min_paste_chars = 5
    env.send(env.world.message(env.world.bob, "hello world"))
    (post,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "No statements found; nothing was saved." in post.text
    env.send(env.world.message(env.world.bob, "!extract hello world"))
    posts = await env.rec.wait_for(channel_posts, count=2, timeout=60)
    assert "No statements found; nothing was saved." in posts[1].text
    assert (await env.service.storage.statements.page(env.world.guild_id, None, 1, 10)).total == 0
    with pytest.raises(NotFound):
        await env.service.storage.articles.get_by_id(env.world.guild_id, 1)
