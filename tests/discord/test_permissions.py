"""Who may change saved data, through discord.py's real permission objects: moderator means Manage Messages
in the whole server (roles), never one channel's overwrite; corrections belong to a statement's first adder."""

from __future__ import annotations

import discord
from discord_env import Env
from discord_fakes import EMBED_LINKS, MANAGE_MESSAGES, Call
from test_bot_commands import many_quotes, seed

from bot.service import Actor

ARTICLE = "“We are not going to leave anyone behind,” John Kirby, the Pentagon press secretary, told reporters.\n"


def channel_posts(c: Call) -> bool:
    return c.method == "POST" and c.path == "/channels/{channel_id}/messages"


def responses(c: Call) -> bool:
    return c.path.endswith("/callback") or (c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH"))


async def test_a_channel_overwrite_does_not_make_a_server_moderator(env: Env) -> None:
    world = env.world
    await env.service.add_text(Actor(guild_id=world.guild_id, user_id=world.alice), ARTICLE)
    world.channel_grants[world.bob] = MANAGE_MESSAGES
    env.refresh_guild()
    channel = env.bot.get_channel(world.channel_id)
    assert isinstance(channel, discord.TextChannel)
    bob = discord.Member(data=world.member_payload(world.bob), guild=channel.guild,  # type: ignore[arg-type]
                         state=env.bot._connection)
    assert channel.permissions_for(bob).manage_messages  # what the old check read
    assert not bob.guild_permissions.manage_messages

    for text in ("!forget S1", "!alias Kirby Someone Else", "!reextract"):
        env.send(world.message(world.bob, text))
    posts = await env.rec.wait_for(channel_posts, count=3)
    assert all("Not allowed" in p.text for p in posts), [p.text for p in posts]
    env.interact(world.slash(world.bob, "fix", {"statement": "S1", "speaker": "Someone Else"}))
    (reply,) = await env.rec.wait_for(responses)
    assert "Not allowed" in reply.text and reply.ephemeral
    assert (await env.service.statement(world.guild_id, 1)).speaker == "John Kirby"

    env.send(world.message(world.mod, "!alias Kirby John Kirby"))  # the Editors role: Manage Messages
    posts = await env.rec.wait_for(channel_posts, count=4)
    assert "Alias saved" in posts[3].text


async def test_a_later_source_gives_no_rights_over_a_statement(env: Env) -> None:
    world = env.world
    await env.service.add_text(Actor(guild_id=world.guild_id, user_id=world.alice), ARTICLE)
    await env.service.add_text(Actor(guild_id=world.guild_id, user_id=world.bob), ARTICLE + "\nMore text.\n")
    env.interact(world.slash(world.bob, "forget", {"ref": "S1"}))
    (reply,) = await env.rec.wait_for(responses)
    assert "Not allowed" in reply.text and "first article (A1)" in reply.text
    env.interact(world.slash(world.alice, "fix", {"statement": "S1", "speaker": "Admiral John Kirby"}))
    replies = await env.rec.wait_for(responses, count=2)
    assert "Fixed S1" in replies[1].text


async def test_without_embed_links_the_reply_is_plain_text(env: Env) -> None:
    world = env.world
    await env.service.add_text(Actor(guild_id=world.guild_id, user_id=world.alice), ARTICLE)
    world.bot_denied = EMBED_LINKS
    env.refresh_guild()
    env.send(world.message(world.bob, "!quotes Kirby"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert not post.json.get("embeds")  # Discord would drop them: the user would see an empty message
    content = post.json["content"]
    assert "Kirby" in content and "leave anyone behind" in content and len(content) <= 2000
    env.send(world.message(world.bob, "!quotes Kirby " + "x" * 50))
    env.send(world.message(world.bob, "!search " + " ".join(["behind"] * 400)))
    posts = await env.rec.wait_for(channel_posts, count=3)
    assert all(0 < len(p.json["content"]) <= 2000 and not p.json.get("embeds") for p in posts)


async def test_with_embed_links_the_reply_is_an_embed(env: Env) -> None:
    env.send(env.world.message(env.world.bob, "!speakers"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert post.json.get("embeds") and not post.json.get("content")


async def test_without_embed_links_the_pages_turn_as_plain_text(env: Env) -> None:
    await seed(env, many_quotes())
    env.world.bot_denied = EMBED_LINKS
    env.refresh_guild()
    env.send(env.world.message(env.world.alice, "!quotes"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "page 1/2" in post.json["content"] and not post.json.get("embeds")
    next_id = next(b["custom_id"] for b in post.components[0]["components"] if "Next" in b["label"])
    assert post.response is not None
    env.interact(env.world.button(env.world.alice, next_id, post.response))
    (turned,) = await env.rec.wait_for(lambda c: c.path.endswith("/callback"))
    assert turned.json["type"] == 7 and turned.json["data"]["embeds"] == []
    assert "page 2/2" in turned.json["data"]["content"]
