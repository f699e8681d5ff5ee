"""Every SQL statement of the bot, in one place: the numbered migrations and the repositories' queries.

Every query that reads or changes user data takes the guild id as a parameter, so no command can reach
another guild's rows. Short ids users type ("A3", "S12") are per-guild numbers, not row ids.
"""

from __future__ import annotations

from bot.storage.search import match_query

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

_ARTICLE_COLUMNS = """
    a.id, a.guild_id, a.number, a.url, a.filename, a.title, a.text_hash, a.article_date, a.date_source,
    a.added_by, a.channel_id, a.message_url, a.extractor_version, a.created_at,
    (SELECT count(*) FROM statement_sources ss WHERE ss.article_id = a.id) AS statement_count
"""

ARTICLE_NEXT_NUMBER = "SELECT coalesce(max(number), 0) + 1 FROM articles WHERE guild_id = ?"
ARTICLE_INSERT = """
INSERT INTO articles (guild_id, number, url, filename, title, text, text_hash, article_date, date_source,
                      added_by, channel_id, message_url, extractor_version, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
ARTICLE_BY_NUMBER = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.number = ?"
ARTICLE_BY_ID = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.id = ?"
ARTICLE_DUPLICATE = f"""
SELECT {_ARTICLE_COLUMNS} FROM articles a
WHERE a.guild_id = ? AND (a.text_hash = ? OR (? IS NOT NULL AND a.url = ?))
ORDER BY a.number LIMIT 1
"""
ARTICLE_TEXT = "SELECT text FROM articles WHERE guild_id = ? AND id = ?"
ARTICLE_COUNT = "SELECT count(*) FROM articles WHERE guild_id = ?"
ARTICLE_DELETE = "DELETE FROM articles WHERE guild_id = ? AND id = ?"
ARTICLE_IDS_ADDED_BY = "SELECT id FROM articles WHERE guild_id = ? AND added_by = ?"

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
SPEAKER_RENAME = "UPDATE speakers SET name = ?, name_key = ?, last_key = ? WHERE guild_id = ? AND id = ?"
SPEAKER_SET_ROLE = "UPDATE speakers SET role = ? WHERE guild_id = ? AND id = ? AND role IS NULL"
SPEAKER_DELETE = "DELETE FROM speakers WHERE guild_id = ? AND id = ?"
SPEAKER_ALIAS_UPSERT = """
INSERT INTO speaker_aliases (guild_id, alias_key, alias, speaker_id) VALUES (?, ?, ?, ?)
ON CONFLICT (guild_id, alias_key) DO UPDATE SET alias = excluded.alias, speaker_id = excluded.speaker_id
"""
SPEAKER_ALIAS_DELETE = "DELETE FROM speaker_aliases WHERE guild_id = ? AND alias_key = ?"
SPEAKER_ALIASES_MOVE = "UPDATE speaker_aliases SET speaker_id = ? WHERE guild_id = ? AND speaker_id = ?"
SPEAKERS_LIST = f"""
SELECT {_SPEAKER_COLUMNS}, p.statement_count
FROM speakers p WHERE p.guild_id = ? AND p.statement_count > 0
ORDER BY p.statement_count DESC, p.name COLLATE NOCASE
LIMIT ? OFFSET ?
"""
SPEAKERS_COUNT = "SELECT count(*) FROM speakers p WHERE p.guild_id = ? AND p.statement_count > 0"
SPEAKER_NAMES = """
SELECT name FROM speakers WHERE guild_id = ? UNION SELECT alias FROM speaker_aliases WHERE guild_id = ?
"""

# ------------------------------------------------------------------------------------------- statements

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
STATEMENT_BY_NUMBER = f"SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM} WHERE s.guild_id = ? AND s.number = ?"
# The sources of many statements at once ({marks} is a list of "?" placeholders, never user text).
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
# The WHERE clause is built from these fixed fragments only (never from user text), so each filter combination
# gets an index range; kinds come from the fixed list of kinds, never from a user.
_LISTING_FILTERS: dict[str, str] = {
    "speaker": "s.speaker_id = :speaker",
    "article": "EXISTS (SELECT 1 FROM statement_sources x WHERE x.statement_id = s.id AND x.article_id = :article)",
    "date_from": "s.date >= :date_from",
    "date_to": "s.date <= :date_to",
    "kind": "s.kind = :kind",
}
NEWEST_FIRST = "s.number DESC"
TIMELINE_ORDER = "s.date IS NULL, s.date, s.number"


def listing_where(filters: set[str]) -> str:
    """Return the WHERE clause of a listing with the named filters (keys of ``_LISTING_FILTERS``)."""
    parts = ["s.guild_id = :guild"] + [_LISTING_FILTERS[name] for name in _LISTING_FILTERS if name in filters]
    return " AND ".join(parts)


def listing_query(filters: set[str], order: str) -> str:
    """Return the page query of a listing with the named filters, in ``order`` (NEWEST_FIRST, TIMELINE_ORDER)."""
    return f"""
