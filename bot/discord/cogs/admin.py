"""Owner-only maintenance: push the slash commands to Discord on demand (never on every start)."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.discord.sync import SCOPE_WORDS, DuplicateCommands, SyncResult, duplicate_advice, sync_tree

log = logging.getLogger(__name__)

SYNC_USAGE = ("Type !sync (everywhere), !sync guild (this server's own set), !sync copy (the global commands "
              "copied here, instant), !sync clear (this server's own set removed), or !sync <server ids>.")
MAX_GUILD_IDS = 20


def sync_report(result: SyncResult) -> str:
    """Return what the owner is told after a sync."""
    if result.scope == "global":
        removed = (f" Removed {result.removed_copies} copies from this server, so none shows twice."
                   if result.removed_copies else "")
        return f"Synced {result.count} slash command(s) everywhere.{removed}"
    if result.scope == "clear":
        return "Cleared this server's own slash commands; the global ones stay."
    return f"Synced {result.count} slash command(s) to this server (available now)."


class AdminCog(commands.Cog, name="Admin"):
    """Commands for the bot's owner only."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context[Any], *, spec: str = "global") -> None:
        """Sync slash commands: everywhere, or in this server (guild, copy, clear), or to servers by id."""
        words = spec.split()
        if words and all(w.isdigit() and len(w) <= 20 for w in words) and len(words) <= MAX_GUILD_IDS:
            await ctx.send(await self._sync_guilds([int(w) for w in words]))
            return
        scope = SCOPE_WORDS.get(spec.strip().lower())
        if scope is None:
            await ctx.send(SYNC_USAGE)
            return
        if scope != "global" and ctx.guild is None:
            await ctx.send(f"!sync {spec.strip().lower()} works in a server: type it there.")
            return
        try:
            result = await sync_tree(self.bot, scope, ctx.guild)
        except DuplicateCommands as exc:
            await ctx.send(duplicate_advice(exc))
            return
        except discord.HTTPException as exc:
            log.warning("sync %s refused: %s", scope, exc)
            await ctx.send(f"Discord refused the sync ({exc.status}: {exc.text or exc}).")
            return
        await ctx.send(sync_report(result))

    async def _sync_guilds(self, guild_ids: list[int]) -> str:
        """Sync each server's own set (as the umbrella command does); say in how many it worked."""
        done = 0
        for guild_id in guild_ids:
            try:
                await sync_tree(self.bot, "guild", discord.Object(id=guild_id))
            except (DuplicateCommands, discord.HTTPException) as exc:
                log.warning("sync to guild %d failed: %s", guild_id, exc)
            else:
                done += 1
        return f"Synced the slash commands to {done}/{len(guild_ids)} server(s)."
