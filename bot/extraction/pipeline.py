"""The extraction use case: text (+ optional date) in, :class:`Extraction` out. Pure: spaCy + stdlib."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.extraction.attribution import find_statements
from bot.extraction.config import ExtractionConfig
from bot.extraction.dating import date_statements, dateline_day, find_date_line, head_date, parse_iso_date
from bot.extraction.junk import drop_junk
from bot.extraction.kinds import classify_kinds
from bot.extraction.model import DateSource, Extraction
from bot.extraction.parsing import parse
from bot.extraction.runs import cap_runs
from bot.extraction.textcheck import check_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text ready for parsing: same length as the original (offsets stay valid), header and over-long runs
    blanked out."""

    original: str
    parse_text: str
    reference: date | None
    date_source: DateSource | None


def prepare(text: str, *, article_date: str | None = None, page_date: str | None = None,
            posted_date: str | None = None, max_chars: int = 200_000) -> Prepared:
    """Check the input and find the reference date; raise :class:`InputError` subclasses on bad input."""
    check_text(text, max_chars)
    line_date, span = find_date_line(text)
    parse_text = text
    if span is not None:
        # Blank the header with spaces rather than cutting it, so offsets into the parse text are original offsets.
        parse_text = " " * (span[1] - span[0]) + text[span[1]:]
    # Pathological runs ("""""..., 100,000 characters without a space) would pin a worker for minutes.
    parse_text = cap_runs(parse_text)
    reference: date | None = None
    source: DateSource | None = None
    if article_date:
        reference, source = parse_iso_date(article_date, "the article date"), "request"
    elif line_date is not None:
        reference, source = line_date, "date line"
    elif page_date:
        reference, source = parse_iso_date(page_date[:10], "the page date"), "page metadata"
    elif (head := head_date(parse_text)) is not None:
        # A pasted article's own dateline or "Published ..." line: closer to the words than the posting time.
        reference, source = head, "article head"
    elif posted_date:
        reference, source = parse_iso_date(posted_date[:10], "the posting date"), "posted"
        if (day := dateline_day(parse_text, reference)) is not None:
            reference, source = day, "article head"  # "WASHINGTON, Dec 1 (Reuters) -": the year from the posting
    return Prepared(text, parse_text, reference, source)


def extract_from_doc(prepared: Prepared, doc: Doc, config: ExtractionConfig | None = None) -> Extraction:
    """Run the rules on a parsed doc of ``prepared.parse_text`` (``config``: every tunable; the shipped ones)."""
    cfg = config or ExtractionConfig.default()
    statements = find_statements(doc, prepared.original, cfg.attribution, cfg.speakers)
    statements = classify_kinds(doc, drop_junk(prepared.original, statements))
    statements = date_statements(doc, statements, prepared.reference, config=cfg.dating)
    warnings: list[str] = []
    if prepared.reference is None and statements:
        warnings.append("no article date was found (no date given, no 'date YYYY-MM-DD' line, no page date, no "
                        "dateline or 'Published ...' line in the article's head), "
                        "so statements without a date of their own stay undated")
    return Extraction(
        text=prepared.original,
        statements=tuple(statements),
        article_date=prepared.reference.isoformat() if prepared.reference else None,
        date_source=prepared.date_source,
        warnings=tuple(warnings),
    )


def extract(text: str, *, nlp: Language, article_date: str | None = None, page_date: str | None = None,
            posted_date: str | None = None, max_chars: int = 200_000,
            config: ExtractionConfig | None = None) -> Extraction:
    """Extract every attributed statement of one article (``config``: every tunable; the shipped ones)."""
    prepared = prepare(text, article_date=article_date, page_date=page_date, posted_date=posted_date,
                       max_chars=max_chars)
    # The one parsing path: paragraph by paragraph, long ones in segments, as in the workers.
    return extract_from_doc(prepared, next(parse(nlp, [prepared.parse_text])), config)
