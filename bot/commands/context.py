"""Who sent a command, from where: what every adapter passes to the command layer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.service import Actor


@dataclass(frozen=True, slots=True)
class CommandContext(Actor):
    """The sender of a command: the service's :class:`Actor` (``guild_id`` is 0 in the console) plus
    ``local_files``, which lets ``!extract PATH`` read a file on this machine (the console only, never Discord)."""

    local_files: bool = False

    @property
    def actor(self) -> Actor:
        """Return the service's view of the sender."""
        return Actor(guild_id=self.guild_id, user_id=self.user_id, is_moderator=self.is_moderator,
                     channel_id=self.channel_id, message_url=self.message_url, posted_at=self.posted_at)
