"""The chat commands on stdin/stdout: one message per line in, the replies as plain text out."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import IO, TextIO

from bot.commands import CommandContext, Commands, Reply
from bot.errors import QuoteBotError
from bot.service import Actor, Service, ThreadExtractor, open_service
from bot.settings import Settings
from bot.sources import ACCEPTED_EXTENSIONS
from bot.storage.database import database_target, display_target

log = logging.getLogger(__name__)

CONSOLE_GUILD = 0
CONSOLE_USER = 0


def render_text(reply: Reply) -> str:
    """Render a reply as plain text for a terminal."""
    lines: list[str] = []
    marker = {"error": "error: ", "warning": "warning: "}.get(reply.kind, "")
    lines.append(f"{marker}{reply.title}")
    if reply.description:
        lines.extend("  " + line for line in reply.description.splitlines())
    for row in reply.rows:
        ref = f"[{row.ref}] " if row.ref else ""
        lines.append(f"- {ref}{row.title}")
        if row.body:
            lines.extend("    " + line for line in row.body.splitlines())
        if row.url:
            lines.append(f"    {row.url}")
    for link in reply.links:
        lines.append(f"  {link.label}: {link.url}")
    if reply.pages > 1:
        nxt = f"; next: {reply.page_command.format(page=reply.page + 1)}" if (
            reply.page_command and reply.page < reply.pages) else ""
        lines.append(f"  page {reply.page} of {reply.pages}{nxt}")
    if reply.footer:
        lines.append(f"  {reply.footer}")
    return "\n".join(lines)


def seed_files(paths: list[Path]) -> list[Path]:
    """Return the article files under the seed paths (files as given, folders' readable files sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.iterdir())
                         if p.is_file() and p.suffix.lower() in ACCEPTED_EXTENSIONS)
        elif path.is_file():
            found.append(path)
        else:
            log.warning("seed path %s does not exist; skipped", path)
    return found


async def ingest_seeds(service: Service, paths: list[Path], out: TextIO) -> tuple[int, int]:
    """Save every seed file for the console guild; return (new, already saved). Errors are reported."""
    actor = Actor(guild_id=CONSOLE_GUILD, user_id=CONSOLE_USER, is_moderator=True)
    new = old = 0
    for path in seed_files(paths):
        try:
            result = await service.add_file(actor, path)
        except QuoteBotError as exc:
            print(f"seed {path.name}: {exc}", file=out)
            continue
        if result.duplicate:
            old += 1
        else:
            new += 1
            print(f"seed {path.name}: saved {result.article.ref} with {len(result.statements)} statement(s)",
                  file=out)
    return new, old


# File names of saved exports: at most this many bytes (file systems allow 255; a speaker name may be longer).
MAX_FILENAME_BYTES = 120
_UNSAFE_FILENAME_CHARS = frozenset('<>:"/\\|?*')


def safe_filename(name: str, default: str = "export") -> str:
    """Return a file name any file system takes: no folders, no unsafe characters, at most 120 bytes."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in _UNSAFE_FILENAME_CHARS).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = suffix[:16]
    room = MAX_FILENAME_BYTES - len(suffix.encode("utf-8")) - len(dot)
    clipped = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .") or default
    return clipped + ("." + suffix if suffix else "")


def _save_attachments(reply: Reply, folder: Path) -> list[str]:
    lines = []
    for att in reply.attachments:
        target = folder / safe_filename(att.filename)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(att.data)
        except OSError as exc:
            lines.append(f"  file not saved: {target}: {exc.strerror or exc}")
            continue
        lines.append(f"  file: {target} ({len(att.data):,} bytes)")
    return lines


TOO_LONG = object()


def read_message(stdin: IO[bytes], max_bytes: int) -> bytes | object | None:
    """Return the next line of input (None at its end, TOO_LONG for a line over ``max_bytes``, skipped)."""
    line = stdin.readline(max_bytes + 1)
    if not line:
        return None
    if len(line) > max_bytes and not line.endswith(b"\n"):
        # Skip the rest of the line without holding it: the cap is what may be read, not only kept.
        while chunk := stdin.readline(1 << 16):
            if chunk.endswith(b"\n"):
                break
        return TOO_LONG
    return line


async def console_loop(commands: Commands, stdin: IO[bytes], stdout: TextIO, export_dir: Path, *,
                       max_bytes: int, encoding: str = "utf-8", interactive: bool = False) -> None:
    """Read messages line by line and print each reply until end of input.

    Lines are bytes: whatever the terminal sends, a bad byte becomes U+FFFD instead of ending the console,
    and a line over ``max_bytes`` (MAX_UPLOAD_BYTES) is refused without being read whole.
    """
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        raw = await loop.run_in_executor(None, read_message, stdin, max_bytes)
        if raw is None:
            break
        if raw is TOO_LONG:
            stdout.write(f"error: that message is over {max_bytes:,} bytes (MAX_UPLOAD_BYTES); save the article "
                         "to a file and give its path instead\n\n")
            stdout.flush()
            continue
        assert isinstance(raw, bytes)
        message = raw.decode(encoding, errors="replace").strip()
        if not message:
            continue
        ctx = CommandContext(guild_id=CONSOLE_GUILD, user_id=CONSOLE_USER, is_moderator=True,
                             posted_at=datetime.now(UTC).date().isoformat(), local_files=True)
        reply = await commands.dispatch(ctx, message)
        text = render_text(reply)
        extra = _save_attachments(reply, export_dir)
        stdout.write(text + ("\n" + "\n".join(extra) if extra else "") + "\n\n")
        stdout.flush()


async def _run(settings: Settings, db: str | Path, seeds: list[Path]) -> int:
    extractor = ThreadExtractor(settings)
    try:
        service = await open_service(settings, extractor, db)
    except BaseException:
        extractor.close()
        raise
    try:
        if seeds:
            new, old = await ingest_seeds(service, seeds, sys.stderr)
            print(f"seeds: {new} new article(s), {old} already saved; database {display_target(db)}",
                  file=sys.stderr)
        commands = Commands(service, prefix=settings.command_prefix)
        if sys.stdin.isatty():
            print(f"Quote bot console. Type {settings.command_prefix}help; Ctrl-D to quit.", file=sys.stderr)
        exports = (db if isinstance(db, Path) else settings.database_path).parent / "exports"
        await console_loop(commands, sys.stdin.buffer, sys.stdout, exports,
                           max_bytes=settings.max_upload_bytes, encoding=sys.stdin.encoding or "utf-8",
                           interactive=sys.stdin.isatty())
    finally:
        extractor.close()
        await service.close()
    return 0


def run_console(settings: Settings, db: str | None, seeds: list[Path]) -> int:
    """Run the console on ``db`` (default DATABASE_PATH) after ingesting ``seeds``; return the exit code."""
    path = database_target(db, settings.database)
    return asyncio.run(_run(settings, path, seeds))
