"""Migrations from an empty file and from the previous version; pragmas on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.storage import SCHEMA_VERSION, NewStatement, Storage, connect, migrate, schema_version
from bot.storage.records import quote_key
from bot.storage.sql import MIGRATIONS


async def test_empty_file_migrates_to_latest(tmp_path: Path) -> None:
    store = await Storage.open(tmp_path / "new" / "q.db")
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION == len(MIGRATIONS)
        tables = {r[0] for r in await store.conn.execute_fetchall("SELECT name FROM sqlite_master")}
        assert {"articles", "speakers", "speaker_aliases", "statements", "statement_sources", "audit_log",
                "statements_fts"} <= tables
    finally:
        await store.close()


async def test_every_connection_has_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await (await Storage.open(db)).close()
    for _ in range(2):
        conn = await connect(db)
        try:
            assert (await (await conn.execute("PRAGMA journal_mode")).fetchone())[0] == "wal"
            assert (await (await conn.execute("PRAGMA foreign_keys")).fetchone())[0] == 1
            assert (await (await conn.execute("PRAGMA busy_timeout")).fetchone())[0] == 5000
        finally:
            await conn.close()


async def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    await (await Storage.open(db)).close()
    store = await Storage.open(db)
    try:
        assert await migrate(store.conn) == SCHEMA_VERSION
    finally:
        await store.close()


async def test_upgrade_from_version_1_indexes_existing_statements(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    assert await migrate(conn, target=1) == 1
    await conn.executescript("""
        INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, extractor_version, created_at)
            VALUES (1, 7, 1, 'text', 'h', 1, '1', 't');
        INSERT INTO speakers (id, guild_id, name, name_key, last_key, created_at)
            VALUES (1, 7, 'John Kirby', 'john kirby', 'kirby', 't');
        INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end",
                                extractor_version, created_at)
            VALUES (1, 7, 1, 1, 1, 'direct', 'We are evacuating everyone', 'k', 0, 5, '1', 't');
        INSERT INTO statement_sources VALUES (1, 1, 0, 5);
    """)
    await conn.close()

    store = await Storage.open(db)
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION
        found = await store.statements.search(7, "evacuation kirby", 1, 10)
        assert [s.quote for s in found.items] == ["We are evacuating everyone"]
        speakers = await store.speakers.listing(7, 1, 10)
        assert [(s.name, s.statement_count) for s in speakers.items] == [("John Kirby", 1)]
    finally:
        await store.close()


async def test_upgrade_from_the_previous_version_keeps_data_and_counts(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    assert await migrate(conn, target=SCHEMA_VERSION - 1) == SCHEMA_VERSION - 1
    await conn.executescript("""
        INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, extractor_version, created_at)
            VALUES (1, 7, 1, 'text', 'h', 1, '1', 't');
        INSERT INTO speakers (id, guild_id, name, name_key, last_key, created_at)
            VALUES (1, 7, 'John Kirby', 'john kirby', 'kirby', 't'), (2, 7, 'Jen Psaki', 'jen psaki', 'psaki', 't');
        INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end",
                                date, extractor_version, created_at)
            VALUES (1, 7, 1, 1, 1, 'direct', 'One', 'k1', 0, 3, NULL, '1', 't'),
                   (2, 7, 2, 1, 1, 'direct', 'Two', 'k2', 0, 3, '2021-09-02', '1', 't'),
                   (3, 7, 3, 1, 2, 'direct', 'Three', 'k3', 0, 3, '2021-08-01', '1', 't');
        INSERT INTO statement_sources VALUES (1, 1, 0, 3), (2, 1, 0, 3), (3, 1, 0, 3);
    """)
    await conn.close()

    store = await Storage.open(db)
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION
        speakers = await store.speakers.listing(7, 1, 10)
        assert [(s.name, s.statement_count) for s in speakers.items] == [("John Kirby", 2), ("Jen Psaki", 1)]
        timeline = await store.statements.timeline(7)
        assert [s.quote for s in timeline.items] == ["Three", "Two", "One"]
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ConfigError, match="newer than this bot"):
        await Storage.open(db)


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError, match="DATABASE_PATH"):
        await Storage.open(db)


async def test_planner_statistics_are_refreshed_after_a_migration(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    await migrate(conn, target=SCHEMA_VERSION - 1)
    await conn.execute("INSERT INTO speakers (guild_id, name, name_key, last_key, created_at) "
                       "VALUES (1, 'John Kirby', 'john kirby', 'kirby', 't')")
    await conn.execute("ANALYZE")
    await conn.close()
    store = await Storage.open(db)
    try:
        indexes = {r[0] for r in await store.conn.execute_fetchall("SELECT idx FROM sqlite_stat1")}
        assert "speakers_popular" in indexes  # created by the last migration, after the old ANALYZE
    finally:
        await store.close()


async def test_upgrade_to_kinds_keeps_rows_reads_them_as_speech_and_keeps_corrections(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    assert await migrate(conn, target=3) == 3
    await conn.executescript("""
        INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, extractor_version, created_at)
            VALUES (1, 7, 1, 'text', 'h', 1, '1', '2026-01-01T00:00:00+00:00');
        INSERT INTO speakers (id, guild_id, name, name_key, last_key, created_at)
            VALUES (1, 7, 'John Kirby', 'john kirby', 'kirby', 't');
        INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end",
                                extractor_version, created_at)
            VALUES (1, 7, 1, 1, 1, 'direct', 'We are evacuating everyone', 'k1', 0, 5, '1',
                    '2026-01-01T00:00:00+00:00'),
                   (2, 7, 2, 1, 1, 'direct', 'The mission is over', 'k2', 0, 5, '1',
                    '2026-01-01T00:00:00+00:00'),
                   (4, 7, 4, 1, NULL, 'direct', 'Later statement', 'k4', 0, 5, '1', '2026-03-01T00:00:00+00:00');
        INSERT INTO statement_sources VALUES (1, 1, 0, 5), (2, 1, 0, 5), (4, 1, 0, 5);
        INSERT INTO audit_log (guild_id, user_id, action, target, detail, created_at) VALUES
            (7, 1, 'fix speaker', 'S2', '{"after": "John Kirby", "before": null}', '2026-02-01T00:00:00+00:00'),
            (7, 1, 'fix speaker', 'S4', '{"after": "John Kirby", "before": null}', '2026-02-01T00:00:00+00:00'),
            (7, 1, 'forget', 'S9', '{"quote": "Gone, gone!", "speaker": "John Kirby"}',
             '2026-02-01T00:00:00+00:00'),
            (7, 1, 'forget', 'A9', '{"title": null, "url": null, "deleted_statements": 0}',
             '2026-02-01T00:00:00+00:00');
    """)
    await conn.close()

    store = await Storage.open(db)
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION >= 4
        page = await store.statements.page(7, None, 1, 10)
        assert [(s.number, s.kind) for s in page.items] == [(4, "speech"), (2, "speech"), (1, "speech")]
        # S2 was fixed; S4 got the number of a fixed statement only after the fix, so it is not the fixed one.
        assert {s.number: s.speaker_fixed for s in page.items} == {1: False, 2: True, 4: False}
        assert [s.quote for s in (await store.statements.search(7, "evacuation", 1, 10)).items] == [
            "We are evacuating everyone"]
        assert await store.statements.forgotten_keys(7, 1) == {quote_key("gone gone")}
        assert await store.statements.forgotten_keys(8, 1) == set()
        async with store.transaction():  # short ids continue after every number used, S9 (forgotten) included
            art = await store.articles.get(7, 1)
            new_id, _ = await store.statements.add(7, art.id, None, NewStatement("direct", "New one", 0, 3), "1", "t")
        assert await store.statements.number_of(7, new_id) == 10
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()


async def test_a_kind_outside_the_three_is_refused(tmp_path: Path) -> None:
    store = await Storage.open(tmp_path / "q.db")
    try:
        await store.conn.execute("INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, "
                                 "extractor_version, created_at) VALUES (1, 1, 1, 't', 'h', 1, '1', 't')")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            await store.conn.execute(
                "INSERT INTO statements (guild_id, number, article_id, type, kind, quote, quote_key, start, "
                "\"end\", extractor_version, created_at) VALUES (1, 1, 1, 'direct', 'opinion', 'q', 'k', 0, 1, "
                "'1', 't')")
    finally:
        await store.close()


async def test_upgrade_to_date_precision_keeps_rows_and_stores_precision(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    assert await migrate(conn, target=4) == 4
    await conn.executescript("""
        INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, extractor_version, created_at)
            VALUES (1, 7, 1, 'text', 'h', 1, '1', 't');
        INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, kind, quote, quote_key, start,
                                "end", date, date_text, date_basis, extractor_version, created_at)
            VALUES (1, 7, 1, 1, NULL, 'direct', 'speech', 'Old one', 'k1', 0, 3, '2021-09-02', 'Thursday',
                    'explicit', '1', 't');
        INSERT INTO statement_sources VALUES (1, 1, 0, 3);
    """)
    await conn.close()

    store = await Storage.open(db)
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION >= 5
        old = await store.statements.get(7, 1)
        assert (old.quote, old.date, old.date_text, old.date_precision) == ("Old one", "2021-09-02", "Thursday", None)
        async with store.transaction():
            new_id, _ = await store.statements.add(7, 1, None, NewStatement(
                "direct", "In June", 0, 3, date="2016-06-01", date_text="in June 2016", date_basis="explicit",
                date_precision="month"), "1", "t")
        number = await store.statements.number_of(7, new_id)
        assert (await store.statements.get(7, number)).date_precision == "month"
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            await store.conn.execute("UPDATE statements SET date_precision = 'hour' WHERE id = 1")
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()


async def test_upgrade_to_version_6_puts_the_guild_in_the_search_index(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    conn = await connect(db)
    assert await migrate(conn, target=5) == 5
    await conn.executescript("""
        INSERT INTO articles (id, guild_id, number, text, text_hash, added_by, extractor_version, created_at)
            VALUES (1, 7, 1, 'text', 'h', 1, '1', 't'), (2, -8, 1, 'text', 'h', 1, '1', 't');
        INSERT INTO statements (id, guild_id, number, article_id, speaker_id, type, quote, quote_key, start, "end",
                                extractor_version, created_at)
            VALUES (1, 7, 1, 1, NULL, 'direct', 'We are evacuating everyone', 'k', 0, 5, '1', 't'),
                   (2, -8, 1, 2, NULL, 'direct', 'The evacuation goes on', 'k', 0, 5, '1', 't');
        INSERT INTO statement_sources VALUES (1, 1, 0, 5), (2, 2, 0, 5);
    """)
    await conn.close()

    store = await Storage.open(db)
    try:
        assert await schema_version(store.conn) == SCHEMA_VERSION >= 6
        rows = await store.conn.execute_fetchall("SELECT rowid, guild FROM statements_fts ORDER BY rowid")
        assert [tuple(r) for r in rows] == [(1, "g7"), (2, "gn8")]
        assert [s.id for s in (await store.statements.search(7, "evacuate", 1, 10)).items] == [1]
        assert [s.id for s in (await store.statements.search(-8, "evacuate", 1, 10)).items] == [2]
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()
