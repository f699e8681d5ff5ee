"""The audit log repository: every correction (fix, alias, forget) with who made it and what changed."""

from __future__ import annotations

import json
from typing import Any

from bot.storage.database import Database
from bot.storage.records import AuditRecord


class AuditRepository:
    """Append-only log of corrections, per guild."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sql = db.sql

    async def record(self, guild_id: int, user_id: int, action: str, target: str, detail: dict[str, Any],
                     created_at: str) -> None:
        """Append one entry; call inside the transaction that makes the change."""
        await self._db.execute(self._sql.AUDIT_INSERT, (
            guild_id, user_id, action, target, json.dumps(detail, ensure_ascii=False, sort_keys=True),
            created_at,
        ))

    async def recent(self, guild_id: int, limit: int = 20) -> list[AuditRecord]:
        """Return the guild's latest entries, newest first."""
        rows = await self._db.fetch(self._sql.AUDIT_RECENT, (guild_id, limit))
        return [AuditRecord(id=r["id"], guild_id=r["guild_id"], user_id=r["user_id"], action=r["action"],
                            target=r["target"], detail=r["detail"], created_at=r["created_at"]) for r in rows]
