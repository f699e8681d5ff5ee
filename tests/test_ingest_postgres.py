"""Ingest from many processes into one PostgreSQL database: every article exactly once, and a process killed
with ``kill -9`` mid-run loses nothing it saved (each article is one committed transaction)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import asyncpg
import pytest
from test_ingest import article

from bot.extraction.pipeline import extract
from bot.storage.pg_temp import PgDatabases

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = 4
ARTICLES = 16
PART = 8  # each part holds 8 of the 16 articles, so every article is in two parts


async def _fetch(url: str, query: str) -> list[Any]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(query))
    finally:
        await conn.close()


def _summary_count(stdout: str, label: str) -> int:
    line = next(line for line in stdout.splitlines() if line.strip().startswith(label))
    return int(line.split()[1])


@pytest.mark.slow
def test_four_ingest_processes_save_each_article_once_even_when_one_is_killed(
        tmp_path: Path, nlp: Language, pg_databases: PgDatabases) -> None:
    url = pg_databases.take()
    docs = [{"id": f"doc{i}", "text": article(i, paragraphs=3), "date": "2024-06-01"} for i in range(ARTICLES)]
    parts = []
    for k in range(PROCESSES):
        part = tmp_path / f"part{k}.jsonl"
        chosen = [docs[(k * ARTICLES // PROCESSES + j) % ARTICLES] for j in range(PART)]
        part.write_text("".join(json.dumps(d) + "\n" for d in chosen), encoding="utf-8")
        parts.append(part)
    env = {**os.environ, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    cores = sorted(os.sched_getaffinity(0))

    def start(k: int) -> subprocess.Popen[str]:
        # One core each (so one extraction worker each): four processes on a small machine.
        return subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(parts[k]), "--db", url, "--guild", "9"],
                                cwd=tmp_path, env=env, start_new_session=True, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=lambda: os.sched_setaffinity(0, {cores[k % len(cores)]}))

    def saved() -> int:
        return int(pg_databases.admin.run(_fetch(url, "SELECT count(*) FROM articles"))[0][0])

    procs = [start(k) for k in range(PROCESSES)]
    try:
        deadline = time.monotonic() + 240
        while saved() < 1:
            assert procs[0].poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest saved nothing within 240 s"
            time.sleep(0.05)
        os.killpg(procs[0].pid, signal.SIGKILL)  # mid-run: the process and its workers at once
        outs = [p.communicate(timeout=300)[0] for p in procs]
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    assert procs[0].returncode == -signal.SIGKILL
    assert all(p.returncode == 0 for p in procs[1:]), [p.stderr.read() if p.stderr else "" for p in procs[1:]]
    survivors_saved = sum(_summary_count(out, "saved") for out in outs[1:])
    killed_saved = saved() - survivors_saved
    assert killed_saved >= 0

    rerun = subprocess.run([sys.executable, "-m", "bot", "ingest", str(parts[0]), "--db", url, "--guild", "9"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert survivors_saved + killed_saved + _summary_count(rerun.stdout, "saved") == ARTICLES

    rows = pg_databases.admin.run(_fetch(url, """
        SELECT a.text, s.quote, src.start, src."end" FROM articles a
        LEFT JOIN statement_sources src ON src.article_id = a.id
        LEFT JOIN statements s ON s.id = src.statement_id"""))
    state: dict[str, set[tuple[str, int, int]]] = {}
    for text, quote, start_at, end_at in rows:
        state.setdefault(text, set())
        if quote is not None:
            state[text].add((quote, start_at, end_at))
    assert len(state) == ARTICLES
    # Each article exactly as an uninterrupted extraction finds it: one saved by the killed process without
    # (some of) its statements would show here, since the rerun skips it.
    for d in docs:
        want = extract(d["text"], nlp=nlp, article_date=d["date"])
        assert state[d["text"]] == {(s.quote, s.start, s.end) for s in want.statements}, d["id"]
    counts = pg_databases.admin.run(_fetch(url, "SELECT count(*), count(DISTINCT text_hash), count(DISTINCT number) "
                                                "FROM articles"))
    assert tuple(counts[0]) == (ARTICLES, ARTICLES, ARTICLES)
    pg_databases.give_back(url)
