"""The SQLite backend's SQL: the numbered migrations and the repositories' queries (those PostgreSQL runs as
written too live in ``bot.storage.sql_common``, re-exported here).

Every query that reads or changes user data takes the guild id as a parameter, so no command can reach
another guild's rows. Short ids users type ("A3", "S12") are per-guild numbers, not row ids.
"""

from __future__ import annotations

from bot.storage.search import match_query
from bot.storage.sql_common import (  # the statements both engines share
    _ARTICLE_COLUMNS as _ARTICLE_COLUMNS,
    _LISTING_FILTERS as _LISTING_FILTERS,
    _STATEMENT_COLUMNS as _STATEMENT_COLUMNS,
    _STATEMENT_FROM as _STATEMENT_FROM,
    ARTICLE_BY_ID as ARTICLE_BY_ID,
    ARTICLE_BY_NUMBER as ARTICLE_BY_NUMBER,
    ARTICLE_COUNT as ARTICLE_COUNT,
    ARTICLE_DELETE as ARTICLE_DELETE,
    ARTICLE_IDS_ADDED_BY as ARTICLE_IDS_ADDED_BY,
    ARTICLE_NEXT_NUMBER as ARTICLE_NEXT_NUMBER,
    ARTICLE_SET_VERSION as ARTICLE_SET_VERSION,
    ARTICLE_TEXT as ARTICLE_TEXT,
    AUDIT_INSERT as AUDIT_INSERT,
    AUDIT_RECENT as AUDIT_RECENT,
    FORGOTTEN_KEYS as FORGOTTEN_KEYS,
    NEWEST_FIRST as NEWEST_FIRST,
    SOURCE_DELETE as SOURCE_DELETE,
    SOURCE_OTHER as SOURCE_OTHER,
    SOURCE_SET_OFFSETS as SOURCE_SET_OFFSETS,
    SPEAKER_ALIAS_DELETE as SPEAKER_ALIAS_DELETE,
    SPEAKER_ALIAS_UPSERT as SPEAKER_ALIAS_UPSERT,
    SPEAKER_ALIASES_MOVE as SPEAKER_ALIASES_MOVE,
    SPEAKER_ARTICLE_IDS as SPEAKER_ARTICLE_IDS,
    SPEAKER_ARTICLES as SPEAKER_ARTICLES,
    SPEAKER_DELETE as SPEAKER_DELETE,
    SPEAKER_KIND_COUNTS as SPEAKER_KIND_COUNTS,
    SPEAKER_NAMES as SPEAKER_NAMES,
    SPEAKER_RENAME as SPEAKER_RENAME,
    SPEAKER_ROLES as SPEAKER_ROLES,
    SPEAKER_SET_ROLE as SPEAKER_SET_ROLE,
    SPEAKERS_COUNT as SPEAKERS_COUNT,
    STATEMENT_BY_NUMBER as STATEMENT_BY_NUMBER,
    STATEMENT_DELETE as STATEMENT_DELETE,
    STATEMENT_INHERIT_FIXED as STATEMENT_INHERIT_FIXED,
    STATEMENT_MARK_FIXED as STATEMENT_MARK_FIXED,
    STATEMENT_NUMBER_OF as STATEMENT_NUMBER_OF,
    STATEMENT_QUOTE_KEY as STATEMENT_QUOTE_KEY,
    STATEMENT_REFRESH as STATEMENT_REFRESH,
    STATEMENT_SET_PRIMARY as STATEMENT_SET_PRIMARY,
    STATEMENT_SET_SPEAKER as STATEMENT_SET_SPEAKER,
    STATEMENT_SOURCES_OF as STATEMENT_SOURCES_OF,
    STATEMENTS_OF_ARTICLE as STATEMENTS_OF_ARTICLE,
    STATEMENTS_OF_SPEAKER_KEYS as STATEMENTS_OF_SPEAKER_KEYS,
    STATEMENTS_PRIMARY_IN_ARTICLE as STATEMENTS_PRIMARY_IN_ARTICLE,
    STATEMENTS_SOURCED_IN as STATEMENTS_SOURCED_IN,
    listing_query as listing_query,
    listing_where as listing_where,
    points_query as points_query,
)

