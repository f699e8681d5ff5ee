"""The SQL statements both engines run as written: ``bot.storage.sql`` (SQLite) and ``bot.storage.sql_pg``
(PostgreSQL) re-export them, and each keeps only the statements where the engines differ.

Placeholders are SQLite's (``?`` in order, ``:name`` by name); ``bot.storage.postgres`` numbers them for PostgreSQL.
"""

from __future__ import annotations

_ARTICLE_COLUMNS = """
    a.id, a.guild_id, a.number, a.url, a.filename, a.title, a.text_hash, a.article_date, a.date_source,
    a.added_by, a.channel_id, a.message_url, a.extractor_version, a.created_at,
    (SELECT count(*) FROM statement_sources ss WHERE ss.article_id = a.id) AS statement_count
"""
ARTICLE_NEXT_NUMBER = "SELECT coalesce(max(number), 0) + 1 FROM articles WHERE guild_id = ?"
ARTICLE_BY_NUMBER = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.number = ?"
ARTICLE_BY_ID = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.id = ?"
ARTICLE_TEXT = "SELECT text FROM articles WHERE guild_id = ? AND id = ?"
ARTICLE_COUNT = "SELECT count(*) FROM articles WHERE guild_id = ?"
ARTICLE_DELETE = "DELETE FROM articles WHERE guild_id = ? AND id = ?"
ARTICLE_IDS_ADDED_BY = "SELECT id FROM articles WHERE guild_id = ? AND added_by = ?"
SPEAKER_RENAME = "UPDATE speakers SET name = ?, name_key = ?, last_key = ? WHERE guild_id = ? AND id = ?"
SPEAKER_SET_ROLE = "UPDATE speakers SET role = ? WHERE guild_id = ? AND id = ? AND role IS NULL"
SPEAKER_DELETE = "DELETE FROM speakers WHERE guild_id = ? AND id = ?"
SPEAKER_ALIAS_UPSERT = """
INSERT INTO speaker_aliases (guild_id, alias_key, alias, speaker_id) VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, alias_key) DO UPDATE SET alias = excluded.alias, speaker_id = excluded.speaker_id
"""
SPEAKER_ALIAS_DELETE = "DELETE FROM speaker_aliases WHERE guild_id = ? AND alias_key = ?"
SPEAKER_ALIASES_MOVE = "UPDATE speaker_aliases SET speaker_id = ? WHERE guild_id = ? AND speaker_id = ?"
SPEAKERS_COUNT = "SELECT count(*) FROM speakers p WHERE p.guild_id = ? AND p.statement_count > 0"
SPEAKER_NAMES = """
SELECT name FROM speakers WHERE guild_id = ? UNION SELECT alias FROM speaker_aliases WHERE guild_id = ?
"""
_STATEMENT_COLUMNS = """
    s.id, s.guild_id, s.number, s.type, s.kind, s.speaker_fixed, s.quote, s.speaker_id, p.name AS speaker,
    s.speaker_mention,
    s.speaker_role, s.cue, s.start, s."end", s.date, s.date_text, s.date_basis, s.date_precision,
    s.extractor_version, s.created_at, a.id AS article_id, a.number AS article_number, a.url AS article_url,
    a.title AS article_title, a.message_url AS message_url, a.added_by AS added_by
"""
_STATEMENT_FROM = """
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers p ON p.id = s.speaker_id
"""
STATEMENT_BY_NUMBER = f"SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM} WHERE s.guild_id = ? AND s.number = ?"
STATEMENT_SOURCES_OF = """
SELECT ss.statement_id, a.id, a.number, a.url, a.title, a.message_url, a.added_by, ss.start, ss."end"
FROM statement_sources ss JOIN articles a ON a.id = ss.article_id
WHERE ss.statement_id IN ({marks}) ORDER BY ss.statement_id, a.number
"""
STATEMENTS_OF_ARTICLE = f"""
SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM}
JOIN statement_sources ss ON ss.statement_id = s.id AND ss.article_id = ?
WHERE s.guild_id = ? ORDER BY ss.start
"""
NEWEST_FIRST = "s.number DESC"
STATEMENT_QUOTE_KEY = "SELECT quote_key FROM statements WHERE guild_id = ? AND id = ?"
STATEMENT_SET_SPEAKER = "UPDATE statements SET speaker_id = ? WHERE guild_id = ? AND id = ?"
STATEMENT_MARK_FIXED = "UPDATE statements SET speaker_fixed = 1 WHERE guild_id = ? AND id = ?"
STATEMENT_INHERIT_FIXED = """
UPDATE statements SET speaker_fixed = 1
WHERE id = ? AND EXISTS (SELECT 1 FROM statements WHERE id = ? AND speaker_fixed = 1)
"""
STATEMENT_DELETE = "DELETE FROM statements WHERE guild_id = ? AND id = ?"
STATEMENTS_OF_SPEAKER_KEYS = "SELECT id, quote_key FROM statements WHERE guild_id = ? AND speaker_id = ?"
STATEMENTS_PRIMARY_IN_ARTICLE = "SELECT id FROM statements WHERE guild_id = ? AND article_id = ?"
SOURCE_OTHER = """
SELECT article_id, start, "end" FROM statement_sources WHERE statement_id = ? AND article_id != ?
ORDER BY article_id LIMIT 1
"""
STATEMENT_SET_PRIMARY = 'UPDATE statements SET article_id = ?, start = ?, "end" = ? WHERE id = ?'
FORGOTTEN_KEYS = """
SELECT DISTINCT quote_key FROM forgotten_statements
WHERE guild_id = ? AND (article_id = ? OR article_id IS NULL)
"""
ARTICLE_SET_VERSION = "UPDATE articles SET extractor_version = ? WHERE guild_id = ? AND id = ?"
STATEMENTS_SOURCED_IN = """
SELECT s.id, s.number, s.quote_key, s.speaker_id, s.speaker_fixed, ss.start, ss."end",
       s.article_id = ss.article_id AS is_primary,
       (SELECT count(*) FROM statement_sources x WHERE x.statement_id = s.id) AS source_count
FROM statement_sources ss JOIN statements s ON s.id = ss.statement_id
WHERE s.guild_id = ? AND ss.article_id = ?
ORDER BY ss.start, s.number
"""
STATEMENT_REFRESH = """
UPDATE statements SET type = ?, kind = ?, quote = ?, quote_key = ?, speaker_mention = ?, speaker_role = ?,
                      cue = ?, date = ?, date_text = ?, date_basis = ?, date_precision = ?, start = ?, "end" = ?,
                      extractor_version = ?
WHERE guild_id = ? AND id = ?
"""
SOURCE_SET_OFFSETS = 'UPDATE statement_sources SET start = ?, "end" = ? WHERE statement_id = ? AND article_id = ?'
SOURCE_DELETE = "DELETE FROM statement_sources WHERE statement_id = ? AND article_id = ?"
AUDIT_INSERT = """
INSERT INTO audit_log (guild_id, user_id, action, target, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)
"""
AUDIT_RECENT = """
SELECT id, guild_id, user_id, action, target, detail, created_at FROM audit_log
WHERE guild_id = ? ORDER BY id DESC LIMIT ?
"""
STATEMENT_NUMBER_OF = "SELECT number FROM statements WHERE guild_id = ? AND id = ?"
SPEAKER_ARTICLE_IDS = """
SELECT DISTINCT ss.article_id FROM statements s JOIN statement_sources ss ON ss.statement_id = s.id
WHERE s.guild_id = ? AND s.speaker_id = ?
"""
SPEAKER_KIND_COUNTS = """
SELECT kind, count(*) FROM statements WHERE guild_id = ? AND speaker_id = ? GROUP BY kind
"""
SPEAKER_ROLES = """
SELECT speaker_role, count(*) AS n FROM statements
WHERE guild_id = ? AND speaker_id = ? AND speaker_role IS NOT NULL AND speaker_role != ''
GROUP BY speaker_role ORDER BY n DESC, speaker_role LIMIT ?
"""
SPEAKER_ARTICLES = """
SELECT a.number, a.title, a.url, a.filename, a.message_url, a.article_date, count(*) AS n
FROM statements s
JOIN statement_sources ss ON ss.statement_id = s.id
JOIN articles a ON a.id = ss.article_id
WHERE s.guild_id = ? AND s.speaker_id = ?
GROUP BY a.id, a.number, a.title, a.url, a.filename, a.message_url, a.article_date
ORDER BY a.article_date IS NULL, a.article_date DESC, a.number DESC
LIMIT ?
"""

