"""Measure how long a timeline chart of many statements takes: drawing alone, and the whole ``!timeline chart``.

    .venv/bin/python scripts/bench_chart.py [--n 10000] [--repeat 5] [--out /tmp/chart.png]

1. Drawing: build the figure and render the PNG for ``--n`` statements over a month (40 speakers, so rows fold
   into "others"; a mix of kinds, of dates from the text and publication days, a few weeks and months). The
   first run includes importing matplotlib (what the first chart after start-up pays).
2. The command: the same statements saved in a fresh SQLite database, then ``!timeline chart kind:all``
   through the command layer: the query, the figure and the drawing, as a user waits for them.

The target (issue 16) is under 2 s for 10,000 statements. Printed, not asserted: timings are not tests.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import date as Date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.charts import ChartPoint, build_timeline
from bot.commands import CommandContext, Commands
from bot.extraction.model import EXTRACTOR_VERSION
from bot.service import Service
from bot.settings import Settings
from bot.storage import NewArticle, NewStatement, StatementKind, Storage

TARGET_SECONDS = 2.0
SPEAKERS = 40
FIRST_DAY = Date(2021, 8, 1)
KINDS: tuple[StatementKind, ...] = ("speech", "thought", "evidence")


def statements(n: int, seed: int = 16) -> list[tuple[str, NewStatement]]:
    """Return ``n`` (speaker, statement) pairs over August 2021, a few speakers quoted far more than others."""
    rng = random.Random(seed)
    names = [f"Speaker {i:02d} of the Department" for i in range(SPEAKERS)]
    weights = [1 / (i + 1) for i in range(SPEAKERS)]
    out: list[tuple[str, NewStatement]] = []
    for i in range(n):
        day = FIRST_DAY + timedelta(days=int(rng.triangular(0, 30, 26)))
        precision = rng.choices(["day", "week", "month"], [40, 2, 1])[0]
        if precision == "week":
            day -= timedelta(days=day.weekday())
        elif precision == "month":
            day = day.replace(day=1)
        quote = f"statement number {i} about the evacuation"
        out.append((rng.choices(names, weights)[0], NewStatement(
            type="direct", quote=quote, start=0, end=len(quote), cue="said",
            kind=rng.choices(KINDS, [8, 2, 1])[0], date=day.isoformat(), date_precision=precision,
            date_basis=rng.choice(["explicit", "relative", "inherited", "article"]))))
    return out


def bench_drawing(pairs: list[tuple[str, NewStatement]], repeat: int, out: Path | None) -> list[float]:
    points = [ChartPoint(speaker=who, kind=st.kind, date=st.date, basis=st.date_basis, precision=st.date_precision)
              for who, st in pairs]
    times = []
    png = b""
    for _ in range(repeat):
        started = time.perf_counter()
        from bot.charts.render import render_timeline  # the first run pays for importing matplotlib

        png = render_timeline(build_timeline(points, f"Timeline · {len(points):,} statements · every kind"))
        times.append(time.perf_counter() - started)
    if out is not None:
        out.write_bytes(png)
    return times


async def bench_command(pairs: list[tuple[str, NewStatement]], repeat: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        storage = await Storage.open(Path(folder) / "bench.db")
        try:
            async with storage.transaction():
                article = await storage.articles.insert(
                    NewArticle(guild_id=1, added_by=1, text="bench"), text_hash="bench", article_date="2021-09-01",
                    date_source="request", extractor_version=EXTRACTOR_VERSION, created_at="2021-09-01T00:00:00")
                for who, st in pairs:
                    speaker = await storage.speakers.resolve_for_intake(1, who, None, "2021-09-01")
                    await storage.statements.add(1, article.id, speaker.id, st, EXTRACTOR_VERSION, "2021-09-01")
            commands = Commands(Service(storage, extractor=None, settings=Settings.from_env({})))  # type: ignore[arg-type]
            ctx = CommandContext(guild_id=1, user_id=1)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                reply = await commands.dispatch(ctx, "!timeline chart kind:all")
                times.append(time.perf_counter() - started)
                assert reply.attachments, reply.description
        finally:
            await storage.close()
    return times


def report(label: str, times: list[float]) -> bool:
    first, rest = times[0], times[1:] or times
    ok = max(rest) < TARGET_SECONDS
    print(f"{label:<34} first {first:6.3f} s   then median {statistics.median(rest):6.3f} s, "
          f"max {max(rest):6.3f} s   {'under' if ok else 'OVER'} {TARGET_SECONDS:.0f} s")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="statements on the chart")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement (the first is cold)")
    parser.add_argument("--out", type=Path, help="save the drawn chart here")
    args = parser.parse_args()
    pairs = statements(args.n)
    print(f"{args.n:,} statements, {SPEAKERS} speakers, August 2021; repeat {args.repeat}")
    ok = report("build figure + render PNG", bench_drawing(pairs, args.repeat, args.out))
    ok &= report("!timeline chart (SQLite + draw)", asyncio.run(bench_command(pairs, args.repeat)))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
