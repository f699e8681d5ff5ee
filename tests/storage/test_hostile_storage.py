"""A hostile disk, one row each: full, damaged, read-only, or a path that cannot hold a database. Each gives
the user words that say what is wrong (never "Something went wrong"), and names are stored without invisible
characters.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.commands import Commands
from bot.commands.errors import GENERIC_ERROR
from bot.errors import ConfigError, DatabaseCorrupt, DatabaseFull, DatabaseReadOnly, UsageError
from bot.service import Service
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.connections import storage_error

sys.path.insert(0, str(Path(__file__).parents[1] / "commands"))
from command_helpers import ADDER, LineExtractor

PASTE = "!extract Kirby|We will leave on time"


async def _commands(storage: Storage) -> Commands:
    return Commands(Service(storage, LineExtractor(), Settings.from_env({})))


async def _saved_db(path: Path) -> None:
    storage = await Storage.open(path)
    commands = await _commands(storage)
    for n in range(40):
        await commands.dispatch(ADDER, f"!extract Speaker{n}|quote number {n} " + "padding " * 60)
    await storage.close()


async def _fill_the_disk(storage: Storage) -> None:
    async with storage.conn.execute("PRAGMA page_count") as cur:
        row = await cur.fetchone()
    assert row is not None
    await storage.conn.execute(f"PRAGMA max_page_count = {int(row[0])}")


def _damage(path: Path, table: str) -> None:
    """Overwrite the leaf pages of one table with garbage; the schema and the other tables stay intact."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = [int(r[0]) for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    conn.close()
    assert pages, f"{table} has no leaf pages to damage"
    with path.open("r+b") as fh:
        for number in pages:
            fh.seek((number - 1) * size)
            fh.write(b"\xa5" * size)


async def test_a_full_disk_says_so(tmp_path: Path) -> None:
    storage = await Storage.open(tmp_path / "q.db")
    try:
        await _fill_the_disk(storage)
        reply = await (await _commands(storage)).dispatch(ADDER, PASTE + " " + "x" * 50_000)
    finally:
        await storage.close()
    assert reply.kind == "error" and reply.description != GENERIC_ERROR
    assert "is full" in (reply.description or "")


async def test_a_full_disk_raises_the_domain_error(tmp_path: Path) -> None:
    storage = await Storage.open(tmp_path / "q.db")
    try:
        await _fill_the_disk(storage)
        with pytest.raises(DatabaseFull, match="full"):
            async with storage.transaction():
                await storage.conn.execute("CREATE TABLE filler (x)")
                await storage.conn.execute("INSERT INTO filler VALUES (zeroblob(1000000))")
    finally:
        await storage.close()


