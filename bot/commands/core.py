"""The chat commands: one public method per command (typed arguments) and ``dispatch`` for raw messages.

Every public method returns a :class:`Reply`, never raises: errors become error replies in one place
(:func:`bot.commands.errors.error_reply`). The docstrings of the command methods are the help users read.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec

from bot.charts import TimelineFigure
from bot.commands.charts import chart_points, chart_title, draw_timeline, draw_weekly, image_name
from bot.commands.context import CommandContext
from bot.commands.dates import date_label
from bot.commands.errors import PageNotFound, error_reply
from bot.commands.exports import to_csv, to_json
from bot.commands.limits import UserCooldown
from bot.commands.parsing import (
    TIMELINE_USAGE,
    UNSOLICITED_CUTOFF,
    parse_ref,
    parse_speaker_name,
    parse_timeline,
    split_command,
    split_page,
    suggest,
    take_date_option,
    take_kind,
    take_kind_text,
    take_page_text,
    tokens,
)
from bot.commands.replies import Attachment, Link, Reply, Row
from bot.errors import Busy, InputError, UsageError
from bot.service import (
    DEFAULT_KIND,
    STATEMENT_KINDS,
    ChartData,
    IntakeResult,
    KindChoice,
    LeftOut,
    Page,
    ReextractSummary,
    Service,
    SpeakerProfile,
    StatementRecord,
    TimelineFilter,
    is_link,
    split_kinds,
)

log = logging.getLogger(__name__)

P = ParamSpec("P")
# An uploaded file: (name, bytes), or what downloads it once the cooldown has let the extraction start.
Upload = tuple[str, bytes] | Callable[[], Awaitable[tuple[str, bytes]]]
FILE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
QUOTE_PREVIEW_CHARS = 300


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command's name, how to type it, and the method that runs it."""

    name: str
    usage: str
    method: str


COMMANDS: dict[str, CommandSpec] = {spec.name: spec for spec in (
    CommandSpec("extract", "!extract [date:YYYY-MM-DD] <text | link | file>", "extract"),
    CommandSpec("quotes", "!quotes [speaker] [kind:all] [page:N]", "quotes"),
    CommandSpec("speakers", "!speakers [page:N]", "speakers"),
    CommandSpec("speaker", "!speaker <name>", "speaker"),
    CommandSpec("search", "!search <words> [kind:all] [page:N]", "search"),
    CommandSpec("timeline", TIMELINE_USAGE.removeprefix("type "), "timeline"),
    CommandSpec("article", "!article <article id, e.g. A3> [kind:all]", "article"),
    CommandSpec("export", "!export csv|json [speaker] [kind:all]", "export"),
    CommandSpec("alias", "!alias <name> <canonical name>", "alias"),
    CommandSpec("fix", "!fix <statement id> speaker <name>", "fix"),
    CommandSpec("forget", "!forget <statement id | article id>", "forget"),
    CommandSpec("reextract", "!reextract", "reextract"),
    CommandSpec("help", "!help [command]", "help"),
)}


def _guarded(
    fn: Callable[Concatenate[Commands, CommandContext, P], Awaitable[Reply]],
) -> Callable[Concatenate[Commands, CommandContext, P], Awaitable[Reply]]:
    """Turn any exception of a command into an error reply (the one mapping in bot.commands.errors)."""

    @functools.wraps(fn)
    async def wrapper(self: Commands, ctx: CommandContext, *args: P.args, **kwargs: P.kwargs) -> Reply:
        try:
            return await fn(self, ctx, *args, **kwargs)
        except Exception as exc:
            return error_reply(exc)

    return wrapper


def _short(text: str, limit: int = QUOTE_PREVIEW_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# How replies name each kind of statement (one, many); speech is what users call quotes.
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "speech": ("quote", "quotes"),
    "thought": ("belief", "beliefs"),
    "evidence": ("finding", "findings"),
}


