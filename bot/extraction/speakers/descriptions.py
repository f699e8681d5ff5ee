"""Descriptions ("the diplomat", "a Pentagon spokesman") matched to the person introduced with that role.

The role may be introduced before the description or after it, anywhere in the article; a definite description
of a role the article never spells out ("the New York businessman") goes to the article's main person when
nothing in that person's known roles, gender or modifiers contradicts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extraction.cached import sentences
from bot.extraction.lexicon import people
from bot.extraction.speakers.config import SpeakersConfig
from bot.extraction.speakers.pronouns import nearest
from bot.extraction.speakers.tables import rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from bot.extraction.speakers.entities import Entity

MODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})
# "one official said", "another aide": a source the article keeps anonymous, never named later.
ANONYMOUS = INDEFINITE - {"a", "an"}
# Party words of descriptions and roles ("a Democratic senator", "the No. 2 Republican in the Senate").
# Roles of someone who speaks for another: never the salient subject or the article's main person themselves.
PROXY_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer",
                         "attorney", "staffer", "assistant", "publicist"})
PARTIES = {"democratic": "D", "democrat": "D", "democrats": "D", "republican": "R", "republicans": "R", "gop": "R"}


def _wanted_roles(head: Token) -> set[str]:
    noun = head.lower_
    return set(people().role_synonyms.get(noun, frozenset())) | {noun, head.lemma_.lower()}


def _role_fits(e: Entity, wanted: set[str]) -> bool:
    role_text = (e.role or "").lower()
    return bool(e.role_words & wanted) or any(w in role_text for w in wanted if " " in w)


def _modifier_words(modifiers: list[Token]) -> set[str]:
    words = {m.lower_ for m in modifiers if m.pos_ in MODIFIER_POS}
    synonyms = rules().modifier_synonyms
    return words | {s for w in words for s in synonyms.get(w, frozenset())}


def _modifiers_clash(e: Entity, head: Token, modifiers: list[Token], mod_words: set[str]) -> bool:
    """ "a White House spokesman" must not become the Pentagon's spokesman."""
    if not mod_words or mod_words & e.role_words or head.head.dep_ == "prep":
        return False
    return any(t.text[:1].isupper() and not t.is_sent_start for t in modifiers if t.pos_ in {"PROPN", "ADJ"})


def _party_clash(e: Entity, mod_words: set[str]) -> bool:
    """ "a Democratic senator" is not "the No. 2 Republican in the Senate"."""
    wanted = {PARTIES[w] for w in mod_words if w in PARTIES}
    known = {PARTIES[w] for w in e.role_words if w in PARTIES}
    return bool(wanted) and bool(known) and not wanted & known


def _rank_clash(e: Entity, head: Token, mod_words: set[str]) -> bool:
    """ "the Democratic presidential nominee" is not the Democratic vice presidential nominee, nor the other way."""
    ranks = rules().rank_words
    return bool((e.role_words & ranks) - mod_words - {head.lower_}) or bool((mod_words & ranks) - e.role_words)


def _gender_clash(e: Entity, head: Token) -> bool:
    wanted = rules().role_gender.get(head.lower_)
    return wanted is not None and e.gender is not None and e.gender != wanted


def _nearest_fitting(fitting: list[Entity], pos: int, mod_words: set[str], cfg: SpeakersConfig) -> Entity | None:
    best: tuple[int, Entity] | None = None
    ahead: Entity | None = None
    for e in fitting:
        before = [p for p in e.positions if p < pos and pos - p < cfg.description_window_chars]
        if before:
            if best is None or max(before) > best[0]:
                best = (max(before), e)
        elif ahead is None and mod_words and mod_words <= e.role_words:
            # "A Superior Court judge ruled ... Judge Sean Dunphy said": a fully matching role named later.
            if any(pos < p < pos + cfg.cataphora_window_chars for p in e.positions):
                ahead = e
    return best[1] if best is not None else ahead


def _closest_anywhere(fitting: list[Entity], pos: int) -> Entity | None:
    """A role introduced anywhere in the article: the fitting person mentioned closest to the description."""
    scored = [(min(abs(p - pos) for p in e.positions), i, e) for i, e in enumerate(fitting) if e.positions]
    return min(scored)[2] if scored else None