# ------------------------------------------------------------------------------------------- migrations
# Migration N brings the schema from user_version N-1 to N. Never edit a released migration; append one.

MIGRATION_1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    url TEXT,
    filename TEXT,
    title TEXT,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    article_date TEXT,
    date_source TEXT,
    added_by INTEGER NOT NULL,
    channel_id INTEGER,
    message_url TEXT,
    extractor_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, number),
    UNIQUE (guild_id, text_hash)
);
CREATE UNIQUE INDEX articles_guild_url ON articles (guild_id, url) WHERE url IS NOT NULL;

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    last_key TEXT NOT NULL,
    role TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, name_key)
);
CREATE INDEX speakers_last ON speakers (guild_id, last_key);

CREATE TABLE speaker_aliases (
    guild_id INTEGER NOT NULL,
    alias_key TEXT NOT NULL,
    alias TEXT NOT NULL,
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, alias_key)
);
CREATE INDEX speaker_aliases_speaker ON speaker_aliases (speaker_id);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    quote TEXT NOT NULL,
    quote_key TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_mention TEXT,
    speaker_role TEXT,
    cue TEXT,
    date TEXT,
    date_text TEXT,
    date_basis TEXT,
    extractor_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, number)
);
CREATE INDEX statements_speaker ON statements (guild_id, speaker_id, number);
CREATE INDEX statements_quote_key ON statements (guild_id, quote_key);
CREATE INDEX statements_article ON statements (article_id);
CREATE INDEX statements_date ON statements (guild_id, date);

CREATE TABLE statement_sources (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (statement_id, article_id)
);
CREATE INDEX statement_sources_article ON statement_sources (article_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_guild ON audit_log (guild_id, id);
"""

# Full-text search over quote text and speaker names, kept in sync by triggers (so no code path can forget).
# A regular (not contentless) FTS5 table: the speaker name lives in another table, so external content
# would need a view; the copy costs disk, not correctness.
MIGRATION_2 = """
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    quote, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts (rowid, quote, speaker)
    SELECT s.id, s.quote, coalesce(p.name, '') FROM statements s LEFT JOIN speakers p ON p.id = s.speaker_id;

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, quote, speaker)
        VALUES (new.id, new.quote, coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), ''));
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = old.id;
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF quote, speaker_id ON statements BEGIN
    UPDATE statements_fts
        SET quote = new.quote,
            speaker = coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), '')
        WHERE rowid = new.id;
END;
CREATE TRIGGER speakers_fts_rename AFTER UPDATE OF name ON speakers BEGIN
    UPDATE statements_fts SET speaker = new.name
        WHERE rowid IN (SELECT id FROM statements WHERE speaker_id = new.id);
END;
"""

# Listings at a million statements: per-speaker counts kept by triggers (no GROUP BY over every statement),
# and timeline indexes in timeline order (dated first, by date, then by short id) so a page is a range scan.
MIGRATION_3 = """
ALTER TABLE speakers ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0;
UPDATE speakers SET statement_count = (
    SELECT count(*) FROM statements s WHERE s.guild_id = speakers.guild_id AND s.speaker_id = speakers.id);
CREATE INDEX speakers_popular ON speakers (guild_id, statement_count DESC, name COLLATE NOCASE);

CREATE TRIGGER speakers_count_insert AFTER INSERT ON statements WHEN new.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER speakers_count_delete AFTER DELETE ON statements WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
END;
CREATE TRIGGER speakers_count_update AFTER UPDATE OF speaker_id ON statements
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE speakers SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
    UPDATE speakers SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;

