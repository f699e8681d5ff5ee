"""Benchmark the saved-quotes store on SQLite and PostgreSQL side by side: the same synthetic statements in
both, then !search and !quotes <speaker> timed through the command layer, for a big server and a small one.

    .venv/bin/python scripts/bench_storage.py                       # 1,000,000 statements, both engines
    .venv/bin/python scripts/bench_storage.py --statements 200000 --engines sqlite
    .venv/bin/python scripts/bench_storage.py --pg postgresql://user@host/bench   # an existing server
    .venv/bin/python scripts/bench_storage.py --ingest ARTICLES.jsonl --processes 4  # ingest: 4 processes vs 1

The data: ``--statements`` spread over ``--servers`` big servers, plus one small server with 100 (whose
search of the big servers' most common words must cost what its own 100 rows cost). Without ``--pg`` the
script starts a throwaway PostgreSQL server (``bot.storage.pg_temp``, durable settings) and stops it at the
end. Both databases get their schema through the real migrations; the rows are bulk-loaded. Timings go
through ``Commands.dispatch`` (parsing, service, SQL, replies). Prints p50/p95/max per command and engine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.commands import CommandContext, Commands
from bot.extraction.model import Extraction
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.pg_temp import TempPostgres
from bot.storage.records import last_key, name_key, quote_key
from bot.storage.sql import guild_token

SMALL_GUILD = 1_000  # the small server; the big ones are 1..servers
SMALL_STATEMENTS = 100
STATEMENTS_PER_ARTICLE = 20
SPEAKERS = 500  # per big server
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


@dataclass
class Data:
    """The synthetic rows, with explicit ids so both engines hold exactly the same data."""

    speakers: list[tuple[int, int, str, str, str]]  # id, guild, name, name_key, last_key
    articles: list[tuple[int, int, int, str, str, str, str]]  # id, guild, number, url, title, hash, date
    statements: list[tuple[int, int, int, int, int, str, str, str]]  # id, guild, number, article, speaker,..


def _words(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(seen)


def generate(total: int, servers: int, seed: int = 7) -> Data:
    """Make ``total`` statements over ``servers`` big servers plus the small one's 100."""
    rng = random.Random(seed)
    vocab = _words(rng, VOCABULARY)
    for i, word in enumerate(TOPIC_WORDS):  # real words at mid-table frequencies
        vocab.insert(50 + i * 40, word)
    word_weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    surnames = [w.capitalize() for w in _words(random.Random(seed + 1), SPEAKERS)]
    names = [f"{FIRST[i % len(FIRST)]} {surnames[i]}" for i in range(SPEAKERS)]
    speaker_weights = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(SPEAKERS)))
    guilds = [*range(1, servers + 1), SMALL_GUILD]
    data = Data([], [], [])
    speaker_ids: dict[tuple[int, int], int] = {}
    for guild in guilds:
        for i, name in enumerate(names):
            speaker_ids[(guild, i)] = len(data.speakers) + 1
            data.speakers.append((len(data.speakers) + 1, guild, name, name_key(name), last_key(name)))
    numbers = dict.fromkeys(guilds, 0)
    article_numbers = dict.fromkeys(guilds, 0)
    plan = [(g, total // servers + (1 if g <= total % servers else 0)) for g in guilds[:-1]]
    plan.append((SMALL_GUILD, SMALL_STATEMENTS))
    for guild, count in plan:
        made = 0
        while made < count:
            article_numbers[guild] += 1
            n_art = article_numbers[guild]
            article_id = len(data.articles) + 1
            day = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            data.articles.append((article_id, guild, n_art, f"https://news.example/{guild}/{n_art}",
                                  f"Article {n_art}", f"h{guild}-{n_art}", day))
            for _ in range(min(STATEMENTS_PER_ARTICLE, count - made)):
                numbers[guild] += 1
                quote = " ".join(rng.choices(vocab, cum_weights=word_weights, k=rng.randint(8, 20))).capitalize()
                speaker = speaker_ids[(guild, rng.choices(range(SPEAKERS), cum_weights=speaker_weights)[0])]
                data.statements.append((len(data.statements) + 1, guild, numbers[guild], article_id, speaker,
                                        quote, quote_key(quote), day))
                made += 1
    return data


def _speaker_names(data: Data) -> dict[int, str]:
    return {s[0]: s[2] for s in data.speakers}


def load_sqlite(db: Path, data: Data) -> None:
    """Create the schema through the real migrations, then bulk-insert the rows (index text in one pass)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    asyncio.run(_create(str(db)))
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")
    trigger_sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'statements_fts_insert'").fetchone()[0]
    raw.execute("BEGIN")
    raw.execute("DROP TRIGGER statements_fts_insert")
    raw.executemany("INSERT INTO speakers (id, guild_id, name, name_key, last_key, role, created_at) "
                    "VALUES (?, ?, ?, ?, ?, NULL, 't')", data.speakers)
    raw.executemany("INSERT INTO articles (id, guild_id, number, url, title, text, text_hash, article_date, "
                    "date_source, added_by, extractor_version, created_at) "
                    "VALUES (?, ?, ?, ?, ?, '', ?, ?, 'date line', 1, '1', 't')", data.articles)
    raw.executemany(
        'INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end", '
        "date, date_basis, extractor_version, created_at) VALUES (?, ?, ?, ?, ?, 'direct', ?, ?, 0, 10, ?, "
        "'article', '1', 't')", data.statements)
    raw.execute('INSERT INTO statement_sources (statement_id, article_id, start, "end") '
                'SELECT id, article_id, start, "end" FROM statements')
    names = _speaker_names(data)
    raw.executemany("INSERT INTO statements_fts (rowid, guild, quote, speaker) VALUES (?, ?, ?, ?)",
                    ((s[0], guild_token(s[1]), s[5], names[s[4]]) for s in data.statements))
    raw.execute(trigger_sql)
    raw.execute("INSERT INTO statement_numbers (guild_id, last_number) "
                "SELECT guild_id, max(number) FROM statements GROUP BY guild_id")
    raw.execute("COMMIT")
    raw.execute("INSERT INTO statements_fts (statements_fts) VALUES ('optimize')")
    raw.execute("ANALYZE")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


async def _create(target: str) -> None:
    await (await Storage.open(target)).close()


async def load_postgres(url: str, data: Data) -> None:
    """Create the schema through the real migrations, then COPY the rows (triggers' work done in bulk)."""
    import asyncpg

    await _create(url)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("TRUNCATE articles, speakers, statements, statement_sources, statement_numbers "
                           "RESTART IDENTITY CASCADE")
        async with conn.transaction():
            await conn.execute("ALTER TABLE statements DISABLE TRIGGER USER; DROP INDEX statements_search")
            await conn.copy_records_to_table("speakers", records=[(*s, "t") for s in data.speakers],
                                             columns=["id", "guild_id", "name", "name_key", "last_key",
                                                      "created_at"])
            await conn.copy_records_to_table(
                "articles", records=[(*a, "", "date line", 1, "1", "t") for a in data.articles],
                columns=["id", "guild_id", "number", "url", "title", "text_hash", "article_date", "text",
                         "date_source", "added_by", "extractor_version", "created_at"])
            await conn.execute("CREATE TEMP TABLE staged (id bigint, guild_id bigint, number bigint, "
                               "article_id bigint, speaker_id bigint, quote text, quote_key text, date text)")
            await conn.copy_records_to_table("staged", records=data.statements)
            await conn.execute("""
                INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key,
                                        start, "end", date, date_basis, extractor_version, created_at, search)
                SELECT t.id, t.guild_id, t.number, t.article_id, t.speaker_id, 'direct', t.quote, t.quote_key,
                       0, 10, t.date, 'article', '1', 't',
                       to_tsvector('english', t.quote) || to_tsvector('english', p.name)
                FROM staged t JOIN speakers p ON p.id = t.speaker_id""")
            await conn.execute("""
                INSERT INTO statement_sources (statement_id, article_id, start, "end")
                    SELECT id, article_id, start, "end" FROM statements;
                UPDATE speakers p SET statement_count = c.n
                    FROM (SELECT speaker_id, count(*) AS n FROM statements GROUP BY speaker_id) c
                    WHERE c.speaker_id = p.id;
                INSERT INTO statement_numbers (guild_id, last_number)
                    SELECT guild_id, max(number) FROM statements GROUP BY guild_id;
                CREATE INDEX statements_search ON statements USING gin (guild_id, search);
                ALTER TABLE statements ENABLE TRIGGER USER;""")
            for table in ("speakers", "articles", "statements"):
                await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                   f"(SELECT max(id) FROM {table}))")
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Workload:
    """The messages sent, the same for every engine."""

    big_search: list[str]
    small_search: list[str]
    big_speakers: list[str]
    small_speakers: list[str]


def workload(data: Data, runs: int, seed: int = 11) -> Workload:
    """Draw the searches and speaker names (common words of the big servers for the small one too)."""
    rng = random.Random(seed)
    big = [s for s in data.statements[:5000] if s[1] == 1]
    frequency = Counter(w.lower() for s in big for w in s[5].split())
    words = sorted(frequency)
    most_common = [w for w, _ in frequency.most_common(20)]  # each in a large share of all statements
    names = _speaker_names(data)
    speakers = [names[s[4]] for s in big]
    part = runs // 5
    big_search = [
        *(rng.choice(TOPIC_WORDS) for _ in range(part)),
        *(rng.choice(words) for _ in range(part)),
        *(rng.choice(most_common) for _ in range(part)),
        *(" ".join(rng.sample(words, 2)) for _ in range(part)),
        *(rng.choice(TOPIC_WORDS) + " " + rng.choice(speakers).split()[-1] for _ in range(runs - 4 * part)),
    ]
    small_search = [rng.choice(most_common) for _ in range(runs)]

    def asked(pool: list[str]) -> Iterator[str]:
        for _ in range(runs):
            name = rng.choice(pool)
            yield name if rng.random() < 0.5 else name.split()[-1]

    small = [names[s[4]] for s in data.statements if s[1] == SMALL_GUILD]
    return Workload(big_search, small_search, list(asked(speakers)), list(asked(small)))


async def measure(target: str, work: Workload) -> dict[str, list[float]]:
    """Time ``!search`` and ``!quotes <speaker>`` through the command layer; return milliseconds per run."""
    storage = await Storage.open(target)
    commands = Commands(Service(storage, NoExtractor(), Settings.from_env({})))
    big, small = CommandContext(guild_id=1, user_id=1), CommandContext(guild_id=SMALL_GUILD, user_id=1)
    timings: dict[str, list[float]] = {}
    cases = (("!search (big server)", big, [f"!search {q}" for q in work.big_search]),
             ("!search (small server)", small, [f"!search {q}" for q in work.small_search]),
             ("!quotes <speaker> (big)", big, [f"!quotes {n}" for n in work.big_speakers]),
             ("!quotes <speaker> (small)", small, [f"!quotes {n}" for n in work.small_speakers]),
             ("!timeline <speaker> (big)", big, [f"!timeline {n}" for n in work.big_speakers]),
             ("!speakers (big)", big, ["!speakers"] * len(work.big_speakers)))
    for message in ("!search warmup", f"!quotes {work.big_speakers[0]}"):
        await commands.dispatch(big, message)
    for name, ctx, messages in cases:
        values = timings.setdefault(name, [])
        for message in messages:
            t0 = time.perf_counter()
            reply = await commands.dispatch(ctx, message)
            values.append((time.perf_counter() - t0) * 1000)
            assert reply.kind == "info", (message, reply)
    await storage.close()
    return timings


async def _article_counts(url: str) -> tuple[int, int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        row = await conn.fetchrow("SELECT count(*), count(DISTINCT text_hash) FROM articles")
        return int(row[0]), int(row[1])
    finally:
        await conn.close()


def bench_ingest(jsonl: Path, processes: int, limit: int) -> int:
    """Time ``python -m bot ingest`` into PostgreSQL: one process over every article, then ``processes`` at
    once over overlapping parts (each article in two parts); print articles/s and the duplicate check."""
    lines = [line for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    env = {**os.environ, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    server = TempPostgres(durable=True)
    server.start()
    from bot.storage.pg_temp import Admin

    admin = Admin(server)
    try:
        (work / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        share = len(lines) // processes
        disjoint, overlapping = [], []
        for k in range(processes):  # disjoint: a share each; overlapping: its share and the next one's
            for parts, chosen, kind in ((disjoint, lines[k * share:(k + 1) * share], "d"),
                                        (overlapping, [lines[(k * share + j) % len(lines)] for j in range(2 * share)],
                                         "o")):
                parts.append(work / f"part{kind}{k}.jsonl")
                parts[-1].write_text("\n".join(chosen) + "\n", encoding="utf-8")
        runs = (("1 process", [work / "all.jsonl"]), (f"{processes} processes, disjoint parts", disjoint),
                (f"{processes} processes, each article in 2 parts", overlapping))
        for n, (label, inputs) in enumerate(runs):
            name = f"ingest_{n}"
            admin.execute(f"CREATE DATABASE {name}")
            url = server.url(name)
            asyncio.run(_create(url))
            started = time.perf_counter()
            procs = [subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(p), "--db", url, "--guild", "1"],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                     for p in inputs]
            outs = [p.communicate()[0] for p in procs]
            seconds = time.perf_counter() - started
            articles, distinct = asyncio.run(_article_counts(url))
            codes = [p.returncode for p in procs]
            print(f"{label}: {articles} articles ({distinct} distinct texts) in {seconds:.1f} s: "
                  f"{articles / seconds:.2f} articles/s; exit codes {codes}")
            for out in outs:
                summary = [line.strip() for line in out.splitlines() if line.strip().startswith(("saved", "skipped"))]
                print("    " + "; ".join(summary))
    finally:
        admin.close()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main() -> int:
    """Build both databases from the same rows and print latency figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", default="data/bench.db", type=Path, help="the SQLite file (rebuilt)")
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL (its tables are emptied); default: a "
                                                   "throwaway server")
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=50)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--ingest", type=Path, help="instead: time ingest of this JSONL into PostgreSQL")
    parser.add_argument("--processes", type=int, default=4, help="with --ingest: processes at once")
    parser.add_argument("--limit", type=int, default=160, help="with --ingest: articles of the JSONL to use")
    args = parser.parse_args()
    if args.ingest is not None:
        return bench_ingest(args.ingest, args.processes, args.limit)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    started = time.perf_counter()
    data = generate(args.statements, args.servers)
    print(f"generated {len(data.statements):,} statements in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    work = workload(data, args.runs)
    server = None
    results: dict[str, dict[str, list[float]]] = {}
    try:
        for engine in engines:
            started = time.perf_counter()
            if engine == "sqlite":
                args.db.parent.mkdir(parents=True, exist_ok=True)
                load_sqlite(args.db, data)
                target = str(args.db)
            else:
                if args.pg is None:
                    server = TempPostgres(durable=True)
                    server.start()
                    from bot.storage.pg_temp import Admin

                    admin = Admin(server)
                    admin.execute("CREATE DATABASE bench")
                    admin.close()
                    target = server.url("bench")
                else:
                    target = args.pg
                asyncio.run(load_postgres(target, data))
            print(f"{engine}: loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            results[engine] = asyncio.run(measure(target, work))
    finally:
        if server is not None:
            server.stop()
    print(f"{args.statements:,} statements in {args.servers} servers plus one with {SMALL_STATEMENTS}; "
          f"{args.runs} runs each; SQLite {sqlite3.sqlite_version}")
    header = f"{'command':<28}" + "".join(f"{e + ' p50':>16}{e + ' p95':>16}" for e in engines)
    print(header)
    for name in next(iter(results.values())):
        row = f"{name:<28}"
        for engine in engines:
            values = results[engine][name]
            row += f"{_pct(values, 0.5):>16.1f}{_pct(values, 0.95):>16.1f}"
        print(row)
    for engine in engines:
        every = [t for values in results[engine].values() for t in values]
        print(f"{engine}: slowest single command {max(every):.1f} ms, mean {statistics.fmean(every):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
