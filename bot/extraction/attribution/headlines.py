"""Headline labels that are more than a name: "Obama on Climate Change: The Trends Are 'Terrifying.'".

A news headline often puts its source before a colon and the words after it, in three shapes the plain labels of
:mod:`.labels` (a few capitalised words) do not take:

* a name with a topic or an audience: "Gillibrand on Hillary Releasing Her Transcripts: ...", "Clinton to
  Planned Parenthood: ...", "Former AG Mukasey at RNC: ..." (the source is the name);
* a message noun with its owner: "A lesson from Loretta Lynch: ...", "Democrats' new warning: ...", "WSJ
  editorial: ..." (the source is the owner);
* a clause whose subject is a name: "Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be ...’" (the source
  is the subject; the verb is a reporting verb, or the words after the colon are quoted).

The colon is the cue and the rest of the line the content, as for a label. Only the headline line (the first
non-blank line) is read, in the parse :mod:`bot.extraction.headline` gives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction import lexicon
from bot.extraction.attribution.candidate import Candidate, make
from bot.extraction.attribution.patterns import LABEL, NOT_LABELS
from bot.extraction.headline import headline_span
from bot.extraction.lexicon import SOURCE_ENTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# At most this many tokens before the colon (a longer run is a sentence, not a label).
MAX_LABEL_TOKENS = 12
# Nouns of a message whose owner is its source ("a lesson from X", "X's warning", "X editorial").
MESSAGE_NOUNS = frozenset({"lesson", "warning", "message", "reaction", "editorial", "report", "memo", "letter",
                           "statement", "advice", "verdict", "response", "plea", "take", "view", "answer"})
# How a message noun names its owner: possessor, a name before it, or "from X".
_OWNER_DEPS = frozenset({"poss", "compound"})
# After a name, these open a topic or an audience: "Obama on Climate Change:", "Clinton to Planned Parenthood:".
TOPIC_PREPOSITIONS = frozenset({"on", "to", "at", "about", "in"})
# Tags of a Title Case verb the tagger may read as a noun ("heckles", "Hammers").
VERB_LIKE_TAGS = frozenset({"VBZ", "VBD", "VBP", "NNS"})
_QUOTE_MARKS = "\"'\u201c\u2018"


def _named(tok: Token) -> bool:
    """Whether a token names a possible source: a person, organisation or group, or a proper noun."""
    return tok.ent_type_ in SOURCE_ENTS or tok.pos_ == "PROPN"


def _owner(noun: Token) -> Token | None:
    """The named owner of a message noun: "Democrats' warning", "WSJ editorial", "a lesson from Loretta Lynch"."""
    for child in noun.children:
        if child.dep_ in _OWNER_DEPS and _named(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "from":
            for obj in child.children:
                if obj.dep_ == "pobj" and _named(obj):
                    return obj
    return None


def _owner_range(tokens: list[Token]) -> tuple[int, int] | None:
    """The token range of the owner of a message noun among ``tokens``, with its name words before it."""
    for tok in tokens:
        if tok.pos_ == "NOUN" and tok.lemma_ in MESSAGE_NOUNS:
            owner = _owner(tok)
            if owner is not None and owner.i >= tokens[0].i:
                return max(owner.left_edge.i, tokens[0].i), owner.i + 1
    return None


def _after_name(tok: Token, last: bool, quoted: bool) -> bool:
    """Whether the word after a leading name makes the label a source: a topic or audience ("on", "to", "at"), a
    group noun ending the label ("Clinton camp"), or a verb that reports an object ("Endorses Ted Cruz:"; any verb
    but one of saying before a quotation).

    The words before the colon are parsed with the words after it, so a Title Case verb is often read as a
    noun ("Silverman heckles"): its tag, not its part of speech, marks it.
    """
    cues = lexicon.cues()
    if tok.pos_ == "ADP":
        return tok.lower_ in TOPIC_PREPOSITIONS
    if tok.lemma_ in cues.speech:  # "Kirby said: “...”" is the verb's own content (the verb pass reads it)
        return False
    if tok.lemma_ in cues.report_object:
        return True
    if quoted and (tok.pos_ == "VERB" or tok.tag_ in VERB_LIKE_TAGS):
        return True
    return last and tok.pos_ == "NOUN"


def _speaker(ctx: Context, start: int, colon: int, quoted: bool) -> tuple[int, int] | None:
    """The speaker named by the words of ``ctx.text[start:colon]``, as a token range, or None."""
    tokens = [t for t in ctx.doc if start <= t.idx < colon]
    if not tokens or len(tokens) > MAX_LABEL_TOKENS:
        return None
    if tokens[0].pos_ != "DET" and tokens[0].lower_.strip(".") in NOT_LABELS:  # "Update:", "Q:", not "A lesson"
        return None
    lead = 0
    while lead < len(tokens) and tokens[lead].pos_ == "ADJ":  # "Former AG Mukasey"
        lead += 1
    first = lead
    while lead < len(tokens) and _named(tokens[lead]):
        lead += 1
    if first < lead < len(tokens) and _after_name(tokens[lead], lead == len(tokens) - 1, quoted):
        last = lead + 1 if tokens[lead].pos_ == "NOUN" and lead == len(tokens) - 1 else lead
        return tokens[0].i, tokens[last - 1].i + 1
    return _owner_range(tokens)


def find(ctx: Context, cfg: AttributionConfig) -> list[Candidate]:
    """Return the candidate of a headline label that :mod:`.labels` does not read, if any."""
    span = headline_span(ctx.text)
    if span is None:
        return []
    start, end = span
    line = ctx.text[start:end]
    colon = line.find(": ")
    if colon <= 0 or LABEL.match(line) is not None or not line[colon + 2:].strip():
        return []
    rest = start + colon + 2
    quoted = line[colon + 2:].lstrip()[:1] in _QUOTE_MARKS
    mention = _speaker(ctx, start, start + colon, quoted)
    if mention is None:
        return []
    cue = (start + colon, start + colon + 1)
    cand = make(ctx, cfg, rest, end, cue, mention, "label")
    return [] if cand is None else [cand]
