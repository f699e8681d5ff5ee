"""The speakers repository: canonical names, aliases, and the merge rule for names seen in new articles."""

from __future__ import annotations

from typing import Any

from bot.errors import NotFound, UsageError
from bot.storage.database import Database, Row
from bot.storage.records import Page, SpeakerRecord, is_bare_surname, last_key, name_key
from bot.text_safety import clean_name


def _stored_name(name: str) -> str:
    """Return the name as stored: no bidi overrides, zero-width or control characters."""
    cleaned = clean_name(name)
    if not cleaned:
        raise UsageError("that name has no visible characters")
    return cleaned


def _speaker(row: Row, count: int = 0) -> SpeakerRecord:
    aliases = tuple(sorted(row["aliases"].split("\x1f"))) if row["aliases"] else ()
    return SpeakerRecord(id=row["id"], guild_id=row["guild_id"], name=row["name"], role=row["role"],
                         created_at=row["created_at"], aliases=aliases, statement_count=count)


class SpeakerRepository:
    """Speakers of every guild; each method takes the guild id and never sees another guild's rows."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sql = db.sql

    async def _all(self, query: str, params: tuple[Any, ...]) -> list[SpeakerRecord]:
        rows = await self._db.fetch(query, params)
        return [_speaker(r) for r in rows]

    async def get(self, guild_id: int, speaker_id: int) -> SpeakerRecord:
        """Return the guild's speaker with this row id or raise :class:`NotFound`."""
        found = await self._all(self._sql.SPEAKER_BY_ID, (guild_id, speaker_id))
        if not found:
            raise NotFound("that speaker does not exist in this server")
        return found[0]

    async def find(self, guild_id: int, name: str) -> SpeakerRecord | None:
        """Return the speaker whose canonical name or alias is ``name`` (case and punctuation ignored)."""
        key = name_key(clean_name(name))
        if not key:
            return None
        found = await self._all(self._sql.SPEAKER_BY_KEY, (guild_id, key, guild_id, key))
        return found[0] if found else None

    async def with_last_name(self, guild_id: int, name: str) -> list[SpeakerRecord]:
        """Return the guild's speakers whose last name is the last word of ``name``."""
        key = last_key(clean_name(name))
        return await self._all(self._sql.SPEAKERS_BY_LAST, (guild_id, key)) if key else []

    async def create(self, guild_id: int, name: str, role: str | None, created_at: str) -> SpeakerRecord:
        """Insert a new speaker; call inside a transaction."""
        name = _stored_name(name)
        speaker_id = await self._db.insert(self._sql.SPEAKER_INSERT, (guild_id, name, name_key(name),
                                                                      last_key(name), role, created_at))
        return await self.get(guild_id, speaker_id)

    async def rename(self, guild_id: int, speaker_id: int, name: str) -> None:
        """Change a speaker's canonical name (the search index follows by trigger)."""
        name = _stored_name(name)
        await self._db.execute(self._sql.SPEAKER_RENAME,
                                 (name, name_key(name), last_key(name), guild_id, speaker_id))

    async def add_alias(self, guild_id: int, speaker_id: int, alias: str) -> None:
        """Make ``alias`` name this speaker (moving it from another speaker if it named one)."""
        alias = clean_name(alias)
        key = name_key(alias)
        if key:
            await self._db.execute(self._sql.SPEAKER_ALIAS_UPSERT, (guild_id, key, alias, speaker_id))

    async def merge_into(self, guild_id: int, source: SpeakerRecord, target: SpeakerRecord) -> None:
        """Fold ``source`` into ``target``: its name and aliases become the target's aliases; it is deleted.

        Move the source's statements first (:meth:`StatementRepository.move_speaker`).
        """
        await self._db.execute(self._sql.SPEAKER_ALIASES_MOVE, (target.id, guild_id, source.id))
        await self._db.execute(self._sql.SPEAKER_DELETE, (guild_id, source.id))
        await self.add_alias(guild_id, target.id, source.name)

    async def delete(self, guild_id: int, speaker_id: int) -> None:
        """Delete a speaker (its statements become unattributed)."""
        await self._db.execute(self._sql.SPEAKER_DELETE, (guild_id, speaker_id))

    async def resolve_for_intake(self, guild_id: int, name: str, role: str | None,
                                 created_at: str) -> SpeakerRecord:
        """Return the speaker a name from a new article refers to, creating it when no merge is unambiguous.

        "Kirby" joins the one speaker named "... Kirby" when there is exactly one; "John Kirby" takes over a
        bare "Kirby" speaker when no other "... Kirby" exists. Anything ambiguous stays apart for a user to
        merge with ``!alias``.
        """
        name = _stored_name(name)
        found = await self.find(guild_id, name)
        if found is None:
            same_last = await self.with_last_name(guild_id, name)
            full = [s for s in same_last if not is_bare_surname(s.name)]
            bare = [s for s in same_last if is_bare_surname(s.name)]
            if is_bare_surname(name):
                if len(full) == 1:
                    found = full[0]
                    await self.add_alias(guild_id, found.id, name)
            elif not full and len(bare) == 1:
                found = bare[0]
                await self.rename(guild_id, found.id, name)
                await self.add_alias(guild_id, found.id, found.name)
                found = await self.get(guild_id, found.id)
        if found is None:
            return await self.create(guild_id, name, role, created_at)
        if role and found.role is None:
            await self._db.execute(self._sql.SPEAKER_SET_ROLE, (role, guild_id, found.id))
        return found

    async def listing(self, guild_id: int, page: int, per_page: int) -> Page[SpeakerRecord]:
        """Return one page of the guild's speakers that have statements, most quoted first."""
        counted = await self._db.fetch(self._sql.SPEAKERS_COUNT, (guild_id,))
        total = int(counted[0][0]) if counted else 0
        rows = await self._db.fetch(self._sql.SPEAKERS_LIST, (guild_id, per_page, (page - 1) * per_page))
        items = tuple(_speaker(r, int(r["statement_count"])) for r in rows)
        return Page(items=items, page=page, per_page=per_page, total=total)

    async def names(self, guild_id: int) -> list[str]:
        """Return every canonical name and alias of the guild (for "did you mean" suggestions)."""
        rows = await self._db.fetch(self._sql.SPEAKER_NAMES, (guild_id, guild_id))
        return [str(r[0]) for r in rows]
