"""Sharded bot processes: each built from its settings, connected to a real local gateway as its shards.

Two bots, built exactly as two processes with ``SHARD_COUNT=2`` and ``SHARD_IDS=0`` / ``SHARD_IDS=1`` build
theirs, run the real ``serve()`` path in this test process against :class:`FakeGateway` (a websocket server
that routes a guild's events to shard ``(guild_id >> 22) % 2``, as Discord does). Each has its own database:
one SQLite file serves one bot process (the lock itself is tested across real processes below and in
tests/storage/test_lock.py).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from discord_fakes import FakeHTTP, Recorder, World, install_fake_http, snowflake
from fake_gateway import FakeGateway, GatewayHTTP, shard_of
from test_bot_commands import ARTICLE, channel_posts

from bot.commands.core import Commands
from bot.discord import runner
from bot.discord.bot import QuoteBot, ShardedQuoteBot
from bot.discord.deps import BotDeps
from bot.discord.runner import (
    check_shard_plan,
    create_bot,
    describe_shards,
    holds_shard_zero,
    open_bot_deps,
    run_bot,
    serve,
)
from bot.discord.sync import sync_with
from bot.errors import ConfigError
from bot.service import Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.storage.lock import acquire_bot_lock
from bot.storage.pg_temp import PgDatabases
from bot.workers import ProcessPoolExtractor

ROOT = Path(__file__).resolve().parents[2]


def world_on_shard(shard_id: int, shard_count: int) -> World:
    """Return a guild whose id Discord routes to ``shard_id`` (its timestamp bits chosen for it)."""
    ms = snowflake() >> 22
    world = World(guild_id=((ms - ms % shard_count + shard_id) << 22) | 1)
    assert shard_of(world.guild_id, shard_count) == shard_id
    return world


def _deps(settings: Settings, storage: Storage, pool: ProcessPoolExtractor) -> BotDeps:
    runtime = Commands(Service(storage, pool, settings), prefix=settings.command_prefix)
    return BotDeps(settings=settings, runtime=runtime, closers=[("database", storage.close)])


@dataclass
class Process:
    """One bot process's bot, what it sent to Discord's REST API, and its own database."""

    bot: QuoteBot
    rec: Recorder
    storage: Storage
    served: asyncio.Task[int]


async def start_process(tmp_path: Path, pool: ProcessPoolExtractor, gateway: FakeGateway,
                        env: dict[str, str]) -> Process:
    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / f"shards-{env['SHARD_IDS']}.db"), **env})
    storage = await Storage.open(settings.database_path)
    bot = create_bot(_deps(settings, storage, pool))
    rec = Recorder()
    http = GatewayHTTP(rec, gateway.url)
    for world in gateway.worlds:
        http.guild_of_channel[world.channel_id] = world.guild_id
    install_fake_http(bot, http)
    bot._connection.guild_ready_timeout = 0.05  # the fake sends every GUILD_CREATE at once; no need to wait 2 s
    served = asyncio.create_task(serve(bot, "fake-token"))
    await asyncio.wait_for(bot.wait_until_ready(), timeout=10)
    return Process(bot, rec, storage, served)


@dataclass
class TwoProcesses:
    gateway: FakeGateway
    zero: Process  # SHARD_IDS=0
    one: Process  # SHARD_IDS=1
    a: World  # a guild on shard 0
    b: World  # a guild on shard 1


@pytest.fixture
async def two(tmp_path: Path, pool: ProcessPoolExtractor) -> AsyncIterator[TwoProcesses]:
    a, b = world_on_shard(0, 2), world_on_shard(1, 2)
    gateway = FakeGateway([a, b])
    await gateway.start()
    zero = await start_process(tmp_path, pool, gateway, {"SHARD_COUNT": "2", "SHARD_IDS": "0"})
    one = await start_process(tmp_path, pool, gateway, {"SHARD_COUNT": "2", "SHARD_IDS": "1"})
    try:
        yield TwoProcesses(gateway, zero, one, a, b)
    finally:
        for proc in (zero, one):
            await proc.bot.close()
            assert await asyncio.wait_for(proc.served, timeout=10) == 0
            assert not proc.rec.rejected, proc.rec.rejected
        await gateway.close()


async def test_each_process_identifies_as_its_own_shard(two: TwoProcesses) -> None:
    for proc, shard in ((two.zero, 0), (two.one, 1)):
        assert isinstance(proc.bot, ShardedQuoteBot)
        assert proc.bot.shard_count == 2 and proc.bot.shard_ids == [shard]
        assert set(proc.bot.shards) == {shard}
    assert sorted(two.gateway.identified) == [(0, 2), (1, 2)]  # every shard once, across the two processes


async def test_each_process_holds_only_its_shards_guilds(two: TwoProcesses) -> None:
    assert [g.id for g in two.zero.bot.guilds] == [two.a.guild_id]
    assert [g.id for g in two.one.bot.guilds] == [two.b.guild_id]
    assert two.zero.bot.guilds[0].shard_id == 0 and two.one.bot.guilds[0].shard_id == 1


async def test_a_guilds_commands_are_answered_by_its_shards_process(two: TwoProcesses) -> None:
    assert await two.gateway.send("MESSAGE_CREATE", two.b.message(two.b.alice, "!extract " + ARTICLE)) == 1
    (reply,) = await two.one.rec.wait_for(channel_posts, timeout=60)
    assert reply.params["channel_id"] == two.b.channel_id and "Kirby" in reply.text
    assert await two.one.storage.articles.count(two.b.guild_id) == 1  # saved by the process that owns guild B
    assert await two.gateway.send("MESSAGE_CREATE", two.a.message(two.a.bob, "!speakers")) == 0
    (reply,) = await two.zero.rec.wait_for(channel_posts)
    assert reply.params["channel_id"] == two.a.channel_id
    await asyncio.sleep(0.2)
    assert not [c for c in two.zero.rec.calls if channel_posts(c) and c.params["channel_id"] == two.b.channel_id]
    assert not [c for c in two.one.rec.calls if channel_posts(c) and c.params["channel_id"] == two.a.channel_id]
    assert await two.zero.storage.articles.count(two.b.guild_id) == 0
    assert not two.gateway.undelivered


async def test_direct_messages_reach_the_process_holding_shard_zero(two: TwoProcesses) -> None:
    dm_channel = snowflake()
    assert await two.gateway.send("MESSAGE_CREATE", two.a.message(two.a.alice, "!help", channel_id=dm_channel,
                                                                  dm=True)) == 0
    (reply,) = await two.zero.rec.wait_for(channel_posts)
    assert reply.params["channel_id"] == dm_channel
    assert holds_shard_zero(two.zero.bot.deps.settings) and not holds_shard_zero(two.one.bot.deps.settings)
    await asyncio.sleep(0.2)
    assert not [c for c in two.one.rec.calls if channel_posts(c)]


async def test_no_process_syncs_commands_on_start(two: TwoProcesses) -> None:
    for proc in (two.zero, two.one):
        assert not [c for c in proc.rec.calls if c.method == "PUT"]


@pytest.mark.parametrize(("env", "kind", "count", "ids"), [
    ({}, QuoteBot, None, None),
    ({"SHARD_COUNT": "3"}, ShardedQuoteBot, 3, None),  # every shard in this process
    ({"SHARD_COUNT": "4", "SHARD_IDS": "1,3"}, ShardedQuoteBot, 4, [1, 3]),
])
async def test_the_bot_built_from_settings(tmp_path: Path, pool: ProcessPoolExtractor, env: dict[str, str],
                                           kind: type[QuoteBot], count: int | None, ids: list[int] | None) -> None:
    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "q.db"), **env})
    storage = await Storage.open(settings.database_path)
    bot = create_bot(_deps(settings, storage, pool))
    assert type(bot) is kind
    assert isinstance(bot, ShardedQuoteBot) is (count is not None)
    if isinstance(bot, ShardedQuoteBot):
        assert (bot.shard_count, bot.shard_ids) == (count, ids)
    await storage.close()


async def test_sync_from_any_process_pushes_the_commands_once(tmp_path: Path, pool: ProcessPoolExtractor) -> None:
    """`python -m bot sync` is HTTP only: run once per deployment, whichever shard settings it is given."""
    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "q.db"), "SHARD_COUNT": "2", "SHARD_IDS": "1"})
    storage = await Storage.open(settings.database_path)
    bot = create_bot(_deps(settings, storage, pool))
    rec = Recorder()
    install_fake_http(bot, FakeHTTP(rec))
    assert await sync_with(bot, "fake-token", None) == 0
    assert len([c for c in rec.calls if c.method == "PUT"]) == 1


@pytest.mark.parametrize(("env", "said"), [
    ({}, "one gateway connection (no sharding)"),
    ({"SHARD_COUNT": "2"}, "shard(s) 0,1 of 2; direct messages come here"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "1"}, "shard(s) 1 of 2"),
])
def test_the_start_up_line_says_which_shards(env: dict[str, str], said: str) -> None:
    assert describe_shards(Settings.from_env(env)) == said


def test_a_share_of_the_shards_needs_postgresql() -> None:
    part = Settings.from_env({"SHARD_COUNT": "2", "SHARD_IDS": "1"})
    with pytest.raises(ConfigError, match="SHARD_IDS=1 runs only part of SHARD_COUNT=2"):
        check_shard_plan(part, "sqlite")
    check_shard_plan(part, "postgresql")
    check_shard_plan(Settings.from_env({"SHARD_COUNT": "2", "SHARD_IDS": "0,1"}), "sqlite")  # all shards: one process
    check_shard_plan(Settings.from_env({"SHARD_COUNT": "2"}), "sqlite")


def test_run_refuses_a_share_of_the_shards_on_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "x", "DATABASE_PATH": str(tmp_path / "q.db"),
                                  "SHARD_COUNT": "2", "SHARD_IDS": "0"})
    assert run_bot(settings) == 1
    err = capsys.readouterr().err
    assert "an SQLite database serves one bot process" in err and "Traceback" not in err


def _bot_run(tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot run` on ``db`` (a token that never gets used: the lock is checked first)."""
    env = os.environ | {"PYTHONPATH": str(ROOT), "DISCORD_TOKEN": "not-a-real-token", "DATABASE_PATH": str(db)}
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)


