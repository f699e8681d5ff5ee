"""The cogs: one thin cog per feature group, each handed the bot and its dependencies by the runner.

No cog imports the bot module: :func:`bot.discord.runner.make_cogs` builds them.
"""
