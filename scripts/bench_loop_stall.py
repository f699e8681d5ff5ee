"""Measure the event loop's worst stall while long articles are extracted through the process pool.

A ticker coroutine asks to wake every 5 ms and records how late each wake-up is; meanwhile the bot's
:class:`bot.workers.ProcessPoolExtractor` extracts a long article (the PolNeAR dev texts joined, or the
seed article repeated). The worst lateness is the longest the bot could not answer the gateway or a user.

    .venv/bin/python scripts/bench_loop_stall.py [--chars 150000] [--jobs 2] [--compare]

``--compare`` also runs one extraction directly on the event loop, to show what the pool avoids.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.extraction.model import Extraction
from bot.workers import ProcessPoolExtractor

TICK = 0.005
SOURCES = [Path("/work/shared/eval/polnear/dev.jsonl"), Path("seeds")]


def long_article(chars: int) -> str:
    """Return about ``chars`` characters of English news text."""
    parts: list[str] = []
    dev = SOURCES[0]
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            parts.append(json.loads(line)["text"])
            if sum(map(len, parts)) >= chars:
                break
    if not parts:
        seeds = sorted(SOURCES[1].glob("*.txt")) if SOURCES[1].is_dir() else []
        base = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds) or (
            '"We are not going to leave anyone behind," John Kirby told reporters on Tuesday. ' * 20)
        parts = [base] * (chars // len(base) + 1)
    return "\n\n".join(parts)[:chars]


async def ticker(lateness: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        due = loop.time() + TICK
        await asyncio.sleep(TICK)
        lateness.append(loop.time() - due)


async def measure(label: str, start_work: Callable[[], Awaitable[object]]) -> tuple[float, object]:
    lateness: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(lateness, stop))
    await asyncio.sleep(0.05)  # the ticker is running before the work starts
    started = time.perf_counter()
    result = await start_work()
    elapsed = time.perf_counter() - started
    stop.set()
    await tick
    worst = max(lateness) * 1000
    p99 = statistics.quantiles(lateness, n=100)[98] * 1000 if len(lateness) > 100 else worst
    print(f"{label}: {elapsed:.2f} s of extraction, {len(lateness)} ticks, "
          f"worst stall {worst:.1f} ms, p99 {p99:.1f} ms")
    return worst, result


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=60_000, help="article length in characters")
    parser.add_argument("--jobs", type=int, default=2, help="extractions at once through the pool")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (EXTRACT_WORKERS)")
    parser.add_argument("--compare", action="store_true", help="also extract once on the event loop")
    args = parser.parse_args()
    text = long_article(args.chars)
    print(f"article: {len(text):,} characters; pool of {args.workers} worker(s); {args.jobs} job(s) at once")
    pool = ProcessPoolExtractor(model_name="en_core_web_sm", workers=args.workers,
                                max_concurrent=max(args.jobs, 1), max_chars=max(len(text), 1))
    try:
        await pool.warm_up()
        async def through_pool() -> list[Extraction]:
            return list(await asyncio.gather(*(pool.extract(text) for _ in range(args.jobs))))

        worst, results = await measure("process pool", through_pool)
        assert isinstance(results, list)
        print(f"statements per article: {len(results[0].statements)}")
        if args.compare:
            from bot.extraction.nlp import load_model
            from bot.extraction.pipeline import extract

            nlp = load_model("en_core_web_sm")

            async def blocking() -> object:
                return extract(text, nlp=nlp, max_chars=len(text))

            await measure("on the event loop (what the pool avoids)", blocking)
    finally:
        pool.close()
    print(f"RESULT worst event-loop stall with the pool: {worst:.1f} ms (target <= 50 ms)")
    return 0 if worst <= 50 else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
