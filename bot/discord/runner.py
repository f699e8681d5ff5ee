"""Start the Discord bot (``python -m bot run``) and sync its slash commands (``python -m bot sync``).

The one place that builds the bot, its cogs and their dependencies (database, extraction pool, command layer).

Sharding (``SHARD_COUNT``, ``SHARD_IDS``): each process runs its shards of one bot; Discord sends a server's
events only to shard ``(guild_id >> 22) % SHARD_COUNT`` and direct messages only to shard 0, so every event
is handled by exactly one process. Nothing that is done once per bot runs on start-up: slash commands are
synced only on demand (``python -m bot sync``, run once per deployment, or the owner's ``!sync``, which
reaches the one process holding that server), and the start-up jobs (``BotDeps.on_start``: the pool warm-up)
concern the process's own workers. A future job that must run once per bot belongs to the process holding
shard 0 (:func:`holds_shard_zero`), which every complete deployment has exactly once.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from discord.ext import commands

from bot.commands.limits import UserCooldown
from bot.discord.bot import QuoteBot, ShardedQuoteBot, install_signal_handlers
from bot.discord.cogs.admin import AdminCog
from bot.discord.cogs.auto import AutoExtractCog
from bot.discord.cogs.charts import ChartsCog
from bot.discord.cogs.edit import EditCog
from bot.discord.cogs.extract import ExtractCog
from bot.discord.cogs.query import QueryCog
from bot.discord.connect import CONNECT_ERRORS, MISSING_TOKEN, connect_error
from bot.discord.deps import BotDeps
from bot.discord.sync import sync_with
from bot.errors import ConfigError, QuoteBotError
from bot.settings import Settings
from bot.storage.lock import BackendKind, guard_bot_process

log = logging.getLogger(__name__)


def make_cogs(bot: commands.Bot, deps: BotDeps) -> list[commands.Cog]:
    """Return every cog of the bot, each handed what it needs."""
    return [ExtractCog(bot, deps), QueryCog(bot, deps), EditCog(bot, deps), AutoExtractCog(bot, deps),
            AdminCog(bot), ChartsCog(bot, deps)]


def create_bot(deps: BotDeps) -> QuoteBot:
    """Return the bot for these settings, with its cogs: sharded when SHARD_COUNT is set (SHARD_IDS: its share)."""
    settings = deps.settings
    if settings.shard_count is None:
        return QuoteBot(deps, make_cogs)
    shard_ids = list(settings.shard_ids) if settings.shard_ids is not None else None
    return ShardedQuoteBot(deps, make_cogs, shard_count=settings.shard_count, shard_ids=shard_ids)


def holds_shard_zero(settings: Settings) -> bool:
    """Return whether this process runs shard 0 (direct messages, and any once-per-bot job, come there)."""
    return settings.shard_ids is None or 0 in settings.shard_ids


def backend_kind(settings: Settings) -> BackendKind:
    """Return the storage backend these settings choose: PostgreSQL with DATABASE_URL, else SQLite (DATABASE_PATH)."""
    return "postgresql" if settings.database_url else "sqlite"


def check_shard_plan(settings: Settings, backend: BackendKind) -> None:
    """Refuse a share of the shards on SQLite: the other shards' process could never open the database."""
    ids = settings.shard_ids
    if backend == "sqlite" and ids is not None and settings.shard_count is not None \
            and len(ids) < settings.shard_count:
        shown = ",".join(map(str, ids))
        raise ConfigError(f"SHARD_IDS={shown} runs only part of SHARD_COUNT={settings.shard_count}, but an SQLite "
                          "database serves one bot process, so the other shards' servers would get no answer: "
                          "leave SHARD_IDS empty (all shards here) or use PostgreSQL (DATABASE_URL=postgresql://...)")


def describe_shards(settings: Settings) -> str:
    """Return what this process connects as, for the start-up log line."""
    if settings.shard_count is None:
        return "one gateway connection (no sharding)"
    ids = settings.shard_ids if settings.shard_ids is not None else tuple(range(settings.shard_count))
    dms = "; direct messages come here" if holds_shard_zero(settings) else ""
    return f"shard(s) {','.join(map(str, ids))} of {settings.shard_count}{dms}"


async def open_deps(settings: Settings, *, warm_up: bool = False) -> BotDeps:
    """Open the database, start the extraction pool and build the command runtime the cogs use."""
    from bot.commands.core import Commands
    from bot.service import Service
    from bot.storage.db import Storage
    from bot.workers import ProcessPoolExtractor

    if backend_kind(settings) == "sqlite":
        settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    storage = await Storage.open(settings.database)
    extractor = ProcessPoolExtractor.from_settings(settings)
    service = Service(storage, extractor, settings)
    runtime = Commands(service, prefix=settings.command_prefix,
                       cooldown=UserCooldown(settings.extract_cooldown_seconds))
    deps = BotDeps(settings=settings, runtime=runtime,
                   closers=[("database", service.close), ("extraction pool", extractor.aclose)])
    if warm_up:
        deps.on_start.append(extractor.warm_up)
    return deps


async def serve(bot: QuoteBot, token: str) -> int:
    """Log in and run ``bot`` until it is closed (SIGTERM/SIGINT); return the exit code."""
    remove_handlers = install_signal_handlers(bot)
    try:
        async with bot:
            try:
                await bot.start(token)
            finally:
                await bot.close()  # waits for a signal-started shutdown to finish closing pool and DB
    except CONNECT_ERRORS as exc:
        print(f"error: {connect_error(exc)}", file=sys.stderr)
        return 1
    finally:
        remove_handlers()
    log.info("bot stopped")
    return 0


async def open_bot_deps(settings: Settings, *, warm_up: bool = False) -> BotDeps:
    """Open what a bot process runs on; on SQLite this process then holds the database (one bot process)."""
    backend = backend_kind(settings)
    check_shard_plan(settings, backend)
    lock = guard_bot_process(backend, settings.database_path)  # held until the bot closes or the process ends
    try:
        deps = await open_deps(settings, warm_up=warm_up)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None:
        deps.closers.insert(0, ("database lock", lock.aclose))  # closers run last-first: released last
    return deps


async def _run(settings: Settings, token: str) -> int:
    deps = await open_bot_deps(settings, warm_up=True)
    log.info("running %s", describe_shards(settings))
    return await serve(create_bot(deps), token)


def run_bot(settings: Settings) -> int:
    """Run the Discord bot until SIGTERM/SIGINT; return the process exit code."""
    if not settings.discord_token:
        print(f"error: {MISSING_TOKEN}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_run(settings, settings.discord_token))
    except QuoteBotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


async def _sync(settings: Settings, token: str, guild_id: int | None) -> int:
    deps = await open_deps(settings)
    return await sync_with(create_bot(deps), token, guild_id)


def sync_commands(settings: Settings, guild_id: int | None) -> int:
    """Sync slash commands to Discord (``python -m bot sync [--guild ID]``); return the exit code."""
    if not settings.discord_token:
        print(f"error: {MISSING_TOKEN}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_sync(settings, settings.discord_token, guild_id))
    except QuoteBotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
