"""Parenthetical cues: "A, Mr. Obama said, B." and "A, the source added."

A cue clause set off by commas inside or at the end of a sentence reports the material around it, whatever the
parser attached it to (PARC convention: the content interrupted by its cue is two spans with one source). The
pass returns the cue tokens it handled, so the reporting-verb pass does not read them a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import Candidate, make, word_count
from bot.extraction.attribution.predicates import COMPLEMENT_DEPS, DATELINE_ENTS, is_said_dependent
from bot.extraction.lexicon import PARTICIPLE_TAGS, SUBJECT_DEPS, VERB_POS, framed_lemmas, frames

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# A cue with one of these after it (not an addressee, not a pronoun) governs its own content: not parenthetical.
# The subject of a reported clause that an inverted source right after its cue may have been parsed as.
_CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# A cue clause the parser made interrupt or join the clause around it, whose source it hung on the words before
# (``_stray_source``): the source is a run of these, at most this many tokens before the cue.
_STRAY_CUE_DEPS = frozenset({"parataxis", "conj"})
_NOMINAL_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "CCONJ", "PART"})
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON"})
_STRAY_SOURCE_WINDOW = 10

# A closing quotation mark that may stand between the comma and the source ('"Only you," she said, ...').
_CLOSING_QUOTES = frozenset({"\u201d", '"', "''", "'", "\u2019"})

# What closes a parenthetical cue clause at the end of its sentence.
CLAUSE_FINAL_PUNCT = frozenset({".", "!", "?", ";"})


@dataclass(frozen=True, slots=True)
class ParentheticalResult:
    """The parenthetical candidates and the token indices of the cues that produced them."""

    candidates: tuple[Candidate, ...]
    handled_cues: frozenset[int]


def _is_cue(ctx: Context, tok: Token, cfg: AttributionConfig) -> bool:
    """A speech verb of the lexicon, or a verb whose learned "ccomp" frame is precise enough (and no worse)."""
    if tok.pos_ not in VERB_POS or ctx.inside_quote(tok):
        return False
    lemma = tok.lemma_.lower()
    if lemma in ctx.lex.question:
        return False
    learned = frames(cfg.frame_min_support)
    if not (lemma in ctx.lex.speech or learned.get((lemma, "ccomp"), 0.0) >= cfg.frame_min_precision):
        return False
    return not ((lemma, "ccomp") in learned and learned[(lemma, "ccomp")] < cfg.frame_min_precision)


def clause_end(ctx: Context, cue: Token, sent: Span, cfg: AttributionConfig) -> int | None:
    """Index of the comma (or final punctuation) that closes a parenthetical cue clause, if it is one."""
    doc = ctx.doc
    i = cue.i + 1
    limit = min(sent.end, cue.i + cfg.clause_end_window)
    while i < limit:
        t = doc[i]
        if t.text == ",":
            return i
        if t.is_punct and t.text in CLAUSE_FINAL_PUNCT:
            return i if all(x.is_punct or x.is_space for x in doc[i:sent.end]) else None
        if t.head.i != cue.i and cue.i not in {a.i for a in t.ancestors}:
            return None
        i += 1
    return None


def _opening_comma(ctx: Context, cue: Token, left: int, sent_start: int) -> int | None:
    """The index after the comma that opens a cue clause starting at ``left``, or None when no comma opens it.

    A closing quotation mark may stand between ('"Only you, Dinesh," she said, would use ...') when the parser
    made the cue interrupt the clause after it; without that, or when that clause is a participle, the words
    after the cue are how they were said ('"...," he said, adding ...', '..., not even needing to mention ...')."""
    doc = ctx.doc
    if left - 1 > sent_start and doc[left - 1].text in _CLOSING_QUOTES:
        if not (cue.dep_ == "parataxis" and cue.head.i > cue.i and cue.head.tag_ not in PARTICIPLE_TAGS):
            return None
        left -= 1
    return left if left > sent_start and doc[left - 1].text == "," else None


def _own_subject(tok: Token) -> Token | None:
    """The subject of a cue nearest to it, where the parser gave it two: '..., if bogus, ideas and theories to
    organize ..., she said' is reported by "she", 'The rejection of the treaty signals ..., said Geert Wilders'
    by Wilders."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return min(subjects, key=lambda c: tok.i - c.right_edge.i if c.i < tok.i else c.left_edge.i - tok.i,
               default=None)


def _has_own_content(tok: Token) -> bool:
    """Tell whether a cue has a content of its own after it (not an addressee, not a pronoun).

    'Nor does she have plans, aides say, to change course': what follows the closing comma of a cue clause the
    parser made interrupt the clause before it goes on with that clause, whatever the parser hung it on."""
    doc = tok.doc
    closed = (tok.dep_ == "parataxis" and tok.head.i < tok.i and tok.i + 1 < len(doc)
              and doc[tok.i + 1].text == ",")
    return any(c.dep_ in COMPLEMENT_DEPS and c.i > tok.i and is_said_dependent(tok, c)
               and not (closed and c.left_edge.i > tok.i + 1) for c in tok.children)


