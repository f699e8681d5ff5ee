"""Single-article latency through the service, warm: paste a 5,000-character article, wait for it to be saved.

The bot's own path: :class:`bot.service.Service` with the process pool of :mod:`bot.workers`
(EXTRACT_WORKERS workers, model preloaded), a real SQLite database. Each request is a different article (the
same text twice would be a duplicate, answered from the database); requests go one at a time.

    .venv/bin/python scripts/bench_latency.py [--chars 5000] [--runs 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"


def articles(path: Path, chars: int, count: int) -> list[str]:
    """Return ``count`` different news texts cut to ``chars`` characters at a word boundary."""
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if len(text) < chars:
                continue
            cut = text[:chars]
            out.append(cut[: cut.rfind(" ")] if " " in cut else cut)
            if len(out) == count:
                break
    if len(out) < count:
        raise SystemExit(f"only {len(out)} texts of {chars}+ characters in {path}")
    return out


async def run(chars: int, runs: int, warm: int) -> None:
    """Measure and print the latency figures."""
    from bot.service import Actor, Service
    from bot.settings import Settings
    from bot.storage import Storage
    from bot.workers import ProcessPoolExtractor

    texts = articles(TRAIN, chars, runs + warm)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env({"DATABASE_PATH": str(Path(tmp) / "q.db"), "LOG_LEVEL": "WARNING"})
        storage = await Storage.open(settings.database_path)
        pool = ProcessPoolExtractor.from_settings(settings)
        try:
            await pool.warm_up()
            service = Service(storage, pool, settings)
            actor = Actor(guild_id=1, user_id=1)
            times: list[float] = []
            statements = 0
            for i, text in enumerate(texts):
                started = time.perf_counter()
                result = await service.add_text(actor, text)
                if i >= warm:
                    times.append(time.perf_counter() - started)
                    statements += len(result.statements)
        finally:
            await pool.aclose()
            await storage.close()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"{runs} articles of {len(texts[0]):,}-{max(len(t) for t in texts):,} characters through "
          f"Service.add_text with {settings.extract_workers} pool workers (after {warm} warm-up requests); "
          f"{statements} statements")
    print(f"latency  p50 {statistics.median(times):.3f} s  p95 {p95:.3f} s  max {times[-1]:.3f} s  "
          f"(target p95 <= 0.5 s)")


def main() -> int:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warm", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.chars, args.runs, args.warm))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
