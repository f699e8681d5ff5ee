"""Storage: SQLite (aiosqlite) or PostgreSQL (asyncpg) behind one interface; migrations, one repository per
aggregate."""

from bot.storage.base import Storage
from bot.storage.database import is_postgres_url
from bot.storage.db import SCHEMA_VERSION, SqliteStorage, connect, migrate, schema_version
from bot.storage.postgres import PostgresStorage
from bot.storage.records import (
    STATEMENT_KINDS,
    ArticleRecord,
    AuditRecord,
    LeftOut,
    NewArticle,
    NewStatement,
    Page,
    SourceRecord,
    SpeakerRecord,
    StatementKind,
    StatementRecord,
)

__all__ = [
    "SCHEMA_VERSION",
    "STATEMENT_KINDS",
    "ArticleRecord",
    "AuditRecord",
    "LeftOut",
    "NewArticle",
    "NewStatement",
    "Page",
    "PostgresStorage",
    "SourceRecord",
    "SpeakerRecord",
    "SqliteStorage",
    "StatementKind",
    "StatementRecord",
    "Storage",
    "connect",
    "is_postgres_url",
    "migrate",
    "schema_version",
]