async def test_a_second_bot_process_on_one_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "data" / "quotes.db"
    settings = Settings.from_env({"DATABASE_PATH": str(db)})
    deps = await open_bot_deps(settings)  # what the first `python -m bot run` holds for its whole life
    proc = _bot_run(tmp_path, db)
    assert proc.returncode == 1, proc.stderr
    assert f"another bot process (pid {os.getpid()}) is already running on {db}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert deps.closers[0][0] == "database lock"  # closed last, after the database
    for _, closer in reversed(deps.closers):
        await closer()
    acquire_bot_lock(db).release()  # free again once the bot has closed


async def test_postgresql_lets_several_bot_processes_start(tmp_path: Path, pg_databases: PgDatabases) -> None:
    """With DATABASE_URL (PostgreSQL) no lock is taken, and two processes' shares of the shards open one database."""
    url = pg_databases.take()
    try:
        opened = []
        for shard in ("0", "1"):
            settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "q.db"), "DATABASE_URL": url,
                                          "SHARD_COUNT": "2", "SHARD_IDS": shard})
            assert runner.backend_kind(settings) == "postgresql"
            opened.append(await open_bot_deps(settings))
        assert "database lock" not in [name for deps in opened for name, _ in deps.closers]
        assert not (tmp_path / "q.db").exists()  # the SQLite path of the settings is not touched
        for deps in opened:
            for _, closer in reversed(deps.closers):
                await closer()
    finally:
        pg_databases.give_back(url)