DROP INDEX statements_date;
CREATE INDEX statements_timeline ON statements (guild_id, date IS NULL, date, number);
CREATE INDEX statements_speaker_timeline ON statements (guild_id, speaker_id, date IS NULL, date, number);
"""

# Kinds and re-extraction. Every statement gets a kind (existing rows were all read as speech); a statement whose
# speaker a human fixed is marked, so re-extraction keeps that speaker; a forgotten statement leaves a tombstone
# per article that reported it, so re-extraction does not bring it back. Corrections made before this version
# are read back from the audit log: fixes by short id (a statement created after the fix is not the one that
# was fixed), forgets by the quote's key (the article is not logged, so such a tombstone holds in every
# article). ``quote_key`` is the Python function registered on every connection (bot.storage.db.connect).
MIGRATION_4 = """
ALTER TABLE statements ADD COLUMN kind TEXT NOT NULL DEFAULT 'speech'
    CHECK (kind IN ('speech', 'thought', 'evidence'));
ALTER TABLE statements ADD COLUMN speaker_fixed INTEGER NOT NULL DEFAULT 0;
UPDATE statements SET speaker_fixed = 1 WHERE id IN (
    SELECT s.id FROM audit_log l
    JOIN statements s ON s.guild_id = l.guild_id AND s.number = CAST(substr(l.target, 2) AS INTEGER)
    WHERE l.action = 'fix speaker' AND l.target GLOB 'S[0-9]*' AND l.created_at >= s.created_at);

CREATE TABLE forgotten_statements (
    guild_id INTEGER NOT NULL,
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    quote_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX forgotten_statements_key ON forgotten_statements (guild_id, quote_key);
CREATE INDEX forgotten_statements_article ON forgotten_statements (article_id);
INSERT INTO forgotten_statements (guild_id, article_id, quote_key, created_at)
    SELECT guild_id, NULL, quote_key(json_extract(detail, '$.quote')), created_at FROM audit_log
    WHERE action = 'forget' AND target LIKE 'S%' AND json_extract(detail, '$.quote') IS NOT NULL;

-- Listings of one kind page through these in order, and count each kind with one range.
CREATE INDEX statements_kind ON statements (guild_id, kind, number);
CREATE INDEX statements_speaker_kind ON statements (guild_id, speaker_id, kind, number);
CREATE INDEX statements_kind_timeline ON statements (guild_id, kind, date IS NULL, date, number);
CREATE INDEX statements_speaker_kind_timeline ON statements (guild_id, speaker_id, kind, date IS NULL, date, number);

-- Short ids are never handed out twice: re-extraction deletes statements, and a number a user noted must not
-- come back naming another one. The counter starts past every number used, in statements or in the log.
CREATE TABLE statement_numbers (
    guild_id INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);
INSERT INTO statement_numbers (guild_id, last_number)
    SELECT guild_id, max(n) FROM (
        SELECT guild_id, number AS n FROM statements
        UNION ALL
        SELECT guild_id, CAST(substr(target, 2) AS INTEGER) FROM audit_log
        WHERE target GLOB 'S[0-9]*'
    ) GROUP BY guild_id;
"""

# Date precision: a month-, year- or decade-only date ("2016-06", "2003", "1990s") is kept at that precision
# (day, week, month, year, decade). Rows stored before this version have none; readers take the date as it is.
MIGRATION_5 = """
ALTER TABLE statements ADD COLUMN date_precision TEXT
    CHECK (date_precision IS NULL OR date_precision IN ('day', 'week', 'month', 'year', 'decade'));
"""

# A server's search costs what its own data costs: the guild is a column of the full-text index (a token per
# guild, "g123"), so a search's MATCH intersects the guild's token with the words inside the index instead of
# reading every guild's matches and dropping the others' rows one by one.
MIGRATION_6 = """
DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TRIGGER statements_fts_update;
DROP TRIGGER speakers_fts_rename;
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    guild, quote, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts (rowid, guild, quote, speaker)
    SELECT s.id, 'g' || replace(s.guild_id, '-', 'n'), s.quote, coalesce(p.name, '')
    FROM statements s LEFT JOIN speakers p ON p.id = s.speaker_id;

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, guild, quote, speaker)
        VALUES (new.id, 'g' || replace(new.guild_id, '-', 'n'), new.quote,
                coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), ''));
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = old.id;
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF quote, speaker_id ON statements BEGIN
    UPDATE statements_fts
        SET quote = new.quote,
            speaker = coalesce((SELECT name FROM speakers WHERE id = new.speaker_id), '')
        WHERE rowid = new.id;
