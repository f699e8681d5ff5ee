"""Start the Discord bot (``python -m bot run``) and sync its slash commands (``python -m bot sync``).

The one place that builds the bot, its cogs and their dependencies (database, extraction pool, command layer).
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
from bot.errors import QuoteBotError
from bot.settings import Settings

log = logging.getLogger(__name__)


def make_cogs(bot: commands.Bot, deps: BotDeps) -> list[commands.Cog]:
    """Return every cog of the bot, each handed what it needs."""
    return [ExtractCog(bot, deps), QueryCog(bot, deps), EditCog(bot, deps), AutoExtractCog(bot, deps),
            AdminCog(bot), ChartsCog(bot, deps)]


def create_bot(deps: BotDeps) -> QuoteBot:
    """Return the bot for these settings, with its cogs: sharded when SHARD_COUNT is set."""
    if deps.settings.shard_count:
        return ShardedQuoteBot(deps, make_cogs, shard_count=deps.settings.shard_count)
    return QuoteBot(deps, make_cogs)


async def open_deps(settings: Settings, *, warm_up: bool = False) -> BotDeps:
    """Open the database, start the extraction pool and build the command runtime the cogs use."""
    from bot.commands.core import Commands
    from bot.service import Service
    from bot.storage.db import Storage
    from bot.workers import ProcessPoolExtractor

    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    storage = await Storage.open(settings.database_path)
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


async def _run(settings: Settings, token: str) -> int:
    deps = await open_deps(settings, warm_up=True)
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
