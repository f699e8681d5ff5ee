"""The cogs: one thin cog per feature group, each handed its dependencies by the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.discord.bot import QuoteBot


async def add_cogs(bot: QuoteBot) -> None:
    """Add every cog to ``bot``."""
    from bot.discord.cogs.admin import AdminCog
    from bot.discord.cogs.auto import AutoExtractCog
    from bot.discord.cogs.edit import EditCog
    from bot.discord.cogs.extract import ExtractCog
    from bot.discord.cogs.query import QueryCog

    await bot.add_cog(ExtractCog(bot))
    await bot.add_cog(QueryCog(bot))
    await bot.add_cog(EditCog(bot))
    await bot.add_cog(AutoExtractCog(bot))
    await bot.add_cog(AdminCog(bot))
