"""Discord's gateway as a real local websocket server, for sharded bots.

discord.py connects to it over a real websocket (only the address is swapped, by :class:`GatewayHTTP`), and
goes through its own HELLO, heartbeat, IDENTIFY (with ``[shard_id, shard_count]``), READY and GUILD_CREATE
handling. The server does what Discord does with shards and nothing more: a connection identified as shard
``s`` of ``n`` gets the guilds with ``(guild_id >> 22) % n == s`` and their events; direct messages go to
shard 0. An event for a shard nobody is connected as is not delivered (``undelivered``), as on Discord.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import yarl
from aiohttp import web
from discord.gateway import DiscordClientWebSocketResponse
from discord_fakes import APP_ID, BOT_USER, GATEWAY_MESSAGE_CONTENT_LIMITED, FakeHTTP, Recorder, World

HELLO, HEARTBEAT, IDENTIFY, HEARTBEAT_ACK, DISPATCH = 10, 1, 2, 11, 0


def shard_of(guild_id: int, shard_count: int) -> int:
    """Return the shard Discord sends a guild's events to (Discord's documented sharding formula)."""
    return (guild_id >> 22) % shard_count


@dataclass
class _Connection:
    ws: web.WebSocketResponse
    shard: tuple[int, int] | None = None  # (shard_id, shard_count) from IDENTIFY
    seq: int = 0

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self.seq += 1
        await self.ws.send_json({"op": DISPATCH, "t": event, "s": self.seq, "d": data})


@dataclass
class FakeGateway:
    """A gateway for ``worlds`` (one guild each); start it, point bots at ``url`` with GatewayHTTP."""

    worlds: list[World]
    identified: list[tuple[int, int]] = field(default_factory=list)  # every IDENTIFY's [shard_id, shard_count]
    undelivered: list[str] = field(default_factory=list)
    url: str = ""
    _connections: list[_Connection] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._serve)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"ws://127.0.0.1:{port}/"

    async def close(self) -> None:
        for conn in list(self._connections):
            await conn.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def guilds_of(self, shard_id: int, shard_count: int) -> list[World]:
        return [w for w in self.worlds if shard_of(w.guild_id, shard_count) == shard_id]

    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        conn = _Connection(ws)
        self._connections.append(conn)
        await ws.send_json({"op": HELLO, "d": {"heartbeat_interval": 45_000}})
        try:
            async for msg in ws:
                if msg.type is not aiohttp.WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                if frame["op"] == HEARTBEAT:
                    await ws.send_json({"op": HEARTBEAT_ACK})
                elif frame["op"] == IDENTIFY:
                    await self._identify(conn, frame["d"])
        finally:
            self._connections.remove(conn)
        return ws

    async def _identify(self, conn: _Connection, data: dict[str, Any]) -> None:
        shard_id, shard_count = data.get("shard", [0, 1])
        conn.shard = (shard_id, shard_count)
        self.identified.append(conn.shard)
        mine = self.guilds_of(shard_id, shard_count)
        await conn.dispatch("READY", {
            "v": 10, "user": BOT_USER, "session_id": f"session-{shard_id}", "shard": [shard_id, shard_count],
            "resume_gateway_url": self.url, "guilds": [{"id": str(w.guild_id), "unavailable": True} for w in mine],
            "application": {"id": str(APP_ID), "flags": GATEWAY_MESSAGE_CONTENT_LIMITED}})
        for world in mine:
            await conn.dispatch("GUILD_CREATE", world.guild_payload())

    async def send(self, event: str, data: dict[str, Any]) -> int | None:
        """Deliver an event as Discord would: to its guild's shard (DMs: shard 0); return that shard."""
        guild_id = data.get("guild_id")
        for conn in self._connections:
            if conn.shard is None:
                continue
            shard_id, shard_count = conn.shard
            target = shard_of(int(guild_id), shard_count) if guild_id is not None else 0
            if target == shard_id:
                await conn.dispatch(event, data)
                return shard_id
        self.undelivered.append(event)
        return None


class GatewayHTTP(FakeHTTP):
    """The fake REST API, whose gateway websocket goes to a :class:`FakeGateway` instead of discord.gg."""

    def __init__(self, recorder: Recorder, gateway_url: str) -> None:
        super().__init__(recorder)
        self.gateway_url = yarl.URL(gateway_url)
        self._ws_session: aiohttp.ClientSession | None = None

    async def ws_connect(self, url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        if self._ws_session is None:
            self._ws_session = aiohttp.ClientSession(ws_response_class=DiscordClientWebSocketResponse)
        # discord.py's query (v=10, encoding=json, compress=...) kept; the fake answers in plain text frames.
        target = self.gateway_url.with_query(yarl.URL(url).query)
        return await self._ws_session.ws_connect(target, autoclose=False, max_msg_size=0)

    async def close(self) -> None:
        await super().close()
        if self._ws_session is not None:
            await self._ws_session.close()
