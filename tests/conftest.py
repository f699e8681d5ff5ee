"""Session-wide fixtures: the spaCy model, loaded once, and the database backends every storage test runs on.

``database`` is a SQLite file in ``tmp_path`` or a fresh database on a PostgreSQL server that the session
starts in a temporary folder (once, on first use) and stops at the end. A machine without the server fails
those tests: CI runs both backends, it does not skip one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.extraction.nlp import load_model
from bot.storage.pg_temp import PgDatabases, TempPostgres

if TYPE_CHECKING:
    from spacy.language import Language

# The model every test parses with; the workers' pools load the same name in their own processes.
TEST_MODEL = "en_core_web_sm"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured model (the official small model, else the PyPI mirror), one instance for every test."""
    return load_model(TEST_MODEL)


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    """The session's PostgreSQL server (started on first use, stopped at the end)."""
    server = TempPostgres()
    server.start()
    try:
        databases = PgDatabases(server)
        try:
            yield databases
        finally:
            databases.close()
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a test's storage lives: a SQLite file, then (second run) an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "quotes.db"
        return
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    url = databases.take()
    yield url
    databases.give_back(url)
