"""Lifecycle: missing and refused tokens, command sync, the owner-only sync, SIGTERM closing everything."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import discord
import pytest
from discord_env import Env, make_env
from discord_fakes import OWNER_ID, FakeHTTP, Recorder, install_fake_http

from bot.commands.core import Commands
from bot.discord.bot import SLASH_ONLY, QuoteBot, ShardedQuoteBot, make_intents
from bot.discord.connect import BAD_TOKEN, NO_INTENT, NO_NETWORK, connect_error
from bot.discord.deps import BotDeps
from bot.discord.runner import create_bot, run_bot, serve, sync_commands
from bot.discord.sync import sync_with
from bot.service import Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.workers import ProcessPoolExtractor

ROOT = Path(__file__).resolve().parents[2]


def test_run_without_token_names_the_variable(capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_env({})
    assert run_bot(settings) == 2
    assert sync_commands(settings, None) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN is not set" in err
    assert "Traceback" not in err


def test_cli_run_without_token_exits_at_once(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"} | {"DISCORD_TOKEN": ""}
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env | {"PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "DISCORD_TOKEN" in proc.stderr and "Traceback" not in proc.stderr


async def _bot(tmp_path: Path, pool: ProcessPoolExtractor, http: FakeHTTP,
               shard_count: str = "") -> tuple[QuoteBot, Storage]:
    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "q.db"), "SHARD_COUNT": shard_count})
    storage = await Storage.open(settings.database_path)
    deps = BotDeps(settings=settings, runtime=Commands(Service(storage, pool, settings)),
                   closers=[("database", storage.close)])
    bot = create_bot(deps)
    install_fake_http(bot, http)
    return bot, storage


async def test_refused_token_is_a_clear_message(tmp_path: Path, pool: ProcessPoolExtractor,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    bot, storage = await _bot(tmp_path, pool, FakeHTTP(Recorder(), reject_token=True))
    assert await serve(bot, "wrong-token") == 1
    err = capsys.readouterr().err
    assert BAD_TOKEN in err and "Traceback" not in err
    assert bot.is_closed()
    assert not storage.conn._running  # type: ignore[attr-defined]  # the database was closed too


async def test_unreachable_discord_is_a_clear_message(tmp_path: Path, pool: ProcessPoolExtractor,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bot, _ = await _bot(tmp_path, pool, FakeHTTP(Recorder(), offline=True))
    assert await serve(bot, "some-token") == 1
    err = capsys.readouterr().err
    assert "could not reach Discord" in err and "Traceback" not in err
    bot, _ = await _bot(tmp_path / "x", pool, FakeHTTP(Recorder(), offline=True))
    assert await sync_with(bot, "some-token", None) == 1


@pytest.mark.parametrize("guild_id", [None, 4242])
async def test_sync_pushes_every_command(tmp_path: Path, pool: ProcessPoolExtractor, guild_id: int | None,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rec = Recorder()
    bot, _ = await _bot(tmp_path, pool, FakeHTTP(rec))
    assert await sync_with(bot, "fake-token", guild_id) == 0
    (put,) = [c for c in rec.calls if c.method == "PUT"]
    if guild_id:
        assert put.params["guild_id"] == guild_id
    names = {c["name"] for c in put.json}
    assert {"extract", "quotes", "speakers", "search", "timeline", "article", "export", "alias", "fix",
            "forget", "help", "Extract quotes"} <= names
    assert "sync" not in names  # owner-only prefix command, not a slash command
    extract = next(c for c in put.json if c["name"] == "extract")
    assert {o["name"] for o in extract["options"]} == {"text", "link", "file", "date"}
    assert f"synced {len(put.json)} command(s)" in capsys.readouterr().out


async def test_login_does_not_sync(env: Env) -> None:
    assert not [c for c in env.rec.calls if c.method == "PUT"]


async def test_owner_only_sync_command(env: Env) -> None:
    env.send(env.world.message(env.world.alice, "!sync"))
    (refusal,) = await env.rec.wait_for(lambda c: c.method == "POST" and "/messages" in c.path)
    assert "Only the bot's owner" in refusal.text
    env.send(env.world.message(OWNER_ID, "!sync"))
    (put,) = await env.rec.wait_for(lambda c: c.method == "PUT")
    assert "guild_id" not in put.params  # the umbrella command's default: global (this server: !sync copy)


def test_intents_and_sharding(tmp_path: Path) -> None:
    intents = make_intents()
    assert intents.message_content and not intents.members and not intents.presences


async def test_without_message_content_the_bot_runs_slash_only(tmp_path: Path, pool: ProcessPoolExtractor,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    async for env in make_env(tmp_path, pool, message_content=False):
        assert not env.bot.intents.message_content  # not asked for: Discord would close the gateway (4014)
        assert SLASH_ONLY in caplog.text
        env.send(env.world.message(env.world.bob, "!quotes Kirby"))
        env.send(env.world.message(env.world.bob, "Big story: https://127.0.0.1/story"))  # auto-extract channel
        env.interact(env.world.slash(env.world.alice, "quotes", {"speaker": "Kirby"}))
        await env.rec.wait_for(lambda c: c.path.endswith("/callback"))  # slash commands still answer
        await asyncio.sleep(0.3)
        assert not [c for c in env.rec.calls if c.method == "POST" and c.path.startswith("/channels/")]


async def test_with_message_content_the_bot_asks_for_it(env: Env) -> None:
    assert env.bot.intents.message_content


async def test_shard_count_makes_a_sharded_bot(tmp_path: Path, pool: ProcessPoolExtractor) -> None:
    bot, storage = await _bot(tmp_path, pool, FakeHTTP(Recorder()), shard_count="2")
    assert isinstance(bot, ShardedQuoteBot) and bot.shard_count == 2
    await storage.close()


@pytest.mark.slow
def test_sigterm_closes_bot_pool_and_database(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/discord/serve_fake.py"), str(tmp_path / "q.db")],
                            cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("READY"):
            break
    else:
        pytest.fail("bot did not start:\n" + "".join(lines))
    workers = [int(p) for p in lines[-1].split()[1:]]
    assert workers and all(_alive(p) for p in workers)
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert "SIGTERM received: shutting down" in out
    assert "closed extraction pool" in out and "closed database" in out
    assert "EXIT 0 db closed: True" in out
    assert "Traceback" not in out
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie child of the (now gone) bot process has been reaped by init, or soon will be.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_connection_errors_map_to_what_the_user_should_do() -> None:
    assert connect_error(discord.LoginFailure("bad")) == BAD_TOKEN
    assert connect_error(discord.PrivilegedIntentsRequired(None)) == NO_INTENT
    offline = connect_error(aiohttp.ClientConnectionError("no route"))
    assert offline.startswith(NO_NETWORK) and "ClientConnectionError: no route" in offline
    assert connect_error(ConnectionRefusedError(111, "refused")).startswith(NO_NETWORK)
