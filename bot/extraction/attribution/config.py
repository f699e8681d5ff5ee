"""Every tunable of the attribution passes, declared once with its default (spaCy's ``default_config`` discipline).

The passes receive an :class:`AttributionConfig` as an argument; nothing reads a module global at run time, so a
training run can state exactly what it used and nothing needs patching.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.extraction.lexicon import FRAME_MIN_SUPPORT
from bot.extraction.ranker import Ranker, load_ranker

# A learned (lemma, relation) frame makes a cue when its precision on PolNeAR train reaches this.
FRAME_MIN_PRECISION = 0.35


@dataclass(frozen=True, slots=True)
class AttributionConfig:
    """Thresholds and windows of the rule passes and the learned filter."""

    # Learned frames (frames.json): support to be loaded, precision to make a cue (lexicon-less, parenthetical).
    frame_min_support: int = FRAME_MIN_SUPPORT
    frame_min_precision: float = FRAME_MIN_PRECISION
    # Frame precision needed to propose a verb candidate: lower when the learned filter is there to judge it.
    generation_threshold: float = FRAME_MIN_PRECISION
    # The learned filter (its ``threshold`` is the probability a candidate needs); inactive keeps everything.
    ranker: Ranker = field(default_factory=Ranker)
    # A speech verb with quoted words in its content bypasses the filter (see ``features.passes_filter``).
    keep_quoted_speech: bool = True
    # ... and so does one with a clausal complement ("Kirby replied that ..."): a verb of saying with a reported
    # clause is speech whatever the filter, trained on every PolNeAR attribution kind, makes of the parse.
    keep_speech_ccomp: bool = True
    # ... but nothing is kept whose content ends before its cue at a semicolon or a colon (features.broken_from_cue).
    drop_broken_from_cue: bool = True
    # '“A,” said Senator Jane Doe': the cue clause right after the closing mark.
    quote_cue_gap_chars: int = 40
    # Shorter quoted regions without a cue are scare quotes or titles.
    min_direct_words: int = 4
    # A single-quoted region needs this many words to be a quotation ('the ‘liberation’ of ...' is not).
    min_single_quote_words: int = 6
    # Words an object or prepositional object of a learned frame needs to be proposed. 1 admits "endorsed
    # Clinton" (PolNeAR counts it: dev speech partial F1 +0.003), but a one-word "quote" says nothing a newsroom
    # can use ("endorsed one", "rejected argument" come with it) and corpora of quotes never count it, so the
    # shipped setting is 2; a bare pronoun never counts.
    object_min_words: int = 2
    # A cue in the sentence after a quote counts within this distance, or with its subject this close to the mark.
    # (The next sentence counts when the quote ends at most ``next_sentence_gap_chars`` before it starts.)
    next_sentence_gap_chars: int = 3
    next_sentence_cue_chars: int = 40
    next_sentence_subject_chars: int = 3
    # A longer source mention is cut to its head and this many tokens before it.
    max_mention_tokens: int = 14
    mention_head_window: int = 4
    # A quotation is already covered by an earlier candidate overlapping at least this share of it (mixed quotes).
    quotation_cover_share: float = 0.5
    # A quoted fragment goes on with its cue's content ending at most this many characters before it (0: never).
    join_fragment_chars: int = 60
    # '“A,” said a person close to the Clintons. “B.”': a cue-less quote going on a statement with a cue is kept when
    # that statement's source resolved to no mention (it shares the null speaker; ``assemble.statements``). On all
    # 840 PolNeAR train articles 16 new statements matched the gold and 1 did not; dev unchanged.
    keep_unnamed_continuations: bool = True
    # A cue-less quote takes the adjacent speaker across at most this many blank-line paragraph breaks.
    floating_max_paragraph_gap: int = 1
    # A parenthetical cue clause ("..., Mr. Obama said, ...") closes within this many tokens after its verb.
    clause_end_window: int = 8
    # How far up the tree "when asked whether ..." is looked for.
    question_clause_depth: int = 12
    # A "that" clause the parser hung on a noun of the cue's setting or audience is the cue's complement ("said
    # during a news conference that he may ...", "told a meeting of leaders that ..."; ``complements.
    # stranded_complement``). On all 840 PolNeAR train articles 13 new statements matched the gold and 1 did not (4
    # matches and 3 misses they contain gave way: +9 matched for +7 predictions); dev speech 1 more matched.
    stranded_complements: bool = True
    # "A, Ash Carter told a Senate panel.": a cue clause closing its sentence after a comma, that the parser joined
    # to the reported clause as a conjunct, reports that clause (``complements.is_trailing_conj_cue``). On all 840
    # PolNeAR train articles 4 new statements matched the gold and 1 did not; dev unchanged.
    trailing_conj_cues: bool = True
    # "If X, Giuliani said, Y": a condition or concession fronted before the source of a cue that reports a clause
    # after it is a content of its own (``complements.is_fronted_condition``). On all 840 PolNeAR train articles 5
    # new statements matched the gold and none did not (one false one gave way); dev unchanged.
    fronted_conditions: bool = True
    # A content ends before a coordinated speech verb of the same source ("... and warned that ...").
    cut_coordinated_cues: bool = True
    # ... and before a second source's finite speech verb joined to it by a comma and a coordinator or by "while"
    # (", and more than 4 in 10 said ...", "..., while other voters said ..."): on all 840 PolNeAR train articles 14
    # statements became matches against 2 the other way (dev speech unchanged, 0.782; without the comma or with
    # participles and relative clauses 22 against 12).
    cut_second_source: bool = True
    # A content goes on over a phrase the parser hung on the cue that completes it: a "to" phrase ("defended his
    # call to raise ...": on all 840 PolNeAR train articles 24 statements became matches against 4 the other way;
    # train-200 partial F1 0.705 -> 0.708, dev speech 0.7691 -> 0.7695), a noun's "that" clause ("his contention
    # that ...": dev speech 0.7695 -> 0.7700, train-200 0.7080 -> 0.7085).
    extend_to_phrase: bool = True
    # ... and over a prepositional phrase after a noun-phrase content that is no time, place or occasion ("her
    # stance on trade", "described immigrants as a burden"; see ``boundaries.COMPLETING_PREPS``).
    extend_over_prep: bool = True
    # A content before its cue that runs to the end of a quotation starts at the opening mark when the writer's
    # lead-in before it ends in one of these ("... the cost of the plan: “We cannot pay for this,” he said"): on all
    # 840 PolNeAR train articles 15 statements became matches against 3 the other way (dev speech unchanged,
    # 0.782). A comma is not among them: after "As for the tax, “..." it turned 4 into matches against 8 lost.
    quote_lead_punct: tuple[str, ...] = (":", "\u2014", "\u2013", "-", "(")
    # A verb's content that holds its own cue starts after it ("wages, which the department says are the highest
    # ...": the parser put the relative pronoun in the reported clause): on all 840 train articles 9 statements
    # became matches against 2 the other way (dev speech unchanged, 0.782).
    start_after_own_cue: bool = True
    # A content opening with a participle of saying is its complement ("a statement saying Alberta would ...").
    skip_saying_participle: bool = True
    # A quotation whose quoted words are the predicate of a subject written just before the marks starts at that
    # subject ("Clinton “has the integrity to serve ...,” the poll found"; :mod:`.starts`): on all 840 PolNeAR
    # train articles 12 statements changed, +3 matched for the same predictions; dev unchanged.
    start_at_quoted_subject: bool = True
    # A content opening its paragraph starts after the paragraph's dateline ("LOS ANGELES, Feb. 2 (UPI) — ...";
    # :mod:`.starts`): the wire's page furniture, not the source's words (6 statements on all 840 PolNeAR train
    # articles, 1 on dev, each matched or not as before).
    skip_datelines: bool = True
    # A clausal content goes on over a contrasting clause the parser hung on the cue ("said A, but that B", "told
    # us A, but a federal judge refused"; not with a pronoun subject, narration of the source: "..., but he did not
    # apologize"): on all 840 PolNeAR train articles 12 statements became matches against 5 the other way (see
    # ``ends.extend_over_contrast``; dev unchanged).
    extend_over_contrast: bool = True
    # A content ends before a trailing clause in which another source speaks ("they prefer an outsider, while about
    # 4 in 10 said ..."): on all 840 train articles 17 statements became matches against 1 (dev unchanged).
    cut_rival_clauses: bool = True
    # A content ends before a verb of saying or judging of its source, without a subject, that the parser conjoined
    # inside it ("said Mr. Trump was ignorant of Islam and criticized him for ..."): on all 840 train articles 10
    # statements became matches against 2 (dev unchanged, one more prediction: the second verb's own content).
    cut_second_predicates: bool = True
    # A noun-phrase content goes on over an "as" predicate the parser made an adverbial clause of the cue
    # ("described the country as beset by illegal immigrants"): all 840 train articles 6 matches more, none lost.
    extend_over_as_predicate: bool = True
    # A content goes on over a second object the parser conjoined to the cue instead ("questioned Trump's “New York
    # values” and his readiness to be commander in chief"): all 840 train articles +9 matches, none lost; dev speech
    # +2 / -1 (0.785 -> 0.786).
    extend_over_object_conjuncts: bool = True
    # A clause the parser split into the cue's object and a subjectless complement is one content ("showed Bernie
    # Sanders isn't the only candidate ...": :mod:`.rejoin`): on all 840 PolNeAR train articles the same 15074 matched
    # for 17 fewer predictions (17867 -> 17850, F1 0.7404 -> 0.7407; the two halves were two statements), dev speech
    # 1479 matched for 1731 -> 1729 (F1 0.7890 -> 0.7894).
    rejoin_split_clauses: bool = True
    # A content ending in an infinitive goes on over the bare infinitives listed after it, which the parser hung on a
    # verb above it ("urged the party to ax its superdelegate system, replace its leadership and open ..."): on all
    # 840 PolNeAR train articles 5 statements became matches, none the other way (15074 -> 15079 matched, F1 0.7407
    # -> 0.7409); dev speech 1479 -> 1481 matched for 1729 -> 1728 predictions (F1 0.7894 -> 0.7907).
    extend_over_bare_infinitives: bool = True
    # A clausal content ends before a trailing indefinite noun phrase after a comma, the writer's comment on it
    # ("said the person would not get beat up at his rally, a swipe at ..."): all 840 train articles 10 matches
    # more against 1; dev speech +1.
    cut_comment_phrases: bool = True
    # A clausal complement ending at a colon goes on with what the colon announces ("... the job: “Steadiness”").
    extend_over_colon: bool = True
    # Cues of an appeal or a naming ("called on X to ...", "called X Y"): the content runs from X to the end; and
    # the content relations that bypass the learned filter (which never saw them).
    # (The verbs of entreaty read their appeal so too, "Cruz exhorted Republicans to vote their conscience": on all 840
    # PolNeAR train articles 3 new statements, all matching; dev speech 2 in 3.)
    call_cues: frozenset[str] = frozenset({"call", "exhort", "implore", "beseech", "entreat", "beg"})
    kept_rels: frozenset[str] = frozenset({"appeal", "naming", "question", "as", "that-clause", "question-put",
                                           "light-verb"})
    # "made the case for Mrs. Clinton", "raised new questions about X": a light verb's speech-act object gives a cue
    # whose content is the noun's prepositional object (:mod:`.nouns`). On all 840 PolNeAR train articles 31 more
    # statements matched the gold for 45 more predictions (partial F1 0.739 -> 0.740); dev speech 3 more for 4. With
    # the targets of hostile acts ("took a swipe at X", "lobbing insults at X") 9 more for 14; dev speech 1 for 1.
    light_verb_topics: bool = True
    # "As X said, ..." reports the clause after it, but for these speech lemmas "as" is a time ("as it continues").
    as_clause_excluded: frozenset[str] = frozenset({"continue"})
    # ... and "As reported by the Post, ...", a passive "as" clause with its agent, reports it too (on all 840
    # PolNeAR train articles 6 new statements, all matching the gold; dev unchanged).
    as_passive_clauses: bool = True
    # Question verbs whose question (or request) is a statement when the asker is named ("A reporter asked Sanders
    # how ...", "asked the congregation to stand"); "when asked whether ..." has no active asker (see below).
    asking_cues: frozenset[str] = frozenset({"ask"})
    # ... and the question a named asker puts in the passive ("was asked by host John Dickerson whether ...", "Asked
    # by Stephanopoulos to respond ..."; :mod:`.questions`): on all 840 PolNeAR train articles 9 new statements
    # matched the gold and 1 did not; dev unchanged.
    questions_put: bool = True
    # ... and, with no asker named, "Asked whether he would ..., Rubio said" (the asker's statement, null speaker).
    # PolNeAR annotates them (all 840 train articles: 68 new matches, 23 not, +64 matched for +86 predictions; dev
    # speech partial F1 0.785 -> 0.786, 3 more matched), but the product keeps the question put to a spokesman out
    # of his statements (tests/extraction/test_seed.py), so it stays off.
    questions_put_unnamed: bool = False
    # Question verbs that report a doubt about their object or complement ("questioned Trump's veracity",
    # "is questioning whether ..."), a statement in PolNeAR, where "asked whether ..." is not.
    doubt_cues: frozenset[str] = frozenset({"question"})
    # ... but a participial adjunct of a reported finite clause is no aside ("says it raised $21 million in January,
    # bringing its total to $95 million"; ``boundaries._reported_participle``; an infinitive's one still is: "to sign
    # the measure, potentially teeing up a new law"): on all 840 PolNeAR train articles 56 statements changed for 50,
    # +5 matched with 14 fewer predictions (train F1 0.7393 -> 0.7398); dev speech 1478 matched for 1731 (was 1732).
    keep_reported_participles: bool = True
    # A sentence-opening "According to X," whose reported clause the parser hung on X (no verb found: "the move
    # reeks of ..." with "reeks" read as a noun) reports the rest of its sentence.
    according_rootless: bool = True
    # Trailing asides are cut from contents of at least this many tokens, after at least this many tokens.
    aside_min_tokens: int = 6
    aside_min_offset: int = 3
    # A span is extended to a quotation mark this close to its end (closing) or its start (opening).
    balance_close_chars: int = 3
    balance_open_chars: int = 2
    # ... or anywhere in its paragraph (on PolNeAR train-200 partial F1 0.700 -> 0.702, dev 0.732 -> 0.733).
    balance_within_paragraph: bool = True
    # Transcript labels: at most this many words ("Pat Caddell:"), two on a headline line without a name.
    label_max_words: int = 3
    headline_label_max_words: int = 2
    # A light verb's speech-act object reports its "that" clause, on the noun or hung on the verb ("made the point
    # that ...", "made the case for weeks that ...", "offered her firmest promise yet that ..."; :mod:`.nouns`): on all
    # 840 PolNeAR train articles 5 new statements matched the gold and 1 did not; dev speech 2 more matched for 2.
    light_verb_clauses: bool = True
    # A speech-act noun that is the subject of "be" reports the "that" clause after it ("His message was that ...",
    # "The most telling promise she has made is that ..."; :mod:`.nouns`), its possessor the source: on all 840
    # PolNeAR train articles 8 new statements matched the gold and 1 did not; dev unchanged.
    copular_clauses: bool = True
    # A passive verb of praise or blame reports its reason beside its subject ("Mr. Sanders has been criticized for
    # offering vague responses": PolNeAR annotates both; :func:`.objects.passive_reason`): on all 840 PolNeAR train
    # articles 6 new statements matched the gold and 1 did not; dev speech 4 more matched for 4. With "accused of"
    # ("Dylann Roof is accused of killing nine people"): 6 more matched for 7 more; dev speech 2 more for 2. Empty: off.
    reason_cues: frozenset[str] = frozenset({
        "accuse", "applaud", "assail", "attack", "berate", "blame", "castigate", "chastise", "chide", "commend",
        "condemn", "criticise", "criticize", "denounce", "deride", "excoriate", "fault", "hail", "lambaste", "laud",
        "mock", "pillory", "praise", "rebuke", "ridicule", "scold", "slam", "vilify"})
    # A named asker's question or request goes on to an asking verb conjoined to one with the asker as subject ("He
    # shook hands and asked workers if they planned to attend", "held a fake audition and asked white actors to act";
    # ``objects.has_active_subject``): on all 840 PolNeAR train articles 5 more statements matched the gold for 7 more
    # predictions; dev speech 1 more matched for the same predictions.
    conjoined_askers: bool = True
    # "..., as some have speculated", "..., as first reported by the New York Times": an "as" cue clause after the
    # clause it reports (``predicates.is_as_parenthetical``), but for the verbs whose "as" after a clause is a time:
    # on all 840 PolNeAR train articles 7 more statements matched the gold for 14 more predictions (F1 0.7462 ->
    # 0.7463); dev speech 1 more matched for 1.
    trailing_as_clauses: bool = True
    trailing_as_excluded: frozenset[str] = frozenset({"answer", "continue", "reply", "respond", "speak", "talk"})
    # A speech-act noun's "that" clause after a phrase of the noun's own ("criticism from rivals that ...", "the
    # committee's recommendation Friday that ..."; :func:`.nouns.gapped_clause`), its "from"/"by" object the source:
    # on all 840 PolNeAR train articles 7 more statements matched the gold for 7 more predictions; dev unchanged.
    gapped_noun_clauses: bool = True
    # An object's completing phrase counts past an adverb or a phrase of time between them ("blamed Clinton directly
    # for ...", "attacked Clinton during the primaries for her close ties"; ``objects.object_with_complements``): on
    # all 840 PolNeAR train articles 14 more statements matched the gold for 12 more predictions; dev speech 1 more
    # matched for 2 more (partial F1 0.8013 -> 0.8014).
    objects_over_adjuncts: bool = True
    # A content ends before a trailing "after" / "before" / "because" / "though" / "although" / "while" clause in which
    # a second verb of saying reports a clause of its own ("... tough enough to be president after a woman told him
    # she worries ..."; :mod:`.splits`), so that report is a statement too instead of a nested span: on all 840
    # PolNeAR train articles 15239 -> 15246 matched for 18031 -> 18039 predictions (partial F1 0.7455 -> 0.7457); dev
    # speech 1508 -> 1509 matched for 1759 -> 1760 (0.7985 -> 0.7988).
    split_reported_clauses: bool = True
    # A content goes on over a condition the parser hung on the cue right after it ("promised immigration reform if
    # he and Clinton take office in January"; ``clauses.extend_over_condition``): on all 840
    # PolNeAR train articles 15239 -> 15243 matched for 18031 -> 18032 predictions; dev speech unchanged (1508 / 1759).
    extend_over_conditions: bool = True
    # ... and over a reason without a verb of saying or thinking in it ("portraying Sanders as hypocritical because he
    # had accepted $200,000 from Wall Street"): on all 840 train articles 15246 -> 15248 matched for 18026 -> 18025
    # predictions; dev speech unchanged (1508 / 1758). With a cue in it, -4 matched ("backing Clinton because he
    # worries ..." is a statement of its own); "when", "as", "after", "while", "before" lose as many as they gain.
    extend_over_reasons: bool = True
    # A verb of saying joined to a verb of the same form inside a relative clause or a gerund is no second cue that
    # ends the content ("said Trump is a man who speaks and tweets his mind freely"; ``clauses.is_inner_conjunct``):
    # on all 840 PolNeAR train articles 15239 -> 15242 matched for 18031 -> 18025 predictions (the two halves were two
    # statements); dev speech 1508 matched for 1759 -> 1758.
    keep_inner_conjuncts: bool = True

    @classmethod
    def default(cls) -> AttributionConfig:
        """Return the shipped configuration (built once): the ranker and its thresholds from ``data/ranker.json``."""
        return _default()

    def rules_only(self, generation_threshold: float) -> AttributionConfig:
        """Return this configuration with the learned filter off and one frame threshold for every pass."""
        return replace(self, ranker=Ranker(), frame_min_precision=generation_threshold,
                       generation_threshold=generation_threshold)


@lru_cache(maxsize=1)
def _default() -> AttributionConfig:
    ranker = load_ranker()
    generation = FRAME_MIN_PRECISION
    if ranker.active and ranker.generation_threshold is not None:
        generation = ranker.generation_threshold
    return AttributionConfig(ranker=ranker, generation_threshold=generation)
