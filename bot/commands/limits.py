"""Per-user cooldown on extractions, so one user's burst of pastes cannot fill the shared pool.

It lives in the command layer so every way of starting an extraction (a typed command in any case, a slash
command, a context menu, an auto-extracted paste, a typo routed through :meth:`Commands.dispatch`) obeys it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from bot.errors import Busy


class UserCooldown:
    """Allow one extraction per user every ``seconds``; a second one too soon raises :class:`Busy`."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._last: dict[int, float] = {}

    def check(self, user_id: int) -> None:
        """Record an extraction by ``user_id`` now, or raise :class:`Busy` with the seconds left to wait."""
        if self.seconds <= 0:
            return
        now = self._clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            wait = max(1.0, float(math.ceil(self.seconds - (now - last))))
            raise Busy(f"you just started an extraction; try again in {wait:.0f} s", retry_after=wait)
        self._last[user_id] = now
        if len(self._last) > 10_000:  # forget users whose cooldown is long over
            cutoff = now - self.seconds
            self._last = {uid: t for uid, t in self._last.items() if t >= cutoff}

    def peek(self, user_id: int) -> None:
        """Raise :class:`Busy` if ``user_id`` would be refused now, without recording anything."""
        if self.seconds <= 0:
            return
        last = self._last.get(user_id)
        elapsed = self._clock() - last if last is not None else self.seconds
        if elapsed < self.seconds:
            wait = max(1.0, float(math.ceil(self.seconds - elapsed)))
            raise Busy(f"you just started an extraction; try again in {wait:.0f} s", retry_after=wait)

    def release(self, user_id: int) -> None:
        """Forget ``user_id``'s last extraction (its extraction was refused before it ran)."""
        self._last.pop(user_id, None)