def _spans(ctx: Context, tok: Token, cfg: AttributionConfig) -> tuple[Token, list[tuple[int, int]]] | None:
    """The source, and the material before the cue clause and after its closing comma (None when it is not
    parenthetical)."""
    subj = _own_subject(tok)
    if tok.tag_ == "VBG" and tok.head.i < tok.i and tok.head.lemma_.lower() in ctx.lex.speech:
        return None  # "..., said Robin Maynard, half joking": how the words were said, no cue of its own
    if subj is None or _has_own_content(tok):
        return None
    sent = ctx.sentence_of(tok)
    left = _opening_comma(ctx, tok, min(subj.left_edge.i, tok.i), sent.start)
    if left is None:
        return None
    right = clause_end(ctx, tok, sent, cfg)
    if right is None:
        return None
    spans = []
    before = (sent.start_char, ctx.doc[left - 1].idx)
    if word_count(ctx.text[before[0]:before[1]]) >= 1:
        spans.append(before)
    sources = {t.i for c in tok.children if c.dep_ == "nsubj" for t in c.subtree}
    if ctx.doc[right].text == "," and right + 1 < len(ctx.doc) and ctx.doc[right + 1].head.i not in sources:
        # (not '..., said Jeffrey Trimble, a senior official ...': the source's own appositive, whichever of the
        # parser's subjects it hangs on: '"... it will, sooner rather than later," said James Acton, a physicist')
        spans.append((ctx.doc[right].idx + 1, sent.end_char))
    return subj, spans


def _inverted(ctx: Context, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """'The contrast with Trump, said Doyle and others, would be clear': an inverted cue clause set off by commas
    that the parser read as "said" governing a clause whose subject is the source; returns the source and the
    material around the clause (not 'Corey Lewandowski, his former manager, said the staff ...', whose comma
    closes the subject's own appositive)."""
    doc = ctx.doc
    sent = ctx.sentence_of(tok)
    if tok.i - 1 <= sent.start or doc[tok.i - 1].text != "," or any(
            c.dep_ in _CLAUSE_SUBJECT_DEPS and (c.i > tok.i or any(t.dep_ == "appos" for t in c.subtree))
            for c in tok.children):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    source = None if clause is None else next(
        (c for c in clause.children if c.dep_ in _CLAUSE_SUBJECT_DEPS and c.left_edge.i == tok.i + 1), None)
    if source is None:
        return None
    right = source.right_edge.i if doc[source.right_edge.i].text == "," else source.right_edge.i + 1
    if right + 1 >= sent.end or doc[right].text != ",":
        return None
    return source, [(sent.start_char, doc[tok.i - 1].idx), (doc[right].idx + 1, sent.end_char)]


def _subject_appositive(tok: Token, root: Token, end: int) -> bool:
    """'Or maybe Jeb Bush, digital consultant Phil Musser says.': the source the parser made an appositive of the
    cue's subject, right before the cue (not 'Mr. Smith, the mayor, said.', whose appositive is closed)."""
    return (end == tok.i and root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS
            and root.head.head.i == tok.i)


def _stray_source(ctx: Context, tok: Token, cfg: AttributionConfig) -> tuple[Token, list[tuple[int, int]]] | None:
    """'The source of the attraction, union members say, is ...', 'To understand Dred Scott, Chief Justice Roberts
    said, one should ...': a cue clause between commas that the parser made interrupt (or join) the clause around
    it, its source hung on the words before it (a conjunct, an appositive, an object); returns the source and the
    material around the clause (never a place: '..., Cambridge, Mass., said by telephone')."""
    doc = ctx.doc
    sent = ctx.sentence_of(tok)
    end = tok.i - 1 if doc[tok.i - 1].text == "," else tok.i
    start = None
    for i in range(end - 1, max(sent.start, tok.i - _STRAY_SOURCE_WINDOW), -1):
        if doc[i].text == ",":
            start = i + 1
        elif doc[i].pos_ not in _NOMINAL_POS:
            break
    if start is None or start <= sent.start + 1 or start >= end:
        return None
    roots = [t for t in doc[start:end] if not start <= t.head.i < end and t.text != ","]
    if len(roots) != 1 or not (tok.dep_ in _STRAY_CUE_DEPS or _subject_appositive(tok, roots[0], end)):
        return None
    if roots[0].pos_ not in _SOURCE_POS or roots[0].ent_type_ in DATELINE_ENTS or any(
            c.dep_ in SUBJECT_DEPS and c.i >= start for c in tok.children) or roots[0].head.i == tok.i \
            or _has_own_content(tok):
        return None
    right = clause_end(ctx, tok, sent, cfg)
    if right is None:
        return None
    spans = [(sent.start_char, doc[start - 1].idx)]
    if doc[right].text == ",":
        spans.append((doc[right].idx + 1, sent.end_char))
    return roots[0], spans


def find(ctx: Context, cfg: AttributionConfig) -> ParentheticalResult:
    """Return the parenthetical candidates of an article and the cues they used."""
    out: list[Candidate] = []
    handled: set[int] = set()
    framed = framed_lemmas(cfg.frame_min_support, cfg.frame_min_precision, "ccomp")
    for tok in ctx.tokens_with_lemma(ctx.lex.speech | framed):  # (the only tokens ``_is_cue`` accepts)
        if not _is_cue(ctx, tok, cfg):
            continue
        found = _spans(ctx, tok, cfg)
        if found is None and tok.lemma_.lower() in ctx.lex.speech:
            # (the misparses of a cue clause, read for speech verbs only)
            found = _inverted(ctx, tok) or _stray_source(ctx, tok, cfg)
        if found is None:
            continue
        subj, spans = found
        cue, mention = ctx.cue_span(tok), ctx.mention_range(subj, cfg)
        for start, end in spans:
            cand = make(ctx, cfg, start, end, cue, mention, "paren", min_words=1, cue_token=tok, rel="paren")
            if cand is not None:
                out.append(cand)
        handled.add(tok.i)
    return ParentheticalResult(tuple(out), frozenset(handled))
