"""Kinds and re-extraction on Discord: the kind choice on the slash commands, the left-out note in the embed,
and /reextract (deferred, moderators only) through the real extraction pool."""

from __future__ import annotations

from discord import app_commands
from discord_env import Env
from discord_fakes import Call

from bot.service import Actor

ARTICLE = (
    "WASHINGTON - The evacuation from Kabul will go on, officials said on Tuesday.\n\n"
    '"We are not going to leave anyone behind," John Kirby, the Pentagon press secretary, told reporters. '
    "He said the mission was on schedule.\n"
)


def channel_posts(c: Call) -> bool:
    return c.method == "POST" and c.path == "/channels/{channel_id}/messages"


def responses(c: Call) -> bool:
    return c.path.endswith("/callback") or (c.path.startswith("/webhooks/") and c.method in ("POST", "PATCH"))


async def seed(env: Env) -> int:
    result = await env.service.add_text(Actor(guild_id=env.world.guild_id, user_id=env.world.alice), ARTICLE)
    assert len(result.statements) >= 2
    return len(result.statements)


def test_list_commands_offer_the_kind_as_a_choice(env: Env) -> None:
    for name in ("quotes", "search", "timeline", "article", "export"):
        command = env.bot.tree.get_command(name)
        assert isinstance(command, app_commands.Command), name
        kind = next(p for p in command.parameters if p.name == "kind")
        assert [c.value for c in kind.choices] == ["speech", "thought", "evidence", "all"], name
        assert not kind.required


async def test_the_left_out_note_shows_in_the_embed(env: Env) -> None:
    count = await seed(env)
    async with env.storage.transaction():  # as the classifier would have decided
        await env.storage.conn.execute("UPDATE statements SET kind = 'thought' WHERE number = 1")
    env.interact(env.world.slash(env.world.bob, "quotes"))
    (reply,) = await env.rec.wait_for(responses)
    assert "+ 1 belief: kind:all" in reply.text
    env.interact(env.world.slash(env.world.bob, "quotes", {"kind": "all"}))
    calls = await env.rec.wait_for(responses, count=2)
    assert "kind:all" not in calls[1].text and "belief" in calls[1].text
    env.send(env.world.message(env.world.bob, "!quotes kind:thougt"))
    (post,) = await env.rec.wait_for(channel_posts)
    assert "did you mean kind:thought?" in post.text
    assert count >= 2


async def test_reextract_is_refused_to_members_and_run_for_moderators(env: Env) -> None:
    count = await seed(env)
    async with env.storage.transaction():  # saved by an older extractor
        await env.storage.conn.execute("UPDATE articles SET extractor_version = '0-old'")
    env.send(env.world.message(env.world.bob, "!reextract"))
    (refused,) = await env.rec.wait_for(channel_posts)
    assert "Not allowed" in refused.text
    env.interact(env.world.slash(env.world.mod, "reextract"))
    calls = await env.rec.wait_for(responses, count=2, timeout=60)
    assert calls[0].json["type"] == 5  # deferred before extracting
    assert "Re-extracted" in calls[1].text
    assert f"Statements: {count} kept (same ids), 0 added, 0 removed." in calls[1].text
    assert await env.service.stale_articles(env.world.guild_id) == []
