"""Command-line entry points behind ``python -m bot``."""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.commands.core import speaker_label
from bot.errors import InputTooLarge, QuoteBotError
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.workers.batch import BatchItem

log = logging.getLogger(__name__)

# --kind of ``extract``: one kind of statement, or all of them (the values of bot.extraction.model.StatementKind).
CLI_KINDS = ("speech", "thought", "evidence", "all")
# How the human output and the left-out note name each kind.
_KIND_NOUNS = {"speech": ("quote", "quotes"), "thought": ("belief", "beliefs"), "evidence": ("finding", "findings")}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Quote and statement extraction bot.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract statements from a file, a URL, stdin (-) or a JSONL batch")
    p.add_argument("source", nargs="?", help="FILE, URL or - for stdin")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='batch mode: lines {"id", "text", "date"?} -> stdout')
    p.add_argument("--json", action="store_true", help="print one JSON document instead of lines")
    p.add_argument("--date", help="article date YYYY-MM-DD (overrides a date line)")
    p.add_argument("--kind", choices=CLI_KINDS, default="speech",
                   help="which statements to show: speech (what was said or written, the default), thought "
                        "(beliefs, plans), evidence (findings) or all; --jsonl always emits every kind")

    p = sub.add_parser("timeline", help="print statements grouped by day, oldest first")
    p.add_argument("source", help="FILE, URL or - for stdin")
    p.add_argument("--json", action="store_true", help="print the timeline as a JSON list")
    p.add_argument("--date", help="article date YYYY-MM-DD")
    p.add_argument("--kind", choices=CLI_KINDS, default="speech", help="which statements to show, as for extract")
    p.add_argument("--chart", metavar="OUT.png", help="also draw the timeline as a picture (PNG) into this file")

    p = sub.add_parser("console", help="the chat commands on stdin/stdout, without Discord")
    p.add_argument("--db", help="SQLite path or postgresql:// URL (default: DATABASE_URL, else DATABASE_PATH)")
    p.add_argument("--seed", action="append", default=[], help="ingest this file or folder first")

    sub.add_parser("start", help="the main job: the Discord bot with DISCORD_TOKEN, else the console on seeds/")
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")

    p = sub.add_parser("sync", help="sync slash commands to Discord (globally or to one guild)")
    p.add_argument("--guild", type=int, help="guild id to sync to (instant) instead of globally")

    p = sub.add_parser("ingest", help="bulk-ingest a folder of .txt/.html files or a JSONL file")
    p.add_argument("path")
    p.add_argument("--guild", type=int, default=0, help="guild id to store under (default 0: console)")
    p.add_argument("--db", help="SQLite path or postgresql:// URL (default: DATABASE_URL, else DATABASE_PATH)")

    p = sub.add_parser("reextract", help="re-run the current extractor over saved articles from older versions "
                                         "(keeps fixes, aliases and forgotten statements; resumable)")
    p.add_argument("--guild", type=int, help="only this guild's articles (default: every guild)")
    p.add_argument("--db", help="SQLite path or postgresql:// URL (default: DATABASE_URL, else DATABASE_PATH)")

    p = sub.add_parser("copy-db", help="copy every table of one database into another (SQLite <-> PostgreSQL); "
                                       "resumable, verified by row counts and checksums")
    p.add_argument("--from", dest="source", required=True, help="sqlite:PATH or postgresql://...")
    p.add_argument("--to", dest="target", required=True, help="sqlite:PATH or postgresql://... (empty, or a "
                                                              "copy this command left unfinished)")
    return parser


