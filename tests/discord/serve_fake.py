"""Run the bot's real serve() path with the network faked, for the SIGTERM test (run as a subprocess).

Usage: python tests/discord/serve_fake.py DB_PATH. Prints "READY <worker pids>" once logged in and the
extraction pool's workers are up; then waits, as a connected bot does, until SIGTERM/SIGINT closes it.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from discord_fakes import FakeHTTP, Recorder, install_fake_http

from bot.commands.core import Commands
from bot.discord.bot import QuoteBot
from bot.discord.deps import BotDeps
from bot.discord.runner import make_cogs, serve
from bot.service import Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.workers import ProcessPoolExtractor


class GatewaylessBot(QuoteBot):
    """The real bot; only the gateway websocket is replaced by waiting until the bot is closed."""

    async def connect(self, *, reconnect: bool = True) -> None:
        await asyncio.gather(*self._background)  # the pool warm-up started by setup_hook
        pool: ProcessPoolExtractor = self.deps.runtime.service.extractor
        pids = pool.pids()
        print("READY", *pids, flush=True)
        while not self.is_closed():
            await asyncio.sleep(0.05)


async def main(db_path: str) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(name)s: %(message)s")
    settings = Settings.from_env({"DATABASE_PATH": db_path, "EXTRACT_WORKERS": "1"})
    storage = await Storage.open(settings.database_path)
    pool = ProcessPoolExtractor.from_settings(settings)
    deps = BotDeps(settings=settings, runtime=Commands(Service(storage, pool, settings)),
                   closers=[("database", storage.close), ("extraction pool", pool.aclose)],
                   on_start=[pool.warm_up])
    bot: Any = GatewaylessBot(deps, make_cogs)
    install_fake_http(bot, FakeHTTP(Recorder()))
    code = await serve(bot, "fake-token")
    print("EXIT", code, "db closed:", not storage.conn._running, flush=True)  # type: ignore[attr-defined]
    return code


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
