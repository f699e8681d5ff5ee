"""One bot process per SQLite database: the lock is refused across processes and dies with its holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.errors import DatabaseInUse
from bot.storage.lock import acquire_bot_lock, guard_bot_process, lock_path

ROOT = Path(__file__).resolve().parents[2]
# A second process: try the lock and say what happened; with "hold", keep it until killed.
TRY_LOCK = """
import sys, time
from pathlib import Path
from bot.errors import DatabaseInUse
from bot.storage.lock import acquire_bot_lock
try:
    lock = acquire_bot_lock(Path(sys.argv[1]))
except DatabaseInUse as exc:
    print("REFUSED", exc, flush=True)
    sys.exit(3)
print("HELD", flush=True)
if sys.argv[2:] == ["hold"]:
    time.sleep(600)
"""


def _other_process(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", TRY_LOCK, str(db), *args], cwd=ROOT, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE)


def test_a_second_process_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    db = tmp_path / "quotes.db"
    lock = acquire_bot_lock(db)
    other = _other_process(db)
    out, _ = other.communicate(timeout=60)
    assert other.returncode == 3, out
    assert f"another bot process (pid {os.getpid()}) is already running on {db}" in out
    assert "DATABASE_URL=postgresql://" in out
    lock.release()
    other = _other_process(db)
    assert other.communicate(timeout=60)[0].strip() == "HELD" and other.returncode == 0


def test_the_lock_dies_with_a_killed_holder(tmp_path: Path) -> None:
    db = tmp_path / "quotes.db"
    holder = _other_process(db, "hold")
    assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
    with pytest.raises(DatabaseInUse, match=f"pid {holder.pid}"):
        acquire_bot_lock(db)
    holder.send_signal(signal.SIGKILL)  # a crash: no clean-up code runs
    holder.communicate(timeout=60)
    acquire_bot_lock(db).release()  # the kernel dropped the lock with the process


def test_two_spellings_of_one_path_share_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lock = acquire_bot_lock(Path("data/quotes.db"))  # the folder does not exist yet: made as on a first start
    other_spelling = tmp_path / "data" / ".." / "data" / "quotes.db"
    assert lock.path == tmp_path / "data" / "quotes.db.lock" == lock_path(other_spelling)
    with pytest.raises(DatabaseInUse):
        acquire_bot_lock(tmp_path / "data" / "quotes.db")
    lock.release()
    lock.release()  # idempotent


def test_postgresql_takes_no_lock(tmp_path: Path) -> None:
    db = tmp_path / "quotes.db"
    assert guard_bot_process("postgresql", db) is None
    assert guard_bot_process("postgresql", db) is None  # several processes allowed
    lock = guard_bot_process("sqlite", db)
    assert lock is not None
    with pytest.raises(DatabaseInUse):
        guard_bot_process("sqlite", db)
    lock.release()