def run_cli(settings: Settings, argv: list[str]) -> int:
    """Parse ``argv`` and run one command; return the process exit code."""
    args = _build_parser().parse_args(argv)
    _tolerant_stdout()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    try:
        if args.command == "extract":
            return _cmd_extract(settings, args)
        if args.command == "timeline":
            return _cmd_timeline(settings, args)
        if args.command == "console":
            from bot.console import run_console

            return run_console(settings, db=args.db, seeds=[Path(s) for s in args.seed])
        if args.command == "start":
            if settings.discord_token:
                from bot.discord.runner import run_bot

                return run_bot(settings)
            from bot.console import run_console

            return run_console(settings, db=None, seeds=[Path("seeds")])
        if args.command == "run":
            from bot.discord.runner import run_bot

            return run_bot(settings)
        if args.command == "sync":
            from bot.discord.runner import sync_commands

            return sync_commands(settings, guild_id=args.guild)
        if args.command == "ingest":
            from bot.ingest import run_ingest

            return run_ingest(settings, Path(args.path), guild_id=args.guild, db=args.db)
        if args.command == "reextract":
            from bot.reextract import run_reextract

            return run_reextract(settings, guild_id=args.guild, db=args.db)
        if args.command == "copy-db":
            from bot.copydb import run_copy_db

            return run_copy_db(args.source, args.target)
    except QuoteBotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    raise AssertionError(f"unhandled command {args.command}")


def _tolerant_stdout() -> None:
    """Let a terminal that cannot show a character (an ASCII or Latin-1 locale) get "?" instead of a crash."""
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict":
        sys.stdout.reconfigure(errors="replace")


def _ascii_only() -> bool:
    """Return whether stdout cannot carry every character (JSON is then written with \\u escapes)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    return not encoding.startswith(("utf-8", "utf8", "utf-16", "utf-32"))


# ---------------------------------------------------------------------------------------------- extract


def _jsonl_items(path: str, max_chars: int) -> list[BatchItem]:
    """Return one batch item per non-blank line of the JSONL input (a line that cannot be read carries why)."""
    from bot.sources.jsonl import max_line_bytes, open_jsonl, read_jsonl
    from bot.workers.batch import BatchItem

    stream = sys.stdin.buffer if path == "-" else open_jsonl(Path(path))
    items: list[BatchItem] = []
    try:
        for line in read_jsonl(stream, max_line_bytes(max_chars)):
            obj = line.record
            if obj is None or not isinstance(obj.get("text"), str):
                error = line.error or "needs a string 'text' field"
                items.append(BatchItem(id=obj.get("id") if obj else None, text="", date=None,
                                       error=f"line {line.lineno}: {error}"))
            else:
                date = obj.get("date") if isinstance(obj.get("date"), str) else None
                items.append(BatchItem(id=obj.get("id"), text=obj["text"], date=date))
    finally:
        if path != "-":
            stream.close()
    return items


def _write_jsonl(line: dict[str, Any]) -> None:
    """Write one answer line as UTF-8 (JSON Lines is UTF-8 whatever the terminal's locale)."""
    from bot.sources.jsonl import dump_line

    text = dump_line(line)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))


def _cmd_extract_jsonl(settings: Settings, path: str) -> int:
    from bot.workers.batch import extract_batch

    items = _jsonl_items(path, settings.max_article_chars)
    for item, result in extract_batch(items, settings):
        line: dict[str, Any] = {"id": item.id}
        if isinstance(result, (QuoteBotError, str)):
            message = str(result)
            print(f"error: document {item.id!r}: {message}", file=sys.stderr)
            line["error"] = message
            line["quotes"] = []
        else:
            line.update(result.to_json())
        _write_jsonl(line)
    sys.stdout.flush()
    return 0


def _read_source(settings: Settings, source: str | None) -> tuple[str, dict[str, Any]]:
    """Return the article text and its metadata for FILE, URL or '-'."""
    from bot.sources import read_source

    if source is None:
        raise QuoteBotError("give a FILE, a URL, - for stdin, or --jsonl IN.jsonl")
    if source == "-":
        return _read_stdin(settings), {}
    article = read_source(settings, source)
    return article.text, article.metadata()


