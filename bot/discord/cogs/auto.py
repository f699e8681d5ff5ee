"""Auto-extract: a long paste, a link or a text file posted in an AUTO_EXTRACT_CHANNELS channel."""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.discord.cogs.common import deliver, is_server_moderator, make_context
from bot.discord.cogs.extract import accepted_attachment, extract_reply
from bot.discord.deps import BotDeps
from bot.discord.joiner import Key, MessageJoiner
from bot.sources import is_url

log = logging.getLogger(__name__)

# A message this long in an auto-extract channel is taken for (the start of) a pasted article, not chat.
MIN_PASTE_CHARS = 600
# A paste longer than one message arrives as several messages in quick succession: wait this long for more.
JOIN_WINDOW_SECONDS = 2.5


class AutoExtractCog(commands.Cog, name="Auto-extract"):
    """Extract articles posted in the configured channels without a command."""

    def __init__(self, bot: commands.Bot, deps: BotDeps, *, join_window: float = JOIN_WINDOW_SECONDS,
                 min_paste_chars: int = MIN_PASTE_CHARS) -> None:
        self.bot = bot
        self.deps = deps
        self.channels = deps.settings.auto_extract_channels
        self.min_paste_chars = min_paste_chars
        self.joiner: MessageJoiner[discord.Message] = MessageJoiner(join_window, self._extract_joined)

    async def cog_unload(self) -> None:
        """Drop half-collected pastes at shutdown."""
        self.joiner.cancel()

    def _is_command(self, message: discord.Message) -> bool:
        prefix = self.deps.settings.command_prefix
        return message.content.startswith(prefix) or (self.bot.user is not None
                                                      and self.bot.user.mentioned_in(message))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Pick up articles in auto-extract channels; ignore chat, commands and bots."""
        if message.author.bot or message.channel.id not in self.channels or self._is_command(message):
            return
        key: Key = (message.channel.id, message.author.id)
        files = [a for a in message.attachments if accepted_attachment(a)]
        content = message.content.strip()
        if files:
            # Discord turns an over-long paste into an attached message.txt: extract it at once.
            await self._extract(message, attachment=files[0])
        elif is_url(content):
            await self._extract(message, url=content)
        elif len(content) >= self.min_paste_chars or (content and self.joiner.pending(key)):
            self.joiner.add(key, message)

    async def _extract_joined(self, key: Key, parts: list[discord.Message]) -> None:
        text = "\n".join(p.content for p in parts)
        log.info("auto-extract: %d message(s) joined, %d chars, channel %d", len(parts), len(text), key[0])
        await self._extract(parts[0], text=text)

    async def _extract(self, message: discord.Message, *, text: str | None = None, url: str | None = None,
                       attachment: discord.Attachment | None = None) -> None:
        runtime = self.deps.runtime
        cctx = make_context(guild_id=message.guild.id if message.guild else None, user_id=message.author.id,
                            manage_messages=is_server_moderator(message.author), channel_id=message.channel.id,
                            message=message)
        async with message.channel.typing():
            reply = await extract_reply(self.deps, cctx, text=text, url=url, attachment=attachment)
        await deliver(message.channel, runtime, cctx, reply, reference=message)
