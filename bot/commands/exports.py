"""Export files: CSV with a header row, and JSON in the extract format plus ids and sources."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from bot.service import StatementRecord

CSV_COLUMNS: tuple[str, ...] = (
    "id", "speaker", "quote", "type", "kind", "date", "date_text", "date_basis", "speaker_mention", "speaker_role",
    "cue", "article", "article_url", "article_title", "start", "end", "sources", "extractor_version",
    "date_precision",
)


def statement_json(st: StatementRecord) -> dict[str, Any]:
    """Return one statement in the extract JSON shape, plus its id, article and sources."""
    return {
        "id": st.ref,
        "type": st.type,
        "kind": st.kind,
        "quote": st.quote,
        "start": st.start,
        "end": st.end,
        "speaker": st.speaker,
        "speaker_mention": st.speaker_mention,
        "speaker_role": st.speaker_role,
        "cue": st.cue,
        "date": st.date,
        "date_text": st.date_text,
        "date_basis": st.date_basis,
        "date_precision": st.date_precision,
        "article": st.article_ref,
        "extractor_version": st.extractor_version,
        "sources": [{"article": s.ref, "url": s.url, "title": s.title, "start": s.start, "end": s.end}
                    for s in st.sources],
    }


def to_json(statements: tuple[StatementRecord, ...], speaker: str | None) -> bytes:
    """Return the export as a UTF-8 JSON document."""
    doc = {"speaker": speaker, "count": len(statements), "quotes": [statement_json(s) for s in statements]}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def to_csv(statements: tuple[StatementRecord, ...]) -> bytes:
    """Return the export as UTF-8 CSV with a header row (spreadsheet-safe: formula prefixes are quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for st in statements:
        sources = " ".join(s.ref for s in st.sources)
        writer.writerow([_cell(v) for v in (
            st.ref, st.speaker or "", st.quote, st.type, st.kind, st.date or "", st.date_text or "",
            st.date_basis or "", st.speaker_mention or "", st.speaker_role or "", st.cue or "",
            st.article_ref, st.article_url or "", st.article_title or "", st.start, st.end, sources,
            st.extractor_version, st.date_precision or "",
        )])
    return out.getvalue().encode("utf-8")


def _cell(value: object) -> object:
    # A cell starting with = + - @ runs as a formula in spreadsheets (CSV injection); prefix it with '.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
