"""Join a long paste that arrives as several consecutive messages from one author into one article.

Discord caps a message at 2,000 characters (4,000 with Nitro), so a pasted article arrives either as an
attached ``message.txt`` or as several messages sent in quick succession. :class:`MessageJoiner` collects
messages per (channel, author) and flushes them once no new part has arrived for ``window`` seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
Key = tuple[int, int]


@dataclass
class _Pending(Generic[T]):
    parts: list[T] = field(default_factory=list)
    timer: asyncio.TimerHandle | None = None


class MessageJoiner(Generic[T]):
    """Debounce parts per key; call ``flush(key, parts)`` when a key has been quiet for ``window`` seconds."""

    def __init__(self, window: float, flush: Callable[[Key, list[T]], Awaitable[None]],
                 max_parts: int = 50) -> None:
        self.window = window
        self.max_parts = max_parts
        self._flush = flush
        self._pending: dict[Key, _Pending[T]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def add(self, key: Key, part: T) -> None:
        """Add one part for ``key`` and restart its quiet-period timer."""
        pending = self._pending.setdefault(key, _Pending())
        pending.parts.append(part)
        if pending.timer is not None:
            pending.timer.cancel()
        if len(pending.parts) >= self.max_parts:
            self._fire(key)
            return
        pending.timer = asyncio.get_running_loop().call_later(self.window, self._fire, key)

    def pending(self, key: Key) -> int:
        """Return how many parts are waiting for ``key``."""
        entry = self._pending.get(key)
        return len(entry.parts) if entry else 0

    def _fire(self, key: Key) -> None:
        entry = self._pending.pop(key, None)
        if entry is None or not entry.parts:
            return
        task = asyncio.get_running_loop().create_task(self._run(key, entry.parts))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: Key, parts: list[T]) -> None:
        try:
            await self._flush(key, parts)
        except Exception:
            log.exception("auto-extract of %d joined message(s) failed", len(parts))

    async def drain(self) -> None:
        """Flush every pending key now and wait for all flushes (used at shutdown and in tests)."""
        for key in list(self._pending):
            entry = self._pending[key]
            if entry.timer is not None:
                entry.timer.cancel()
            self._fire(key)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def cancel(self) -> None:
        """Drop every pending part without flushing (shutdown)."""
        for entry in self._pending.values():
            if entry.timer is not None:
                entry.timer.cancel()
        self._pending.clear()
