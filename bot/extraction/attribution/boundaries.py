"""Where a content span ends: before a trailing aside set off by a comma or a dash, before a second cue of the same
source or a second source's clause, and after a phrase the parser hung on the cue that completes the content; and
where a quotation introduced by a lead-in of the writer's starts.

PolNeAR's annotators leave non-restrictive relative clauses, appositives and participial adjuncts out of the
reported content, keep finite adverbial clauses and lists in it, and report "said A and warned that B" as two
statements; these functions cut a syntactic content span accordingly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from bot.extraction.attribution.clauses import is_inner_conjunct
from bot.extraction.attribution.predicates import is_coordinated_cue
from bot.extraction.lexicon import ACTIVE_SUBJECT_DEPS, PREP_OBJECT_DEPS, SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context
    from bot.extraction.quotes import QuoteRegion

# Trailing asides cut from a content span (after a comma): relative clauses, appositives, participles. A finite
# adverbial clause (", because ...", ", even if ...") stays: on 300 PolNeAR train articles annotators kept it in
# the content 24 times against 7 where cutting it matched.
ASIDE_DEPS = frozenset({"relcl", "appos"})
# What sets off an aside: a comma, or a dash ("... the “suburbs of St. Petersburg” — a metaphor for ..."; on all 840
# PolNeAR train articles cutting after a dash too turned 7 more statements into matches, train-200 partial F1
# 0.7101 -> 0.7114).
ASIDE_PUNCT = frozenset({",", "\u2014", "\u2013", "--"})
ASIDE_OPENERS = frozenset({"which", "who", "whom", "whose"})
# The parser often attaches ", which ..." as an adverbial clause: a relative opener makes it an aside all the same.
OPENER_HEAD_DEPS = ASIDE_DEPS | {"advcl"}
PARTICIPIAL_ASIDE_DEPS = frozenset({"advcl", "acl", "xcomp"})
_COORDINATION_DEPS = frozenset({"cc", "punct"})
# A "to" phrase the parser attaches to the cue verb: a preposition, a dative, a to-infinitive.
TO_PHRASE_DEPS = frozenset({"prep", "dative", "advcl", "xcomp"})
# A "that" clause of a noun the parser attaches to the cue verb instead.
NOUN_CLAUSE_DEPS = frozenset({"ccomp", "advcl"})
# A prepositional phrase the parser attaches to the cue verb after a noun-phrase content, which completes it
# ("praised Ali's generosity in support of ...", "described immigrants as a burden", "defended her stance on
# trade"): on all 840 PolNeAR train articles 35 statements became matches against 8 the other way (dev 4 / 1). "at",
# "by", "from" and "because (of)" too ("recalled an incident at a movie theater that ...", "answered the question by
# focusing on ...", "mention his opponents by name", "strong messages from influential women", "opposed the bill
# because of its guest worker provisions"): with the web media below, on all 840 train articles +13 matched for +9
# predictions (F1 0.7398 -> 0.7403), dev speech +1 matched (0.7885 -> 0.7890) ...
COMPLETING_PREPS = frozenset({"in", "on", "as", "against", "with", "without", "of", "about", "into", "toward",
                              "towards", "regarding", "under", "around", "alongside", "than", "over", "for", "at",
                              "by", "from", "because"})
# ... unless it is the setting of the act: a time, a place, a number, an occasion or a medium ("in a statement",
# "on social media", "on its Facebook page"; spaCy's lemma of "media" is "medium").
SETTING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "ORDINAL", "CARDINAL", "EVENT"})
SETTING_NOUNS = frozenset({
    "statement", "interview", "speech", "debate", "tweet", "letter", "email", "e-mail", "post", "rally", "meeting",
    "hearing", "conference", "appearance", "event", "broadcast", "show", "program", "video", "op-ed", "column", "ad",
    "advertisement", "remark", "call", "session", "briefing", "memo", "town", "forum", "radio", "television", "tv",
    "episode", "podcast", "book", "message", "note", "release", "filing", "address", "testimony", "campaign", "stop",
    "visit", "trip", "tour", "part", "time", "year", "week", "month", "day", "night", "morning", "afternoon",
    "evening", "media", "medium", "page", "account", "website", "site", "blog", "feed", "twitter", "facebook",
    "instagram", "youtube",
})
_OBJECT_POS = frozenset({"NOUN", "PROPN", "PRON"})
PREP_DEPS = frozenset({"prep"})
# What joins a second source's clause to a content ("..., and most said ...", "..., while others said ..."), and
# what cannot be part of that source's words (a verb: the speech verb then reports a clause inside the content).
SECOND_SOURCE_JOINTS = frozenset({"and", "but", "while", "whereas"})
SUBORDINATE_JOINTS = frozenset({"while", "whereas"})  # (a coordinator needs a comma: "Iowa and Ohio show" is one NP)
SOURCE_BREAK_POS = frozenset({"VERB", "AUX", "SCONJ"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})  # ("workers ... who demanded": a relative clause, not a second source)
FINITE_SPEECH_TAGS = frozenset({"VBD", "VBZ", "VBP"})



def _is_aside(tok: Token, clause: Token) -> bool:
    """Tell whether the phrase ``clause`` opened by ``tok`` after a comma is an aside (a phrase with a coordinator
    in it is more often the next item of a list or a second reported clause: on 300 PolNeAR train articles
    annotators kept 19 of those against 6 cut; but ", which forced her to leave and cancel ..." is an aside)."""
    if tok.lower_ not in ASIDE_OPENERS and any(t.dep_ == "cc" for t in clause.subtree):
        return False
    return (clause.dep_ in ASIDE_DEPS
            or (clause.tag_ == "VBG" and clause.dep_ in PARTICIPIAL_ASIDE_DEPS)
            or (tok.lower_ in ASIDE_OPENERS and tok.head.dep_ in OPENER_HEAD_DEPS))


def _reported_participle(tok: Token, clause: Token, span: Span) -> bool:
    """Tell whether ``clause`` is a participial adjunct of the finite clause that ``span`` reports ("said it raised
    $21 million in January, bringing its total to $95 million"): annotators keep it in the reported words."""
    root = span.root
    return (tok.lower_ not in ASIDE_OPENERS and clause.tag_ == "VBG" and clause.dep_ not in ASIDE_DEPS
            and clause.head.i == root.i and any(c.dep_ in SUBJECT_DEPS for c in root.children))


def is_aside_at(ctx: Context, tok: Token, span: Span, keep_participles: bool = False) -> bool:
    """Tell whether an aside set off by a comma or a dash that runs to the end of ``span`` starts at ``tok`` (with
    ``keep_participles``, a participial adjunct of a reported finite clause is none)."""
    if tok.i <= span.start or ctx.doc[tok.i - 1].text not in ASIDE_PUNCT or ctx.inside_quote(tok):
        return False
    # The phrase that starts right after the comma: the highest token whose subtree starts here.
    clause = tok
    while clause.head.i != clause.i and clause.head.left_edge.i == tok.i and clause.head.i >= span.start:
        clause = clause.head
    aside = _is_aside(tok, clause) and not (keep_participles and _reported_participle(tok, clause, span))
    if tok.lower_ in ASIDE_OPENERS and tok.head.dep_ in OPENER_HEAD_DEPS:
        clause = tok.head
    return aside and clause.right_edge.i >= span.end - 2


def cut_trailing_aside(ctx: Context, start: int, end: int, cfg: AttributionConfig) -> int:
    """End the content before a trailing comma-set aside: a non-restrictive relative clause (", which forced
    her to leave"), an appositive (", the presumed Putin favorite"), a participial adjunct (", contradicting
    ..."). Annotators leave these out of the reported content."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < cfg.aside_min_tokens:
        return end
    for tok in span[cfg.aside_min_offset:]:
        if is_aside_at(ctx, tok, span, cfg.keep_reported_participles):
            return doc[tok.i - 1].idx
    return end


def _own_source_clause(ctx: Context, verb: Token) -> bool:
    """"Obama emphasized that A, and human rights groups warned that B": a conjoined speech verb after a comma
    and a conjunction, with a subject of its own, starts a second attribution (each cue keeps its subject)."""
    if verb.dep_ != "conj" or verb.lemma_.lower() not in ctx.lex.speech or verb.head.i >= verb.i:
        return False
    subj = next((c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS), None)
    if subj is None or ctx.inside_quote(subj):
        return False
    joints = [c for c in verb.head.children if c.dep_ in _COORDINATION_DEPS and verb.head.i < c.i < subj.left_edge.i]
    return any(c.dep_ == "cc" for c in joints) and any(c.text == "," for c in joints)


def _second_source_at(ctx: Context, verb: Token, first: int) -> int | None:
    """"they were worried about the economy, and more than 4 in 10 said Trump would ...", "..., while other voters
    said ...": the token where a second source's clause starts inside a content (a joint, then the source's words,
    then its speech verb; the parser often makes no clause of it), or None."""
    doc = ctx.doc
    if verb.tag_ not in FINITE_SPEECH_TAGS:
        return None
    i = verb.i - 1
    while i > first and doc[i].lower_ not in SECOND_SOURCE_JOINTS and not doc[i].is_punct \
            and doc[i].pos_ not in SOURCE_BREAK_POS and doc[i].tag_ not in RELATIVE_TAGS:
        i -= 1
    if i <= first + 1 or i == verb.i - 1 or doc[i].lower_ not in SECOND_SOURCE_JOINTS:
        return None
    if doc[i - 1].text == ",":
        return i - 1
    return i if doc[i].lower_ in SUBORDINATE_JOINTS else None


def cut_coordinated_cue(ctx: Context, start: int, end: int, cfg: AttributionConfig) -> int:
    """End the content before a coordinated speech verb without a subject of its own ("said it was opposed to the
    test and warned North Korea to ...", "..., and suggested that ..."): that verb is a second cue of the same
    source, which reports its own content, not part of the first one's."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    first_cue = bisect_right(ctx.speech_at, span.start)
    for i in ctx.speech_at[first_cue:bisect_left(ctx.speech_at, span.end)]:  # (only speech verbs are such cues)
        tok = doc[i]
        second = _second_source_at(ctx, tok, span.start) if cfg.cut_second_source else None
        if second is not None and not ctx.inside_quote(tok):
            return doc[second].idx
        coordinated = is_coordinated_cue(ctx, tok) and not (cfg.keep_inner_conjuncts and is_inner_conjunct(tok))
        if (coordinated or _own_source_clause(ctx, tok)) and span.start <= tok.head.i and not ctx.inside_quote(tok):
            first = min([tok.left_edge.i, *(c.i for c in tok.head.children
                                            if c.dep_ in _COORDINATION_DEPS and tok.head.i < c.i < tok.i)])
            return doc[first].idx if first > span.start else end
    return end


def _completing_prep(tok: Token, obj: Token) -> bool:
    """Tell whether ``tok`` opens a prepositional phrase that completes a noun-phrase content, not its setting."""
    if tok.dep_ != "prep" or tok.lower_ not in COMPLETING_PREPS or obj.pos_ not in _OBJECT_POS:
        return False
    pobj = next((c for c in tok.children if c.dep_ in PREP_OBJECT_DEPS), None)
    if pobj is None:
        return False
    # "in a series of tweets": the noun an "of" phrase counts is the one that says what the phrase is.
    counted = [g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    return not any(n.ent_type_ in SETTING_ENTS or n.lemma_.lower() in SETTING_NOUNS for n in [pobj, *counted])


def _completing_phrase(ctx: Context, cue: Token, tok: Token, obj: Token, preps: bool) -> Token | None:
    """The phrase opened by ``tok`` right after a content that the parser hung on the cue but that goes with the
    reported words: a "to" phrase, a "that" clause after a noun ("the accusation that ..."), or (with ``preps``)
    a prepositional phrase after a noun phrase ("her stance on trade")."""
    if tok.lower_ == "to":
        node = tok.head if tok.dep_ == "aux" else tok
        deps = TO_PHRASE_DEPS
    elif tok.lower_ == "that" and obj.pos_ == "NOUN":
        node, deps = tok.head, NOUN_CLAUSE_DEPS
    elif preps and _completing_prep(tok, obj):
        node, deps = tok, PREP_DEPS
    else:
        return None
    return node if node.head.i == cue.i and node.dep_ in deps and node.left_edge.i == tok.i else None


def extend_over_completing_phrase(ctx: Context, cue: Token, start: int, end: int, preps: bool = True) -> int:
    """Go on over a phrase of the cue right after the content that completes it ("defended his call to raise the
    minimum wage", "endorsed Obama's nomination of David Nye to the District Court", "their thoughts and prayers
    to the victims", "rebutted Exxon's accusation that the articles were ..."): the parser hangs it on the verb,
    the annotators read it with the reported words."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or span.start <= cue.i:
        return end
    node = _completing_phrase(ctx, cue, doc[span.end], span.root, preps)
    if node is None:
        return end
    last = doc[node.right_edge.i]
    return max(end, last.idx + len(last.text))


def _region_start(region: QuoteRegion) -> int:
    return region.start


def start_at_quotation(ctx: Context, start: int, end: int, leads: tuple[str, ...]) -> int:
    """Start a content that runs to the end of a quotation at its opening mark when a lead-in of the writer's ends
    in one of ``leads`` before it ("In her speech, Rhimes declared the need for drive: “Change the world,” she
    said": the annotators report the quoted words)."""
    if not leads:
        return start
    i = bisect_left(ctx.regions, start, key=_region_start)
    if i >= len(ctx.regions):
        return start
    r = ctx.regions[i]
    if not (start < r.start < end <= r.end + 3):
        return start
    lead = ctx.text[start:r.start].rstrip()
    return r.start if lead.endswith(leads) and any(c.isalnum() for c in lead) else start
