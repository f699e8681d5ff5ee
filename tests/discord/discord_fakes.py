"""Discord without the network: the bot's real discord.py objects, with only the transport replaced.

* :class:`FakeHTTP` is a real :class:`discord.http.HTTPClient` whose ``request`` records the Route and the
  payload and answers with realistic JSON instead of talking to discord.com.
* :class:`FakeWebhookAdapter` does the same for interaction responses and follow-ups (discord.py sends those
  through ``discord.webhook.async_.async_context``, the hook its own test-suite uses).
* Gateway events are fed to the real ``ConnectionState`` parsers (``parse_message_create``,
  ``parse_interaction_create``), so commands run through discord.py's own dispatch, tree and view store.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
import discord
from discord.http import HTTPClient, Route
from discord.webhook.async_ import AsyncWebhookAdapter

APP_ID = 900000000000000001
BOT_ID = APP_ID
OWNER_ID = 900000000000000007
BOT_USER = {"id": str(BOT_ID), "username": "quotebot", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True}
_ids = itertools.count(1)


def snowflake() -> int:
    """Return a fresh unique id dated now (interactions older than 15 minutes count as expired)."""
    return discord.utils.time_snowflake(datetime.now(UTC)) + next(_ids)


def user_payload(user_id: int, name: str) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None}


@dataclass
class Call:
    """One request the bot made: method, route path template, route parameters and the JSON it carried."""

    method: str
    path: str
    params: dict[str, Any]
    json: Any = None
    files: list[str] = field(default_factory=list)
    file_data: dict[str, bytes] = field(default_factory=dict)
    response: Any = None  # what the fake Discord answered
    # Discord shows the first follow-up after a defer with the defer's visibility, whatever its own flags say.
    shown_ephemeral: bool | None = None

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list((self.json or {}).get("embeds") or (self.json or {}).get("data", {}).get("embeds") or [])

    @property
    def text(self) -> str:
        """All human-readable text of the message: content, embed titles, descriptions, fields, footers."""
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):
            body = body["data"]
        parts = [body.get("content") or ""]
        for e in body.get("embeds") or []:
            parts += [e.get("title", ""), e.get("description", ""), e.get("footer", {}).get("text", "")]
            for f in e.get("fields", []):
                parts += [f.get("name", ""), f.get("value", "")]
        return "\n".join(p for p in parts if p)

    @property
    def flags(self) -> int:
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):
            body = body["data"]
        return int(body.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def seen_ephemeral(self) -> bool:
        """Whether only the user sees this message, as Discord would show it (a defer decides its follow-up)."""
        return self.ephemeral if self.shown_ephemeral is None else self.shown_ephemeral

    @property
    def components(self) -> list[dict[str, Any]]:
        body = self.json or {}
        if "data" in body and isinstance(body["data"], dict):
            body = body["data"]
        return list(body.get("components") or [])


class _Response:
    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason


def _payload_from_form(form: Any) -> Any:
    for part in form or []:
        if part.get("name") == "payload_json":
            return json.loads(part["value"])
    return None


def message_payload(channel_id: int, author: dict[str, Any], body: dict[str, Any] | None,
                    message_id: int | None = None, guild_id: int | None = None,
                    files: list[str] | None = None) -> dict[str, Any]:
    """Return the message JSON Discord answers with after a send or an edit."""
    body = body or {}
    data: dict[str, Any] = {
        "id": str(message_id or snowflake()), "channel_id": str(channel_id), "author": author,
        "content": body.get("content") or "", "timestamp": "2026-11-25T12:00:00+00:00",
        "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
        "attachments": [{"id": str(snowflake()), "filename": f, "size": 1, "url": f"https://cdn.example/{f}",
                         "proxy_url": f"https://cdn.example/{f}"} for f in files or []],
        "embeds": body.get("embeds") or [], "pinned": False, "type": 0, "flags": body.get("flags") or 0,
        "components": body.get("components") or [],
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data


GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 18  # application flag: the intent is on (an unverified bot)
# Discord invalidates an interaction's token when no first response (a message, a defer, a modal, choices)
# came within 3 s of the event; the response then fails with 404 Unknown interaction (code 10062).
FIRST_RESPONSE_SECONDS = 3.0


# Discord's message limits (API docs: "Embed Limits", "Create Message"); the fakes refuse a payload past them.
MAX_CHOICES = 25  # autocomplete choices per answer (Discord refuses more)
EMBED_LIMITS = {"title": 256, "description": 4096, "fields": 25, "field name": 256, "field value": 1024,
                "footer": 2048, "author": 256, "total": 6000, "embeds": 10, "content": 2000}


def payload_problem(body: Any, files: list[str]) -> str | None:
    """Return why Discord would refuse a message payload (400), or None when it is valid."""
    if not isinstance(body, dict):
        return None
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    if len(content) > EMBED_LIMITS["content"]:
        return f"content is {len(content)} characters"
    if len(embeds) > EMBED_LIMITS["embeds"]:
        return f"{len(embeds)} embeds"
    total = 0
    for e in embeds:
        fields = e.get("fields") or []
        parts = {"title": e.get("title") or "", "description": e.get("description") or "",
                 "footer": (e.get("footer") or {}).get("text") or "",
                 "author": (e.get("author") or {}).get("name") or ""}
        for name, text in parts.items():
            if len(text) > EMBED_LIMITS[name]:
                return f"embed {name} is {len(text)} characters"
        if len(fields) > EMBED_LIMITS["fields"]:
            return f"{len(fields)} embed fields"
        for f in fields:
            if not f.get("name") or not f.get("value"):
                return "an embed field with an empty name or value"
            if len(f["name"]) > EMBED_LIMITS["field name"] or len(f["value"]) > EMBED_LIMITS["field value"]:
                return "an embed field over its limit"
            total += len(f["name"]) + len(f["value"])
        total += sum(len(t) for t in parts.values())
    if total > EMBED_LIMITS["total"]:
        return f"embeds total {total} characters"
    has_embed = any(e.get("title") or e.get("description") or e.get("fields") for e in embeds)
    if "content" in body or "embeds" in body or files:  # a new message (an edit may change only the view)
        if not content.strip() and not has_embed and not files and not body.get("components") \
                and not body.get("attachments"):
            return "Cannot send an empty message"
    return None


def choices_problem(choices: list[dict[str, Any]]) -> str | None:
    """Return why Discord would refuse an autocomplete answer (over 25 choices, a name or value too long)."""
    if len(choices) > MAX_CHOICES:
        return f"{len(choices)} autocomplete choices"
    for choice in choices:
        name, value = choice.get("name") or "", choice.get("value")
        if not 1 <= len(name) <= 100:
            return f"a choice name of {len(name)} characters"
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            return f"a choice value of {len(value)} characters"
    return None


_SLASH_NAME = re.compile(r"^[-_\w]{1,32}$")  # Discord's CHAT_INPUT name rule (lower case where cased)


def command_problem(cmd: dict[str, Any]) -> str | None:
    """Return why Discord would refuse an application command in a sync (names, descriptions, options)."""
    name = cmd.get("name") or ""
    if cmd.get("type", 1) != 1:  # a context menu: any 1-32 characters
        return None if 1 <= len(name) <= 32 else f"menu name {name!r}"
    if not _SLASH_NAME.match(name) or name != name.lower():
        return f"command name {name!r}"
    if not 1 <= len(cmd.get("description") or "") <= 100:
        return f"/{name}: a description of 1 to 100 characters is needed"
    options = cmd.get("options") or []
    if len(options) > 25:
        return f"/{name}: {len(options)} options"
    seen_optional = False
    for opt in options:
        oname = opt.get("name") or ""
        if not _SLASH_NAME.match(oname) or oname != oname.lower():
            return f"/{name}: option name {oname!r}"
        if not 1 <= len(opt.get("description") or "") <= 100:
            return f"/{name} {oname}: a description of 1 to 100 characters is needed"
        if opt.get("required") and seen_optional:
            return f"/{name} {oname}: a required option after an optional one"
        seen_optional = seen_optional or not opt.get("required")
    return None


def modal_problem(modal: dict[str, Any]) -> str | None:
    """Return why Discord would refuse a modal (Discord's limits on its title, rows and text inputs)."""
    if not 1 <= len(modal.get("title") or "") <= 45:
        return "a modal title of 1 to 45 characters is needed"
    rows = modal.get("components") or []
    if not 1 <= len(rows) <= 5:
        return f"{len(rows)} modal rows"
    for row in rows:
        for text_input in row.get("components") or []:
            most = text_input.get("max_length", 4000)
            if not 1 <= len(text_input.get("label") or "") <= 45:
                return "a text input label of 1 to 45 characters is needed"
            if most > 4000 or len(text_input.get("placeholder") or "") > 100:
                return "a text input over its limits"
            if len(text_input.get("value") or "") > most:
                return "a text input's value is longer than its max_length"
    return None


class Recorder:
    """Shared list of calls with a way to wait for one (commands run in tasks the gateway dispatch starts)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.unexpected: list[Call] = []
        self.rejected: list[tuple[Call, str]] = []  # payloads Discord would refuse, with the reason

    def refuse(self, call: Call, problem: str, *, status: int = 400, code: int = 50035) -> discord.HTTPException:
        """Record a refused payload and return the error Discord would answer with (400 unless told)."""
        self.rejected.append((call, problem))
        if status == 404:
            return discord.NotFound(_Response(404, "Not Found"), {"message": problem, "code": code})
        return discord.HTTPException(_Response(status, "Bad Request"), {"message": problem, "code": code})

    async def wait_for(self, predicate: Any = None, *, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until ``count`` recorded calls satisfy ``predicate``; return them."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = [c for c in self.calls if predicate is None or predicate(c)]
            if len(found) >= count:
                return found
            if asyncio.get_running_loop().time() > deadline:
                seen = "\n".join(f"  {c.method} {c.path} {c.text[:80]!r}" for c in self.calls)
                raise AssertionError(f"timed out waiting for a call; calls so far:\n{seen}")
            await asyncio.sleep(0.01)


class FakeHTTP(HTTPClient):
    """discord.py's HTTP client with ``request`` answered locally (no discord.com)."""

    def __init__(self, recorder: Recorder, *, reject_token: bool = False, offline: bool = False,
                 message_content: bool = True) -> None:
        super().__init__(asyncio.get_running_loop())
        self.recorder = recorder
        self.message_content = message_content  # the application has the (limited) Message Content intent
        self.reject_token = reject_token
        self.offline = offline
        self.guild_of_channel: dict[int, int] = {}
        self.cdn: dict[str, bytes] = {}  # attachment URL -> bytes, served by get_from_cdn
        # The application commands Discord holds: None -> the global set, a guild id -> that guild's set.
        self.registered: dict[int | None, list[dict[str, Any]]] = {}

    def shown_in(self, guild_id: int) -> list[str]:
        """Return the slash-command names a member of ``guild_id`` sees (global ones and the guild's own)."""
        return sorted(c["name"] for scope in (None, guild_id) for c in self.registered.get(scope, []))

    async def get_from_cdn(self, url: str) -> bytes:
        self.recorder.calls.append(Call("GET", url, {}))
        if url not in self.cdn:
            raise discord.NotFound(_Response(404, "Not Found"), "no such attachment")
        return self.cdn[url]

    async def request(self, route: Route, *, files: Any = None, form: Any = None, **kwargs: Any) -> Any:
        body = kwargs.get("json")
        if body is None and form is not None:
            body = _payload_from_form(form)
        names = [f.filename for f in files or []]
        data: dict[str, bytes] = {}
        for f in files or []:
            f.reset()
            data[f.filename] = f.fp.read()
        params = {k: getattr(route, k) for k in ("channel_id", "guild_id", "message_id", "application_id")
                  if getattr(route, k, None) is not None}
        call = Call(route.method, route.path, params, body, names, data)
        self.recorder.calls.append(call)
        key = (route.method, route.path)
        if route.path.startswith("/channels/{channel_id}/messages") and route.method in ("POST", "PATCH"):
            problem = payload_problem(body, names)
            if problem:
                raise self.recorder.refuse(call, problem)
        if self.offline:
            raise aiohttp.ClientConnectionError("Cannot connect to host discord.com:443")
        if key == ("GET", "/users/@me"):
            if self.reject_token:
                raise discord.HTTPException(_Response(401, "Unauthorized"),
                                            {"message": "401: Unauthorized", "code": 0})
            return BOT_USER
        if key == ("GET", "/oauth2/applications/@me"):
            return {"id": str(APP_ID), "name": "quotebot", "description": "", "icon": None,
                    "bot_public": False, "bot_require_code_grant": False, "verify_key": "00",
                    "owner": user_payload(OWNER_ID, "owner"),
                    "flags": GATEWAY_MESSAGE_CONTENT_LIMITED if self.message_content else 0}
        if key == ("POST", "/channels/{channel_id}/messages"):
            cid = int(params["channel_id"])
            call.response = message_payload(cid, BOT_USER, body, guild_id=self.guild_of_channel.get(cid), files=names)
            return call.response
        if key == ("PATCH", "/channels/{channel_id}/messages/{message_id}"):
            cid = int(params["channel_id"])
            return message_payload(cid, BOT_USER, body, message_id=int(params["message_id"]),
                                   guild_id=self.guild_of_channel.get(cid))
        if key == ("POST", "/channels/{channel_id}/typing"):
            return None
        if route.path.startswith("/applications/{application_id}") and route.path.endswith("/commands"):
            scope = int(params["guild_id"]) if "guild_id" in params else None
            if route.method == "PUT":  # a bulk overwrite: the scope's set becomes exactly this
                problem = next(filter(None, (command_problem(cmd) for cmd in body or [])), None)
                if problem:
                    raise self.recorder.refuse(call, problem)
                self.registered[scope] = [
                    {"description": "", **cmd, "id": str(snowflake()), "application_id": str(APP_ID),
                     "version": "1", "default_member_permissions": None, "type": cmd.get("type", 1),
                     **({"guild_id": str(scope)} if scope else {})} for cmd in body or []]
                call.response = self.registered[scope]
                return self.registered[scope]
            if route.method == "GET":
                return self.registered.get(scope, [])
        self.recorder.unexpected.append(call)
        return None


class FakeWebhookAdapter(AsyncWebhookAdapter):
    """The interaction-response transport, answered locally; set it with ``async_context.set``."""

    def __init__(self, recorder: Recorder, clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.recorder = recorder
        self.originals: dict[str, dict[str, Any]] = {}
        # interaction token -> the defer was ephemeral, while its "thinking..." message waits for an answer
        self.deferred: dict[str, bool] = {}
        self.acknowledged: set[str] = set()  # interaction tokens already answered (a second answer is a 400)
        # The clock of the 3-second rule: the event loop's by default; a test of the rule sets a fake one.
        self.clock: Callable[[], float] = clock or (lambda: asyncio.get_running_loop().time())
        self.dispatched: dict[str, float] = {}  # interaction token -> when its event reached the bot
        self.expired: set[str] = set()  # tokens answered too late: Discord refuses anything sent with them

    def dispatch(self, token: str) -> None:
        """Note that the interaction with ``token`` reached the bot now (its 3 seconds start)."""
        self.dispatched[token] = self.clock()

    def late(self, token: str) -> float | None:
        """Return how long past the 3-second deadline the interaction is, or None while it is in time."""
        start = self.dispatched.get(token)
        if start is None:
            return None
        over = self.clock() - start - FIRST_RESPONSE_SECONDS
        return over if over > 0 else None

    async def unanswered(self) -> list[str]:
        """Wait for every dispatched interaction to be answered or to miss its deadline; return those missed.

        A fake clock may never reach the deadline: real time then ends the wait after as long.
        """
        loop = asyncio.get_running_loop()
        give_up = loop.time() + FIRST_RESPONSE_SECONDS
        while True:
            waiting = [t for t in self.dispatched if t not in self.acknowledged]
            missed = [t for t in waiting if self.late(t) is not None]
            if len(missed) == len(waiting) or loop.time() > give_up:
                return waiting
            await asyncio.sleep(0.01)

    async def request(self, route: Route, session: Any, *, payload: Any = None, multipart: Any = None,
                      files: Any = None, **kwargs: Any) -> Any:
        body = payload if payload is not None else _payload_from_form(multipart)
        names = [f.filename for f in files or []]
        data: dict[str, bytes] = {}
        for f in files or []:
            f.reset()
            data[f.filename] = f.fp.read()
        params = {"webhook_id": route.webhook_id, "webhook_token": route.webhook_token}
        call = Call(route.method, route.path, params, body, names, data)
        self.recorder.calls.append(call)
        token = str(route.webhook_token)
        if route.path.endswith("/callback"):
            kind = int(body["type"])
            inner = body.get("data") or {}
            if token in self.acknowledged:
                raise self.recorder.refuse(call, "Interaction has already been acknowledged")
            if token in self.expired or self.late(token) is not None:
                self.expired.add(token)  # the token is dead: whatever the bot sends with it later fails too
                raise self.recorder.refuse(call, "Unknown interaction (no first response within 3 s)",
                                           status=404, code=10062)
            self.acknowledged.add(token)
            problem = payload_problem(inner, names) if kind in (4, 7) else None
            if problem:
                raise self.recorder.refuse(call, problem)
            message = None
            if kind in (4, 7):
                message = message_payload(0, BOT_USER, inner, files=names)
                self.originals[token] = message
            elif kind == 5:
                self.originals[token] = message_payload(0, BOT_USER, {"flags": inner.get("flags", 0)})
                self.deferred[token] = bool(inner.get("flags", 0) & 64)
            elif kind in (8, 9):
                problem = (choices_problem(inner.get("choices") or []) if kind == 8 else modal_problem(inner))
                if problem:
                    raise self.recorder.refuse(call, problem)
            resource: dict[str, Any] = {"type": kind}
            if message is not None:
                resource["message"] = message
            call.response = message
            return {"interaction": {"id": str(route.webhook_id), "type": 2,
                                    "response_message_loading": kind == 5,
                                    "response_message_ephemeral": bool(inner.get("flags", 0) & 64),
                                    "response_message_id": message["id"] if message else None},
                    "resource": resource}
        if token in self.expired:
            raise self.recorder.refuse(call, "Unknown webhook (the interaction expired)", status=404, code=10015)
        if route.method in ("POST", "PATCH"):
            problem = payload_problem(body, names)
            if problem:
                raise self.recorder.refuse(call, problem)
        if route.method == "GET" and route.path.endswith("/messages/@original"):
            return self.originals.get(token) or message_payload(0, BOT_USER, {})
        if route.method == "DELETE" and route.path.endswith("/messages/@original"):
            # The "thinking..." message is gone: the next follow-up is a new message with its own flags.
            self.deferred.pop(token, None)
            self.originals.pop(token, None)
            return None
        if route.method == "PATCH":
            message = message_payload(0, BOT_USER, body, files=names)
            if route.path.endswith("@original"):
                self.originals[token] = message
                if token in self.deferred:  # an edit of the "thinking..." message keeps the defer's visibility
                    call.shown_ephemeral = self.deferred.pop(token)
            return message
        if route.method == "POST":
            if token in self.deferred:  # the first follow-up replaces the "thinking…" message
                call.shown_ephemeral = self.deferred.pop(token)
            return message_payload(0, BOT_USER, body, files=names)
        self.recorder.unexpected.append(call)
        return None


def install_fake_http(client: discord.Client, http: FakeHTTP) -> None:
    """Replace the client's HTTP layer (the REST API) with ``http``."""
    client.http = http
    client._connection.http = http
    tree = getattr(client, "tree", None)
    if tree is not None:
        tree._http = http  # the command tree keeps the HTTP client it was built with


# ------------------------------------------------------------------------------------------- payloads

MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
MEMBER_PERMS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31)  # view, send, embed...


@dataclass
class World:
    """A guild with a text channel, two ordinary members and a moderator, plus DM-capable users."""

    guild_id: int = field(default_factory=snowflake)
    channel_id: int = field(default_factory=snowflake)
    mod_role_id: int = field(default_factory=snowflake)
    alice: int = field(default_factory=snowflake)
    bob: int = field(default_factory=snowflake)
    mod: int = field(default_factory=snowflake)
    names: dict[int, str] = field(default_factory=dict)
    # Permission bits a channel overwrite grants a user on the text channel only (not the server).
    channel_grants: dict[int, int] = field(default_factory=dict)
    # Permission bits the text channel denies the bot (an overwrite for its member).
    bot_denied: int = 0

    def __post_init__(self) -> None:
        self.names.update({self.alice: "alice", self.bob: "bob", self.mod: "mod"})

    def member_payload(self, user_id: int) -> dict[str, Any]:
        roles = [str(self.mod_role_id)] if user_id == self.mod else []
        return {"user": user_payload(user_id, self.names.get(user_id, "user")), "roles": roles,
                "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False, "flags": 0,
                "nick": None, "avatar": None}

    def overwrites(self) -> list[dict[str, Any]]:
        """Return the text channel's member permission overwrites (from ``channel_grants``)."""
        grants = [{"id": str(uid), "type": 1, "allow": str(bits), "deny": "0"}
                  for uid, bits in self.channel_grants.items()]
        denied = [{"id": BOT_USER["id"], "type": 1, "allow": "0", "deny": str(self.bot_denied)}]
        return grants + (denied if self.bot_denied else [])

    def guild_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.guild_id), "name": "Newsroom", "owner_id": str(OWNER_ID), "icon": None,
            "features": [], "emojis": [], "stickers": [], "afk_timeout": 300, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "system_channel_flags": 0, "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0,
            "member_count": 4, "large": False, "unavailable": False,
            "roles": [
                {"id": str(self.guild_id), "name": "@everyone", "permissions": str(MEMBER_PERMS),
                 "position": 0, "color": 0, "hoist": False, "managed": False, "mentionable": False},
                {"id": str(self.mod_role_id), "name": "Editors", "permissions": str(MEMBER_PERMS | MANAGE_MESSAGES),
                 "position": 1, "color": 0, "hoist": False, "managed": False, "mentionable": False},
            ],
            "channels": [{"id": str(self.channel_id), "type": 0, "name": "newsdesk", "position": 0,
                          "permission_overwrites": self.overwrites(), "nsfw": False, "parent_id": None,
                          "guild_id": str(self.guild_id)}],
            "members": [self.member_payload(u) for u in (self.alice, self.bob, self.mod)]
            + [{"user": BOT_USER, "roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False,
                "mute": False, "flags": 0}],
            "threads": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
        }

    def message(self, author: int, content: str, *, attachments: list[dict[str, Any]] | None = None,
                channel_id: int | None = None, dm: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(snowflake()), "channel_id": str(channel_id or self.channel_id),
            "author": user_payload(author, self.names.get(author, "user")), "content": content,
            "timestamp": "2026-11-25T12:00:00+00:00", "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": attachments or [],
            "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": [],
        }
        if not dm:
            data["guild_id"] = str(self.guild_id)
            member = self.member_payload(author)
            member.pop("user")
            data["member"] = member
        return data

    def _base_interaction(self, user: int, kind: int, data: dict[str, Any], *, dm: bool = False,
                          dm_channel_id: int | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(snowflake()), "application_id": str(APP_ID), "type": kind, "token": f"tok{snowflake()}",
            "version": 1, "data": data, "locale": "en-US", "attachment_size_limit": 10_485_760,
            "app_permissions": str(MEMBER_PERMS), "entitlements": [], "authorizing_integration_owners": {},
        }
        if dm:
            payload["user"] = user_payload(user, self.names.get(user, "user"))
            payload["channel"] = {"id": str(dm_channel_id or snowflake()), "type": 1,
                                  "recipients": [user_payload(user, self.names.get(user, "user"))]}
            payload["channel_id"] = payload["channel"]["id"]
            payload["context"] = 1
        else:
            member = self.member_payload(user)
            # What Discord sends: the member's permissions in the channel, overwrites included.
            perms = MEMBER_PERMS | (MANAGE_MESSAGES if user == self.mod else 0) | self.channel_grants.get(user, 0)
            member["permissions"] = str(perms)
            payload.update({"guild_id": str(self.guild_id), "member": member, "guild_locale": "en-US",
                            "channel_id": str(self.channel_id), "context": 0,
                            "channel": {"id": str(self.channel_id), "type": 0, "name": "newsdesk",
                                        "guild_id": str(self.guild_id), "position": 0,
                                        "permission_overwrites": self.overwrites(), "nsfw": False,
                                        "parent_id": None}})
        return payload

    def slash(self, user: int, name: str, options: dict[str, Any] | None = None, *, dm: bool = False,
              attachments: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
        """Return an APPLICATION_COMMAND interaction for ``/name`` with string/integer/attachment options."""
        opts = []
        for key, value in (options or {}).items():
            if isinstance(value, bool) or not isinstance(value, int):
                opts.append({"name": key, "type": 3, "value": value})
            else:
                opts.append({"name": key, "type": 4, "value": value})
        data: dict[str, Any] = {"id": str(snowflake()), "name": name, "type": 1, "options": opts}
        if attachments:
            for key, att in attachments.items():
                opts.append({"name": key, "type": 11, "value": att["id"]})
            data["resolved"] = {"attachments": {att["id"]: att for att in attachments.values()}}
        return self._base_interaction(user, 2, data, dm=dm)

    def autocomplete(self, user: int, name: str, options: dict[str, Any], focused: str, *,
                     dm: bool = False) -> dict[str, Any]:
        """Return an APPLICATION_COMMAND_AUTOCOMPLETE interaction: ``/name`` typed so far, ``focused`` typed in."""
        opts = [{"name": k, "type": 3, "value": v, **({"focused": True} if k == focused else {})}
                for k, v in options.items()]
        data = {"id": str(snowflake()), "name": name, "type": 1, "options": opts}
        return self._base_interaction(user, 4, data, dm=dm)

    def modal_submit(self, user: int, custom_id: str, values: dict[str, str]) -> dict[str, Any]:
        """Return a MODAL_SUBMIT interaction: the modal ``custom_id`` with its text inputs' ``values``."""
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
        return self._base_interaction(user, 5, {"custom_id": custom_id, "components": rows})

    def message_menu(self, user: int, name: str, target: dict[str, Any]) -> dict[str, Any]:
        """Return a message context-menu interaction on ``target`` (a message payload)."""
        data = {"id": str(snowflake()), "name": name, "type": 3, "target_id": target["id"],
                "resolved": {"messages": {target["id"]: target}}}
        return self._base_interaction(user, 2, data)

    def button(self, user: int, custom_id: str, message: dict[str, Any]) -> dict[str, Any]:
        """Return a button click (MESSAGE_COMPONENT interaction) on ``message``."""
        payload = self._base_interaction(user, 3, {"custom_id": custom_id, "component_type": 2})
        payload["message"] = message
        return payload


def attachment_payload(filename: str, data: bytes, url: str) -> dict[str, Any]:
    return {"id": str(snowflake()), "filename": filename, "size": len(data), "url": url, "proxy_url": url,
            "content_type": "text/plain"}
