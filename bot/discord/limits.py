"""The per-user extraction cooldown (kept in the command layer, so every route obeys it)."""

from __future__ import annotations

from bot.commands.limits import UserCooldown

__all__ = ["UserCooldown"]
