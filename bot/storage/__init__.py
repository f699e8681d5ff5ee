"""Storage: aiosqlite only. Connection, migrations (PRAGMA user_version), one repository per aggregate."""

from bot.storage.db import SCHEMA_VERSION, Storage, connect, migrate, schema_version
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
    "SourceRecord",
    "SpeakerRecord",
    "StatementKind",
    "StatementRecord",
    "Storage",
    "connect",
    "migrate",
    "schema_version",
]
