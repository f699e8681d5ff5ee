"""Owner-only maintenance: push the slash commands to Discord on demand (never on every start)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord.ext import commands

if TYPE_CHECKING:
    from bot.discord.bot import QuoteBot


class AdminCog(commands.Cog, name="Admin"):
    """Commands for the bot's owner only."""

    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context[Any], where: str = "here") -> None:
        """Sync slash commands to this server (instant) or, with `global`, everywhere."""
        from bot.discord.runner import sync_tree

        guild_id = None if where.lower() == "global" or ctx.guild is None else ctx.guild.id
        count = await sync_tree(self.bot, guild_id)
        target = "this server" if guild_id else "every server (can take up to an hour)"
        await ctx.send(f"Synced {count} slash command(s) to {target}.")