def _main_person(entities: list[Entity], head: Token, cfg: SpeakersConfig) -> Entity | None:
    """The article's most mentioned person, when clearly ahead of the next and of a compatible gender."""
    # "the former first lady": the article's main woman, though a man is named more.
    ranked = sorted((e for e in entities if e.kind == "person" and not _gender_clash(e, head)),
                    key=lambda e: -len(e.positions))
    if not ranked or len(ranked[0].positions) < cfg.main_person_min_mentions:
        return None
    if len(ranked) > 1 and len(ranked[0].positions) < cfg.main_person_lead * len(ranked[1].positions):
        return None
    return ranked[0]


def _salient_subject(entities: list[Entity], head: Token, pos: int, cfg: SpeakersConfig) -> Entity | None:
    """The person last mentioned as a subject before the description, as for a pronoun."""
    def compatible(e: Entity, strict: bool) -> bool:
        return e.kind == "person" and not _gender_clash(e, head)
    return nearest(entities, pos, pos - cfg.salient_window_chars, compatible, subjects_only=True)


def _paragraph_initial(head: Token) -> bool:
    """The description opens its paragraph (a headline, a lede, a live-blog entry)."""
    sent = head.sent
    before = head.doc[max(0, sent.start - 1):sent.start].text if sent.start else ""
    return sent.start == 0 or "\n" in before or head.doc[sent.start - 1].is_space


def _known_otherwise(e: Entity, wanted: set[str], mod_words: set[str]) -> bool:
    """A person introduced with another role ("the extremist cleric" for "the GOP candidate")."""
    undotted = wanted | {w.rstrip(".") for w in wanted}  # role words are kept without dots ("Dr." -> "dr")
    return bool(e.role_words) and not _role_fits(e, undotted) and not mod_words & e.role_words


def _introduced_after(entities: list[Entity], head: Token, modifiers: list[Token],
                      cfg: SpeakersConfig) -> Entity | None:
    """ "Connecticut's tax commissioner says ... Kevin Sullivan says he ...": the person the next sentences
    introduce as a subject, when the description opens its paragraph and no known role fits it."""
    anonymous = any(c.dep_ in {"det", "nummod"} and c.lower_ in ANONYMOUS for c in head.children)
    if anonymous or not _paragraph_initial(head):
        return None
    doc = head.doc
    sent = head.sent
    end = sent.end
    for _ in range(cfg.cataphora_sentences):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    lo, hi = sent.end_char, doc[end - 1].idx if end > sent.end else sent.end_char
    named = {m.lower_ for m in modifiers}
    wanted, mod_words = _wanted_roles(head), _modifier_words(modifiers)
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.kind != "person" or not e.positions or not (lo <= e.positions[0] <= hi) or _gender_clash(e, head):
            continue
        if not e.subject_positions or e.subject_positions[0] != e.positions[0]:
            continue  # introduced as the one acting, not in passing
        if _known_otherwise(e, wanted, mod_words) or _party_clash(e, mod_words):
            continue
        if any(w in named for w in e.name.lower().split()):
            continue  # "a spokeswoman for Hillary Clinton" is not Hillary Clinton
        if best is None or e.positions[0] < best[0]:
            best = (e.positions[0], e)
    return best[1] if best is not None else None


def _definite(head: Token) -> bool:
    """ "the senator", "Connecticut's tax commissioner", a bare headline "Judge"; not "a judge", "his lawyer",
    "Gary Johnson's doctor", "one West Virginia official" (a number the parser hangs as a modifier)."""
    dets = [c for c in head.children if c.dep_ in {"det", "poss"} or (c.dep_ == "nummod" and c.lower_ in ANONYMOUS)]
    return all(d.lower_ not in INDEFINITE and not (d.dep_ == "poss" and (d.pos_ == "PRON" or d.ent_type_ == "PERSON"))
               for d in dets)


def _person_possessor(head: Token, entities: list[Entity]) -> Entity | None:
    """The named person of "Obama's former campaign strategist", if the description has one."""
    for c in head.children:
        if c.dep_ == "poss" and c.ent_type_ == "PERSON":
            key = c.text.lower().rstrip("’'s").rstrip("’'")
            return next((e for e in entities if e.kind == "person" and key in e.name.lower().split()), None)
    return None


