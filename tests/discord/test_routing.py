"""Which messages reach which command: any case, one cooldown on every route, silence for other bots' words,
pages only where asked for, and clear replies for odd page numbers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord_env import Env, make_env
from discord_fakes import attachment_payload
from test_bot_commands import ARTICLE, channel_posts, many_quotes, responses

from bot.commands.errors import GENERIC_ERROR
from bot.discord.errors import GENERIC_FAILURE
from bot.service import Actor
from bot.workers import ProcessPoolExtractor


@pytest.fixture
async def slow_env(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[Env]:
    async for e in make_env(tmp_path, pool, cooldown=30):
        yield e


async def seed(env: Env, text: str) -> None:
    await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), text)


async def test_a_capitalised_extract_with_a_file_reaches_the_command(env: Env) -> None:
    data = ARTICLE.encode()
    att = attachment_payload("story.txt", data, "https://cdn.example/story.txt")
    env.http.cdn[att["url"]] = data
    env.send(env.world.message(env.world.alice, "!Extract", attachments=[att]))
    (post,) = await env.rec.wait_for(channel_posts, timeout=60)
    assert "Saved A1" in post.text and "How to use it" not in post.text
    assert (await env.service.article(env.world.guild_id, 1))[0].filename == "story.txt"


@pytest.mark.parametrize("second", ["!EXTRACT ", "!Extract ", "slash", "menu"])
async def test_one_cooldown_whatever_the_route(slow_env: Env, second: str) -> None:
    env, world = slow_env, slow_env.world
    env.send(world.message(world.alice, "!extract " + ARTICLE))
    await env.rec.wait_for(channel_posts, timeout=60)
    saved = (await env.service.quotes(world.guild_id, None))[1].total
    other = ARTICLE.replace("Tuesday", "Monday")
    if second == "slash":
        env.interact(world.slash(world.alice, "extract", {"text": other}))
    elif second == "menu":
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, other)))
    else:
        env.send(world.message(world.alice, second + other))
    replies = await env.rec.wait_for(lambda c: (channel_posts(c) or responses(c)) and "Busy" in c.text)
    assert "try again in" in replies[0].text
    assert (await env.service.quotes(world.guild_id, None))[1].total == saved  # nothing else was saved


async def test_other_bots_commands_get_silence_and_typos_a_suggestion(env: Env) -> None:
    for text in ("!play despacito", "!!!", "!hello", "!rank @alice", "!8ball will it work?"):
        env.send(env.world.message(env.world.bob, text))
    env.send(env.world.message(env.world.bob, "!qoutes Kirby"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "did you mean !quotes?" in post.text
    await asyncio.sleep(0.3)  # the other messages were handled by now: none of them was answered
    assert len([c for c in env.rec.calls if channel_posts(c)]) == 1, [c.text for c in env.rec.calls]


async def test_a_number_in_search_words_is_a_word_not_a_page(env: Env) -> None:
    await seed(env, '"The covid 19 rules will stay," John Kirby, a Pentagon spokesman, said on Monday.\n')
    env.send(env.world.message(env.world.bob, "!search covid 19"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "Search: covid 19" in post.text and "covid 19 rules" in post.text


@pytest.mark.parametrize(("text", "says"), [
    ("!quotes 99999999999999999999", "pages go up to 100,000"),
    ("!quotes Costa ²", "No speaker called “Costa ²”"),
    ("!quotes page:4", "the last page is page:3"),
    ("!speakers page:9", "the last page is page:2"),
])
async def test_odd_page_numbers_get_clear_replies(env: Env, text: str, says: str) -> None:
    await seed(env, many_quotes() + "\n\n" + many_quotes().replace("plan", "scheme"))
    env.send(env.world.message(env.world.bob, text))
    (post,) = await env.rec.wait_for(channel_posts)
    assert says in post.text
    assert GENERIC_ERROR not in post.text and GENERIC_FAILURE not in post.text


async def test_a_slash_page_past_the_end_says_so(env: Env) -> None:
    await seed(env, many_quotes())
    env.interact(env.world.slash(env.world.bob, "quotes", {"page": 7}))
    (reply,) = await env.rec.wait_for(responses)
    assert "No such page" in reply.text and "page:2" in reply.text and reply.ephemeral
