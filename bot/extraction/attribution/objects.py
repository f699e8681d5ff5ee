"""Contents carried by a cue's object: "declared the end of the war", "mocked Romney for not releasing ...",
"voiced an opinion that ...", and the passive "The decision was announced by the governor"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.attribution.candidate import word_count
from bot.extraction.attribution.predicates import COMPLEMENT_DEPS, passive_agent
from bot.extraction.lexicon import PASSIVE_DEPS, PREP_OBJECT_DEPS, TIME_ENTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.attribution.context import Context

# Siblings after an object that complete it ("called Trump a liar", "accused the bank of ...").
_OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp"})
_OBJECT_COMPLEMENT_PREPS = frozenset({"for", "of", "as", "over", "about"})
_ADJUNCT_DEPS = frozenset({"advmod", "npadvmod"})
# Clauses of a content noun that state the content ("an opinion that ...").
_NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp"})
_THAT_DEPS = frozenset({"mark", "det", "nsubj"})
# "called on X to ...", "called for X to ...": the preposition before the addressee and the infinitive's relation.
_APPEAL_PREPS = frozenset({"on", "upon", "for"})
_INFINITIVE_DEPS = frozenset({"xcomp", "advcl"})
# "called Trump “unhinged”": the named and the name (the parser makes either of them an "oprd").
_NAMING_DEPS = frozenset({"dobj", "oprd"})
_QUESTION_MARKS = frozenset({"if", "whether"})
# "asked Clinton about her email scandal": the preposition whose object is what a question is about.
_QUESTION_TOPIC_PREPS = frozenset({"about"})
# "opined on the state of the world", "has mused about abandoning ...": the preposition whose object is what a verb of
# saying with no content of its own speaks about (a verb with a complement or an object reports that instead). On all
# 840 PolNeAR train articles 5 new statements matched the gold for 6 new predictions; dev unchanged.
_SPOKEN_TOPIC_PREPS = frozenset({"about", "on", "against", "over", "regarding", "concerning"})
_OWN_CONTENT_DEPS = COMPLEMENT_DEPS | PASSIVE_DEPS
# "was criticized for failing to ...", "is accused of killing ...": the prepositions that give a passive verb of praise
# or blame its reason.
_REASON_PREPS = frozenset({"for", "of"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})


def _completes(sib: Token) -> bool:
    return sib.dep_ in _OBJECT_COMPLEMENT_DEPS or (sib.dep_ == "prep" and sib.lower_ in _OBJECT_COMPLEMENT_PREPS)


def _adjunct(sib: Token) -> bool:
    """An adverb or a phrase of time or setting between an object and what completes it ("blamed Clinton directly for
    ...", "attacked Clinton during the primaries for her close ties")."""
    return sib.dep_ in _ADJUNCT_DEPS or (sib.dep_ == "prep" and not _completes(sib))


def object_with_complements(ctx: Context, verb: Token, obj: Token, over_adjuncts: bool = False) -> tuple[int, int]:
    """The object with what completes it: "mocked Romney for not releasing...", "called Trump a liar"; with
    ``over_adjuncts``, also past an adverb or a phrase before it ("blamed Clinton directly for ...")."""
    start, end = ctx.subtree_chars(obj)
    pronoun = obj.pos_ == "PRON" and not ctx.inside_quote(obj)
    rights = [sib for sib in verb.rights if sib.i > obj.i and sib.dep_ != "punct"]
    for k, sib in enumerate(rights):
        if _completes(sib):
            sib_start, sib_end = ctx.subtree_chars(sib)
            if pronoun:
                # "calling it the “liberation” of the country": the content is what it was called.
                start, pronoun = sib_start, False
            end = max(end, sib_end)
        elif not (over_adjuncts and _adjunct(sib) and any(_completes(later) for later in rights[k + 1:k + 3])):
            break
    return start, end


def passive_content(ctx: Context, verb: Token) -> list[tuple[int, int]]:
    """"The decision was announced by the governor": the passive subject is the content, the agent the source."""
    if passive_agent(verb) is None:
        return []
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.pos_ != "PRON":
            return [ctx.subtree_chars(child)]
    return []


def _noun_clauses(ctx: Context, obj: Token) -> list[tuple[int, int]]:
    """The "that" clauses of a content noun ("an opinion that ...")."""
    return [ctx.subtree_chars(child) for child in obj.children if child.dep_ in _NOUN_CLAUSE_DEPS and any(
        g.lower_ == "that" and g.dep_ in _THAT_DEPS for g in child.subtree)]


def object_content(ctx: Context, verb: Token, obj: Token, lemma: str, *, learned: bool = False,
                   min_words: int = 2, over_adjuncts: bool = False) -> list[tuple[int, int]]:
    """Content carried by a direct object: a quoted object, a reported thing, or "an opinion that ..."."""
    lex = ctx.lex
    if obj.lemma_.lower() in lex.content_nouns or obj.lower_ in lex.content_nouns:
        clauses = _noun_clauses(ctx, obj)
        if clauses:
            return clauses
    s, e = object_with_complements(ctx, verb, obj, over_adjuncts)
    quoted = any(ctx.mask[i] for i in range(s, e) if ctx.text[i].isalnum())
    if s == obj.idx and obj.pos_ == "PRON" and not ctx.inside_quote(obj):
        return []
    if quoted or ((learned or lemma in lex.report_object) and word_count(ctx.text[s:e]) >= min_words):
        return [(s, e)]
    return []


def _infinitive(verb: Token) -> Token | None:
    """The infinitive clause after a verb ("called on Trump to resign"), or None."""
    return next((c for c in verb.rights if c.dep_ in _INFINITIVE_DEPS
                 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)


def appeal_content(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """"called on Trump to resign", "called for a prosecutor to oversee ...", "called for all candidates to lay
    out ...": the appeal from its addressee (or what is called for) to the end of its infinitive (PolNeAR keeps
    both in the content)."""
    inf = _infinitive(verb)
    if inf is None:
        return None
    end = ctx.subtree_chars(inf)[1]
    mark = next((g for g in inf.children if g.dep_ == "mark" and g.lower_ == "for"), None)
    if mark is not None:  # (the parser's "for"-clause: "for all candidates to lay out ...")
        return (ctx.doc[mark.i + 1].idx, end) if mark.i + 1 < inf.i else None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in _APPEAL_PREPS and c.i < inf.i), None)
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:  # "asked the congregation to stand"
        pobj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < inf.i), None)
    return (ctx.subtree_chars(pobj)[0], end) if pobj is not None else None


