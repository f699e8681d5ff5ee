"""Contents that report nothing: a time clause, a clause fronted before a cue with its own, an appended phrase read
as an object, an imperative's object.

Four constructions of news prose where the dependency parse gives a verb of saying a clausal complement that is
not what was said:

* An adverbial clause after the cue, read as its complement: '"Don't fall," he said, when a protester seemed to
  stumble'; 'he said as some wearing Cruz shirts booed'. The clause says when the words were said. An indirect
  question keeps its modal and stays ('did not say when they would vote').
* A clause or phrase before a cue that takes its own complement right after it: 'In a statement released after
  the senator suspended his campaign, Cruz said he is certain ...'; 'Mr. Slinker, whose start-up uses big data,
  said Mr. Trump was ...'. What was said follows the cue; what precedes is the scene or the source. So too when
  the cue's own object or infinitive follows it ('The temperature has risen ..., the climate appears to be
  destabilizing'; 'Her residency was still valid, so she continued to renew it'): the sentence before is the
  writer's narration, which the parser hung on the next clause's verb. A fronted
  part with a reporting verb of its own ('Claiming the criticism is designed ..., Trump told Fox that ...') is
  another attribution and stays, and so does one set off by punctuation from the cue's complement ('It is no
  surprise, Mr. Garin said, that ...': one content split by its cue).
* An object after a comma that follows the cue's own words: 'endorsed Mr. Trump at a news conference at
  Mar-a-Lago, Mr. Trump's private club'; 'had voiced support for a single-payer system, stances that he has since
  disavowed'. The parser made an appositive or the writer's comment a second object of the cue; an object the
  cue reaches across an aside of its own stays ('described, in blistering terms, a set of email practices').
* A verb of saying in the imperative at the head of its sentence, which asks the reader to say or think
  something: 'Call it a familiarity fetish.'

The figures behind each rule (PolNeAR train, all 840 articles, every attribution) are with its predicate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.predicates import is_said_dependent
from bot.extraction.quotes import classify

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from bot.extraction.attribution.candidate import Candidate
    from bot.extraction.attribution.context import Context

# Words that open a clause of time, manner or reason: a clause they open says when or why, not what.
ADJUNCT_OPENERS = frozenset({"when", "while", "as", "after", "before", "since", "until", "once", "because",
                             "although", "though", "whereas", "unless"})
_OPENER_DEPS = frozenset({"mark", "advmod"})
_OPENER_MAX_CHARS = max(len(w) for w in ADJUNCT_OPENERS) + 1
_MODAL_TAG = "MD"
# An imperative: the bare form with no subject or auxiliary of its own.
_BARE_VERB_TAG = "VB"
_SUBJECT_OR_AUX_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "aux", "auxpass"})
IMPERATIVE_ORIGINS = frozenset({"verb", "paren"})
_OBJECT_REL = "dobj"
_CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})
# Besides a clausal complement, what a cue takes as its own content after it: an object, an infinitive, a predicate
# ("courts are still ordering the release of ...", "the climate appears to be destabilizing"). Never an audience
# ("told reporters"), an addressee or a pronoun; and not for a passive's subject ("X is expected to attend" reports
# X in PolNeAR: the infinitive completes it). On all 840 PolNeAR train articles these remove 17 more predictions,
# 1 matching a gold content (dev: 2, none matching).
OWN_OBJECT_DEPS = frozenset({"dobj", "xcomp", "acomp", "oprd"})
_PASSIVE_SUBJECT_REL = "nsubjpass"


def _content_span(ctx: Context, cand: Candidate) -> Span | None:
    span = ctx.doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def is_adjunct_clause(ctx: Context, cand: Candidate) -> bool:
    """Say whether a verb's clausal complement after it is a time or reason clause ('he said when ...').

    On all 840 PolNeAR train articles the rule removes 9 predictions, none matching a gold content (dev: none).
    """
    if cand.origin != "verb" or cand.rel != "ccomp" or cand.cue_token is None or cand.cue_start is None \
            or cand.start < cand.cue_start:
        return False
    if ctx.doc[cand.cue_token].lemma_.lower() not in ctx.lex.speech:
        return False  # ('knows when it is worth paying more': what a belief or a question is about)
    if (ctx.text[cand.start:cand.start + _OPENER_MAX_CHARS].split(maxsplit=1) or [""])[0].lower() \
            not in ADJUNCT_OPENERS:
        return False  # (a string test first: most complements open otherwise, and it needs no span)
    span = _content_span(ctx, cand)
    if span is None:
        return False
    root, first = span.root, span[0]
    if first.dep_ not in _OPENER_DEPS or first.head.i != root.i or any(c.tag_ == _MODAL_TAG for c in root.children):
        return False
    # (quoted words opening with "as" or "when" are the speaker's own)
    return classify(ctx.text, cand.start, cand.end, ctx.mask) != "direct"


def _own_complement_after(cue: Token, objects: bool) -> Token | None:
    """The cue's clausal complement after it when nothing but words stands between them ('said he is ...'), or
    with ``objects`` its own object, infinitive or predicate there ('continued to renew it')."""
    doc = cue.doc
    for child in cue.children:
        if child.i < cue.i:
            continue
        if child.dep_ != "ccomp" and not (objects and child.dep_ in OWN_OBJECT_DEPS and is_said_dependent(cue, child)):
            continue
        left = child.left_edge
        gap = doc[cue.i + 1:left.i]
        if not left.is_punct and not any(t.is_punct or t.is_quote for t in gap):
            return child
    return None


def is_fronted_extra(ctx: Context, cand: Candidate) -> bool:
    """Say whether a content before its cue is a fronted clause or phrase while the cue's complement follows it.

    On all 840 PolNeAR train articles the rule removes 30 predictions, 7 matching a gold content (dev: none), and
    with the cue's own objects (``OWN_OBJECT_DEPS``) 17 more, 1 matching.
    """
    if cand.origin != "verb" or cand.cue_token is None or cand.cue_start is None or cand.end > cand.cue_start:
        return False
    if _own_complement_after(ctx.doc[cand.cue_token], cand.rel != _PASSIVE_SUBJECT_REL) is None:
        return False
    if classify(ctx.text, cand.start, cand.end, ctx.mask) == "direct":
        return False  # ('"...," he said, "..."': both halves are the quotation)
    span = _content_span(ctx, cand)
    return span is not None and not any(t.pos_ == "VERB" and t.lemma_.lower() in ctx.lex.reporting for t in span)


def is_appended_object(ctx: Context, cand: Candidate) -> bool:
    """Say whether a verb's object content starts after a comma that follows words after the cue.

    On all 840 PolNeAR train articles the rule removes 30 predictions, 8 matching a gold content (dev: 7, none
    matching).
    """
    if cand.origin != "verb" or cand.rel != _OBJECT_REL or cand.cue_end is None or cand.cue_end > cand.start:
        return False
    gap = ctx.text[cand.cue_end:cand.start]
    comma = gap.find(",")
    if comma < 0 or not gap[:comma].strip():
        return False  # (no comma, or one right after the cue that opens an aside before the object)
    if classify(ctx.text, cand.start, cand.end, ctx.mask) != "indirect":
        return False
    span = _content_span(ctx, cand)
    # (a clause is an object noun's own: "expressed an opinion, similar to Dashti, that resistance could spread")
    return span is not None and span.root.pos_ not in _CLAUSE_HEAD_POS


def is_imperative_cue(ctx: Context, cand: Candidate) -> bool:
    """Say whether the cue is a bare verb opening its sentence with no subject: the writer addressing the reader
    ("Call it a familiarity fetish.", "Contrast her record with ...", "Want to receive this in your inbox?").

    On all 840 PolNeAR train articles the rule removes 9 predictions, 2 matching a gold content (dev: none).
    """
    if cand.origin not in IMPERATIVE_ORIGINS or cand.cue_token is None:
        return False
    cue = ctx.doc[cand.cue_token]
    if cue.tag_ != _BARE_VERB_TAG or any(c.dep_ in _SUBJECT_OR_AUX_DEPS for c in cue.children):
        return False
    first = next((t for t in cue.sent if not (t.is_punct or t.is_space or t.is_quote)), None)
    return first is not None and first.i == cue.i


def is_stray(ctx: Context, cand: Candidate) -> bool:
    """Say whether a candidate's content is no statement of its cue (see the module docstring)."""
    return (is_adjunct_clause(ctx, cand) or is_fronted_extra(ctx, cand) or is_appended_object(ctx, cand)
            or is_imperative_cue(ctx, cand))


__all__ = ["ADJUNCT_OPENERS", "IMPERATIVE_ORIGINS", "OWN_OBJECT_DEPS", "is_adjunct_clause", "is_appended_object",
           "is_fronted_extra", "is_imperative_cue", "is_stray"]
