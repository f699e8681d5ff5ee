"""Benchmark the saved-quotes store: fill a database with synthetic statements, time !search and !quotes.

    .venv/bin/python scripts/bench_storage.py                 # 1,000,000 statements in data/bench.db
    .venv/bin/python scripts/bench_storage.py --statements 100000 --db /tmp/bench.db

The database is built once (the real schema, through the real migrations) and reused when it already
holds the requested number of statements. Timings go through the real command layer (``Commands.dispatch``)
so they include parsing, the service, SQL and reply building. Prints p50/p95/max per command.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.commands import CommandContext, Commands
from bot.extraction.model import Extraction
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.records import last_key, name_key, quote_key

GUILD = 1
OTHER_GUILD = 2  # a tenth of the rows belong to another guild, so guild filtering is part of the work
STATEMENTS_PER_ARTICLE = 20
SPEAKERS = 2_000
VOCABULARY = 8_000
TOPIC_WORDS = ("evacuation", "evacuating", "mission", "withdrawal", "airport", "ceasefire", "sanctions",
               "election", "inflation", "vaccine", "pipeline", "treaty")
FIRST = ("John", "Jen", "Anthony", "Maria", "Ahmed", "Olga", "Lloyd", "Wei", "Ana", "Kofi", "Sergei", "Linda")
SYLLABLES = ("ka", "ro", "mi", "ten", "sul", "dor", "vek", "an", "is", "po", "lar", "qui", "ster", "ben", "zo")


class NoExtractor:
    """The benchmark never extracts; the service needs an extractor anyway."""

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        raise AssertionError("the benchmark does not extract")


def _words(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(seen)


def build(db: Path, total: int, seed: int = 7) -> None:
    """Create the schema through the real migrations, then bulk-insert synthetic rows."""
    asyncio.run(_create(db))
    rng = random.Random(seed)
    vocab = _words(rng, VOCABULARY)
    for i, word in enumerate(TOPIC_WORDS):  # real words at mid-table frequencies
        vocab.insert(50 + i * 40, word)
    word_weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    surnames = [w.capitalize() for w in _words(random.Random(seed + 1), SPEAKERS)]
    names = [f"{FIRST[i % len(FIRST)]} {surnames[i]}" for i in range(SPEAKERS)]
    speaker_weights = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(SPEAKERS)))

    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute("PRAGMA journal_mode = WAL")
    # Bulk load like migration 2 does: index the text in one pass at the end instead of row by row.
    trigger_sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'statements_fts_insert'").fetchone()[0]
    raw.execute("BEGIN")
    raw.execute("DROP TRIGGER statements_fts_insert")
    speaker_ids: dict[tuple[int, int], int] = {}
    for guild in (GUILD, OTHER_GUILD):
        for i, name in enumerate(names):
            cur = raw.execute("INSERT INTO speakers (guild_id, name, name_key, last_key, role, created_at) "
                              "VALUES (?, ?, ?, ?, NULL, 't')", (guild, name, name_key(name), last_key(name)))
            assert cur.lastrowid is not None
            speaker_ids[(guild, i)] = cur.lastrowid
    numbers = {GUILD: 0, OTHER_GUILD: 0}
    article_numbers = {GUILD: 0, OTHER_GUILD: 0}
    started = time.perf_counter()
    made = 0
    while made < total:
        guild = OTHER_GUILD if rng.random() < 0.1 else GUILD
        article_numbers[guild] += 1
        n_art = article_numbers[guild]
        day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cur = raw.execute(
            "INSERT INTO articles (guild_id, number, url, title, text, text_hash, article_date, date_source, "
            "added_by, extractor_version, created_at) VALUES (?, ?, ?, ?, '', ?, ?, 'date line', 1, '1', 't')",
            (guild, n_art, f"https://news.example/{guild}/{n_art}", f"Article {n_art}", f"h{guild}-{n_art}", day))
        article_id = cur.lastrowid
        rows = []
        for _ in range(min(STATEMENTS_PER_ARTICLE, total - made)):
            numbers[guild] += 1
            quote = " ".join(rng.choices(vocab, cum_weights=word_weights, k=rng.randint(8, 20))).capitalize()
            speaker = rng.choices(range(SPEAKERS), cum_weights=speaker_weights)[0]
            rows.append((guild, numbers[guild], article_id, speaker_ids[(guild, speaker)], quote,
                         quote_key(quote), day))
            made += 1
        raw.executemany(
            'INSERT INTO statements (guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end", '
            "date, date_basis, extractor_version, created_at) VALUES (?, ?, ?, ?, 'direct', ?, ?, 0, 10, ?, "
            "'article', '1', 't')", rows)
        if made % 100_000 < STATEMENTS_PER_ARTICLE:
            print(f"  {made:,} statements ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    raw.execute('INSERT INTO statement_sources (statement_id, article_id, start, "end") '
                'SELECT id, article_id, start, "end" FROM statements')
    raw.execute("INSERT INTO statements_fts (rowid, quote, speaker) SELECT s.id, s.quote, p.name "
                "FROM statements s JOIN speakers p ON p.id = s.speaker_id")
    raw.execute(trigger_sql)
    raw.execute("COMMIT")
    raw.execute("INSERT INTO statements_fts (statements_fts) VALUES ('optimize')")
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    print(f"built {made:,} statements in {time.perf_counter() - started:.0f} s", file=sys.stderr)


async def _create(db: Path) -> None:
    await (await Storage.open(db)).close()


def _count(db: Path) -> int:
    if not db.exists():
        return -1
    with sqlite3.connect(db) as raw:
        try:
            return int(raw.execute("SELECT count(*) FROM statements").fetchone()[0])
        except sqlite3.OperationalError:
            return -1


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(db: Path, runs: int, seed: int = 11) -> dict[str, list[float]]:
    """Time ``!search`` and ``!quotes <speaker>`` through the command layer; return milliseconds per run."""
    storage = await Storage.open(db)
    commands = Commands(Service(storage, NoExtractor(), Settings.from_env({})))
    ctx = CommandContext(guild_id=GUILD, user_id=1)
    rng = random.Random(seed)
    rows = await storage.conn.execute_fetchall(
        "SELECT p.name FROM speakers p WHERE p.guild_id = ? ORDER BY p.id", (GUILD,))
    speakers = [str(r[0]) for r in rows]
    vocab_rows = await storage.conn.execute_fetchall(
        "SELECT quote FROM statements WHERE guild_id = ? ORDER BY id LIMIT 2000", (GUILD,))
    frequency = Counter(w.lower() for r in vocab_rows for w in str(r[0]).split())
    words = sorted(frequency)
    most_common = [w for w, _ in frequency.most_common(20)]  # each in a large share of all statements
    part = runs // 5
    queries = [
        *(rng.choice(TOPIC_WORDS) for _ in range(part)),
        *(rng.choice(words) for _ in range(part)),
        *(rng.choice(most_common) for _ in range(part)),
        *(" ".join(rng.sample(words, 2)) for _ in range(part)),
        *(rng.choice(TOPIC_WORDS) + " " + rng.choice(speakers).split()[-1] for _ in range(runs - 4 * part)),
    ]
    timings: dict[str, list[float]] = {"!search": [], "!quotes <speaker>": [], "!quotes <speaker> page 5": [],
                                       "!timeline <speaker>": [], "!speakers": []}
    for message in ("!search warmup", f"!quotes {speakers[0]}"):
        await commands.dispatch(ctx, message)
    for query in queries:
        t0 = time.perf_counter()
        reply = await commands.dispatch(ctx, f"!search {query}")
        timings["!search"].append((time.perf_counter() - t0) * 1000)
        assert reply.kind == "info", reply
    # Speakers drawn like the data (popular speakers asked about more often), last names only half the time.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(speakers))]
    for _ in range(runs):
        name = rng.choices(speakers, weights=weights)[0]
        asked = name if rng.random() < 0.5 else name.split()[-1]
        for key, command in (("!quotes <speaker>", f"!quotes {asked}"),
                             ("!quotes <speaker> page 5", f"!quotes {asked} 5"),
                             ("!timeline <speaker>", f"!timeline {asked}"), ("!speakers", "!speakers")):
            t0 = time.perf_counter()
            reply = await commands.dispatch(ctx, command)
            timings[key].append((time.perf_counter() - t0) * 1000)
            assert reply.kind == "info", reply
    await storage.close()
    return timings


def main() -> int:
    """Build (or reuse) the benchmark database and print latency figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", default="data/bench.db", type=Path)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    if _count(args.db) != args.statements:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        print(f"building {args.db} with {args.statements:,} statements...", file=sys.stderr)
        build(args.db, args.statements)
    timings = asyncio.run(measure(args.db, args.runs))
    size_mb = args.db.stat().st_size / 1e6
    print(f"database: {args.db} ({args.statements:,} statements, {size_mb:,.0f} MB), {args.runs} runs each, "
          f"SQLite {sqlite3.sqlite_version}")
    print(f"{'command':<28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'mean ms':>9}")
    for name, values in timings.items():
        print(f"{name:<28}{_pct(values, 0.5):>9.1f}{_pct(values, 0.95):>9.1f}{max(values):>9.1f}"
              f"{statistics.fmean(values):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
