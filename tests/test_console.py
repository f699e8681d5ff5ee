"""The console as users run it: ``python -m bot console --db PATH --seed seeds`` with lines on stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import seed_files
from bot.settings import Settings
from bot.sources import read_file

ROOT = Path(__file__).resolve().parents[1]


def run_console(db: Path, lines: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["LOG_LEVEL"] = "WARNING"
    return subprocess.run([sys.executable, "-m", "bot", "console", "--db", str(db), *extra],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=180)


@pytest.mark.slow
def test_console_answers_commands_on_the_seeds(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    proc = run_console(db, ["!speakers", "!quotes Kirby", "!quote Kirby", "", "!search evacuate",
                            "!export csv", "hello"], "--seed", "seeds")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Speakers" in out and "John Kirby" in out
    assert "Quotes by John Kirby" in out and "mission" in out
    assert "did you mean !quotes?" in out
    assert "[S" in out
    assert (tmp_path / "exports" / "quotes.csv").read_text(encoding="utf-8").startswith("id,speaker,quote")
    assert "Commands start with !" in out
    assert "Traceback" not in out + proc.stderr
    assert "seeds: 1 new article(s)" in proc.stderr

    # Running again on the same database does not duplicate the seeds.
    again = run_console(db, ["!quotes"], "--seed", "seeds")
    assert again.returncode == 0, again.stderr
    assert "seeds: 0 new article(s), 1 already saved" in again.stderr


@pytest.mark.slow
def test_console_extracts_a_local_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("date 2021-08-20\n“We will leave on time,” said Pentagon spokesman John Kirby.\n",
                       encoding="utf-8")
    proc = run_console(tmp_path / "q.db", [f"!extract {article}", "!timeline", f"!extract {tmp_path}/nope.txt"])
    assert proc.returncode == 0, proc.stderr
    assert "Saved A1" in proc.stdout and "2021-08-20" in proc.stdout
    assert "We will leave on time" in proc.stdout
    assert "error: " in proc.stdout and "no such file" in proc.stdout.lower()


def test_console_refuses_a_bad_database_path(tmp_path: Path) -> None:
    bad = tmp_path / "q.db"
    bad.write_bytes(b"not a database" * 200)
    proc = run_console(bad, ["!quotes"])
    assert proc.returncode == 1
    assert "DATABASE_PATH" in proc.stderr and "Traceback" not in proc.stderr


def test_every_file_the_seeding_picks_up_is_read(tmp_path: Path) -> None:
    # The console once picked up .markdown seeds that the reader then refused: both now use one table.
    said = "Ana Costa, the mayor, said the bridge opens in May after three years of work on the river."
    page = f"<html><body><article><h1>Bridge</h1><p>{said}</p><p>{said}</p></article></body></html>"
    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.HTM", "notes.pdf", "data.jsonl"):
        (tmp_path / name).write_text(page if ".ht" in name.lower() else said, encoding="utf-8")
    found = seed_files([tmp_path])
    assert [p.name for p in found] == ["a.txt", "b.md", "c.markdown", "d.html", "e.HTM"]
    for path in found:
        assert "bridge" in read_file(Settings.from_env({}), path).text


def test_console_takes_kinds_and_reextracts(tmp_path: Path) -> None:
    proc = run_console(tmp_path / "q.db", ["!quotes kind:all", "!quotes kind:thougt", "!reextract", "!help"],
                       "--seed", "seeds")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Latest quotes (every kind)" in out
    assert "did you mean kind:thought?" in out
    assert "Nothing to re-extract" in out  # the seeds were just saved by the current extractor
    assert "!reextract" in out and "Traceback" not in out + proc.stderr