# Listings: the WHERE clause is built from these fixed fragments only (never from user text); each engine adds
# its TIMELINE_ORDER and its count queries.
_LISTING_FILTERS: dict[str, str] = {
    "speaker": "s.speaker_id = :speaker",
    "article": "EXISTS (SELECT 1 FROM statement_sources x WHERE x.statement_id = s.id AND x.article_id = :article)",
    "date_from": "s.date >= :date_from",
    "date_to": "s.date <= :date_to",
    "kind": "s.kind = :kind",
}


def listing_where(filters: set[str]) -> str:
    """Return the WHERE clause of a listing with the named filters (keys of ``_LISTING_FILTERS``)."""
    parts = ["s.guild_id = :guild"] + [_LISTING_FILTERS[name] for name in _LISTING_FILTERS if name in filters]
    return " AND ".join(parts)


def points_query(filters: set[str], order: str) -> str:
    """Return the query of a chart's statements in ``order`` (TIMELINE_ORDER): few columns, at most :limit rows."""
    return f"""
SELECT s.number, s.kind, s.date, s.date_basis, s.date_precision, p.name AS speaker
FROM statements s LEFT JOIN speakers p ON p.id = s.speaker_id
WHERE {listing_where(filters)}
ORDER BY {order}
LIMIT :limit
"""


def listing_query(filters: set[str], order: str) -> str:
    """Return the page query of a listing with the named filters, in ``order`` (NEWEST_FIRST, TIMELINE_ORDER)."""
    return f"""
SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM}
WHERE {listing_where(filters)}
ORDER BY {order}
LIMIT :limit OFFSET :offset
"""
