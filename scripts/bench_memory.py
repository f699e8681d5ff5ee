"""Memory of the running bot with its worker pool: the peak, and a worker's memory over a long run.

* peak: the bot's process plus its extraction workers (EXTRACT_WORKERS, MAX_CONCURRENT_EXTRACTIONS from the
  settings' defaults) while the service saves a burst of news articles and a few very long ones, at full
  concurrency. Sampled from /proc every 0.1 s: the sum of RSS (shared pages counted in every process, an
  over-estimate) and of PSS (shared pages split between processes).
* flat: ``--articles`` different articles through the same pool; each worker's RSS after 500 and after all.
  Every article carries names and numbers no other article has, so the vocabulary keeps meeting new strings,
  as a real news stream does.

    .venv/bin/python scripts/bench_memory.py [--articles 5000] [--article-chars 1500] [--long-chars 100000]
        [--skip-peak] [--skip-flat]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
SYLLABLES = ["ka", "lo", "mi", "zu", "ren", "tor", "vex", "qua", "bri", "dal", "nok", "sil"]


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Return the ids of every process below ``pid``."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == current]
        found.extend(kids)
        frontier.extend(kids)
    return found


class Sampler(threading.Thread):
    """Record the peak total RSS and PSS of this process and its descendants."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_rss = self.peak_pss = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = [os.getpid(), *descendants(os.getpid())]
            self.peak_rss = max(self.peak_rss, sum(_status_kb(p, "VmRSS") for p in pids))
            self.peak_pss = max(self.peak_pss, sum(_pss_kb(p) for p in pids))
            time.sleep(0.1)


def news_texts() -> list[str]:
    """Return the PolNeAR train and dev texts."""
    texts = []
    for name in ("train.jsonl", "dev.jsonl"):
        with (POLNEAR / name).open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh)
    return texts


def unique_name(i: int) -> str:
    """Return a made-up surname no other ``i`` gets."""
    parts = []
    while True:
        i, r = divmod(i, len(SYLLABLES))
        parts.append(SYLLABLES[r])
        if i == 0:
            break
    return "".join(parts).capitalize() + "ski"


def article(texts: list[str], i: int, chars: int) -> str:
    """Return article ``i``: a news text cut to about ``chars`` characters, with its own names and numbers."""
    base = texts[i % len(texts)][:chars]
    base = base[: base.rfind(" ")] if " " in base else base
    name = unique_name(i)
    return (f"Report {i}-{i * 7919 % 100003}: \"We will look at case {i} again,\" said Dana {name}, "
            f"a spokeswoman for the {name} Institute.\n\n{base}")


def rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


async def peak(texts: list[str], long_chars: int) -> None:
    """Print the peak memory of the bot's process and its pool during a burst at full concurrency."""
    from bot.service import Actor, Service
    from bot.settings import Settings
    from bot.storage import Storage
    from bot.workers import ProcessPoolExtractor

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env({"DATABASE_PATH": str(Path(tmp) / "q.db"), "LOG_LEVEL": "WARNING"})
        sampler = Sampler()
        sampler.start()
        storage = await Storage.open(settings.database_path)
        pool = ProcessPoolExtractor.from_settings(settings)
        await pool.warm_up()
        idle = sum(_status_kb(p, "VmRSS") for p in [os.getpid(), *descendants(os.getpid())]) / 1024
        service = Service(storage, pool, settings)
        longest = "\n\n".join(texts)[: min(long_chars, settings.max_article_chars) + 2000]
        work = [*(longest[k * 1000: k * 1000 + long_chars] for k in range(3)), *(texts[k] for k in range(60))]
        queue = list(enumerate(work))

        async def user() -> None:
            while queue:
                _i, text = queue.pop(0)
                await service.add_text(Actor(guild_id=1, user_id=1), text)

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(settings.max_concurrent_extractions)))
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        await pool.aclose()
        await storage.close()
    print(f"peak: bot process + {settings.extract_workers} workers, {settings.max_concurrent_extractions} "
          f"concurrent extractions, 3 articles of {long_chars:,} chars and 60 news articles in "
          f"{elapsed:.0f} s: idle {idle:.0f} MB RSS; peak RSS sum {sampler.peak_rss / 1024:.0f} MB, "
          f"peak PSS sum {sampler.peak_pss / 1024:.0f} MB (target <= 600 MB)")


async def flat(texts: list[str], count: int, chars: int) -> None:
    """Print each worker's RSS every 500 articles of a long run through the bot's pool."""
    from bot.settings import Settings
    from bot.workers import ProcessPoolExtractor

    settings = Settings.from_env({"LOG_LEVEL": "WARNING"})
    pool = ProcessPoolExtractor.from_settings(settings)
    await pool.warm_up()
    workers = [p for p in descendants(os.getpid())
               if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    done = 0
    marks: dict[int, list[float]] = {}
    next_index = 0
    started = time.perf_counter()

    async def user() -> None:
        nonlocal done, next_index
        while next_index < count:
            i = next_index
            next_index += 1
            await pool.extract(article(texts, i, chars))
            done += 1
            if done % 500 == 0:
                marks[done] = [rss_mb(p) for p in workers]
                print(f"  after {done:5d} articles ({time.perf_counter() - started:6.0f} s): worker RSS "
                      + ", ".join(f"{m:.0f} MB" for m in marks[done]), flush=True)

    await asyncio.gather(*(user() for _ in range(settings.max_concurrent_extractions)))
    await pool.aclose()
    first, last = marks[min(marks)], marks[max(marks)]
    growth = max((b - a) / a for a, b in zip(first, last, strict=True))
    print(f"flat: {count} articles of ~{chars} chars, {len(workers)} workers: RSS after {min(marks)} "
          f"{', '.join(f'{m:.0f}' for m in first)} MB, after {max(marks)} {', '.join(f'{m:.0f}' for m in last)} "
          f"MB: largest growth {100 * growth:+.1f}% (target within 10%)")


def main() -> int:
    """Parse the arguments and run the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--article-chars", type=int, default=1500)
    parser.add_argument("--long-chars", type=int, default=100_000, help="size of the 3 long articles")
    parser.add_argument("--skip-peak", action="store_true")
    parser.add_argument("--skip-flat", action="store_true")
    args = parser.parse_args()
    texts = news_texts()
    if not args.skip_peak:
        asyncio.run(peak(texts, args.long_chars))
    if not args.skip_flat:
        asyncio.run(flat(texts, args.articles, args.article_chars))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