async def test_a_damaged_page_says_so(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await _saved_db(db)
    _damage(db, "statements")
    storage = await Storage.open(db)
    try:
        reply = await (await _commands(storage)).dispatch(ADDER, "!quotes")
    finally:
        await storage.close()
    assert reply.kind == "error" and reply.description != GENERIC_ERROR
    assert "damaged" in (reply.description or "") and ".recover" in (reply.description or "")


async def test_a_damaged_schema_is_refused_on_opening(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await _saved_db(db)
    _damage(db, "sqlite_schema")
    with pytest.raises(ConfigError, match="damaged") as caught:
        await Storage.open(db)
    assert "DATABASE_PATH" in str(caught.value)


# (row id, what is done to the database's path, the words of the refusal)
BAD_PATHS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("parent-is-a-file", lambda tmp: (tmp / "afile").touch() or tmp / "afile" / "q.db", "is a file, not a folder"),
    ("grandparent-is-a-file", lambda tmp: (tmp / "afile").touch() or tmp / "afile" / "sub" / "q.db",
     "is a file, not a folder"),
    ("path-is-a-folder", lambda tmp: (tmp / "q.db").mkdir() or tmp / "q.db", "is a folder, not a file"),
]


@pytest.mark.parametrize(("make", "words"), [r[1:] for r in BAD_PATHS], ids=[r[0] for r in BAD_PATHS])
async def test_a_bad_database_path_says_so(tmp_path: Path, make: Callable[[Path], Path], words: str) -> None:
    with pytest.raises(ConfigError, match=words) as caught:
        await Storage.open(make(tmp_path))
    assert "DATABASE_PATH" in str(caught.value)


async def test_a_folder_that_cannot_be_made_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", denied)
    with pytest.raises(ConfigError, match="Permission denied"):
        await Storage.open(tmp_path / "missing" / "q.db")


async def _read_only_checks(storage: Storage) -> None:
    commands = await _commands(storage)
    listing = await commands.dispatch(ADDER, "!quotes")
    assert listing.kind != "error" and "quote number" in str(listing)
    refused = await commands.dispatch(ADDER, PASTE)
    assert refused.kind == "error" and "read-only" in (refused.description or "")
    with pytest.raises(DatabaseReadOnly):
        async with storage.transaction():
            pass


async def test_a_read_only_database_can_be_read(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await _saved_db(db)
    storage = await Storage.open(db, read_only=True)
    try:
        await _read_only_checks(storage)
    finally:
        await storage.close()


async def test_a_read_only_file_is_found_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "q.db"
    await _saved_db(db)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    storage = await Storage.open(db)
    try:
        assert storage.read_only
        await _read_only_checks(storage)
    finally:
        await storage.close()


@pytest.mark.parametrize(("code", "error"), [
    (sqlite3.SQLITE_FULL, DatabaseFull), (sqlite3.SQLITE_CORRUPT, DatabaseCorrupt),
    (sqlite3.SQLITE_NOTADB, DatabaseCorrupt), (sqlite3.SQLITE_READONLY, DatabaseReadOnly),
    (sqlite3.SQLITE_CONSTRAINT_UNIQUE, None), (sqlite3.SQLITE_BUSY, None),
])
def test_sqlite_codes_map_to_domain_errors(code: int, error: type[Exception] | None) -> None:
    exc = sqlite3.OperationalError("boom")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    mapped = storage_error(exc, "q.db")
    assert (type(mapped) if mapped is not None else None) is error


# (row id, the name given, the name stored)
NAMES: list[tuple[str, str, str]] = [
    ("bidi-override", "Jo\u202ehn Kirby", "John Kirby"),
    ("bidi-isolates", "\u2066John\u2069 \u2067Kirby\u2069", "John Kirby"),
    ("rtl-mark", "John\u200f Kirby\u200e", "John Kirby"),
    ("zero-width-space", "Jo\u200bhn Ki\u200crby\u200d", "John Kirby"),
    ("bom-and-word-joiner", "\ufeffJohn\u2060 Kirby", "John Kirby"),
    ("controls-and-newline", "John\x07\n\tKirby\x1b", "John Kirby"),
    ("tag-characters", "John Kirby\U000e0041\U000e0042", "John Kirby"),
    ("kept-letters", "José Álvarez-Núñez", "José Álvarez-Núñez"),
]


@pytest.mark.parametrize(("given", "stored"), [r[1:] for r in NAMES], ids=[r[0] for r in NAMES])
async def test_names_are_stored_without_invisible_characters(storage: Storage, given: str, stored: str) -> None:
    async with storage.transaction():
        created = await storage.speakers.create(1, given, None, "t")
    assert created.name == stored
    found = await storage.speakers.find(1, given)
    assert found is not None and found.id == created.id
    async with storage.transaction():
        again = await storage.speakers.resolve_for_intake(1, given, None, "t")
    assert again.id == created.id


async def test_a_name_of_only_invisible_characters_is_refused(storage: Storage) -> None:
    with pytest.raises(UsageError, match="no visible characters"):
        async with storage.transaction():
            await storage.speakers.create(1, "\u202e\u200b\u2066", None, "t")




@pytest.mark.parametrize("command", ["ingest", "reextract"])
def test_a_batch_job_on_a_read_only_database_stops_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str], command: str) -> None:
    import asyncio

    from bot.cli import run_cli

    db = tmp_path / "q.db"
    asyncio.run(_saved_db(db))
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": 1, "text": "x"}\n' * 3, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    args = [command, str(batch)] if command == "ingest" else [command]
    assert run_cli(Settings.from_env({}), [*args, "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("read-only") == 1 and "Traceback" not in captured.err


# (row id, file writable, folder writable, WAL files present, read-only?)
WRITABILITY: list[tuple[str, bool, bool, bool, bool]] = [
    ("all-writable", True, True, False, False),
    ("file-read-only", False, True, True, True),
    ("folder-read-only-no-wal-files", True, False, False, True),
    ("folder-read-only-wal-files-there", True, False, True, False),
]


@pytest.mark.parametrize(("file_ok", "folder_ok", "wal", "expected"), [r[1:] for r in WRITABILITY],
                         ids=[r[0] for r in WRITABILITY])
def test_read_only_is_found_out_from_the_file_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         file_ok: bool, folder_ok: bool, wal: bool,
                                                         expected: bool) -> None:
    from bot.storage.db import is_read_only_file

    db = tmp_path / "q.db"
    db.write_bytes(b"")
    if wal:
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"q.db{suffix}").write_bytes(b"")

    def access(path: object, mode: int) -> bool:
        if Path(str(path)) == tmp_path:
            return folder_ok
        return file_ok if Path(str(path)) == db else True

    monkeypatch.setattr(os, "access", access)
    assert is_read_only_file(db) is expected