END;
CREATE TRIGGER speakers_fts_rename AFTER UPDATE OF name ON speakers BEGIN
    UPDATE statements_fts SET speaker = new.name
        WHERE rowid IN (SELECT id FROM statements WHERE speaker_id = new.id);
END;
"""

MIGRATIONS: tuple[str, ...] = (MIGRATION_1, MIGRATION_2, MIGRATION_3, MIGRATION_4, MIGRATION_5, MIGRATION_6)

HAS_STATISTICS = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"

PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
)

# --------------------------------------------------------------------------------------------- articles


ARTICLE_INSERT = """
INSERT INTO articles (guild_id, number, url, filename, title, text, text_hash, article_date, date_source,
                      added_by, channel_id, message_url, extractor_version, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
ARTICLE_DUPLICATE = f"""
SELECT {_ARTICLE_COLUMNS} FROM articles a
WHERE a.guild_id = ? AND (a.text_hash = ? OR (? IS NOT NULL AND a.url = ?))
ORDER BY a.number LIMIT 1
"""

# --------------------------------------------------------------------------------------------- speakers

_SPEAKER_COLUMNS = """
    p.id, p.guild_id, p.name, p.role, p.created_at,
    (SELECT group_concat(alias, '\x1f') FROM speaker_aliases x WHERE x.speaker_id = p.id) AS aliases
"""

SPEAKER_BY_ID = f"SELECT {_SPEAKER_COLUMNS} FROM speakers p WHERE p.guild_id = ? AND p.id = ?"
SPEAKER_BY_KEY = f"""
SELECT {_SPEAKER_COLUMNS} FROM speakers p
WHERE p.guild_id = ? AND (p.name_key = ?
      OR p.id = (SELECT speaker_id FROM speaker_aliases WHERE guild_id = ? AND alias_key = ?))
LIMIT 1
"""
SPEAKERS_BY_LAST = f"""
SELECT {_SPEAKER_COLUMNS} FROM speakers p WHERE p.guild_id = ? AND p.last_key = ? ORDER BY p.id
"""
SPEAKER_INSERT = """
INSERT INTO speakers (guild_id, name, name_key, last_key, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
"""
SPEAKERS_LIST = f"""
SELECT {_SPEAKER_COLUMNS}, p.statement_count
FROM speakers p WHERE p.guild_id = ? AND p.statement_count > 0
ORDER BY p.statement_count DESC, p.name COLLATE NOCASE
LIMIT ? OFFSET ?
"""

# ------------------------------------------------------------------------------------------- statements


# The guild's next short id: one past the last handed out (a new guild starts after any rows it has).
STATEMENT_NEXT_NUMBER = """
INSERT INTO statement_numbers (guild_id, last_number)
    VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM statements WHERE guild_id = ?))
ON CONFLICT (guild_id) DO UPDATE SET last_number = last_number + 1
RETURNING last_number
"""
# The same statement from another article (wire copy). A quote repeated within one article is a second
# occurrence, not a second source, so statements this article already reports are not candidates.
STATEMENT_FIND_SAME = """
SELECT id FROM statements s WHERE guild_id = ? AND quote_key = ? AND speaker_id IS ?
  AND NOT EXISTS (SELECT 1 FROM statement_sources x WHERE x.statement_id = s.id AND x.article_id = ?)
LIMIT 1
"""
STATEMENT_INSERT = """
INSERT INTO statements (guild_id, number, article_id, speaker_id, type, kind, quote, quote_key, start, "end",
                        speaker_mention, speaker_role, cue, date, date_text, date_basis, date_precision,
                        extractor_version, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
SOURCE_INSERT = """
INSERT OR IGNORE INTO statement_sources (statement_id, article_id, start, "end") VALUES (?, ?, ?, ?)
"""
# The sources of many statements at once ({marks} is a list of "?" placeholders, never user text).
# Search: newest first among the matches. The FTS table drives the loop (CROSS JOIN fixes the order) and
# yields rowids in descending order, so SQLite stops at the page instead of ranking every match by bm25.


def guild_token(guild_id: int) -> str:
    """Return the guild's token in the full-text index (as MIGRATION_6 and its triggers write it)."""
    return f"g{guild_id}".replace("-", "n")


def search_match(guild_id: int, words: str) -> str | None:
    """Return the MATCH expression of a guild's search: its token, and the words in the text columns only."""
    match = match_query(words)
    if match is None:
        return None
    return f'guild : "{guild_token(guild_id)}" AND {{quote speaker}} : ({match})'


STATEMENTS_SEARCH = f"""
SELECT {_STATEMENT_COLUMNS}
FROM statements_fts f
CROSS JOIN statements s ON s.id = f.rowid
JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers p ON p.id = s.speaker_id
WHERE statements_fts MATCH :match AND s.guild_id = :guild AND (:kind IS NULL OR s.kind = :kind)
ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset
"""
STATEMENTS_SEARCH_COUNT = """
SELECT count(*) FROM (
    SELECT 1 FROM statements_fts f CROSS JOIN statements s ON s.id = f.rowid
    WHERE statements_fts MATCH :match AND s.guild_id = :guild LIMIT :cap
)
"""
# The matches per kind, in one pass over the first :cap matches (a lower bound past it).
STATEMENTS_SEARCH_KIND_COUNTS = """
SELECT kind, count(*) FROM (
    SELECT s.kind AS kind FROM statements_fts f CROSS JOIN statements s ON s.id = f.rowid
    WHERE statements_fts MATCH :match AND s.guild_id = :guild LIMIT :cap
) GROUP BY kind
"""
# Listings (newest first) and the timeline (oldest first, undated last, ties by short id); filters are optional.
# The WHERE clause is built from sql_common's fixed fragments only (never from user text), so each filter
# combination gets an index range; kinds come from the fixed list of kinds, never from a user.
TIMELINE_ORDER = "s.date IS NULL, s.date, s.number"


def listing_count_query(filters: set[str]) -> str:
    """Return the (capped) count query of a listing with the named filters."""
    return f"SELECT count(*) FROM (SELECT 1 FROM statements s WHERE {listing_where(filters)} LIMIT :cap)"


def kind_counts_query(filters: set[str], kinds: tuple[str, ...]) -> str:
    """Return one query counting, per kind, the statements of a listing (each count capped): a range of an
    index that starts with the kind for each, instead of a pass over every row."""
    where = listing_where(filters - {"kind"})
    return "\nUNION ALL\n".join(
        f"SELECT '{kind}', (SELECT count(*) FROM (SELECT 1 FROM statements s WHERE {where} "
        f"AND s.kind = '{kind}' LIMIT :cap))" for kind in kinds)


STATEMENTS_EXPORT = f"""
SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM}
WHERE s.guild_id = :guild AND (:speaker IS NULL OR s.speaker_id = :speaker) AND (:kind IS NULL OR s.kind = :kind)
ORDER BY s.number
"""
# Folding a statement into its twin keeps a human's fix on either of them.
SOURCES_MOVE = """
INSERT OR IGNORE INTO statement_sources (statement_id, article_id, start, "end")
SELECT ?, article_id, start, "end" FROM statement_sources WHERE statement_id = ?
"""
# Statements whose primary article is going away: the other sources that could replace it.

# ----------------------------------------------------------------------------------------- re-extraction

# A tombstone per article that reported the statement, written before the statement is deleted.
FORGOTTEN_INSERT = """
INSERT INTO forgotten_statements (guild_id, article_id, quote_key, created_at)
SELECT s.guild_id, ss.article_id, s.quote_key, ? FROM statements s
JOIN statement_sources ss ON ss.statement_id = s.id
WHERE s.guild_id = ? AND s.id = ?
"""
ARTICLES_STALE = """
SELECT guild_id, id FROM articles WHERE (? IS NULL OR guild_id = ?) AND extractor_version != ?
ORDER BY guild_id, number
"""

# ---------------------------------------------------------------------------------------------- copy-db

# Run on the target after rows were copied in with their ids (SQLite's next id follows max(id) already).
AFTER_COPY: tuple[str, ...] = ()
