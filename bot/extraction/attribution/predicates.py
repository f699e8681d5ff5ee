"""Token predicates of the attribution rules, as plain functions over a :class:`Context`.

Which token is the SOURCE of a cue (PARC: the cue's subject, a passive agent, an inverted subject after the
quotation), whether a cue sits in a question put to someone, where a parenthetical cue clause ends, and where a
trailing aside starts: the tests build small parsed Docs by hand to check each one without a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.context import is_dateline_break
from bot.extraction.lexicon import (
    ACTIVE_SUBJECT_DEPS,
    NOMINAL_POS,
    OBJECT_DEPS,
    PARTICIPLE_TAGS,
    PASSIVE_DEPS,
    SOURCE_ENTS,
    SUBJECT_DEPS,
    TIME_ENTS,
    VERB_POS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.config import AttributionConfig
    from bot.extraction.attribution.context import Context

# '"We see no link," said the mayor': an inverted subject parsed as one of these after the verb.
INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "nsubj"})
# Participles and conjoined verbs share the subject of their head ("..., adding that ...").
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "dep"})
# Openers of a reported clause ('said that ...', 'did not say when ...'), a few tokens after the verb at most
# ('told reporters on Friday that ...' is a ccomp; this is for what the parser left as an adverbial clause).
COMPLEMENT_OPENERS = frozenset({"that", "when", "how", "why", "where", "what"})
_COMPLEMENT_OPENER_GAP = 2
# What a verb has as its own complement or object (then it reports that, not a clause the parser left aside).
COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "xcomp"})
# Verbs whose object is whom the words were told, not a content ("told The Washington Post").
AUDIENCE_OBJECT_LEMMAS = frozenset({"tell"})
_AGENT_DEPS = frozenset({"agent"})
ADDRESSEES = frozenset({"me", "us", "reporters", "him", "her", "them"})
QUESTION_MARKERS = frozenset({"whether", "if"})
CLOSING_MARKS = "\u201d\"'"
# '...," said X': a closing mark within this many characters before the verb (comma and space between).
_AFTER_QUOTE_CHARS = 4
# A dateline opens its line with a place ("NEW YORK (AP) —", "Philadelphia (AFP) –").
DATELINE_ENTS = frozenset({"GPE", "LOC"})


def in_question_clause(ctx: Context, tok: Token, cfg: AttributionConfig) -> bool:
    """Tell whether ``tok`` sits in "when asked ..." / "asked whether ..." (the question, not the answer)."""
    if not ctx.question_at:
        return False
    node = tok
    for _ in range(cfg.question_clause_depth):
        if node.i in ctx.question_at and node.pos_ in VERB_POS and node.i != tok.i:
            return True
        if node.head.i == node.i:  # (by index: spaCy makes a new Token object on every access)
            return False
        node = node.head
    return False


def passive_agent(verb: Token) -> Token | None:
    """Return the object of a passive verb's "by" agent ("announced by the governor")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def right_after_quote(ctx: Context, verb: Token) -> bool:
    """Tell whether a verb follows a closing quotation mark within a few characters ('...," said X')."""
    before = ctx.text[max(0, verb.idx - _AFTER_QUOTE_CHARS):verb.idx].rstrip()
    return bool(before) and before[-1] in CLOSING_MARKS


def _inverted_subject(ctx: Context, verb: Token) -> Token | None:
    """'"We see no link," said the mayor': an inverted subject parsed as an object or attribute (never a time:
    '..., Flynn said Thursday morning')."""
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) or right_after_quote(ctx, verb):
        for child in verb.rights:
            if child.dep_ in INVERTED_SUBJECT_DEPS and child.pos_ in NOMINAL_POS and child.ent_type_ not in TIME_ENTS:
                return child
    return None