def _main_not_possessor(entities: list[Entity], head: Token, cfg: SpeakersConfig) -> Entity | None:
    """ "Obama's former campaign strategist" in an article about David Axelrod: its main person, when the
    possessor is someone the article barely mentions."""
    owner = _person_possessor(head, entities)
    if owner is None or len(owner.positions) > cfg.peripheral_max_mentions:
        return None  # "Gary Johnson's doctor" in a paragraph about Johnson: someone unnamed
    for main in (_headline_subject(entities, head), _main_person(entities, head, cfg)):
        if main is not None and main is not owner:
            return main
    return None


def _headline_subject(entities: list[Entity], head: Token) -> Entity | None:
    """The person the article's first sentence (its headline) has as subject ("Axelrod calls on Dean ...")."""
    first = sentences(head.doc)[0]
    return next((e for e in entities if e.kind == "person" and e.subject_positions
                 and e.subject_positions[0] < first.end_char and not _gender_clash(e, head)), None)


def resolve_description(entities: list[Entity], head: Token, modifiers: list[Token], pos: int,
                        cfg: SpeakersConfig, *, fallbacks: bool = True) -> Entity | None:
    """Resolve "the diplomat" / "a Pentagon spokesman" to the person introduced with that role.

    Without ``fallbacks`` only a person whose role matches, named before or just after, is an answer.
    """
    if head.tag_ in PLURAL_TAGS:
        return None  # "attorneys for the family": a group, not one of the people named
    wanted = _wanted_roles(head)
    mod_words = _modifier_words(modifiers)
    fitting = [e for e in entities if e.kind == "person" and e.role_words and _role_fits(e, wanted)
               and not _modifiers_clash(e, head, modifiers, mod_words) and not _gender_clash(e, head)
               and not _party_clash(e, mod_words) and not _rank_clash(e, head, mod_words)]
    found = _nearest_fitting(fitting, pos, mod_words, cfg)
    if found is None and fallbacks:
        # "the spokesman", "the prime minister's spokesman": one who speaks for the person on stage, not that person.
        definite = _definite(head) and head.lower_ not in PROXY_ROLES
        found = _closest_anywhere(fitting, pos) if _definite(head) else None
        # "the governor": someone already on stage; "Connecticut's tax commissioner": maybe someone new.
        if found is None and definite and _anaphoric(head, modifiers):
            found = _salient_subject(entities, head, pos, cfg)
        found = found or _introduced_after(entities, head, modifiers, cfg)
        if found is None and definite and not _of_a_named_body(head):
            found = _salient_subject(entities, head, pos, cfg) or _main_person(entities, head, cfg)
        found = found or _main_not_possessor(entities, head, cfg)
    return found


def _of_a_named_body(head: Token) -> bool:
    """ "the Bank of England's governor": a role of a named body or place, maybe someone the article never names."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ not in {"PERSON", ""} for c in head.children)


def _anaphoric(head: Token, modifiers: list[Token]) -> bool:
    """ "the governor", "the former first lady": "the" and no proper modifier that would introduce someone."""
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return the and not any(m.text[:1].isupper() and not m.is_sent_start for m in modifiers)


def age_description(head: Token) -> bool:
    """ "the 45-year-old", "the 34-year-old mother of three": a person described by age alone."""
    olds = [head] if head.lower_ == "old" else [c for c in head.children if c.dep_ == "amod" and c.lower_ == "old"]
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return the and any(c.lower_ in {"year", "years"} for o in olds for c in o.children)


def age_referent(entities: list[Entity], head: Token, pos: int, recent: list[tuple[int, Entity]],
                 cfg: SpeakersConfig) -> Entity | None:
    """The person an age description stands for: the last speaker close before, else the salient subject."""
    for offset, e in reversed(recent):
        if offset < pos - cfg.salient_window_chars:
            break
        if offset < pos and e.kind == "person" and not _gender_clash(e, head):
            return e
    return _salient_subject(entities, head, pos, cfg)