SELECT {_STATEMENT_COLUMNS} {_STATEMENT_FROM}
WHERE {listing_where(filters)}
ORDER BY {order}
LIMIT :limit OFFSET :offset
"""


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
STATEMENT_QUOTE_KEY = "SELECT quote_key FROM statements WHERE guild_id = ? AND id = ?"
STATEMENT_SET_SPEAKER = "UPDATE statements SET speaker_id = ? WHERE guild_id = ? AND id = ?"
STATEMENT_MARK_FIXED = "UPDATE statements SET speaker_fixed = 1 WHERE guild_id = ? AND id = ?"
# Folding a statement into its twin keeps a human's fix on either of them.
STATEMENT_INHERIT_FIXED = """
UPDATE statements SET speaker_fixed = 1
WHERE id = ? AND EXISTS (SELECT 1 FROM statements WHERE id = ? AND speaker_fixed = 1)
"""
STATEMENT_DELETE = "DELETE FROM statements WHERE guild_id = ? AND id = ?"
STATEMENTS_OF_SPEAKER_KEYS = "SELECT id, quote_key FROM statements WHERE guild_id = ? AND speaker_id = ?"
SOURCES_MOVE = """
INSERT OR IGNORE INTO statement_sources (statement_id, article_id, start, "end")
SELECT ?, article_id, start, "end" FROM statement_sources WHERE statement_id = ?
"""
# Statements whose primary article is going away: the other sources that could replace it.
STATEMENTS_PRIMARY_IN_ARTICLE = "SELECT id FROM statements WHERE guild_id = ? AND article_id = ?"
SOURCE_OTHER = """
SELECT article_id, start, "end" FROM statement_sources WHERE statement_id = ? AND article_id != ?
ORDER BY article_id LIMIT 1
"""
STATEMENT_SET_PRIMARY = 'UPDATE statements SET article_id = ?, start = ?, "end" = ? WHERE id = ?'

# ----------------------------------------------------------------------------------------- re-extraction

# A tombstone per article that reported the statement, written before the statement is deleted.
FORGOTTEN_INSERT = """
INSERT INTO forgotten_statements (guild_id, article_id, quote_key, created_at)
SELECT s.guild_id, ss.article_id, s.quote_key, ? FROM statements s
JOIN statement_sources ss ON ss.statement_id = s.id
WHERE s.guild_id = ? AND s.id = ?
"""
FORGOTTEN_KEYS = """
SELECT DISTINCT quote_key FROM forgotten_statements
WHERE guild_id = ? AND (article_id = ? OR article_id IS NULL)
"""
ARTICLES_STALE = """
SELECT guild_id, id FROM articles WHERE (? IS NULL OR guild_id = ?) AND extractor_version != ?
ORDER BY guild_id, number
"""
ARTICLE_SET_VERSION = "UPDATE articles SET extractor_version = ? WHERE guild_id = ? AND id = ?"
# The statements an article reports, with their offsets in that article.
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

# -------------------------------------------------------------------------------------------- audit log

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

# ------------------------------------------------------------------------------ charts and speaker profiles
# Plain SQL (no SQLite-only functions): the filters are the listings' fragments, the order the timeline's.

def points_query(filters: set[str]) -> str:
    """Return the query of a chart's statements (few columns, timeline order, at most :limit rows)."""
    return f"""
SELECT s.number, s.kind, s.date, s.date_basis, s.date_precision, p.name AS speaker
FROM statements s LEFT JOIN speakers p ON p.id = s.speaker_id
WHERE {listing_where(filters)}
ORDER BY {TIMELINE_ORDER}
LIMIT :limit
"""


SPEAKER_KIND_COUNTS = """
SELECT kind, count(*) FROM statements WHERE guild_id = ? AND speaker_id = ? GROUP BY kind
"""
# The roles the articles gave a speaker ("Pentagon spokesman"), most often given first.
SPEAKER_ROLES = """
SELECT speaker_role, count(*) AS n FROM statements
WHERE guild_id = ? AND speaker_id = ? AND speaker_role IS NOT NULL AND speaker_role != ''
GROUP BY speaker_role ORDER BY n DESC, speaker_role LIMIT ?
"""
# The articles that report a speaker's statements, newest article date first (undated last).
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
# ---------------------------------------------------------------------------------------------- copy-db

# Run on the target after rows were copied in with their ids (SQLite's next id follows max(id) already).
AFTER_COPY: tuple[str, ...] = ()