def past_dateline(subj: Token | None) -> Token | None:
    """"New York (AFP) – Vice President Joe Biden on Monday accused ...", "MACAU (Reuters) – Sheldon Adelson
    said ...": a dateline parsed as the subject gives way to the subject after its dash (an apposition, or a
    second subject of the same verb)."""
    if subj is None:
        return None
    doc = subj.doc
    line_start = subj.left_edge.i == 0 or "\n" in doc[subj.left_edge.i - 1].text
    place = subj.ent_type_ in DATELINE_ENTS or subj.text.isupper()
    dash = next((c for c in subj.rights if is_dateline_break(c)), None)
    if dash is None or not (line_start and place):
        return subj  # ("Kall -- co-editor of a book -- said": an apposition between dashes, not a dateline)
    after = [c for c in subj.rights if c.dep_ == "appos" and c.i > dash.i]
    after += [c for c in subj.head.children if c.dep_ in SUBJECT_DEPS and c.i > dash.i]
    return after[0] if after else subj


def subject_of(ctx: Context, verb: Token) -> Token | None:
    """Return the source token of a cue verb: its subject, passive agent, inverted or shared subject."""
    for child in verb.children:
        if child.dep_ in ACTIVE_SUBJECT_DEPS:
            if ctx.inside_quote(child) and not ctx.inside_quote(verb):
                continue  # "''That makes me smart,'' Mr. Trump said": the quote's subject is not the source
            return child
        if child.dep_ == "nsubjpass":
            return passive_agent(verb)
    agent = passive_agent(verb)
    if agent is not None:
        return agent
    inverted = _inverted_subject(ctx, verb)
    if inverted is not None:
        return inverted
    outer = _outer_cue(ctx, verb)
    if outer is not None:
        # "Ivana Trump's brief said that was not her view and dismissed those reports": the parser conjoined the
        # second verb of saying inside the first one's content; its source is the first one's.
        return subject_of(ctx, outer)
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head.i != verb.i and verb.head.pos_ in VERB_POS:
        return _shared_subject(ctx, verb)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in VERB_POS:
        return _gerund_subject(ctx, verb.head.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in NOMINAL_POS:
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.ent_type_ in SOURCE_ENTS:
        # "footage of Hillary Clinton asking, ...", "Bob Corker and Lindsey Graham, now saying they ...": a named
        # person or body the participle modifies (not "a statement praising ...", whose issuer is someone else).
        return verb.head
    if verb.pos_ == "NOUN":
        return _noun_cue_source(ctx, verb)
    return None


def _outer_cue(ctx: Context, verb: Token) -> Token | None:
    """The verb of saying whose clausal complement a subject-less verb of saying is conjoined inside, or None."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or verb.lemma_.lower() not in ctx.lex.reporting:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    return head.head if head.head.lemma_.lower() in ctx.lex.speech and head.head.i < head.i else None


def _noun_cue_source(ctx: Context, noun: Token) -> Token | None:
    """The source of a nominal cue: its possessor ("Trump's claim that ..."), else the subject of the verb it is
    the object of ("the Court made a decision to ...", "the Council issued a statement calling ...")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    if noun.dep_ == "dobj" and noun.head.pos_ in VERB_POS:
        return subject_of(ctx, noun.head)
    return None


def _shared_subject(ctx: Context, verb: Token) -> Token | None:
    """The subject a conjoined verb or a participle shares with the verb it hangs from."""
    head = verb.head
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "advcl" and verb.tag_ not in PARTICIPLE_TAGS and not infinitive:
        return None  # (a finite adverbial clause has a subject of its own; "went on to discuss" shares one)
    if is_coordinated_cue(ctx, verb) and head.dep_ == "ccomp" and head.head.pos_ in VERB_POS:
        # "The minister said the plan was too costly and warned that ...": the minister warned, not the plan.
        return subject_of(ctx, head.head)
    found = subject_of(ctx, head)
    if found is None and verb.dep_ == "conj" and verb.tag_ != "VBN":
        # "Trump was criticized, cited problems ...": an active verb conjoined to a passive one without an agent.
        found = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    return found


def _gerund_subject(ctx: Context, verb: Token) -> Token | None:
    """Who does the "-ing" of "for saying", "after saying", "by saying": the passive subject ("was criticized for
    saying"), a named object ("mocked Trump for saying"), else the subject ("apologized for saying")."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in SOURCE_ENTS):
        return obj
    return subject_of(ctx, verb)


def is_impersonal_passive(verb: Token) -> bool:
    """Tell whether a verb is an impersonal passive ("it was reported that ...")."""
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)


def is_question_complement(head: Token) -> bool:
    """Tell whether a clause is an embedded question ("whether ...", "if ...")."""
    return any(child.dep_ == "mark" and child.lower_ in QUESTION_MARKERS for child in head.children)


def is_misparsed_complement(verb: Token, clause: Token) -> bool:
    """"Trump tweeted that ...", "have not said when they would ...": a finite clause right after a speech verb
    with no complement of its own, opened by "that" or a wh-word, that the parser made an adverbial clause."""
    if any(c.dep_ in COMPLEMENT_DEPS for c in verb.children) or clause.i < verb.i:
        return False
    first = clause.left_edge
    opens = first.lower_ in COMPLEMENT_OPENERS and first.i - verb.i <= _COMPLEMENT_OPENER_GAP
    return opens and any(c.dep_ in SUBJECT_DEPS for c in clause.children)


def is_told_audience(verb: Token, child: Token) -> bool:
    """Tell whether a verb's object is the audience of "told", not its content."""
    return child.dep_ == "dobj" and verb.lemma_.lower() in AUDIENCE_OBJECT_LEMMAS


def is_addressee(tok: Token) -> bool:
    """Tell whether an object names who was spoken to ("told reporters", "told me")."""
    return tok.dep_ in OBJECT_DEPS and tok.lower_ in ADDRESSEES


def is_said_dependent(verb: Token, child: Token) -> bool:
    """Tell whether a dependent of a cue can be what was said: not a bare pronoun, an addressee or "told"'s audience."""
    return child.pos_ != "PRON" and not is_addressee(child) and not is_told_audience(verb, child)


def asks_aloud(ctx: Context, verb: Token) -> bool:
    """"Clinton asked, “Why aren't I 50 points ahead?”": an active asking verb quotes its subject; the passive
    "when asked ..." reports a question put to someone, which is not their statement."""
    if verb.lemma_.lower() not in ctx.lex.question:
        return False
    return not any(c.dep_ in PASSIVE_DEPS for c in verb.children) and verb.tag_ != "VBN"


def is_as_parenthetical(verb: Token, excluded: frozenset[str], passive: bool = False,
                        trailing_excluded: frozenset[str] | None = None) -> bool:
    """"As many experts have pointed out, Mr. Trump is free to ...": a subject's cue clause opened by "as" before
    the clause it reports, with no content of its own (not "as the campaign continues", a time: ``excluded``);
    with ``passive``, a passive one with its agent ("As reported by the Post, ..."); with ``trailing_excluded``, one
    after it ("..., as some have speculated") but for those lemmas (a time: "... as he replied")."""
    sources, lemma = SUBJECT_DEPS | _AGENT_DEPS if passive else SUBJECT_DEPS, verb.lemma_.lower()
    placed = verb.i < verb.head.i or (trailing_excluded is not None and lemma not in trailing_excluded)
    return (verb.dep_ == "advcl" and placed and lemma not in excluded
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and any(c.dep_ in sources for c in verb.children)
            and not any(c.dep_ in COMPLEMENT_DEPS for c in verb.children))


def is_coordinated_cue(ctx: Context, verb: Token) -> bool:
    """Tell whether a speech verb joins an earlier verb without a subject of its own: conjoined ("... and warned
    that ...") or as a participle (", citing ...", ", adding that ...")."""
    joined = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    return (joined and verb.pos_ in VERB_POS and verb.lemma_.lower() in ctx.lex.speech
            and verb.head.i < verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
