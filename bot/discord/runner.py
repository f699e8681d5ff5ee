"""Start the Discord bot (``python -m bot run``) and sync its slash commands (``python -m bot sync``)."""

from __future__ import annotations

import asyncio
import logging
import sys

import aiohttp
import discord

from bot.discord.bot import BotDeps, QuoteBot, create_bot, install_signal_handlers
from bot.discord.limits import UserCooldown
from bot.errors import QuoteBotError
from bot.settings import Settings

log = logging.getLogger(__name__)

MISSING_TOKEN = ("DISCORD_TOKEN is not set: put the bot token from the Discord Developer Portal "
                 "(Applications -> your app -> Bot -> Reset Token) in .env or the environment")
BAD_TOKEN = ("Discord refused DISCORD_TOKEN (401 Unauthorized): the token is wrong or was reset. "
             "Copy a fresh one from the Developer Portal (Bot -> Reset Token) into .env")
NO_INTENT = ("Discord refused the connection: enable the MESSAGE CONTENT intent for this bot in the "
             "Developer Portal (Applications -> your app -> Bot -> Privileged Gateway Intents)")

NO_NETWORK = "could not reach Discord; check the network connection (or a proxy/firewall) and try again"
# What logging in or connecting can raise, for both the bot and `sync`; connect_error says what to do about it.
CONNECT_ERRORS = (discord.LoginFailure, discord.PrivilegedIntentsRequired, aiohttp.ClientError, OSError)


def connect_error(exc: BaseException) -> str:
    """Return the message for one of ``CONNECT_ERRORS``."""
    if isinstance(exc, discord.LoginFailure):
        return BAD_TOKEN
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return NO_INTENT
    return f"{NO_NETWORK} ({exc.__class__.__name__}: {exc})"


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
    deps = BotDeps(settings=settings, runtime=Commands(service, prefix=settings.command_prefix),
                   cooldown=UserCooldown(settings.extract_cooldown_seconds),
                   closers=[("database", storage.close), ("extraction pool", extractor.aclose)])
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


async def sync_tree(bot: QuoteBot, guild_id: int | None) -> int:
    """Push the slash commands to Discord, globally or to one guild (instant there); return how many."""
    if guild_id is None:
        synced = await bot.tree.sync()
    else:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    log.info("synced %d application command(s) to %s", len(synced), guild_id or "all guilds")
    return len(synced)


async def sync_with(bot: QuoteBot, token: str, guild_id: int | None) -> int:
    """Log ``bot`` in over HTTP only (no gateway), sync its commands, close it; return the exit code."""
    try:
        async with bot:
            await bot.login(token)
            count = await sync_tree(bot, guild_id)
    except CONNECT_ERRORS as exc:
        print(f"error: {connect_error(exc)}", file=sys.stderr)
        return 1
    except discord.HTTPException as exc:
        print(f"error: Discord refused the command sync ({exc.status}: {exc.text or exc})", file=sys.stderr)
        return 1
    where = f"guild {guild_id} (available now)" if guild_id else "every guild (can take an hour to show)"
    print(f"synced {count} command(s) to {where}")
    return 0


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
