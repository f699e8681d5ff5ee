"""``python -m bot copy-db --from sqlite:PATH --to postgresql://...`` (or back): move every server's data.

The copy is resumable (rerun the same command after an interruption) and verified: each table's row count
and checksum are compared on both sides at the end, and any difference fails the command.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.errors import QuoteBotError
from bot.storage import Storage
from bot.storage.copy import TableReport, copy_database
from bot.storage.database import display_target, is_postgres_url

SQLITE_PREFIX = "sqlite:"


def parse_target(text: str) -> str | Path:
    """Return the database a ``--from``/``--to`` names: ``sqlite:PATH`` (or a bare path) or a PostgreSQL URL."""
    if is_postgres_url(text):
        return text
    path = text.removeprefix(SQLITE_PREFIX)
    if not path:
        raise QuoteBotError(f"{text!r} names no database: use sqlite:PATH or postgresql://user@host/dbname")
    return Path(path)


def format_reports(reports: list[TableReport]) -> list[str]:
    """Return one line per table: rows copied by this run, rows on each side, and the checksum verdict."""
    lines = []
    for r in reports:
        verdict = "same rows and checksum" if r.same else "DIFFERENT"
        lines.append(f"  {r.name:<22} {r.copied:>9,} copied now  {r.source_rows:>9,} -> {r.target_rows:>9,}  "
                     f"{verdict}")
    return lines


async def _copy(source: str | Path, target: str | Path) -> list[TableReport]:
    if isinstance(source, Path) and not source.is_file():
        raise QuoteBotError(f"no database at {source} to copy from")
    src = await Storage.open(source)
    try:
        dst = await Storage.open_writable(target)
        try:
            def progress(table: str, rows: int) -> None:
                print(f"\r  {table}: {rows:,} rows", end="", file=sys.stderr, flush=True)

            reports = await copy_database(src, dst, progress)
            print("\r\x1b[K", end="", file=sys.stderr)
            return reports
        finally:
            await dst.close()
    finally:
        await src.close()


def run_copy_db(source_text: str, target_text: str) -> int:
    """Copy one database into another, print a line per table; return 0 when every table matches, else 1."""
    source, target = parse_target(source_text), parse_target(target_text)
    if str(source) == str(target):
        raise QuoteBotError("--from and --to are the same database")
    reports = asyncio.run(_copy(source, target))
    print(f"copy of {display_target(source)} to {display_target(target)}:")
    for line in format_reports(reports):
        print(line)
    if all(r.same for r in reports):
        print("verified: every table has the same rows on both sides")
        return 0
    print("NOT verified: the tables marked DIFFERENT differ (was the target empty? a rerun resumes a copy "
          "into an empty database only)")
    return 1
