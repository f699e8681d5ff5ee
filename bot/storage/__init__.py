"""Storage: aiosqlite only. Connection, migrations (PRAGMA user_version), one repository per aggregate."""

from bot.storage.db import SCHEMA_VERSION, Storage, connect, migrate, schema_version
from bot.storage.records import (
    ArticleRecord,
    AuditRecord,
    NewArticle,
    Page,
    SourceRecord,
    SpeakerRecord,
    StatementRecord,
)

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRecord",
    "AuditRecord",
    "NewArticle",
    "Page",
    "SourceRecord",
    "SpeakerRecord",
    "StatementRecord",
    "Storage",
    "connect",
    "migrate",
    "schema_version",
]
