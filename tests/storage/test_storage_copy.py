"""copy-db: SQLite to PostgreSQL and back, every table equal (counts and checksums), resumable, and what a
copied database serves (search, speaker counts, new short ids) the same as the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_helpers import save_article, statement

import bot.storage.copy as copy_module
from bot.copydb import parse_target, run_copy_db
from bot.errors import QuoteBotError
from bot.storage import Storage
from bot.storage.copy import TABLES, checksum, copy_database
from bot.storage.pg_temp import PgDatabases

TEXT = "Kirby said: The mission is over. Psaki said: We are evacuating U.S. citizens now."


async def _fill(store: Storage) -> None:
    for n in range(12):
        guild = 1 if n % 3 else 2
        await save_article(store, guild, f"Article {n}. " + TEXT, [
            statement("The mission is over.", "John Kirby", TEXT),  # a wire copy: one statement, many sources
            statement(f"We are evacuating group {n} now.", "Jen Psaki", TEXT),
        ], url=f"https://news.example/{n}")
    kirby = await store.speakers.find(1, "John Kirby")
    assert kirby is not None
    async with store.transaction(1):
        await store.speakers.add_alias(1, kirby.id, "Admiral Kirby")
        await store.statements.forget(1, (await store.statements.get(1, 2)).id, "t")
        await store.audit.record(1, 7, "forget", "S2", {"quote": "x"}, "t")


async def _sums(store: Storage) -> dict[str, tuple[int, int]]:
    return {table.name: await checksum(store, table) for table in TABLES}


async def test_copy_to_postgresql_and_back_keeps_every_row(tmp_path: Path, pg_databases: PgDatabases) -> None:
    url = pg_databases.take()
    original = await Storage.open(tmp_path / "a.db")
    await _fill(original)
    pg = await Storage.open(url)
    back = await Storage.open(tmp_path / "b.db")
    try:
        assert all(r.same for r in await copy_database(original, pg))
        assert all(r.same for r in await copy_database(pg, back))
        assert await _sums(original) == await _sums(pg) == await _sums(back)
        for store in (pg, back):
            page = await store.statements.search(1, "evacuate", 1, 10)
            assert page.total == (await original.statements.search(1, "evacuate", 1, 10)).total > 0
            assert await store.speakers.listing(1, 1, 10) == await original.speakers.listing(1, 1, 10)
        for store in (original, pg, back):
            # New rows after the copy get fresh ids and the same next short ids as the original.
            await save_article(store, 1, "A new article after the copy.", [statement("Fresh words.", "Ann Lee")])
            latest = (await store.statements.page(1, None, 1, 1)).items[0]
            assert (latest.quote, latest.number, latest.article_number) == ("Fresh words.", 10, 9)
    finally:
        for store in (original, pg, back):
            await store.close()
        pg_databases.give_back(url)


async def test_an_interrupted_copy_resumes(tmp_path: Path, pg_databases: PgDatabases,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_databases.take()
    original = await Storage.open(tmp_path / "a.db")
    await _fill(original)
    pg = await Storage.open(url)
    try:
        monkeypatch.setattr(copy_module, "BATCH", 5)
        calls = 0
        real = copy_module.copy_table

        async def failing(source: Storage, target: Storage, table: copy_module.Table, progress: object = None) -> int:
            nonlocal calls
            calls += 1
            if table.name == "statement_sources":
                raise KeyboardInterrupt  # the copy stops halfway through the tables
            return await real(source, target, table)

        monkeypatch.setattr(copy_module, "copy_table", failing)
        with pytest.raises(KeyboardInterrupt):
            await copy_database(original, pg)
        monkeypatch.setattr(copy_module, "copy_table", real)
        reports = await copy_database(original, pg)
        by_name = {r.name: r for r in reports}
        assert all(r.same for r in reports)
        assert by_name["articles"].copied == 0 and by_name["statement_sources"].copied > 0  # resumed, not redone
    finally:
        await original.close()
        await pg.close()
        pg_databases.give_back(url)


def test_copy_db_command_prints_a_verified_line_per_table(tmp_path: Path, pg_databases: PgDatabases,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_databases.take()
    pg_databases.admin.run(_filled(tmp_path / "a.db"))
    assert run_copy_db(f"sqlite:{tmp_path / 'a.db'}", url) == 0
    out = capsys.readouterr().out
    assert out.count("same rows and checksum") == len(TABLES) and "verified" in out
    assert run_copy_db(f"sqlite:{tmp_path / 'a.db'}", url) == 0  # a rerun copies nothing more
    assert "        0 copied now" in capsys.readouterr().out
    pg_databases.give_back(url)


async def _filled(path: Path) -> None:
    store = await Storage.open(path)
    await _fill(store)
    await store.close()


def test_targets_are_named_in_words() -> None:
    assert parse_target("sqlite:data/q.db") == Path("data/q.db")
    assert parse_target("postgresql://u@h/db") == "postgresql://u@h/db"
    with pytest.raises(QuoteBotError, match="sqlite:PATH"):
        parse_target("sqlite:")
