"""User text through the real bot: markdown and mentions in saved data render as text, and nothing can ping.

Every message the bot sends carries ``allowed_mentions`` with an empty ``parse`` list (the client-wide
``AllowedMentions.none()``): without it Discord would ping every @everyone, role and user a quote contains.
"""

from __future__ import annotations

from typing import Any

import pytest
from discord_env import Env
from discord_fakes import Call, attachment_payload

from bot.service import Actor

ARTICLE = "“We are not going to leave anyone behind,” John Kirby, the Pentagon press secretary, told reporters.\n"
HOSTILE_NAME = "[verify here](https://evil.example) **Boss** @everyone <@123456789012345678> <@&223456789012345678>"
SHOWN_NAME = ("\\[verify here]\\(https://evil.example) \\*\\*Boss\\*\\* @\u200beveryone \\<@\u200b123456789012345678> "
              "\\<@\u200b&223456789012345678>")
PINGING = '"@everyone, @here and <@123456789012345678>: be there," Ann Lee, the mayor, said on Monday.\n'


def messages(c: Call) -> bool:
    """A call that carries a message body: a channel post, an interaction response or a follow-up."""
    if c.method == "POST" and c.path == "/channels/{channel_id}/messages":
        return True
    if c.path.endswith("/callback"):
        return int((c.json or {}).get("type", 0)) in (4, 7)
    return c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH")


def allowed_mentions(c: Call) -> Any:
    body = c.json or {}
    return (body.get("data") if c.path.endswith("/callback") else body).get("allowed_mentions")


async def seed(env: Env, text: str = ARTICLE) -> None:
    await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), text)


async def test_a_speaker_name_set_by_fix_renders_as_text_in_every_reply(env: Env) -> None:
    await seed(env)
    env.send(env.world.message(env.world.alice, "!fix S1 speaker " + HOSTILE_NAME))
    (fixed,) = await env.rec.wait_for(messages)
    assert fixed.embeds[0]["description"] == f"Speaker is now {SHOWN_NAME}."
    env.interact(env.world.slash(env.world.bob, "quotes"))
    await env.rec.wait_for(messages, count=2)  # one reply at a time, so the order of the replies is known
    env.interact(env.world.slash(env.world.bob, "speakers"))
    shown = await env.rec.wait_for(messages, count=3)
    assert shown[1].embeds[0]["fields"][0]["name"] == f"[S1] {SHOWN_NAME} · undated"
    assert shown[2].embeds[0]["fields"][0]["name"] == SHOWN_NAME
    assert (await env.service.statement(env.world.guild_id, 1)).speaker == HOSTILE_NAME  # stored raw


@pytest.mark.parametrize("route", ["prefix", "slash", "menu", "auto"])
async def test_no_reply_can_ping_whatever_route_it_takes(env: Env, route: str) -> None:
    """Remove ``allowed_mentions=`` from the client and this fails: the mentions in the quote would ping."""
    world = env.world
    if route == "prefix":
        await seed(env, PINGING)
        env.send(world.message(world.bob, "!quotes"))
    elif route == "slash":
        await seed(env, PINGING)
        env.interact(world.slash(world.bob, "quotes"))
    elif route == "menu":
        env.interact(world.message_menu(world.alice, "Extract quotes", world.message(world.bob, PINGING)))
    else:
        data = PINGING.encode()
        att = attachment_payload("story.txt", data, "https://cdn.example/story.txt")
        env.http.cdn[att["url"]] = data
        env.send(world.message(world.alice, "", attachments=[att]))
    (reply,) = await env.rec.wait_for(messages, timeout=60)
    assert "be there" in reply.text
    assert "@\u200beveryone" in reply.text and "\\<@\u200b123456789012345678>" in reply.text
    mentions = allowed_mentions(reply)
    assert mentions is not None and mentions["parse"] == [], mentions
    assert not mentions.get("users") and not mentions.get("roles")
