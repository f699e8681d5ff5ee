"""Reporting verbs (and learned cue frames) with their content: the core PARC attribution relation.

A CUE word of the lexicon (speech, belief and report-object verbs) or a (lemma, relation) frame learned from
PolNeAR train with enough precision (``frames.json``, Newell et al. 2018 data) governs a CONTENT (a clausal
complement, a reported object, a prepositional object, or its own head in "..., sources said") and has a SOURCE
(its subject, a passive agent). The cue tokens the parenthetical pass has handled are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.attribution.audience import is_audience
from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.attribution.complements import (
    Content,
    ccomp_span,
    is_finite,
    is_fronted_condition,
    is_trailing_conj_cue,
    join_split_complements,
    stranded_complement,
)
from bot.extraction.attribution.objects import (
    appeal_content,
    asked_question,
    has_active_subject,
    naming_content,
    object_content,
    passive_content,
    passive_reason,
    spoken_topic,
)
from bot.extraction.attribution.predicates import (
    in_question_clause,
    is_as_parenthetical,
    is_impersonal_passive,
    is_misparsed_complement,
    is_question_complement,
    past_dateline,
    subject_of,
)
from bot.extraction.lexicon import PREP_OBJECT_DEPS, SUBJECT_DEPS, VERB_POS, framed_lemmas, frames

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
# Dependencies of a cue whose missing subject is implicit ("..., and added that ...").
_IMPLICIT_SUBJECT_DEPS = frozenset({"ROOT", "conj", "ccomp", "dep"})
_SPEAKER_PRONOUNS = frozenset({"i", "me", "we", "you"})
# Nominal relations of a content, which may then be a single word ("endorsed Clinton", "Sanders was endorsed by
# ..."; ``object_min_words``): on all 840 PolNeAR train articles 963 one-word candidates, 287 of them gold, left to
# the filter, which sees their class (held-out F1 0.7157 -> 0.7170 with the passive subjects and the rest).
_OBJECT_RELS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "pobj", "npadvmod", "appos", "nsubj"})
@dataclass(frozen=True, slots=True)
class _Cue:
    """A cue token and what licenses it: the lexicon, or learned frames over its children or its head."""

    tok: Token
    lemma: str
    is_speech: bool
    is_belief: bool
    child_frames: tuple[Token, ...]
    prep_frames: tuple[Token, ...]
    head_frame: bool
    dobj_learned: bool
    as_clause: bool = False  # "As X said, ...": reports its head (see ``is_as_parenthetical``)
    stranded: Token | None = None  # its "that" clause hung on a noun of its setting (``stranded_complement``)
    trailing: bool = False  # "A, X told a panel.": reports its head (see ``is_trailing_conj_cue``)


def _cue(ctx: Context, cfg: AttributionConfig, tok: Token, learned: Mapping[tuple[str, str], float],
         framed: frozenset[str]) -> _Cue | None:
    """Return the cue a token makes, or None. A learned frame decides where the corpus has seen it; the lexicon
    covers verbs it has not seen."""
    lemma, threshold = tok.lemma_.lower(), cfg.generation_threshold
    if tok.pos_ not in CUE_POS or (lemma in ctx.lex.question and lemma not in cfg.doubt_cues
                                   and not (lemma in cfg.asking_cues
                                            and has_active_subject(tok, cfg.conjoined_askers))):
        return None
    is_verb = tok.pos_ in VERB_POS
    is_speech = is_verb and lemma in ctx.lex.reporting
    is_belief = is_verb and lemma in ctx.lex.belief
    if not (is_speech or is_belief or lemma in framed):
        return None  # no lexicon entry and no learned frame: not a cue, whatever its children
    child_frames = tuple(c for c in tok.children if learned.get((lemma, c.dep_), 0.0) >= threshold
                         or (c.dep_ == "advcl" and lemma in ctx.lex.speech and is_misparsed_complement(tok, c)))
    prep_frames = tuple(c for c in tok.children if c.dep_ == "prep"
                        and learned.get((lemma, "prep:" + c.lower_), 0.0) >= threshold)
    if (lemma, "ccomp") in learned:
        is_speech = is_belief = False
    # (Always true: spaCy makes a new Token per access. Kept as is because scripts/train_frames.py counts "^ROOT"
    # frames the same way; changing one without the other would change outputs unmeasured.)
    head_frame = tok.head is not tok and learned.get((lemma, "^" + tok.dep_), 0.0) >= threshold
    trailing_as = cfg.trailing_as_excluded if cfg.trailing_as_clauses else None
    as_clause = lemma in ctx.lex.speech and is_as_parenthetical(tok, cfg.as_clause_excluded, cfg.as_passive_clauses,
                                                                trailing_as)
    stranded = stranded_complement(ctx, tok) if cfg.stranded_complements and lemma in ctx.lex.speech else None
    trailing = cfg.trailing_conj_cues and lemma in ctx.lex.speech and is_trailing_conj_cue(tok)
    # (An appeal or naming cue reads its own construction, whatever its learned frames: "called for X to ...".)
    if not (is_speech or is_belief or child_frames or prep_frames or head_frame or as_clause or stranded
            or trailing or lemma in cfg.call_cues):
        return None
    return _Cue(tok, lemma, is_speech, is_belief, child_frames, prep_frames, head_frame,
                (lemma, "dobj") in learned, as_clause, stranded, trailing)


def _child_content(ctx: Context, cfg: AttributionConfig, cue: _Cue, child: Token,
                   subj: Token | None) -> tuple[list[Content], int | None]:
    """The contents one child of the cue carries, and the token that heads them (never the source)."""
    rel = child.dep_
    framed = child in cue.child_frames
    if rel == "ccomp" and (cue.is_speech or cue.is_belief or framed):
        if cue.lemma not in cfg.doubt_cues and (is_question_complement(child) or (
                child.lemma_.lower() in ctx.lex.question and not is_finite(child))):
            return [], None  # (the question asked, not an answer; but "questioned whether ..." doubts it)
        return [(*ccomp_span(ctx, cfg, cue.tok, child), rel)], child.i
    if rel == "advcl" and framed and cue.lemma in ctx.lex.speech and is_misparsed_complement(cue.tok, child):
        # (a frame of its own in ``_cue``: the parser's adverbial clause is the reported clause)
        return [(*ctx.subtree_chars(child), "ccomp")], child.i
    if cfg.fronted_conditions and cue.lemma in ctx.lex.speech and is_fronted_condition(cue.tok, child, subj):
        return [(*ctx.subtree_chars(child), "ccomp")], child.i
    if rel == "dobj" and is_audience(cue.lemma, child):
        return [], None  # ("addressed the crowd": where the words went)
    if rel == "dobj" and (cue.is_speech or framed) and (not cue.dobj_learned or framed):
        spans = object_content(ctx, cue.tok, child, cue.lemma, learned=framed,
                               min_words=cfg.object_min_words if framed else 2,
                               over_adjuncts=cfg.objects_over_adjuncts)
        return [(a, b, rel) for a, b in spans], child.i
    if framed:
        if subj is not None and child.i == subj.i:
            return [], None
        span = ctx.subtree_chars(child)  # (a framed "dobj" took the branch above)
        if span[0] == child.idx and child.pos_ == "PRON" and not ctx.inside_quote(child):
            return [], None  # a bare pronoun ("cited it") says nothing on its own
        return [(*span, rel)], child.i
    if child in cue.prep_frames:
        pobj = next((g for g in child.children if g.dep_ in PREP_OBJECT_DEPS), None)
        if pobj is None or (pobj.pos_ == "PRON" and not ctx.inside_quote(pobj)):
            return [], None
        return [(*ctx.subtree_chars(pobj), "prep:" + child.lower_)], pobj.i
    return [], None


def _call_content(ctx: Context, tok: Token, asking: bool) -> Content | None:
    """"called on X to ...", "asked X to ...", "called X Y", "asked X how ...": an appeal, a naming or a question
    (a question cue reports nothing else)."""
    appeal = appeal_content(ctx, tok)
    if appeal is not None:
        return (*appeal, "appeal")
    if asking:
        question = asked_question(ctx, tok)
        return (*question, "question") if question is not None else None
    naming = naming_content(ctx, tok)
    return (*naming, "naming") if naming is not None else None


def _contents(ctx: Context, cfg: AttributionConfig, cue: _Cue,
              subj: Token | None) -> tuple[list[Content], Token | None]:
    """Every content of a cue, and its source (None when the source is part of the content)."""
    tok = cue.tok
    if cue.lemma in cfg.call_cues or cue.lemma in cfg.asking_cues:
        called = _call_content(ctx, tok, asking=cue.lemma in cfg.asking_cues)
        if called is not None or cue.lemma in cfg.asking_cues:
            return ([called] if called is not None else []), subj
    contents: list[Content] = []
    heads: set[int] = set()
    for child in tok.children:
        found, head = _child_content(ctx, cfg, cue, child, subj)
        contents.extend(found)
        if head is not None:
            heads.add(head)
    contents = join_split_complements(ctx, tok, contents)
    reason = passive_reason(ctx, tok) if cue.lemma in cfg.reason_cues else None
    if reason is not None:  # (PolNeAR: "Mr. Sanders" and "for offering ..." are two contents of "was criticized")
        contents.append(reason)
    if not contents and cue.stranded is not None:
        contents.append((*ctx.subtree_chars(cue.stranded), "ccomp"))
    if not contents and cue.is_speech:
        contents.extend((a, b, "nsubjpass") for a, b in passive_content(ctx, tok))
    as_clause = not contents and cue.as_clause
    if not contents and tok.head.pos_ in VERB_POS and (
            cue.head_frame or (tok.dep_ == "parataxis" and cue.is_speech) or as_clause or cue.trailing):
        # "..., sources said", "As experts have pointed out, ...": the content is the cue's own head. (On all 840
        # PolNeAR train articles an "as" clause before its head matched the gold content 39 times against 10.)
        contents.append((*ctx.subtree_chars(tok.head, exclude=tok), "as" if as_clause else "^" + tok.dep_))
        if subj is not None and tok.head.i in {a.i for a in subj.ancestors} and not (
                cfg.as_passive_clauses and tok.i in {a.i for a in subj.ancestors}):  # (its own passive agent)
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    topic = spoken_topic(ctx, tok) if not contents and cue.is_speech and tok.pos_ == "VERB" else None
    if topic is not None:
        contents.append(topic)
    if subj is not None and subj.i in heads:
        subj = None
    return contents, subj


def _has_source(ctx: Context, cue: _Cue, subj: Token | None) -> bool:
    """A first- or second-person source inside a quotation is no source; a missing one may be implicit."""
    if subj is not None:
        return not (subj.lower_ in _SPEAKER_PRONOUNS and ctx.inside_quote(subj))
    if is_impersonal_passive(cue.tok):
        return True
    return cue.tok.dep_ in _IMPLICIT_SUBJECT_DEPS or bool(cue.child_frames) or cue.head_frame


def find(ctx: Context, cfg: AttributionConfig, handled_cues: frozenset[int]) -> list[Candidate]:
    """Return the reporting-verb candidates of an article, skipping the cue tokens already handled."""
    learned = frames(cfg.frame_min_support)
    threshold = cfg.generation_threshold
    framed = framed_lemmas(cfg.frame_min_support, threshold)
    out: list[Candidate] = []
    lex = ctx.lex
    for tok in ctx.tokens_with_lemma(lex.reporting | lex.belief | framed):
        cue = _cue(ctx, cfg, tok, learned, framed)
        if cue is None or tok.i in handled_cues or ctx.inside_quote(tok) or in_question_clause(ctx, tok, cfg):
            continue
        contents, subj = _contents(ctx, cfg, cue, past_dateline(subject_of(ctx, tok)))
        if not contents or not _has_source(ctx, cue, subj):
            continue
        span, mention = ctx.cue_span(tok), (ctx.mention_range(subj, cfg) if subj is not None else None)
        for start, end, rel in contents:
            words = cfg.object_min_words if rel in _OBJECT_RELS or rel.startswith("prep:") else 2
            cand = make(ctx, cfg, start, end, span, mention, "verb", min_words=words, cue_token=tok, rel=rel)
            if cand is not None:
                out.append(cand)
    return out
