"""The extraction core's output types: frozen dataclasses with int character offsets into the ORIGINAL text."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any, Literal

StatementType = Literal["direct", "mixed", "indirect"]
# What a statement reports: said or wrote (speech), believed or wanted (thought), or found or showed (evidence).
StatementKind = Literal["speech", "thought", "evidence"]
STATEMENT_KINDS: tuple[StatementKind, ...] = ("speech", "thought", "evidence")
DateBasis = Literal["explicit", "relative", "inherited", "article"]
# How much of ``Statement.date`` the text gives: a month-precision date is stored as the month's first day.
DatePrecision = Literal["day", "week", "month", "year", "decade"]
# Where an article's reference date came from, in order of precedence.
DateSource = Literal["request", "date line", "page metadata", "article head", "posted"]

# The rules' version: raise it by hand when a change to the rules should read as a new release.
RULES_VERSION = 2


def _digest() -> str:
    """Return a short hash of the extraction core: its code and its shipped data (lexicons, frames, weights)."""
    digest = hashlib.sha256()
    root = resources.files("bot.extraction")

    def walk(node: Any, prefix: str) -> None:
        for entry in sorted(node.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                walk(entry, prefix + entry.name + "/")
            elif entry.name.endswith((".py", ".json")):
                digest.update((prefix + entry.name).encode() + b"\0" + entry.read_bytes() + b"\0")

    walk(root, "")
    return digest.hexdigest()[:10]


# What produced a saved statement: "<rules version>.<hash of the core's code and data>", so that any change to
# the rules or their data gives a new version. ``python -m bot reextract`` re-runs saved articles of other versions.
EXTRACTOR_VERSION = f"{RULES_VERSION}.{_digest()}"


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement: who said what, where in the text, with which cue, and when.

    ``text[start:end] == quote``. ``speaker`` is the fullest name of the resolved person or organisation
    (None when unattributed); ``speaker_mention`` is the literal source span ("he", "a Pentagon spokesman")
    at ``speaker_start:speaker_end``; ``cue`` is at ``cue_start:cue_end``.
    """

    type: StatementType
    quote: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    speaker_role: str | None
    cue: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    date: str | None = None
    date_text: str | None = None
    date_basis: DateBasis | None = None
    kind: StatementKind = "speech"
    date_precision: DatePrecision | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the public JSON shape of ``python -m bot extract --jsonl`` (plus date provenance)."""
        data = asdict(self)
        for key in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
            data.pop(key)
        return data


@dataclass(frozen=True, slots=True)
class Extraction:
    """The result of extracting one article."""

    text: str
    statements: tuple[Statement, ...]
    article_date: str | None = None
    date_source: DateSource | None = None
    warnings: tuple[str, ...] = field(default=())
    extractor_version: str = EXTRACTOR_VERSION

    def to_json(self) -> dict[str, Any]:
        """Return the document-level JSON shape (without the text)."""
        return {
            "article_date": self.article_date,
            "date_source": self.date_source,
            "warnings": list(self.warnings),
            "extractor_version": self.extractor_version,
            "quotes": [s.to_json() for s in self.statements],
        }
