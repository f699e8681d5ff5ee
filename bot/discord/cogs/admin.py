"""Owner-only maintenance: push the slash commands to Discord on demand (never on every start)."""

from __future__ import annotations

from typing import Any

from discord.ext import commands

from bot.discord.sync import sync_tree


class AdminCog(commands.Cog, name="Admin"):
    """Commands for the bot's owner only."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context[Any], where: str = "here") -> None:
        """Sync slash commands to this server (instant) or, with `global`, everywhere."""
        guild_id = None if where.lower() == "global" or ctx.guild is None else ctx.guild.id
        count = await sync_tree(self.bot, guild_id)
        target = "this server" if guild_id else "every server (can take up to an hour)"
        await ctx.send(f"Synced {count} slash command(s) to {target}.")
