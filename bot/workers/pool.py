"""Worker processes: the one pool set-up, the model each worker loads once, and bounds on a worker's memory.

Every pool of the bot (the bot's :class:`~bot.workers.extractor.ProcessPoolExtractor`, batch extraction in
:mod:`bot.workers.batch`) is started by :func:`start_pool`: "spawn" processes that watch for their parent's
death, optionally lower their own priority, and load the spaCy model once each (:func:`worker_model`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

ORPHAN_CHECK_SECONDS = 1.0

_worker_nlp: Language | None = None


def available_cores() -> int:
    """Return how many CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> None:
    """Hand freed heap memory back to the system (glibc), so a worker shrinks again after a long article."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextmanager
def article_memory(nlp: Language) -> Iterator[None]:
    """Bound a long-running worker's memory around one unit of work (an article, a chunk).

    ``nlp.memory_zone()`` frees the strings and lexemes the work added to the vocabulary; afterwards freed heap
    memory goes back to the system, even when the work raised.
    """
    try:
        with nlp.memory_zone():
            yield
    finally:
        release_memory()


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def watch_parent() -> None:
    """Exit this worker process when its parent dies (after kill -9 pool workers would linger, holding memory)."""
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def init_worker(model_name: str, niceness: int = 0) -> None:
    """Pool initializer: watch for the parent's death, lower the priority, load the model once in this worker."""
    global _worker_nlp
    from bot.extraction.nlp import load_model

    watch_parent()  # a parent killed with SIGKILL must not leave its workers behind, holding memory
    if niceness:
        with contextlib.suppress(OSError, AttributeError):
            os.nice(niceness)
    _worker_nlp = load_model(model_name)


def worker_model() -> Language:
    """Return the model :func:`init_worker` loaded in this worker process."""
    if _worker_nlp is None:
        raise RuntimeError("worker initializer did not run")
    return _worker_nlp


def pool_pids(pool: ProcessPoolExecutor) -> list[int]:
    """Return the process ids of a pool's running worker processes."""
    # ProcessPoolExecutor has no public view of its processes (Python 3.14 adds kill_workers(); 3.11 does not).
    processes: dict[int, multiprocessing.process.BaseProcess] = getattr(pool, "_processes", None) or {}
    return sorted(pid for pid, process in processes.items() if process.is_alive())


def kill_pool(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's worker processes now, running jobs and all, and shut the pool down without waiting."""
    processes: dict[int, multiprocessing.process.BaseProcess] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, AttributeError):  # already gone
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def start_pool(model_name: str, workers: int, *, niceness: int = 0) -> ProcessPoolExecutor:
    """Start a pool of ``workers`` processes, each loading ``model_name`` once (at ``niceness``, 0: unchanged)."""
    # "spawn": a forked child would inherit the caller's event loop, sockets and threads mid-flight.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker, initargs=(model_name, niceness))
