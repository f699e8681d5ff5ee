"""A throwaway PostgreSQL server in a temporary folder, for the test suite and the storage benchmark.

It uses the server binaries installed on the machine (``PG_BIN``, else the newest
``/usr/lib/postgresql/*/bin``, else ``initdb`` on PATH). PostgreSQL refuses to run as root, so as root the
folder is handed to the ``postgres`` system user and the binaries run as that user. The server listens on
a free loopback port with trust authentication for one superuser role, and is deleted when stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SUPERUSER = "quotebot"
SYSTEM_BINARIES = Path("/usr/lib/postgresql")  # Debian's layout: one <version>/bin per installed server
SERVER_USER = "postgres"  # the unprivileged account that runs the server when we are root
START_TIMEOUT = 60
# Settings for a server whose data is thrown away: no waiting for the disk (a crash loses the server anyway).
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class ServerError(RuntimeError):
    """The temporary server could not be found, set up or started."""


def find_bin() -> Path:
    """Return the folder of the PostgreSQL server binaries, or raise :class:`ServerError` naming what to install."""
    given = os.environ.get("PG_BIN")
    candidates = [Path(given)] if given else []
    versions = sorted(SYSTEM_BINARIES.glob("*/bin"), key=lambda p: _version(p.parent.name))
    candidates.extend(reversed(versions))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise ServerError("no PostgreSQL server binaries found (initdb, pg_ctl): install the server (Debian: "
                      "apt-get install postgresql) or set PG_BIN to the folder that holds them")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def free_port() -> int:
    """Return a loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TempPostgres:
    """One PostgreSQL server in its own temporary folder: :meth:`start` it, then :meth:`stop` it."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.bin = find_bin()
        self.root: Path | None = None
        self.port = 0
        self._as_user: list[str] = []

    @property
    def data(self) -> Path:
        """Return the server's data folder."""
        assert self.root is not None
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        """Return the URL of one of the server's databases, as the superuser."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        # From the server's own folder: the server user may not be allowed into the caller's working directory.
        result = subprocess.run([*self._as_user, *args], capture_output=True, text=True, check=False,
                                timeout=START_TIMEOUT, cwd=self.root)
        if result.returncode != 0:
            raise ServerError(f"{Path(args[0]).name} failed ({result.returncode}): "
                              f"{(result.stderr or result.stdout).strip()[-2000:]}")

    def start(self) -> str:
        """Create, start and return the URL of the server's ``postgres`` database."""
        self.root = Path(tempfile.mkdtemp(prefix="quotebot-pg-"))
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise ServerError(f"running as root needs the system user {SERVER_USER!r} to run PostgreSQL "
                                  "(it refuses root)") from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            runuser = shutil.which("runuser") or shutil.which("setpriv")
            if runuser is None:
                raise ServerError("running as root needs runuser or setpriv to start PostgreSQL as "
                                  f"{SERVER_USER!r}")
            if Path(runuser).name == "runuser":
                self._as_user = [runuser, "-u", SERVER_USER, "--"]
            else:
                self._as_user = [runuser, f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}",
                                 "--clear-groups", "--"]
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        self.port = free_port()
        options = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-k {self.root}",
                   "-c max_connections=200"]
        if not self.durable:
            options.extend(f"-c {setting}" for setting in FAST_SETTINGS)
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", " ".join(options), "-w", "-t", str(START_TIMEOUT), "start")
        return self.url()

    def log_tail(self, chars: int = 2000) -> str:
        """Return the end of the server's log."""
        if self.root is None:
            return ""
        with contextlib.suppress(OSError):
            return (self.root / "server.log").read_text(errors="replace")[-chars:]
        return ""

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        if self.root is None:
            return
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


class Admin:
    """Statements run on the server from a thread of its own (callers may have an event loop running)."""

    def __init__(self, server: TempPostgres) -> None:
        self.server = server
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pg-admin", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the admin thread's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=START_TIMEOUT)

    def execute(self, statement: str, database: str = "postgres") -> None:
        """Run one statement (or a script) in ``database``."""
        self.run(self._execute(statement, database))

    async def _execute(self, statement: str, database: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(self.server.url(database))
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    def close(self) -> None:
        """Stop the thread's loop."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=START_TIMEOUT)
        self._loop.close()


TEMPLATE = "quotebot_template"
# Empties every table of a used test database (ids start at 1 again), so the next test can take it.
_TRUNCATE = """
DO $$ BEGIN
    EXECUTE (SELECT 'TRUNCATE ' || string_agg(quote_ident(tablename), ', ') || ' RESTART IDENTITY CASCADE'
             FROM pg_tables WHERE schemaname = 'public' AND tablename != 'schema_version');
END $$;
"""


class PgDatabases:
    """Databases of the session's server, migrated once (a template) and emptied for reuse after each test."""

    def __init__(self, server: TempPostgres) -> None:
        self.server = server
        self.admin = Admin(server)
        self._names = (f"test_{n}" for n in itertools.count(1))
        self._free: list[str] = []
        self.admin.execute(f"CREATE DATABASE {TEMPLATE}")
        self.admin.run(migrated(server.url(TEMPLATE)))

    def take(self) -> str:
        """Return the URL of an empty, migrated database."""
        if self._free:
            return self.server.url(self._free.pop())
        name = next(self._names)
        self.admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.server.url(name)

    def fresh(self) -> str:
        """Return the URL of a database with no schema at all (for migration tests)."""
        name = next(self._names)
        self.admin.execute(f"CREATE DATABASE {name}")
        return self.server.url(name)

    def give_back(self, url: str) -> None:
        """Empty a used database for the next test (or drop it when something still holds it)."""
        name = url.rsplit("/", 1)[1]
        try:
            self.admin.execute("SET lock_timeout = '2s';" + _TRUNCATE, name)
        except Exception:
            self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            return
        self._free.append(name)

    def close(self) -> None:
        """Stop the admin thread."""
        self.admin.close()


async def _migrate(url: str) -> None:
    from bot.storage import Storage

    storage = await Storage.open(url)
    await storage.close()


async def migrated(url: str) -> None:
    """Open the database at ``url`` once, so that its schema is up to date."""
    from bot.storage.base import Storage

    storage = await Storage.open(url)
    await storage.close()
