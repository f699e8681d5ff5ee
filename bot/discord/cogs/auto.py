"""Auto-extract: a long paste, a link or a text file posted in an AUTO_EXTRACT_CHANNELS channel."""

from __future__ import annotations

import asyncio
import logging
import re

import discord
from discord.ext import commands

from bot.commands.errors import error_reply
from bot.discord.cogs.common import deliver, is_server_moderator, make_context
from bot.discord.cogs.extract import accepted_attachment, extract_reply
from bot.discord.deps import BotDeps
from bot.discord.joiner import Key, MessageJoiner
from bot.errors import Busy
from bot.sources import is_url

log = logging.getLogger(__name__)

# A message this long in an auto-extract channel is taken for (the start of) a pasted article, not chat.
MIN_PASTE_CHARS = 600
# A paste longer than one message arrives as several messages in quick succession: wait this long for more.
JOIN_WINDOW_SECONDS = 2.5
# A link in a short message ("Big story: https://...") is what to extract: the first such word.
_LINK_WORD = re.compile(r"<?https?://\S+", re.IGNORECASE)


def first_link(content: str) -> str | None:
    """Return the first link of a short chat message, without the <> that suppress a preview."""
    m = _LINK_WORD.search(content)
    return m.group(0).removeprefix("<").removesuffix(">") if m else None


class AutoExtractCog(commands.Cog, name="Auto-extract"):
    """Extract articles posted in the configured channels without a command."""

    def __init__(self, bot: commands.Bot, deps: BotDeps, *, join_window: float = JOIN_WINDOW_SECONDS,
                 min_paste_chars: int = MIN_PASTE_CHARS) -> None:
        self.bot = bot
        self.deps = deps
        self.channels = deps.settings.auto_extract_channels
        self.min_paste_chars = min_paste_chars
        self.joiner: MessageJoiner[discord.Message] = MessageJoiner(join_window, self._extract_joined)
        # When each (channel, author) last sent a part: a paste goes on after a flush at the joiner's part cap.
        self._last_part: dict[Key, float] = {}
        # Users told about their cooldown in this window: a second refused post gets no second public notice.
        self._told: dict[int, float] = {}

    async def cog_unload(self) -> None:
        """Drop half-collected pastes at shutdown."""
        self.joiner.cancel()

    def _is_command(self, message: discord.Message) -> bool:
        prefix = self.deps.settings.command_prefix
        return message.content.startswith(prefix) or (self.bot.user is not None
                                                      and self.bot.user.mentioned_in(message))

    def _watched(self, channel: object) -> bool:
        """Return whether a channel is an auto-extract channel; a thread counts as its parent channel."""
        if getattr(channel, "id", None) in self.channels:
            return True
        return isinstance(channel, discord.Thread) and channel.parent_id in self.channels

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Pick up articles in auto-extract channels; ignore chat, commands and bots."""
        if message.author.bot or not self._watched(message.channel) or self._is_command(message):
            return
        if not self.bot.intents.message_content:  # slash-only mode: message text is not ours to read
            return
        key: Key = (message.channel.id, message.author.id)
        files = [a for a in message.attachments if accepted_attachment(a)]
        content = message.content.strip()
        now = asyncio.get_running_loop().time()
        continuing = bool(content) and (self.joiner.pending(key) > 0
                                        or now - self._last_part.get(key, -1e9) <= self.joiner.window)
        link = first_link(content) if len(content) < self.min_paste_chars and not continuing else None
        if files:
            # Discord turns an over-long paste into an attached message.txt: extract it at once.
            await self._extract(message, attachment=files[0])
        elif is_url(content) or link:
            await self._extract(message, url=link or content)
        elif len(content) >= self.min_paste_chars or continuing:
            self._last_part[key] = now
            if len(self._last_part) > 10_000:  # forget pastes long finished
                self._last_part = {k: t for k, t in self._last_part.items() if now - t <= self.joiner.window}
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
        cooldown = self.deps.cooldown
        try:
            cooldown.peek(cctx.user_id)
        except Busy as exc:
            # Unasked-for work: tell a user on cooldown once per window, not once per file they drop.
            now = asyncio.get_running_loop().time()
            if now - self._told.get(cctx.user_id, -1e9) < cooldown.seconds:
                log.info("auto-extract: user %d on cooldown, notice already given", cctx.user_id)
                return
            self._told[cctx.user_id] = now
            if len(self._told) > 10_000:  # forget notices whose window is over
                self._told = {u: t for u, t in self._told.items() if now - t < cooldown.seconds}
            await deliver(message.channel, runtime, cctx, error_reply(exc), reference=message)
            return
        async with message.channel.typing():
            reply = await extract_reply(self.deps, cctx, text=text, url=url, attachment=attachment)
        await deliver(message.channel, runtime, cctx, reply, reference=message)