def left_out_note(left_out: LeftOut) -> str:
    """Say what a kind filter left out, and how to see it: "+ 4 beliefs and findings: kind:all"."""
    total = left_out.total
    if not total:
        return ""
    present = [kind for kind in STATEMENT_KINDS if any(k == kind and n for k, n in left_out.counts)]
    nouns = [KIND_NOUNS[k][0 if total == 1 else 1] for k in present]
    words = nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " and " + nouns[-1]
    count = f"{total:,} or more" if left_out.capped else f"{total:,}"
    return f"+ {count} {words}: kind:all"


def _kind_option(kind: KindChoice) -> str:
    """Return the option that repeats a kind choice in a page command ("" for the default)."""
    return "" if kind == DEFAULT_KIND else f" kind:{kind}"


def speaker_label(speaker: str | None, mention: str | None) -> str:
    """Return who said it as a reply shows it: the name, else the unresolved mention marked as such."""
    if speaker:
        return speaker
    return f"“{mention}” (unresolved)" if mention else "Unattributed"


def statement_row(st: StatementRecord) -> Row:
    """Return a statement as a list row: speaker and date as title, the quote as body, the short id as ref."""
    when = date_label(st.date, st.date_precision, st.date_basis)
    sources = "" if len(st.sources) <= 1 else f" · {len(st.sources)} sources: " + ", ".join(
        s.ref for s in st.sources)
    kind = "" if st.kind == "speech" else f" · {KIND_NOUNS.get(st.kind, (st.kind,))[0]}"
    return Row(title=f"{speaker_label(st.speaker, st.speaker_mention)} · {when}{kind}",
               body=f"“{_short(st.quote)}” ({st.article_ref}{sources})",
               ref=st.ref, url=st.article_url or st.message_url)


