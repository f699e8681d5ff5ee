"""What each statement reports: speech (said, wrote), thought (believes, wants) or evidence (polls show).

A pure pass over finished statements. The kind is read from the cue and its construction, following the
attribution types of PARC/PolNeAR (Pareti 2016, "assertion" vs "belief"/"fact"/"perception"; Newell et al.
2018): the cue's lemma and part of speech, the source it reports (a poll or a document vs a person), and the
frame around it ("appears to", "according to a poll", "is set to", "let's say"). Quoted words take the kind of
a cue in their sentence. The word tables are in ``data/kinds.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, cues
from bot.extraction.model import Statement, StatementKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Complements that make "seem"/"appear"/"look"/"sound" a perception ("appears to lead", "looks like a win"),
# as opposed to a public act ("appeared on CNN", "sounded the alarm").
PERCEPTION_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})
PERCEPTION_PREPS = frozenset({"like", "as"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# "according to" is a two-token cue, headed by "according" (lemma "accord").
ACCORDING_LEMMA = "accord"
# "let them know that ..." informs (speech); "let's say ..." supposes (thought), where "let me say" is the
# speaker's own saying. The parser makes the inner verb a complement of "let", with "'s" (lemma "us") its subject.
LET_LEMMA = "let"
LET_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
INFORMING_LET = "know"
SUPPOSING_LET = "say"
SUPPOSING_SUBJECT = "us"


@dataclass(frozen=True, slots=True)
class KindLexicon:
    """Word tables that decide a statement's kind (see ``data/kinds.json``)."""

    thought: frozenset[str]
    evidence: frozenset[str]
    perception_frames: frozenset[str]
    source_dependent: frozenset[str]
    evidence_sources: frozenset[str]
    documents: frozenset[str]
    thought_nouns: frozenset[str]
    evidence_nouns: frozenset[str]
    thought_adjectives: frozenset[str]
    impersonal_speech: frozenset[str]
    intention_frames: frozenset[str]
    kicker_labels: frozenset[str]
    junk_labels: tuple[str, ...]


@lru_cache(maxsize=1)
def kind_lexicon() -> KindLexicon:
    """Return the kind tables, loaded once."""
    raw = resources.files("bot.extraction").joinpath("data", "kinds.json").read_text("utf-8")
    d = json.loads(raw)
    sets = {f.name: frozenset(d[f.name]) for f in fields(KindLexicon) if f.name != "junk_labels"}
    # Longest label first, so "related links" wins over "related".
    labels = tuple(sorted(d["junk_labels"], key=len, reverse=True))
    return KindLexicon(junk_labels=labels, **sets)


