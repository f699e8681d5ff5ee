"""What logging in to Discord can raise, and what to tell the operator about each (the bot and `sync`)."""

from __future__ import annotations

import aiohttp
import discord

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