class Commands:
    """The chat commands over one :class:`Service`. Adapters call :meth:`dispatch` or a command method."""

    def __init__(self, service: Service, prefix: str = "!", cooldown: UserCooldown | None = None) -> None:
        self.service = service
        self.prefix = prefix
        self.cooldown = cooldown if cooldown is not None else UserCooldown(0)

    def usage(self, name: str) -> str:
        """Return how to type a command, with this deployment's prefix."""
        return COMMANDS[name].usage.replace("!", self.prefix, 1)

    def _paged(self, title: str, page: Page[StatementRecord], command: str, empty: str,
               description: str = "", kind: KindChoice = DEFAULT_KIND) -> Reply:
        rows = tuple(statement_row(st) for st in page.items)
        if not rows:
            description = (description + "\n" if description else "") + empty
        elif page.total > page.per_page:
            count = f"{page.total:,} or more" if page.capped else f"{page.total:,}"
            description = (description + "\n" if description else "") + f"{count} in all."
        note = left_out_note(page.left_out)
        if note:
            description = (description + "\n" if description else "") + note
        command += _kind_option(kind)
        # page_command is a format string: braces typed by the user must not become fields.
        escaped = command.replace("{", "{{").replace("}", "}}")
        page_command = f"{self.prefix}{escaped} page:{{page}}" if page.pages > 1 else None
        past_end(page)
        return Reply(title=title, description=description, rows=rows, page=page.page, pages=page.pages,
                     page_command=page_command, extra={"left_out": str(page.left_out.total)} if note else {})

    # ------------------------------------------------------------------------------------------ dispatch

    async def dispatch(self, ctx: CommandContext, text: str) -> Reply:
        """Parse one chat message ("!quotes Kirby 2") and run the command it names."""
        try:
            parsed = split_command(text, self.prefix)
            if parsed is None:
                raise UsageError(f"commands start with {self.prefix}; type {self.prefix}help to see them")
            name, rest = parsed
            if name not in COMMANDS:
                guess = suggest(name, list(COMMANDS))
                hint = (f"did you mean {self.prefix}{guess}?" if guess
                        else f"type {self.prefix}help to see them")
                return self._unknown(name, hint)
            return await self._run(name, ctx, rest)
        except Exception as exc:
            return error_reply(exc)

    def unknown_command(self, text: str) -> Reply | None:
        """Answer a ``!word`` that names no command, only when it is close to one (else None: stay quiet).

        In a shared channel most such words are other bots' commands ("!play", "!rank", "!!!"); a typo of
        one of ours ("!qoutes") gets a suggestion.
        """
        parsed = split_command(text, self.prefix)
        if parsed is None or parsed[0] in COMMANDS:
            return None
        guess = suggest(parsed[0], list(COMMANDS), cutoff=UNSOLICITED_CUTOFF)
        return self._unknown(parsed[0], f"did you mean {self.prefix}{guess}?") if guess else None

    def _unknown(self, name: str, hint: str) -> Reply:
        return Reply(title="Unknown command", kind="error", ephemeral=True,
                     description=f"There is no {self.prefix}{_short(name, 40)} command; {hint}")

    async def _run(self, name: str, ctx: CommandContext, rest: str) -> Reply:
        words = tokens(rest)
        if name == "extract":
            return await self._run_extract(ctx, rest)
        if name == "quotes":
            words, kind = take_kind(words)
            speaker_words, page = split_page(words)  # a speaker is never just a number: "!quotes 2" is page 2
            return await self.quotes(ctx, " ".join(speaker_words) or None, page, kind=kind)
        if name == "speakers":
            extra, page = split_page(words)
            if extra:
                raise UsageError(f"type {self.usage('speakers')}")
            return await self.speakers(ctx, page)
        if name == "search":
            # The raw text, not shell words: "exact phrases" stay quoted for the search. A number is a word to
            # find ("!search covid 19"): the page is only ever page:N.
            rest, kind = take_kind_text(rest)
            rest, page = take_page_text(rest)
            return await self.search(ctx, rest, page, kind=kind)
        if name == "speaker":
            if not words:
                raise UsageError(f"type {self.usage('speaker')}, e.g. {self.prefix}speaker Kirby")
            return await self.speaker(ctx, " ".join(words))
        if name == "timeline":
            args = parse_timeline(rest)
            article = f"A{args.article}" if args.article else None
            if args.chart:
                return await self.timeline_chart(ctx, args.speaker, date_from=args.date_from, date_to=args.date_to,
                                                 article=article, kind=args.kind)
            return await self.timeline(ctx, args.speaker, date_from=args.date_from, date_to=args.date_to,
                                       article=article, page=args.page, kind=args.kind)
        if name == "article":
            words, kind = take_kind(words)
            if len(words) != 1:
                raise UsageError(f"type {self.usage('article')}")
            return await self.article(ctx, words[0], kind=kind)
        if name == "export":
            words, kind = take_kind(words)
            if not words:
                raise UsageError(f"type {self.usage('export')}")
            return await self.export(ctx, words[0], " ".join(words[1:]) or None, kind=kind)
        if name == "alias":
            if len(words) < 2:
                raise UsageError(f"type {self.usage('alias')}, e.g. {self.prefix}alias Kirby John Kirby")
            return await self.alias(ctx, words[0], " ".join(words[1:]))
        if name == "fix":
            if len(words) < 3 or words[1].lower() != "speaker":
                raise UsageError(f"type {self.usage('fix')}, e.g. {self.prefix}fix S12 speaker John Kirby")
            return await self.fix(ctx, words[0], " ".join(words[2:]))
        if name == "forget":
            if len(words) != 1:
                raise UsageError(f"type {self.usage('forget')}")
            return await self.forget(ctx, words[0])
        if name == "reextract":
            if words:
                raise UsageError(f"type {self.usage('reextract')} (it takes no arguments)")
            return await self.reextract(ctx)
        if name == "help":
            return await self.help(ctx, words[0] if words else None)
        raise AssertionError(f"command {name} has no parser")

    async def _run_extract(self, ctx: CommandContext, rest: str) -> Reply:
        date, body = take_date_option(rest)
        body = body.strip()
        if not body:
            raise UsageError(f"type {self.usage('extract')}, or attach a .txt/.md/.html file")
        if is_link(body):
            return await self.extract(ctx, url=body, date=date)
        if ctx.local_files and "\n" not in body and body.lower().endswith(FILE_SUFFIXES):
            return await self.extract(ctx, path=body, date=date)
        return await self.extract(ctx, text=body, date=date)

    # ------------------------------------------------------------------------------------------ commands

    @_guarded
    async def extract(self, ctx: CommandContext, *, text: str | None = None, url: str | None = None,
                      upload: Upload | None = None, path: str | None = None, date: str | None = None) -> Reply:
        """Extract who said what from pasted text, a link or an attached file, and save it.

        Add date:YYYY-MM-DD before the text to set the article date (otherwise a "date YYYY-MM-DD" first
        line, the page's date, or the time of your message is used). The same article is saved only once.
        """
        given = [x for x in (text, url, upload, path) if x is not None]
        if len(given) != 1:
            raise UsageError(f"type {self.usage('extract')}, or attach one file")
        if path is not None and not ctx.local_files:
            raise UsageError("local files can only be read in the console")
        self.cooldown.check(ctx.user_id)  # before any download, fetch or extraction
        try:
            result = await self._intake(ctx, text=text, url=url, upload=upload, path=path, date=date)
        except (InputError, UsageError, Busy):
            # Refused before any real work (unreadable input, a full pool): the user may try again at once.
            self.cooldown.release(ctx.user_id)
            raise
        return self._intake_reply(result)

    async def _intake(self, ctx: CommandContext, *, text: str | None, url: str | None, upload: Upload | None,
                      path: str | None, date: str | None) -> IntakeResult:
        actor = ctx.actor
        service = self.service
        if url is not None:
            return await service.add_link(actor, url, article_date=date)
        if upload is not None:
            filename, data = upload if isinstance(upload, tuple) else await upload()
            return await service.add_upload(actor, filename, data, article_date=date)
        if path is not None:
            return await service.add_file(actor, Path(path), article_date=date)
        assert text is not None
        return await service.add_text(actor, text, article_date=date)

    def _intake_reply(self, result: IntakeResult) -> Reply:
        art = result.article
        quotes, left_out = split_kinds(result.statements, DEFAULT_KIND)
        rows = tuple(statement_row(st) for st in quotes[:10])
        more = len(quotes) - len(rows)
        lines: list[str] = []
        if result.duplicate:
            title = f"Already saved as {art.ref}"
            lines.append(f"This article was saved before ({art.label}); nothing was added.")
        else:
            title = f"Saved {art.ref}: {_short(art.label, 80)}"
            count = len(result.statements)
            lines.append(f"{count} statement{'s' if count != 1 else ''} found." if count else
                         "No attributed statements found in this article.")
            if result.merged_statements:
                lines.append(f"{result.merged_statements} of them were already saved from another article "
                             "and now list this one as a source too.")
        if more > 0:
            lines.append(f"…and {more} more: {self.prefix}article {art.ref}")
        note = left_out_note(left_out)
        if note:
            lines.append(f"{note} ({self.prefix}article {art.ref} kind:all)")
        lines.extend(f"Note: {w}" for w in result.warnings)
        footer = (f"Article date {art.article_date} ({_date_origin(art.date_source)})" if art.article_date
                  else "No article date")
        links = tuple(Link(label, url) for label, url in (("Article", art.url), ("Message", art.message_url))
                      if url)
        return Reply(title=title, description="\n".join(lines), rows=rows, kind="success" if not
                     result.duplicate else "info", footer=footer, links=links, extra={"article": art.ref})

    @_guarded
    async def quotes(self, ctx: CommandContext, speaker: str | None = None, page: int = 1, *,
                     kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Show saved quotes, newest first: everybody's, or one speaker's (a last name is enough).

        Quotes are what people said or wrote; add kind:thought for beliefs and plans, kind:evidence for
        findings (polls, reports, data), or kind:all for every kind.
        """
        who, result = await self.service.quotes(ctx.guild_id, speaker, page, kind)
        title = (f"Quotes by {who.name}" if who else "Latest quotes") + _kind_title(kind)
        return self._paged(title, result, f"quotes {who.name}" if who else "quotes",
                           f"No quotes saved yet. Try {self.prefix}extract <text or link>.", kind=kind)

    @_guarded
    async def speakers(self, ctx: CommandContext, page: int = 1) -> Reply:
        """List the people and organisations quoted in this server, most quoted first."""
        result = await self.service.speakers(ctx.guild_id, page)
        rows = []
        for sp in result.items:
            parts = [f"{sp.statement_count} quote{'s' if sp.statement_count != 1 else ''}"]
            if sp.role:
                parts.append(sp.role)
            if sp.aliases:
                parts.append("also: " + ", ".join(sp.aliases))
            rows.append(Row(title=sp.name, body=" · ".join(parts)))
        description = "" if rows else f"Nobody quoted yet. Try {self.prefix}extract <text or link>."
        page_command = f"{self.prefix}speakers page:{{page}}" if result.pages > 1 else None
        past_end(result)
        return Reply(title="Speakers", description=description, rows=tuple(rows), page=result.page,
                     pages=result.pages, page_command=page_command)

    @_guarded
    async def search(self, ctx: CommandContext, words: str, page: int = 1, *,
                     kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Find quotes by words in the quote or the speaker's name ("evacuate" also finds "evacuation").

        Searches quotes; add kind:thought, kind:evidence or kind:all for beliefs, findings or every kind.
        """
        result = await self.service.search(ctx.guild_id, words, page, kind)
        return self._paged(f"Search: {_short(words, 60)}{_kind_title(kind)}", result, f"search {words}",
                           "No quotes match those words.", kind=kind)

    @_guarded
    async def timeline(self, ctx: CommandContext, speaker: str | None = None, *, date_from: str | None = None,
                       date_to: str | None = None, article: str | None = None, page: int = 1,
                       kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Show quotes in date order, oldest first (undated last); filter by speaker, from:, to:, article:.

        Shows quotes; add kind:thought, kind:evidence or kind:all for beliefs, findings or every kind.
        Add the word chart for a picture: one row per speaker, a mark per statement coloured by kind
        (a dot when the text dates it, a ring when only the publication day does).
        """
        article_number = parse_ref(article, "A", TIMELINE_USAGE)[1] if article else None
        filters = TimelineFilter(speaker=speaker, article=article_number, date_from=date_from,
                                 date_to=date_to)
        who, result = await self.service.timeline(ctx.guild_id, filters, page, kind)
        parts = [who.name if who else ""]
        parts += [f"from:{date_from}"] if date_from else []
        parts += [f"to:{date_to}"] if date_to else []
        parts += [f"article:A{article_number}"] if article_number else []
        title = "Timeline" + (f": {who.name}" if who else "") + _kind_title(kind)
        return self._paged(title, result, " ".join(["timeline", *[p for p in parts if p]]),
                           "No quotes in that range.", kind=kind)

    @_guarded
    async def timeline_chart(self, ctx: CommandContext, speaker: str | None = None, *,
                             date_from: str | None = None, date_to: str | None = None, article: str | None = None,
                             kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Draw the timeline as a picture, with the same filters as !timeline."""
        article_number = parse_ref(article, "A", TIMELINE_USAGE)[1] if article else None
        filters = TimelineFilter(speaker=speaker, article=article_number, date_from=date_from,
                                 date_to=date_to)
        data = await self.service.timeline_chart(ctx.guild_id, filters, kind)
        who = data.speaker.name if data.speaker else None
        title = chart_title(who, article=article_number, date_from=data.date_from, date_to=data.date_to, kind=kind)
        filtered = bool(speaker or article or date_from or date_to)
        if not data.points:
            empty = ("No quotes in that range." if filtered
                     else f"No quotes saved yet. Try {self.prefix}extract <text or link>.")
            note = left_out_note(data.left_out)
            return Reply(title="Nothing to draw", description=empty + (f"\n{note}" if note else ""))
        # Building and drawing 20,000 marks takes CPU: not on the event loop.
        figure, png = await asyncio.to_thread(draw_timeline, chart_points(data.points), title,
                                              start=data.date_from, end=data.date_to)
        if png is None:
            count = len(data.points)
            noun = "statement(s)" if kind == "all" else KIND_NOUNS[kind][0 if count == 1 else 1]
            return Reply(title="Nothing to draw", description=(
                f"{count:,} {noun} there, none with a date to put on a chart; see {self.prefix}timeline."))
        return self._chart_reply(data, figure, png, who)

    def _chart_reply(self, data: ChartData, figure: TimelineFigure, png: bytes, who: str | None) -> Reply:
        lines = [figure.subtitle + ".", f"From {figure.start.isoformat()} to "
                 f"{(figure.end - timedelta(days=1)).isoformat()}."]
        if data.capped:
            lines.append(f"Only the first {len(data.points):,} in date order are drawn; narrow it with from: or to:.")
        note = left_out_note(data.left_out)
        if note:
            lines.append(note)
        filename = image_name("timeline", who)
        return Reply(title=figure.title, description="\n".join(lines), image=filename,
                     attachments=(Attachment(filename, png, "image/png"),),
                     footer="Dot: dated in the text · ring: publication day only · bar: a week, month or year")

    @_guarded
    async def speaker(self, ctx: CommandContext, name: str) -> Reply:
        """Show one speaker: names, roles, statements by kind, first and last, articles, statements per week.

        A last name or an alias is enough: !speaker Kirby.
        """
        profile = await self.service.speaker_profile(ctx.guild_id, parse_speaker_name(name))
        who = profile.speaker.name
        _series, png = await asyncio.to_thread(draw_weekly, chart_points(profile.points),
                                               f"{_short(who, 40)}: statements per week")
        return self._profile_reply(profile, png)

    def _profile_reply(self, profile: SpeakerProfile, png: bytes | None) -> Reply:
        sp = profile.speaker
        lines: list[str] = []
        if sp.aliases:
            lines.append("Also called: " + ", ".join(sp.aliases))
        roles = profile.roles or (((sp.role, 0),) if sp.role else ())
        if roles:
            lines.append("Roles: " + "; ".join(role + (f" ({n})" if n > 1 else "") for role, n in roles))
        if profile.total:
            counts = ", ".join(f"{n:,} {KIND_NOUNS[k][0 if n == 1 else 1]}" for k, n in profile.kinds)
            lines.append(f"Statements: {counts}" + (f" ({profile.total:,} in all)" if len(profile.kinds) > 1 else ""))
            where = f"{profile.article_count:,} article{'s' if profile.article_count != 1 else ''}"
            shown = len(profile.articles)
            more = f"; the latest {shown} below" if profile.article_count > shown else ""
            lines.append(f"In {where}{more}.")
        else:
            lines.append(f"No statements of {sp.name} are saved now.")
        rows: list[Row] = []
        for label, st in (("First", profile.first), ("Last", profile.last)):
            if st is not None:
                row = statement_row(st)
                rows.append(Row(title=f"{label}: {row.title}", body=row.body, ref=row.ref, url=row.url))
        for art in profile.articles:
            when = art.article_date or "undated"
            rows.append(Row(title=f"{art.ref}: {_short(art.label, 80)}", ref=None, url=art.message_url or art.url,
                            body=f"{when} · {art.statements} statement{'s' if art.statements != 1 else ''}"))
        attachments: tuple[Attachment, ...] = ()
        filename = None
        if png is not None:
            filename = image_name("speaker", sp.name)
            attachments = (Attachment(filename, png, "image/png"),)
        footer = (f"Statements per week, every kind. {self.prefix}timeline {sp.name} chart for the timeline."
                  if png is not None else "")
        return Reply(title=sp.name, description="\n".join(lines), rows=tuple(rows), attachments=attachments,
                     image=filename, footer=footer, extra={"speaker": sp.name})

    @_guarded
    async def article(self, ctx: CommandContext, ref: str, *, kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Show a saved article: where it came from, its date, and the quotes it reports.

        Add kind:thought, kind:evidence or kind:all to list its beliefs, findings or every statement.
        """
        _, number = parse_ref(ref, "A", f"type {self.usage('article')}")
        art, every = await self.service.article(ctx.guild_id, number)
        statements, left_out = split_kinds(every, kind)
        lines = [f"Date: {art.article_date} ({_date_origin(art.date_source)})" if art.article_date
                 else "Date: unknown"]
        if art.filename:
            lines.append(f"File: {art.filename}")
        shown = "statement(s)" if kind == "all" else KIND_NOUNS[kind][1]
        lines.append(f"Added {art.created_at[:10]} by user {art.added_by}; {len(statements)} {shown}.")
        note = left_out_note(left_out)
        if note:
            lines.append(note)
        links = tuple(Link(label, url) for label, url in (("Article", art.url), ("Message", art.message_url))
                      if url)
        return Reply(title=f"{art.ref}: {_short(art.label, 80)}", description="\n".join(lines),
                     extra={"article": art.ref, "added_by": str(art.added_by)},
                     rows=tuple(statement_row(st) for st in statements[:25]), links=links,
                     footer="" if len(statements) <= 25 else f"First 25 of {len(statements)}; use !export.")

    @_guarded
    async def export(self, ctx: CommandContext, fmt: str, speaker: str | None = None, *,
                     kind: KindChoice = DEFAULT_KIND) -> Reply:
        """Export the saved quotes (all, or one speaker's) as a CSV or JSON file.

        Each row carries its kind; add kind:thought, kind:evidence or kind:all to export beliefs, findings or
        every kind.
        """
        fmt = fmt.lower().lstrip(".")
        if fmt not in ("csv", "json"):
            raise UsageError(f"export as csv or json; type {self.usage('export')}")
        who, statements, left_out = await self.service.export(ctx.guild_id, speaker, kind)
        stem = "quotes" + ("-" + "-".join(who.name.lower().split()) if who else "")
        safe_stem = "".join(c for c in stem if c.isalnum() or c in "-_") or "quotes"
        # Tens of thousands of statements take seconds to write out: not on the event loop.
        if fmt == "csv":
            attachment = Attachment(f"{safe_stem}.csv", await asyncio.to_thread(to_csv, statements), "text/csv")
        else:
            data = await asyncio.to_thread(to_json, statements, who.name if who else None)
            attachment = Attachment(f"{safe_stem}.json", data, "application/json")
        count = len(statements)
        note = left_out_note(left_out)
        return Reply(title="Export", kind="success", attachments=(attachment,),
                     description=f"{count} statement{'s' if count != 1 else ''}"
                                 + (f" by {who.name}" if who else "") + f" as {fmt.upper()}."
                                 + (f"\n{note}" if note else ""))

    @_guarded
    async def alias(self, ctx: CommandContext, name: str, canonical: str) -> Reply:
        """Make a name another name of a speaker, merging the two if both exist: !alias Kirby John Kirby.

        Moderators only: it renames the speaker in every saved quote of the server.
        """
        name = parse_speaker_name(name, "alias")
        canonical = parse_speaker_name(canonical, "canonical name")
        result = await self.service.alias(ctx.actor, name, canonical)
        lines = [f"“{result.alias}” now means {result.speaker.name}."]
        if result.renamed_from:
            lines.append(f"The speaker “{result.renamed_from}” is now called {result.speaker.name}.")
        if result.moved_statements:
            lines.append(f"{result.moved_statements} statement(s) moved to {result.speaker.name}.")
        return Reply(title="Alias saved", description="\n".join(lines), kind="success")

    @_guarded
    async def fix(self, ctx: CommandContext, statement: str, speaker: str) -> Reply:
        """Correct who said a statement: !fix S12 speaker John Kirby."""
        _, number = parse_ref(statement, "S", f"type {self.usage('fix')}")
        st = await self.service.fix_speaker(ctx.actor, number, parse_speaker_name(speaker))
        note = "" if st.number == number else f" It was the same as {st.ref}, so the two are merged."
        return Reply(title=f"Fixed S{number}", kind="success", rows=(statement_row(st),),
                     description=f"Speaker is now {st.speaker}.{note}")

    @_guarded
    async def forget(self, ctx: CommandContext, ref: str) -> Reply:
        """Delete a statement (S12), or an article (A3) with the statements only it reports."""
        kind, number = parse_ref(ref, "SA", f"type {self.usage('forget')}")
        if kind == "S":
            result = await self.service.forget_statement(ctx.actor, number)
            return Reply(title=f"Forgot {result.ref}", kind="success",
                         description="The statement is deleted.")
        result = await self.service.forget_article(ctx.actor, number)
        return Reply(title=f"Forgot {result.ref}", kind="success",
                     description=f"The article is deleted with {result.deleted_statements} statement(s) "
                                 "only it reported; statements other articles also report are kept.")

    @_guarded
    async def reextract(self, ctx: CommandContext) -> Reply:
        """Re-run the current extractor over this server's articles saved by an older one (moderators).

        Fixed speakers, aliases and forgotten statements are kept; statements found again keep their ids.
        """
        summary = await self.service.reextract_for(ctx.actor)
        if not summary.total:
            return Reply(title="Nothing to re-extract", kind="info",
                         description="Every saved article is already from the current extractor.")
        return Reply(title="Re-extracted", kind="warning" if summary.failures else "success",
                     description="\n".join(reextract_lines(summary)))

    @_guarded
    async def help(self, ctx: CommandContext, command: str | None = None) -> Reply:
        """Show the commands, or how to use one: !help quotes."""
        if command:
            name = command.lower().removeprefix(self.prefix)
            if name not in COMMANDS:
                guess = suggest(name, list(COMMANDS))
                hint = f"did you mean {self.prefix}{guess}?" if guess else f"type {self.prefix}help"
                raise UsageError(f"there is no {self.prefix}{_short(name, 40)} command; {hint}")
            return Reply(title=self.usage(name), description=self.command_help(name))
        rows = tuple(Row(title=self.usage(n), body=self.command_help(n).split("\n", 1)[0]) for n in COMMANDS)
        return Reply(title="Commands", rows=rows,
                     footer=f"Ids: S12 is a statement, A3 an article. {self.prefix}help <command> for more. "
                            "Only the person who added a statement's first article, or a moderator, can fix or "
                            "forget it; only moderators can alias. "
                            "Lists show quotes (speech); add kind:all for beliefs and findings too.")

    def command_help(self, name: str) -> str:
        """Return a command's help text: its method's docstring, with this deployment's prefix."""
        doc = getattr(self, COMMANDS[name].method).__doc__ or ""
        lines = [line.strip() for line in doc.strip().splitlines()]
        return "\n".join(lines).replace("!", self.prefix) if self.prefix != "!" else "\n".join(lines)


def past_end(page: Page[Any]) -> None:
    """Refuse a page past the last one, saying which page is the last (an empty listing is no error)."""
    if page.items or page.page <= 1 or not page.total:
        return
    last = page.pages
    raise PageNotFound(f"page {page.page:,} is past the end: the last page is page:{last:,}"
                       + (f" ({page.total:,} or more in all)" if page.capped else ""))


def _kind_title(kind: KindChoice) -> str:
    """Return what a title adds for a kind filter other than the default."""
    if kind == DEFAULT_KIND:
        return ""
    return " (every kind)" if kind == "all" else f" ({KIND_NOUNS[kind][1]})"


def reextract_lines(summary: ReextractSummary) -> list[str]:
    """Say what a re-extraction changed, in a few lines."""
    lines = [f"{summary.reextracted} article(s) re-extracted"
             + (f", {summary.skipped} already current" if summary.skipped else "")
             + (f", {len(summary.failures)} failed" if summary.failures else "") + ".",
             f"Statements: {summary.kept} kept (same ids), {summary.added} added, {summary.removed} removed"
             + (f"; {summary.linked} found here were already saved from another article" if summary.linked
                else "")
             + (f"; {summary.detached} no longer found here but kept for their other articles"
                if summary.detached else "") + "."]
    if summary.speakers_changed:
        lines.append(f"{summary.speakers_changed} kept statement(s) now have another speaker.")
    lines.append(f"Corrections kept: {summary.fixes_kept} fixed speaker(s), {summary.forgotten_kept} "
                 "forgotten statement(s) stayed forgotten.")
    lines.extend(f"Failed: {where}: {why}" for where, why in summary.failures[:5])
    return lines


_DATE_ORIGINS = {
    "request": "given with the command",
    "date line": "from the date line",
    "page metadata": "from the page's metadata",
    "article head": "from the dateline at the top of the article",
    "posted": "from the time the message was posted",
}


def _date_origin(source: str | None) -> str:
    """Say where an article date came from, in words."""
    return _DATE_ORIGINS.get(source or "", f"from the {source}")
