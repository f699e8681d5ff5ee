"""The Discord test world: a logged-in bot on a real database and a real extraction pool, only the network faked.

In a module of its own (not conftest.py) so test modules import it by a name no other test folder shares.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
from discord.webhook.async_ import async_context
from discord_fakes import APP_ID, BOT_USER, Call, FakeHTTP, FakeWebhookAdapter, Recorder, World, install_fake_http

from bot.commands.core import Commands
from bot.discord.bot import QuoteBot
from bot.discord.deps import BotDeps
from bot.discord.limits import UserCooldown
from bot.discord.runner import create_bot
from bot.service import Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.workers import ProcessPoolExtractor


@dataclass
class Env:
    bot: QuoteBot
    rec: Recorder
    http: FakeHTTP
    world: World
    storage: Storage
    service: Service
    settings: Settings
    hooks: FakeWebhookAdapter  # the interaction transport: its clock holds the bot to the 3-second rule

    @property
    def guild_object(self) -> discord.Object:
        """Return the world's guild as discord.py's bare snowflake (what the command tree takes)."""
        return discord.Object(id=self.world.guild_id)

    def send(self, payload: dict[str, object]) -> None:
        """Deliver a MESSAGE_CREATE gateway event."""
        self.bot._connection.parse_message_create(payload)  # type: ignore[arg-type]

    def refresh_guild(self) -> None:
        """Deliver the world's guild again (after changing its roles or overwrites), as GUILD_CREATE would."""
        state = self.bot._connection
        state._add_guild(discord.Guild(data=self.world.guild_payload(), state=state))  # type: ignore[arg-type]

    def interact(self, payload: dict[str, object]) -> None:
        """Deliver an INTERACTION_CREATE gateway event (its 3 seconds to a first response start now)."""
        self.hooks.dispatch(str(payload["token"]))
        self.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]


async def make_env(tmp_path: Path, pool: ProcessPoolExtractor, cooldown: float = 0,
                   extra: dict[str, str] | None = None, message_content: bool = True) -> AsyncIterator[Env]:
    world = World()
    settings = Settings.from_env({"DATABASE_PATH": str(tmp_path / "quotes.db"),
                                  "AUTO_EXTRACT_CHANNELS": str(world.channel_id),
                                  "EXTRACT_COOLDOWN_SECONDS": str(cooldown), "MAX_UPLOAD_BYTES": "100000",
                                  **(extra or {})})
    rec = Recorder()
    hooks = FakeWebhookAdapter(rec)
    token = async_context.set(hooks)
    storage = await Storage.open(settings.database_path)
    service = Service(storage, pool, settings)
    runtime = Commands(service, prefix=settings.command_prefix,
                       cooldown=UserCooldown(settings.extract_cooldown_seconds))
    deps = BotDeps(settings=settings, runtime=runtime,
                   closers=[("database", storage.close)])
    bot = create_bot(deps)
    http = FakeHTTP(rec, message_content=message_content)
    install_fake_http(bot, http)
    await bot.login("fake-token")
    state = bot._connection
    state.guild_ready_timeout = 0.01  # no more GUILD_CREATE to wait for: the one guild comes with READY
    state.parse_ready({"v": 10, "user": BOT_USER, "guilds": [world.guild_payload()],  # type: ignore[typeddict-item]
                       "session_id": "fake", "resume_gateway_url": "wss://gateway.invalid",
                       "application": {"id": str(APP_ID), "flags": 0}})
    await asyncio.wait_for(bot.wait_until_ready(), timeout=5)  # on_ready has been dispatched
    await asyncio.sleep(0.02)  # and its handlers have run (a sync there shows as a PUT)
    http.guild_of_channel[world.channel_id] = world.guild_id
    try:
        yield Env(bot, rec, http, world, storage, service, settings, hooks)
        # An interaction the bot never answered: Discord tells the user "The application did not respond".
        for missed in await hooks.unanswered():
            if missed not in hooks.expired:
                rec.rejected.append((Call("POST", "/interactions/{id}/{token}/callback", {"token": missed}),
                                     "no first response within 3 s"))
    finally:
        await bot.close()
        async_context.reset(token)
    # A payload Discord would refuse (embed limits, an empty message, a second answer to an interaction, an
    # answer after the 3 seconds) fails the test, unless the test took it out of rec.rejected to look at it.
    assert not rec.rejected, rec.rejected
