"""One sharded bot process for the two-process test: the real bot and serve() against a FakeGateway.

Usage: SHARD_COUNT=2 SHARD_IDS=0 python tests/discord/serve_shard.py DB_PATH GATEWAY_URL CHANNEL:GUILD...
Prints "READY <guild ids>" once every shard of the process is ready, then "POST <channel id>" for each
message the bot sends, until SIGTERM closes it ("EXIT <code>").
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from discord_fakes import Recorder, install_fake_http
from fake_gateway import GatewayHTTP

from bot.commands.core import Commands
from bot.discord.deps import BotDeps
from bot.discord.runner import create_bot, serve
from bot.service import Service
from bot.settings import Settings
from bot.storage.db import Storage
from bot.workers import ProcessPoolExtractor


async def report(bot_ready: asyncio.Future[list[int]], rec: Recorder) -> None:
    """Print the guilds once ready, then every channel message the bot posts (as the test reads them)."""
    print("READY", *await bot_ready, flush=True)
    seen = 0
    while True:
        for call in rec.calls[seen:]:
            if call.method == "POST" and call.path == "/channels/{channel_id}/messages":
                print("POST", call.params["channel_id"], flush=True)
        seen = len(rec.calls)
        await asyncio.sleep(0.01)


async def main(db_path: str, gateway_url: str, channels: list[str]) -> int:
    settings = Settings.from_env(dict(os.environ) | {"DATABASE_PATH": db_path, "EXTRACT_WORKERS": "1"})
    storage = await Storage.open(settings.database_path)
    pool = ProcessPoolExtractor.from_settings(settings)  # its worker starts only if an extraction comes
    deps = BotDeps(settings=settings, runtime=Commands(Service(storage, pool, settings)),
                   closers=[("database", storage.close), ("extraction pool", pool.aclose)])
    bot = create_bot(deps)
    rec = Recorder()
    http = GatewayHTTP(rec, gateway_url)
    for pair in channels:
        channel, guild = pair.split(":")
        http.guild_of_channel[int(channel)] = int(guild)
    install_fake_http(bot, http)
    bot._connection.guild_ready_timeout = 0.05
    ready: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()

    async def on_ready() -> None:
        if not ready.done():
            ready.set_result(sorted(g.id for g in bot.guilds))

    bot.add_listener(on_ready)
    reporter = asyncio.create_task(report(ready, rec))
    code = await serve(bot, "fake-token")
    reporter.cancel()
    print("EXIT", code, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:])))
