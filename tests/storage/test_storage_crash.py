"""Crash safety: a writer killed with SIGKILL in the middle of an article leaves no half-saved article."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bot.storage import Storage

WRITER = textwrap.dedent("""
    import asyncio, sys
    from bot.storage import NewArticle, NewStatement, Storage
    from bot.storage.records import text_hash

    async def save(store, text, count, announce):
        async with store.transaction():
            art = await store.articles.insert(NewArticle(guild_id=1, added_by=1, text=text),
                                              text_hash=text_hash(text), article_date=None, date_source=None,
                                              extractor_version="1", created_at="t")
            speaker = await store.speakers.resolve_for_intake(1, "John Kirby", None, "t")
            for i in range(count):
                q = f"statement number {i} of {text}"
                st = NewStatement(type="direct", quote=q, start=0, end=len(q))
                await store.statements.add(1, art.id, speaker.id, st, "1", "t")
                if announce and i == 100:
                    print("writing", flush=True)

    async def main():
        store = await Storage.open(sys.argv[1])
        await save(store, "complete article", 50, False)
        print("first saved", flush=True)
        await save(store, "interrupted article", 10_000_000, True)

    asyncio.run(main())
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_kill_9_mid_article_leaves_a_consistent_database(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "first saved"
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(0.3)
        assert proc.poll() is None, "the writer must still be in the middle of the article"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    # The rolled-back transaction left bytes behind in the WAL; recovery must discard them.
    assert Path(f"{db}-wal").exists()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = await Storage.open(db)
    try:
        assert await store.integrity_check() == "ok"
        assert await store.articles.count(1) == 1
        article = await store.articles.get(1, 1)
        assert article.statement_count == 50
        assert (await store.statements.page(1, None, 1, 10)).total == 50
        assert (await store.statements.search(1, "interrupted", 1, 10)).total == 0
        assert (await store.statements.search(1, "complete", 1, 10)).total == 50
    finally:
        await store.close()
