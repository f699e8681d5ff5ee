"""Bulk ingest: inputs and their errors, the progress line, the summary, resume, and kill -9 mid-run."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.errors import InputError
from bot.extraction.pipeline import extract
from bot.ingest import IngestSummary, Progress, format_summary, input_items, jsonl_items, run_ingest
from bot.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["Ann Lee", "Bo Diaz", "Cy Park", "Di Moss", "Ed Nash", "Flo Reyes", "Gus Hart", "Hal Ortiz",
         "Ida Finch", "Jo Marsh", "Kai Stone", "Liv Grant"]
TOPICS = ["bridge", "school", "harbour", "clinic", "budget", "railway", "library", "stadium", "market", "tunnel"]
WORDS = ["repairs", "funding", "delays", "plans", "contracts", "inspections", "costs", "reviews", "staffing"]


def article(i: int, paragraphs: int = 4) -> str:
    """Return a unique news article: no statement of it repeats within it or in another article."""
    topic = TOPICS[i % len(TOPICS)]
    parts = [f"City council debates the {topic} (story {i})"]
    for j in range(paragraphs):
        name = NAMES[(i + j) % len(NAMES)]
        word = WORDS[(i * 7 + j) % len(WORDS)]
        parts.append(
            f"The council met on Tuesday to discuss the {topic} and the {word} that residents have raised "
            f"for months, and officials from several departments attended the session in story {i}.\n\n"
            f'"We will finish the {topic} {word} of phase {i}-{j} before the winter," {name}, a city '
            f"official, said. The council will vote on proposal {i}-{j} in week {j + 1}, the mayor's office said."
        )
    return "\n\n".join(parts)


def settings_for(tmp_path: Path, **extra: str) -> Settings:
    return Settings.from_env({"DATABASE_PATH": str(tmp_path / "quotes.db"), "LOG_LEVEL": "WARNING", **extra})


# ------------------------------------------------------------------------------------------- inputs


def test_jsonl_lines_with_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a1", "text": "first", "date": "2024-05-01"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "body": "no text"}),
        json.dumps({"text": "dated wrongly", "date": 20240501}),
        "",
        json.dumps({"text": "no id"}),
    ]) + "\n", encoding="utf-8")
    items = list(jsonl_items(path))
    assert [i.key for i in items] == ["line 1 (id a1)", "line 2", "line 3", "line 4 (id 7)", "line 5", "line 7"]
    assert items[0].text == "first" and items[0].date == "2024-05-01" and items[0].source_name == "in.jsonl#a1"
    assert items[1].error is not None and items[1].error.startswith("not valid JSON")
    assert items[2].error is not None and "object" in items[2].error
    assert items[3].error == "needs a string 'text' field"
    assert items[4].error is not None and "'date'" in items[4].error
    assert items[5].error is None and items[5].source_name == "in.jsonl#7"


def test_folder_inputs_are_article_files_sorted(tmp_path: Path) -> None:
    for name in ("b.html", "a.txt", "c.md", "notes.pdf", "d.HTM", "e.markdown"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [i.key for i in input_items(tmp_path)] == ["a.txt", "b.html", "c.md", "d.HTM", "e.markdown"]


@pytest.mark.parametrize(("name", "message"), [("missing", "no such file or folder"),
                                              ("data.csv", "give a folder of article files")])
def test_bad_paths_are_refused_with_a_message(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        input_items(path)


# ------------------------------------------------------------------------------------ progress, summary


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_progress_line_shows_rate_and_eta() -> None:
    clock = FakeClock()
    out = io.StringIO()
    progress = Progress(100, out, clock=clock, log_every=0)
    summary = IngestSummary(total=100)
    for _ in range(20):
        clock.now += 0.5
        summary.saved += 1
        progress.update(summary)
    line = out.getvalue().splitlines()[-1]
    assert "20/100" in line and " 20%" in line
    assert "2.00 articles/s" in line  # 20 articles in 10 s
    assert "ETA 0:40" in line  # 80 left at 2 per second
    assert line.startswith("[####....")  # 24 columns * 20%


def test_progress_rate_forgets_a_fast_start() -> None:
    clock = FakeClock()
    progress = Progress(1000, io.StringIO(), clock=clock)
    summary = IngestSummary(total=1000)
    for _ in range(500):  # a resumed run skips 500 saved articles in a second...
        clock.now += 0.002
        summary.skipped += 1
        progress.update(summary)
    for _ in range(70):  # ...then extracts one a second
        clock.now += 1.0
        summary.saved += 1
        progress.update(summary)
    assert "1.00 articles/s" in progress.line(summary)


def test_progress_redraws_in_place_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    progress = Progress(3, out, clock=FakeClock())
    summary = IngestSummary(total=3, saved=3)
    progress.close(summary)
    assert out.getvalue().startswith("\r[") and out.getvalue().endswith("\x1b[K\n")


def test_summary_lists_failures_with_reasons(tmp_path: Path) -> None:
    summary = IngestSummary(total=5, saved=2, skipped=1, statements=7, merged=1,
                            failures=[("x.txt", "the text is empty"), ("line 4", "not valid JSON")],
                            interrupted=True)
    text = "\n".join(format_summary(summary, tmp_path / "in", tmp_path / "q.db", 75.0))
    assert "5 of 5 input(s) handled in 1:15" in text
    assert "saved    2 new article(s) with 7 new statement(s) (1 more merged" in text
    assert "skipped  1 already saved" in text
    assert "x.txt: the text is empty" in text and "line 4: not valid JSON" in text
    assert "run the same command again to continue" in text


# ------------------------------------------------------------------------------------------- end to end


@pytest.mark.slow
def test_ingest_a_folder_then_rerun_skips_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2024-03-05\n\n" + article(1), encoding="utf-8")
    (folder / "b.html").write_text(f"<html><head><title>Story 2</title></head><body><article>"
                                   f"{''.join(f'<p>{p}</p>' for p in article(2).split(chr(10) * 2))}"
                                   f"</article></body></html>", encoding="utf-8")
    (folder / "c.md").write_text("date 2024-03-05\n\n" + article(1), encoding="utf-8")  # a copy of a.txt
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    settings = settings_for(tmp_path)

    assert run_ingest(settings, folder, guild_id=5, db=None) == 1  # some inputs failed
    out = capsys.readouterr()
    counts = re.search(r"saved    2 new article\(s\) with (\d+) new statement\(s\)(?: \((\d+) more merged)?", out.out)
    assert counts is not None, out.out
    with sqlite3.connect(tmp_path / "quotes.db") as conn:
        statements = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert int(counts[1]) == statements > 0
    assert "skipped  1 already saved" in out.out
    assert "failed   2:" in out.out and "empty.txt: " in out.out and "binary.txt: " in out.out
    assert "5/5 100%" in out.err

    assert run_ingest(settings, folder, guild_id=5, db=None) == 1
    again = capsys.readouterr().out
    assert "saved    0 new article(s)" in again and "skipped  3 already saved" in again

    with sqlite3.connect(tmp_path / "quotes.db") as conn:
        rows = conn.execute("SELECT filename, article_date, guild_id FROM articles ORDER BY filename").fetchall()
    # a.txt and c.md hold the same article: whichever finished extracting first is the one saved
    assert sorted((date or "", guild) for _name, date, guild in rows) == [("", 5), ("2024-03-05", 5)]
    assert {name for name, _date, _guild in rows} in ({"a.txt", "b.html"}, {"c.md", "b.html"})


def _db_state(db: Path) -> dict[str, set[tuple[str, int, int]]]:
    """Return each saved article's statements as {article text: {(quote, start, end)}}."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            'SELECT a.text, s.quote, src.start, src."end" FROM articles a '
            "LEFT JOIN statement_sources src ON src.article_id = a.id "
            "LEFT JOIN statements s ON s.id = src.statement_id").fetchall()
    state: dict[str, set[tuple[str, int, int]]] = {}
    for text, quote, start, end in rows:
        state.setdefault(text, set())
        if quote is not None:
            state[text].add((quote, start, end))
    return state


