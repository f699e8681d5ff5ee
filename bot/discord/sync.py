"""Pushing the slash commands to Discord: on demand only (``python -m bot sync`` or the owner's ``!sync``)."""

from __future__ import annotations

import logging
import sys

import discord
from discord.ext import commands

from bot.discord.connect import CONNECT_ERRORS, connect_error

log = logging.getLogger(__name__)


async def sync_tree(bot: commands.Bot, guild_id: int | None) -> int:
    """Push the slash commands to Discord, globally or to one guild (instant there); return how many."""
    if guild_id is None:
        synced = await bot.tree.sync()
    else:
        guild = discord.Object(id=guild_id)
        bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    log.info("synced %d application command(s) to %s", len(synced), guild_id or "all guilds")
    return len(synced)


async def sync_with(bot: commands.Bot, token: str, guild_id: int | None) -> int:
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
