"""CPU work on an upload runs off the event loop: a 5 MB upload stalled the loop 0.8 s hashing its text."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import bot.service
from bot.extraction.model import Extraction, Statement
from bot.service import Actor, Service
from bot.settings import Settings
from bot.storage.db import Storage


class EchoExtractor:
    """An extractor that finds one statement (the first words), at once."""

    async def extract(self, text: str, *, article_date: str | None = None, page_date: str | None = None,
                      posted_date: str | None = None) -> Extraction:
        found = Statement(type="indirect", quote=text[:20], start=0, end=20, speaker=None, speaker_mention=None,
                          speaker_role=None, cue=None)
        return Extraction(text=text, statements=(found,))


async def test_an_upload_is_read_and_hashed_off_the_event_loop(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    real_hash = bot.service.text_hash

    def recording_hash(text: str) -> str:
        threads.append(threading.current_thread().name)
        return real_hash(text)

    monkeypatch.setattr(bot.service, "text_hash", recording_hash)
    service = Service(await Storage.open(tmp_path / "q.db"), EchoExtractor(), Settings.from_env({}))
    try:
        data = b"The Pentagon said on Tuesday that the evacuation would continue.\n"
        await service.add_upload(Actor(guild_id=1, user_id=2, is_moderator=False), "a.txt", data)
    finally:
        await service.close()
    assert threads and threading.main_thread().name not in threads
