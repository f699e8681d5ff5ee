"""The Discord adapter: a thin layer of cogs, views and embeds over the transport-neutral commands."""