def prep_topic(ctx: Context, prep: Token | None, times: bool = True) -> Token | None:
    """The object of a preposition that gives a topic ("about her email scandal"), or None: no object, a bare
    pronoun outside a quotation ("asked him about it", "what she asked about"), or, without ``times``, a time
    ("released a statement on Saturday night")."""
    topic = next((g for g in prep.children if g.dep_ in PREP_OBJECT_DEPS), None) if prep is not None else None
    if topic is None or (topic.pos_ == "PRON" and not ctx.inside_quote(topic)):
        return None
    return None if not times and topic.ent_type_ in TIME_ENTS else topic


def asked_question(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """"A reporter asked Sanders how he is feeling", "He also asked if parents would ...", "Holt asks him about his
    tax returns": the question a named asker puts, or what it is about (PolNeAR annotates both; "when asked whether
    ...", without an asker, stays out)."""
    clause = next((c for c in verb.rights if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
        g.dep_ == "mark" and g.lower_ in _QUESTION_MARKS for g in c.children))), None)
    if clause is not None:
        return ctx.subtree_chars(clause)
    # (On all 840 PolNeAR train articles the topic of a named asker's question matched the gold 5 times in 7.)
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _QUESTION_TOPIC_PREPS), None)
    topic = prep_topic(ctx, prep)
    return ctx.subtree_chars(topic) if topic is not None else None


def spoken_topic(ctx: Context, verb: Token) -> tuple[int, int, str] | None:
    """"The diplomat also mused about the 2016 race", "will testify before the committee about the decision": the
    topic of a verb of saying that has no content of its own (never a time: "was dismissed on Monday"), with its
    relation for the learned filter ("prep:about")."""
    if any(c.dep_ in _OWN_CONTENT_DEPS for c in verb.children):
        return None
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _SPOKEN_TOPIC_PREPS), None)
    topic = prep_topic(ctx, prep, times=False)
    return (*ctx.subtree_chars(topic), "prep:" + prep.lower_) if topic is not None and prep is not None else None


def passive_reason(ctx: Context, verb: Token) -> tuple[int, int, str] | None:
    """"Mr. Sanders has been criticized for offering vague responses", "was berated by his father for installing
    ...", "has been accused by the government of attempting a coup": the reason a passive verb of praise or blame
    gives, with its preposition (PolNeAR's content; never a time: "pilloried for years"), and its relation. A reason
    that is itself a saying ("was criticized for saying that ...") is left to that verb, whose statement it would
    otherwise hide."""
    if not any(c.dep_ in PASSIVE_DEPS for c in verb.children):
        return None
    for prep in verb.rights:
        topic = prep_topic(ctx, prep, times=False) if prep.dep_ == "prep" and prep.lower_ in _REASON_PREPS else None
        if topic is not None:
            said = topic.pos_ == "VERB" and topic.lemma_.lower() in ctx.lex.speech
            return None if said else (prep.idx, ctx.subtree_chars(prep)[1], "prep:" + prep.lower_)
    return None


def has_active_subject(verb: Token, shared: bool = False) -> bool:
    """Tell whether a verb has a subject of its own and is not passive; with ``shared``, an active verb conjoined to
    one with a subject shares it ("He shook hands and asked workers if they planned to attend")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ == "nsubj" for c in verb.children):
        return True
    return (shared and verb.dep_ == "conj" and verb.tag_ != "VBN" and verb.head.i < verb.i
            and has_active_subject(verb.head))


def naming_content(ctx: Context, verb: Token) -> tuple[int, int] | None:
    """"called Trump “unhinged”", "called her “third-rate”": who is named with what they are called."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "what is called a debate" names, it reports no one
    parts = [c for c in verb.rights if c.dep_ in _NAMING_DEPS]
    if not any(c.dep_ == "oprd" for c in parts):
        # "calling Trump a fascist" parsed as a small clause: the named as a nominal "xcomp" over the name.
        small = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ in _NOMINAL_POS
                      and any(g.dep_ in _NAMING_DEPS for g in c.children)), None)
        return ctx.subtree_chars(small) if small is not None else None
    if len(parts) > 1 and parts[0].pos_ == "PRON" and not ctx.inside_quote(parts[0]):
        parts = parts[1:]  # "calling it the “liberation” of the country": the content is what it was called
    return ctx.subtree_chars(parts[0])[0], ctx.subtree_chars(parts[-1])[1]