def _span(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None or end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def cue_token(doc: Doc, statement: Statement) -> Token | None:
    """Return the head word of the statement's cue (the verb, the noun, "according"), or None without a cue."""
    span = _span(doc, statement.cue_start, statement.cue_end)
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    if words[0].lemma_.lower() == ACCORDING_LEMMA:
        return words[0]
    # The word whose head lies outside the cue span is its head ("pointed out" -> "pointed").
    heads = [t for t in words if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    return (heads or words)[0]


def source_head(doc: Doc, statement: Statement, cue: Token | None) -> Token | None:
    """Return the head noun of what the statement reports from: the speaker mention, else the cue's subject."""
    span = _span(doc, statement.speaker_start, statement.speaker_end)
    if span is not None:
        return span.root
    if cue is None:
        return None
    return next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)


def _noun_forms(tok: Token) -> set[str]:
    # A capitalised plural opening a sentence ("Records indicate") is tagged a proper noun and not lemmatised.
    lower = tok.lower_
    return {tok.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower}


def _is_evidence_source(tok: Token | None, lex: KindLexicon) -> bool:
    return tok is not None and tok.pos_ in NOMINAL_POS and bool(_noun_forms(tok) & lex.evidence_sources)


def _is_document(tok: Token | None, lex: KindLexicon) -> bool:
    return tok is not None and tok.pos_ in NOMINAL_POS and bool(_noun_forms(tok) & lex.documents)


def _perception_kind(cue: Token, source: Token | None, lex: KindLexicon) -> StatementKind:
    """Return the kind of "seem"/"appear"/"look"/"sound": the reported verb's when it is hedged, else evidence."""
    for child in cue.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            # "appeared to suggest", "seemed to think": the hedge reports the inner verb's statement.
            inner = child.lemma_.lower()
            if inner in cues().speech or inner in lex.thought:
                return _verb_kind(child, source, lex)
            return "evidence"
        if child.dep_ in PERCEPTION_COMPLEMENT_DEPS or (child.dep_ == "prep" and child.lower_ in PERCEPTION_PREPS):
            return "evidence"
    # No complement: a public act ("appeared on CNN", "sounded the alarm").
    return "speech"


def _is_impersonal(cue: Token) -> bool:
    """Say whether the cue's subject is an empty "it" ("it is known that", "it became known that")."""
    holders = [cue, cue.head] if cue.dep_ == "acomp" else [cue]
    return any(c.dep_ in SUBJECT_DEPS | {"expl"} and c.lower_ == "it" for h in holders for c in h.children)


def _is_intended(cue: Token, lex: KindLexicon) -> bool:
    """Say whether the cue's act is only wanted, planned or expected ("set to veto", "determined to warn")."""
    return cue.dep_ == "xcomp" and cue.head is not cue and cue.head.lemma_.lower() in lex.intention_frames


def _let_kind(cue: Token) -> StatementKind | None:
    """Return the kind a "let" frame gives its complement ("let them know that", "let's say"), or None."""
    if cue.head is cue or cue.head.lemma_.lower() != LET_LEMMA or cue.dep_ not in LET_COMPLEMENT_DEPS:
        return None
    lemma = cue.lemma_.lower()
    if lemma == INFORMING_LET:
        return "speech"
    if lemma == SUPPOSING_LET and any(c.dep_ in SUBJECT_DEPS and c.lemma_.lower() == SUPPOSING_SUBJECT
                                      for c in cue.children):
        return "thought"
    return None


def _verb_kind(cue: Token, source: Token | None, lex: KindLexicon) -> StatementKind:
    lemma = cue.lemma_.lower()
    let_kind = _let_kind(cue)
    if let_kind is not None:
        return let_kind
    if _is_intended(cue, lex):
        # An announcement someone plans or is set to make has not been made: what they want is a thought.
        return "thought"
    if lemma in lex.impersonal_speech and _is_impersonal(cue):
        # No thinker, only information made public: reported, as "it was announced that" is.
        return "speech"
    if lemma in lex.thought:
        return "thought"
    if lemma in lex.evidence:
        return "evidence"
    if lemma in lex.perception_frames:
        return _perception_kind(cue, source, lex)
    if lemma in lex.source_dependent and (_is_evidence_source(source, lex) or _is_document(source, lex)):
        return "evidence"
    return "speech"


def cue_kind(cue: Token, source: Token | None, lex: KindLexicon) -> StatementKind:
    """Return the kind a cue gives its statement, given the head of its source."""
    lemma = cue.lemma_.lower()
    if lemma == ACCORDING_LEMMA:
        # Issue 12 counts "according to" as speech whatever it governs ("according to the poll" included).
        return "speech"
    if cue.pos_ in NOMINAL_POS:
        if lemma in lex.evidence_nouns:
            return "evidence"
        if lemma in lex.thought_nouns:
            return "thought"
    elif cue.pos_ == "ADJ":
        return "thought" if lemma in lex.thought_adjectives else "speech"
    # Other nouns fall through: the tagger sometimes reads a verb cue as a noun ("documents show").
    return _verb_kind(cue, source, lex)


def statement_kind(doc: Doc, statement: Statement, lex: KindLexicon) -> StatementKind:
    """Return the kind of one statement."""
    cue = cue_token(doc, statement)
    if cue is None:
        # A label ("Poll: ...", "PENCE: ...") or a dash credit reports words, as "according to" does.
        return "speech"
    if statement.type == "direct" and not _frames_quote(doc, statement, cue):
        # Quoted words carried over from an earlier sentence's cue are someone's words, whatever that cue was.
        return "speech"
    return cue_kind(cue, source_head(doc, statement, cue), lex)


def _frames_quote(doc: Doc, statement: Statement, cue: Token) -> bool:
    """Say whether the cue's sentence holds the quotation ("Pew found that “...”", "“...,” the report concluded"),
    so the cue decides its kind; a quotation linked to the cue of the sentence before does not."""
    if not doc.has_annotation("SENT_START"):
        return True  # (no sentence boundaries to tell them apart)
    sent = cue.sent
    return sent.start_char <= statement.start < sent.end_char or sent.start_char < statement.end <= sent.end_char


def classify_kinds(doc: Doc, statements: list[Statement], lex: KindLexicon | None = None) -> list[Statement]:
    """Return the statements, each with its kind (speech | thought | evidence)."""
    lex = lex or kind_lexicon()
    out: list[Statement] = []
    for statement in statements:
        kind = statement_kind(doc, statement, lex)
        out.append(statement if kind == statement.kind else replace(statement, kind=kind))
    return out


__all__ = ["KindLexicon", "classify_kinds", "cue_kind", "cue_token", "kind_lexicon", "source_head",
           "statement_kind"]
