"""What the bot and its cogs are handed: settings, the command layer (with its cooldown), and what to close."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from bot.commands.core import Commands
from bot.commands.limits import UserCooldown
from bot.settings import Settings

Closer = Callable[[], Coroutine[Any, Any, None]]


@dataclass
class BotDeps:
    """What the cogs need, handed in by the runner (real objects) or by tests (the same, on tmp paths)."""

    settings: Settings
    runtime: Commands  # the command layer: the service behind the transport-neutral commands
    closers: list[tuple[str, Closer]] = field(default_factory=list)
    on_start: list[Closer] = field(default_factory=list)  # background jobs at login (pool warm-up)

    @property
    def cooldown(self) -> UserCooldown:
        """Return the per-user extraction cooldown (the command layer's: one for every route)."""
        return self.runtime.cooldown
