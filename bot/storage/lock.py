"""One bot process per SQLite database: an advisory lock on ``<database>.lock`` held for the process's life.

SQLite has one writer and no way to share the bot's in-memory state (cooldowns, page views) across processes,
so a second ``python -m bot run`` on the same file is refused at start. The lock is ``flock(2)`` on a file
next to the database: the kernel drops it when the process exits or is killed, so a crash never leaves a
stale lock behind. PostgreSQL takes several bot processes (sharding), so the guard depends on the backend.
Batch jobs (``ingest``, ``reextract``) and ``sync`` do not take the lock: they may run beside the bot.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.errors import ConfigError, DatabaseInUse

try:
    import fcntl
except ImportError:  # Windows: no flock; the bot still runs, unguarded (see acquire_bot_lock)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# Which storage a process uses; only "sqlite" limits the bot to one process.
BackendKind = Literal["sqlite", "postgresql"]
LOCK_SUFFIX = ".lock"


def lock_path(database_path: Path) -> Path:
    """Return the lock file of a database (resolved, so two spellings of one path share a lock)."""
    resolved = database_path.resolve()
    return resolved.with_name(resolved.name + LOCK_SUFFIX)


@dataclass
class BotLock:
    """The held lock of one database; closing its descriptor (or the process ending) releases it."""

    path: Path
    fd: int | None

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self.fd is not None:
            os.close(self.fd)  # closing the only descriptor drops the flock
            self.fd = None

    async def aclose(self) -> None:
        """Release the lock (the runner's closers are coroutines)."""
        self.release()


def acquire_bot_lock(database_path: Path) -> BotLock:
    """Take the one-bot-process lock of an SQLite database, or raise DatabaseInUse naming the holder's pid."""
    path = lock_path(database_path)
    if fcntl is None:
        log.warning("no flock on this system: a second bot process on %s would not be refused", database_path)
        return BotLock(path, None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # the database's folder, made here first on a fresh start
        # O_CREAT without O_TRUNC: the holder's pid must survive our open; os.open fds are not inherited.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ConfigError(f"cannot create the lock file {path} ({exc.strerror}): the folder of DATABASE_PATH "
                          "must be writable") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise DatabaseInUse(
            f"another bot process (pid {holder}) is already running on {database_path}: an SQLite database "
            "serves one bot process. Stop that process, or, to run several (SHARD_IDS), use PostgreSQL "
            "(DATABASE_URL=postgresql://...)") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    log.info("holding %s", path)
    return BotLock(path, fd)


def guard_bot_process(backend: BackendKind, database_path: Path) -> BotLock | None:
    """Return the SQLite database's lock for this bot process; with PostgreSQL there is none to take."""
    if backend == "postgresql":
        return None
    return acquire_bot_lock(database_path)