def _read_stdin(settings: Settings) -> str:
    """Read stdin like a file: at most MAX_UPLOAD_BYTES (and one byte more, to know), decoded by the file rules."""
    from bot.sources.decode import decode_text
    from bot.sources.uploads import normalize_newlines

    cap = settings.max_upload_bytes
    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        raise InputTooLarge(f"the input on stdin is over {cap:,} bytes; the limit (MAX_UPLOAD_BYTES) is {cap:,}")
    return normalize_newlines(decode_text(data))


def _extract_one(settings: Settings, source: str | None, date: str | None) -> tuple[Any, dict[str, Any]]:
    from bot.extraction.nlp import load_model
    from bot.extraction.pipeline import extract

    text, meta = _read_source(settings, source)
    page_date = meta.get("date") if isinstance(meta.get("date"), str) else None
    result = extract(text, nlp=load_model(settings.spacy_model), article_date=date, page_date=page_date,
                     max_chars=settings.max_article_chars)
    return result, meta


def _cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    if args.jsonl:
        return _cmd_extract_jsonl(settings, args.jsonl)
    result, meta = _extract_one(settings, args.source, args.date)
    shown = []
    left_out: dict[str, int] = {}
    for st in result.statements:
        if args.kind in ("all", st.kind):
            shown.append(st)
        else:
            left_out[st.kind] = left_out.get(st.kind, 0) + 1
    if args.json:
        doc = {"source": args.source, "metadata": meta, **result.to_json(), "kind": args.kind,
               "left_out": left_out}
        doc["quotes"] = [st.to_json() for st in shown]
        print(json.dumps(doc, ensure_ascii=_ascii_only(), indent=2))
        return 0
    for st in shown:
        marker = "" if st.kind == "speech" else f" ({_KIND_NOUNS[st.kind][0]})"
        print(f"{speaker_label(st.speaker, st.speaker_mention)}: “{st.quote}”{marker}")
    if not result.statements:
        print("No attributed statements found.", file=sys.stderr)
    elif left_out:
        nouns = " and ".join(_KIND_NOUNS[k][1] for k in CLI_KINDS if k in left_out)
        print(f"note: + {sum(left_out.values())} {nouns} left out: --kind all", file=sys.stderr)
    for warning in result.warnings:
        print(f"note: {warning}", file=sys.stderr)
    return 0


def _cmd_timeline(settings: Settings, args: argparse.Namespace) -> int:
    from bot.extraction.timeline import format_timeline, timeline_entries

    result, meta = _extract_one(settings, args.source, args.date)
    shown = [st for st in result.statements if args.kind in ("all", st.kind)]
    entries = timeline_entries(shown)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=_ascii_only(), indent=2))
    else:
        for line in format_timeline(entries):
            print(line)
    for warning in result.warnings:
        print(f"note: {warning}", file=sys.stderr)
    if args.chart:
        title = meta.get("title") if isinstance(meta.get("title"), str) else None
        name = title or ("stdin" if args.source == "-" else Path(args.source).name or args.source)
        return _write_chart(shown, Path(args.chart), name, args.kind)
    return 0


def _write_chart(statements: list[Any], out: Path, name: str, kind: str) -> int:
    """Draw one article's timeline into ``out`` (PNG); say where, or why there is nothing to draw."""
    from bot.charts import ChartPoint
    from bot.commands.charts import chart_title, draw_timeline

    points = [ChartPoint(speaker=st.speaker, kind=st.kind, date=st.date, basis=st.date_basis,
                         precision=st.date_precision) for st in statements]
    figure, png = draw_timeline(points, chart_title(name, kind=kind))
    if png is None:
        print("error: nothing to draw: " + ("no statement has a date" if points else "no statements"
                                             + (f" of kind {kind}" if kind != "all" else "")), file=sys.stderr)
        return 1
    try:
        out.write_bytes(png)
    except OSError as exc:
        print(f"error: cannot write the chart to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"chart: {out} ({figure.subtitle})", file=sys.stderr)
    return 0
