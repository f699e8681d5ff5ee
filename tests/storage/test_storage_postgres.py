"""What only the PostgreSQL backend has: its migrations, its statements matching SQLite's, the guild in the
search index, and writers of one guild taking turns across connections (as separate processes do)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from storage_helpers import save_article, statement

from bot.errors import ConfigError
from bot.storage import Storage, pg_temp, sql, sql_pg
from bot.storage.pg_temp import PgDatabases
from bot.storage.postgres import SCHEMA_VERSION, PostgresStorage, bind, compile_query


def _public_names(module: object) -> set[str]:
    return {n for n in vars(module) if n.isupper() and not n.startswith("_")}


def test_both_engines_define_the_same_statements() -> None:
    engine_only = {"MIGRATION_1", "MIGRATION_2", "MIGRATION_3", "MIGRATION_4", "MIGRATION_5", "MIGRATION_6",
                   "HAS_STATISTICS", "PRAGMAS", "SCHEMA_TABLE", "SCHEMA_VERSION_OF", "SCHEMA_VERSION_SET",
                   "MIGRATION_LOCK_KEY", "DATABASE_LOCK_KEY", "LOCK", "LOCK_SHARED", "GUILD_LOCK", "COUNTS_CHECK"}
    # Every statement the repositories take from SQLite's module exists for PostgreSQL too.
    assert _public_names(sql) - engine_only <= _public_names(sql_pg)
    functions = {n for n, v in vars(sql).items()
                 if callable(v) and not n.startswith("_") and v.__module__ == sql.__name__} - {"guild_token"}
    assert functions and all(callable(getattr(sql_pg, name, None)) for name in functions), functions


def test_placeholders_are_numbered_and_casts_left_alone() -> None:
    assert compile_query("SELECT ? WHERE a = ? AND b::text = ?") == ("SELECT $1 WHERE a = $2 AND b::text = $3", ())
    text, names = compile_query("WHERE g = :guild AND (:kind::text IS NULL OR k = :kind) LIMIT :cap")
    assert text == "WHERE g = $1 AND ($2::text IS NULL OR k = $2) LIMIT $3" and names == ("guild", "kind", "cap")
    assert bind("x = :b AND y = :a", {"a": 1, "b": 2, "unused": 3}) == ("x = $1 AND y = $2", [2, 1])


async def test_an_empty_database_migrates_once_even_when_processes_start_together(
        pg_databases: PgDatabases) -> None:
    url = pg_databases.fresh()
    stores = await asyncio.gather(*(Storage.open(url) for _ in range(4)))
    try:
        assert all(isinstance(s, PostgresStorage) for s in stores)
        rows = await stores[0].conn.execute_fetchall("SELECT version FROM schema_version")
        assert [r[0] for r in rows] == [SCHEMA_VERSION]
        await save_article(stores[1], 1, "Kirby said the mission is over.",
                           [statement("the mission is over", "John Kirby")])
        assert (await stores[2].statements.search(1, "missions", 1, 10)).total == 1
        assert await stores[3].integrity_check() == "ok"
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_a_newer_schema_is_refused_in_words(pg_databases: PgDatabases) -> None:
    url = pg_databases.fresh()
    await (await Storage.open(url)).close()
    pg_databases.admin.execute(f"UPDATE schema_version SET version = {SCHEMA_VERSION + 1}", url.rsplit("/", 1)[1])
    with pytest.raises(ConfigError, match="newer than this bot"):
        await Storage.open(url)


def test_a_machine_without_the_server_binaries_is_told_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The session fixture calls this: without a server the PostgreSQL tests error (CI fails), never skip.
    monkeypatch.setenv("PG_BIN", str(tmp_path))
    monkeypatch.setattr(pg_temp, "SYSTEM_BINARIES", tmp_path / "none")
    monkeypatch.setattr(pg_temp.shutil, "which", lambda name: None)
    with pytest.raises(pg_temp.ServerError, match="apt-get install postgresql"):
        pg_temp.find_bin()
    monkeypatch.delenv("PG_BIN")
    monkeypatch.undo()
    assert (pg_temp.find_bin() / "initdb").is_file()  # this machine has one


async def test_an_unreachable_server_is_a_config_error_without_the_password() -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL") as caught:
        await Storage.open("postgresql://bot:s3cret@127.0.0.1:1/quotes")
    assert "s3cret" not in str(caught.value)


async def test_the_guild_is_part_of_the_search_index(pg_databases: PgDatabases) -> None:
    url = pg_databases.take()
    store = await Storage.open(url)
    try:
        for guild in (1, 2):
            await save_article(store, guild, f"Guild {guild} article.", [statement("the mission is over", "Kirby")])
        rows = await store.conn.execute_fetchall(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'statements_search'")
        assert "USING gin (guild_id, search)" in rows[0][0]
    finally:
        await store.close()
        pg_databases.give_back(url)


async def test_writers_of_one_guild_take_turns(pg_databases: PgDatabases) -> None:
    # Two storages are two pools, like two processes: the same article saved by both at once is saved once,
    # and the short ids of different articles never collide.
    url = pg_databases.take()
    first, second = await Storage.open(url), await Storage.open(url)
    try:
        async def save(store: Storage, text: str) -> None:
            from bot.storage import NewArticle
            from bot.storage.records import text_hash

            async with store.transaction(1):
                if await store.articles.find_duplicate(1, text_hash(text), None) is None:
                    await store.articles.insert(NewArticle(guild_id=1, added_by=1, text=text),
                                                text_hash=text_hash(text), article_date=None, date_source=None,
                                                extractor_version="1", created_at="t")

        texts = [f"Article {n % 5}." for n in range(20)]
        await asyncio.gather(*(save(first if n % 2 else second, t) for n, t in enumerate(texts)))
        rows = await first.conn.execute_fetchall("SELECT number FROM articles WHERE guild_id = 1 ORDER BY number")
        assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    finally:
        await first.close()
        await second.close()
        pg_databases.give_back(url)