async def _line(proc: asyncio.subprocess.Process, prefix: str) -> list[str]:
    """Return the words of the next stdout line of ``proc`` starting with ``prefix``."""
    assert proc.stdout is not None
    while True:
        line = (await asyncio.wait_for(proc.stdout.readline(), timeout=60)).decode()
        assert line, f"the process ended before printing {prefix}"
        if line.startswith(prefix):
            return line.split()[1:]


@pytest.mark.slow
async def test_two_real_processes_each_answer_their_own_guilds(tmp_path: Path) -> None:
    a, b = world_on_shard(0, 2), world_on_shard(1, 2)
    gateway = FakeGateway([a, b])
    await gateway.start()
    channels = [f"{w.channel_id}:{w.guild_id}" for w in (a, b)]
    procs = []
    for shard in ("0", "1"):
        env = os.environ | {"PYTHONPATH": str(ROOT), "SHARD_COUNT": "2", "SHARD_IDS": shard}
        procs.append(await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "tests/discord/serve_shard.py"), str(tmp_path / f"{shard}.db"), gateway.url,
            *channels, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE))
    zero, one = procs
    try:
        assert await _line(zero, "READY") == [str(a.guild_id)]
        assert await _line(one, "READY") == [str(b.guild_id)]
        assert sorted(gateway.identified) == [(0, 2), (1, 2)]
        assert await gateway.send("MESSAGE_CREATE", b.message(b.bob, "!speakers")) == 1
        assert await _line(one, "POST") == [str(b.channel_id)]
        assert await gateway.send("MESSAGE_CREATE", a.message(a.bob, "!speakers")) == 0
        assert await _line(zero, "POST") == [str(a.channel_id)]  # its first post: nothing for guild B came here
    finally:
        for proc in procs:
            proc.terminate()
        outs = [(await proc.communicate())[0].decode() for proc in procs]
        await gateway.close()
    for proc, out in zip(procs, outs, strict=True):
        assert proc.returncode == 0 and "EXIT 0" in out, out
    assert "POST" not in outs[1]  # process 1 posted nothing after guild B's reply (guild A is not its own)
