"""The owner's !sync: the umbrella command's scopes (global, guild, copy, clear, server ids), and never a
command shown twice in a server (a guild's own set beside the same global commands)."""

from __future__ import annotations

from pathlib import Path

import pytest
from discord_env import Env
from discord_fakes import OWNER_ID, Call, FakeHTTP, Recorder, snowflake
from test_bot_commands import channel_posts
from test_runner import _bot

from bot.discord.sync import sync_with
from bot.workers import ProcessPoolExtractor


def puts(env: Env) -> list[Call]:
    return [c for c in env.rec.calls if c.method == "PUT"]


async def owner_says(env: Env, text: str, *, dm: bool = False) -> str:
    """Send ``text`` as the bot's owner; return the bot's answer."""
    before = len([c for c in env.rec.calls if channel_posts(c)])
    channel = snowflake() if dm else None
    env.send(env.world.message(OWNER_ID, text, channel_id=channel, dm=dm))
    posts = await env.rec.wait_for(channel_posts, count=before + 1)
    return posts[-1].text


def shown_once(env: Env) -> list[str]:
    names = env.http.shown_in(env.world.guild_id)
    assert len(names) == len(set(names)), f"shown twice: {names}"
    return names


async def test_sync_alone_is_global(env: Env) -> None:
    said = await owner_says(env, "!sync")
    (put,) = puts(env)
    assert "guild_id" not in put.params and said.startswith(f"Synced {len(put.json)} slash command(s) everywhere")
    assert "extract" in shown_once(env)


@pytest.mark.parametrize("word", ["copy", "*", "COPY"])
async def test_copy_puts_the_global_commands_in_this_server(env: Env, word: str) -> None:
    said = await owner_says(env, f"!sync {word}")
    (put,) = puts(env)
    assert put.params["guild_id"] == env.world.guild_id and "available now" in said
    assert "extract" in shown_once(env) and not env.http.registered.get(None)


async def test_global_after_a_copy_removes_the_copies(env: Env) -> None:
    await owner_says(env, "!sync copy")
    said = await owner_says(env, "!sync")
    assert "Removed" in said and "none shows twice" in said
    assert not env.http.registered[env.world.guild_id] and "extract" in shown_once(env)
    assert not env.bot.tree.get_commands(guild=env.guild_object)  # the copies left the bot's tree too
    again = await owner_says(env, "!sync guild")  # so a later guild sync cannot bring them back
    assert "Synced 0" in again and "extract" in shown_once(env)


async def test_copy_while_registered_globally_is_refused(env: Env) -> None:
    await owner_says(env, "!sync")
    said = await owner_says(env, "!sync copy")
    assert said.startswith("Not synced:") and "twice" in said and "!sync clear" in said
    assert len(puts(env)) == 1 and "extract" in shown_once(env)


@pytest.mark.parametrize("word", ["clear", "^"])
async def test_clear_removes_this_servers_set(env: Env, word: str) -> None:
    await owner_says(env, "!sync copy")
    said = await owner_says(env, f"!sync {word}")
    assert "Cleared" in said and env.http.registered[env.world.guild_id] == []
    assert puts(env)[-1].json == []


async def test_sync_to_servers_by_id(env: Env) -> None:
    said = await owner_says(env, f"!sync {env.world.guild_id} 4242")
    assert said == "Synced the slash commands to 2/2 server(s)."
    assert sorted(p.params["guild_id"] for p in puts(env)) == sorted([env.world.guild_id, 4242])


@pytest.mark.parametrize(("text", "answer"), [  # hostile and odd input: a clear answer, no sync
    ("!sync everything", "Type !sync (everywhere)"),
    ("!sync copy clear", "Type !sync (everywhere)"),
    ("!sync 99999999999999999999999", "Type !sync (everywhere)"),  # no such id: 23 digits
    ("!sync " + "x" * 3000, "Type !sync (everywhere)"),
    ("!sync @everyone", "Type !sync (everywhere)"),
    ("!sync ~ ~", "Type !sync (everywhere)"),
])
async def test_sync_with_words_it_does_not_know(env: Env, text: str, answer: str) -> None:
    assert (await owner_says(env, text)).startswith(answer)
    assert not puts(env)


@pytest.mark.parametrize("word", ["copy", "clear", "guild"])
async def test_server_scopes_in_a_dm_say_where_to_type_them(env: Env, word: str) -> None:
    assert "works in a server" in await owner_says(env, f"!sync {word}", dm=True)
    assert not puts(env)


async def test_the_cli_copy_is_refused_when_registered_globally(tmp_path: Path, pool: ProcessPoolExtractor,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    http = FakeHTTP(Recorder())
    bot, _ = await _bot(tmp_path, pool, http)
    assert await sync_with(bot, "fake-token", None) == 0
    bot, _ = await _bot(tmp_path / "again", pool, http)
    assert await sync_with(bot, "fake-token", 4242) == 1
    err = capsys.readouterr().err
    assert "registered globally" in err and "python -m bot sync updates" in err and 4242 not in http.registered