def _article_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def _children(pid: int) -> list[int]:
    """Return the ids of the processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _ingest_cmd(jsonl: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "bot", "ingest", str(jsonl), "--db", str(db), "--guild", "9"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the workers")
def test_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path: Path, nlp: Language) -> None:
    n = 24
    docs = [{"id": f"doc{i}", "text": article(i, paragraphs=6), "date": "2024-06-01"} for i in range(n)]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    db = tmp_path / "quotes.db"
    env = {**os.environ, "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}

    proc = subprocess.Popen(_ingest_cmd(jsonl, db), cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while _article_count(db) < 2:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest saved nothing within 180 s"
            time.sleep(0.02)
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)  # the ingest process, mid-run; its workers notice and exit
        proc.wait()
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert workers and not any(_alive(pid) for pid in workers), "orphaned worker processes left running"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved_before = _article_count(db)
    assert 2 <= saved_before < n, "the kill did not land mid-run"

    rerun = subprocess.run(_ingest_cmd(jsonl, db), cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"saved    {n - saved_before} new article(s)" in rerun.stdout
    assert f"skipped  {saved_before} already saved" in rerun.stdout

    # Every article once, each with exactly the statements an uninterrupted extraction finds: an article
    # saved without (some of) its statements before the kill would show here, as the rerun skips it.
    state = _db_state(db)
    assert len(state) == n
    for d in docs:
        want = extract(d["text"], nlp=nlp, article_date=d["date"])
        assert state[d["text"]] == {(s.quote, s.start, s.end) for s in want.statements}, d["id"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT text_hash) FROM articles").fetchone() == (n, n)
