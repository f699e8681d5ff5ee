"""Find attributed statements in a parsed doc: direct, mixed and indirect quotes with their cue and speaker.

The rules follow the attribution-relation structure of PARC/PolNeAR (Pareti 2016; Newell et al. 2018): a CUE
(reporting verb, "according to"), a SOURCE (its subject, a passive agent, the noun an "according to" governs) and a
CONTENT (the cue's clausal complement, a reported object, or the quoted text). Quotation-mark regions come from
:mod:`bot.extraction.quotes`; quotes with no cue of their own take the speaker of the adjacent statement when the
paragraph structure says so (the "floating quote" rule of the GenderGapTracker extractor, made stricter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extraction.lexicon import SUBJECT_DEPS, cues, frames
from bot.extraction.model import Statement, StatementType
from bot.extraction.quotes import QuoteRegion, classify, continues_next_paragraph, quote_mask, quoted_regions
from bot.extraction.ranker import bucket, load_ranker
from bot.extraction.speakers import Entity, SpeakerResolver, _np_span, choose_speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_TRIM_START = " \t\n,;:—–-"
_TRIM_END = " \t\n,;:—–-."
QUOTE_CUE_GAP_CHARS = 40  # '“A,” said Senator Jane Doe' -- the cue clause right after the closing mark
MIN_DIRECT_WORDS = 4  # shorter quoted regions without a cue are scare quotes or titles
MAX_MENTION_TOKENS = 14
FLOATING_MAX_PARAGRAPH_GAP = 1
# Trailing asides cut from a content span (after a comma): relative clauses, appositives, concessive adjuncts.
_ASIDE_DEPS = frozenset({"relcl", "appos", "advcl"})
_ASIDE_OPENERS = frozenset({"which", "who", "whom", "whose", "although", "though", "while", "whereas"})
_OBJECT_COMPLEMENT_PREPS = frozenset({"for", "of", "as", "over", "about"})
# A learned (lemma, relation) frame makes a cue when its precision on PolNeAR train reaches this.
FRAME_MIN_PRECISION = 0.35
_DASH_NAME = re.compile(r"[ \t\u00a0]*(?P<dash>[\u2015\u2014\u2013]|--?)[ \t\u00a0]*(?P<name>"
                        r"[A-Z][\w.’'-]*(?:[ \t\u00a0]+(?:[A-Z][\w.’'-]*|de|van|von|da|del|la|bin|al-\w+)){0,4})")
# "PENCE: Well, ..." (transcripts) and "Poll: Voters abandon ..." (headlines): a short label before a colon.
_LABEL = re.compile(r"[ \t\u00a0]*[\"\u201c]?(?P<label>[A-Z][\w.’'-]*(?:[ \t\u00a0]+[A-Z][\w.’'-]*){0,3})[ \t\u00a0]*:"
                    r"[ \t\u00a0]+(?=\S)")
_NOT_LABELS = frozenset({"latest", "clarification", "update", "updated", "note", "editor", "correction", "photo",
                         "video", "watch", "read",
                         "related", "source", "sources", "caption", "image", "credit", "warning", "breaking",
                         "q", "a", "question", "answer", "by", "from", "to", "subject", "date", "re", "tags",
                         "topics", "see", "also", "more", "click", "follow", "share", "advertisement",
                         "transcript", "listen", "live", "analysis", "opinion", "exclusive", "trending"})


@dataclass(slots=True)
class Candidate:
    """A statement before speaker resolution."""

    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    mention: tuple[int, int] | None  # token range of the speaker mention
    inherit_from: int | None = None  # index of the candidate whose speaker this one takes
    cue_token: int | None = None  # token index of a verb cue (for the learned filter)
    rel: str = ""  # relation between cue and content ("ccomp", "dobj", "prep:for", "^parataxis", "paren")
    origin: str = "verb"


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


_TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|but|or|nor|so|while|as)$", re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_START:
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    m = _TRAILING_CONJUNCTION.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
        while end > start and text[end - 1] in _TRIM_END:
            end -= 1
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    return start, end


def _balance_marks(text: str, start: int, end: int, regions: list[QuoteRegion]) -> tuple[int, int]:
    """Extend a span that opens a quotation inside it so the closing mark is included (and vice versa)."""
    for r in regions:
        if start <= r.start < end < r.end and r.closed and r.end - end <= 3:
            end = r.end
        if r.closed and start < r.end <= end and r.start < start and start - r.start <= 2:
            start = r.start
    return start, end


class _Finder:
    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self.lex = cues()
        self.regions = quoted_regions(text)
        self.mask = quote_mask(text, self.regions)
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: dict[int, int] = {}
        for i, s in enumerate(self.sents):
            for t in s:
                self.sent_of[t.i] = i
        self.candidates: list[Candidate] = []
        self.handled_cues: set[int] = set()
        self._chain_cache: list[list[QuoteRegion]] | None = None

    # ------------------------------------------------------------------ helpers
    def _inside_quote(self, tok: Token) -> bool:
        return bool(self.mask[tok.idx]) if tok.idx < len(self.mask) else False

    def _in_question_clause(self, tok: Token) -> bool:
        """True when ``tok`` sits in "when asked ..." / "asked whether ..." (the question, not the answer)."""
        node = tok
        for _ in range(12):
            if node.lemma_.lower() in self.lex.question and node.pos_ in {"VERB", "AUX"} and node is not tok:
                return True
            if node.head is node:
                return False
            node = node.head
        return False

    def _subject_of(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in {"nsubj", "csubj"}:
                if self._inside_quote(child) and not self._inside_quote(verb):
                    continue  # "''That makes me smart,'' Mr. Trump said": the quote's subject is not the source
                return child
            if child.dep_ == "nsubjpass":
                agent = self._passive_agent(verb)
                return agent
        agent = self._passive_agent(verb)
        if agent is not None:
            return agent
        # '"We see no link," said the mayor': an inverted subject parsed as an object or attribute.
        if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) or self._right_after_quote(verb):
            for child in verb.rights:
                if child.dep_ in {"dobj", "attr", "npadvmod", "nsubj"} and child.pos_ in {"PROPN", "NOUN"}:
                    return child
        # Participles and conjoined verbs share the subject of their head ("..., adding that ...").
        if verb.dep_ in {"conj", "advcl", "xcomp", "dep"} and verb.head is not verb \
                and verb.head.pos_ in {"VERB", "AUX"}:
            if verb.dep_ == "advcl" and verb.tag_ not in {"VBG", "VBN"}:
                return None
            return self._subject_of(verb.head)
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head
        return None

    def _right_after_quote(self, verb: Token) -> bool:
        before = self.text[max(0, verb.idx - 4):verb.idx].rstrip()
        return bool(before) and before[-1] in "\u201d\"'"

    @staticmethod
    def _passive_agent(verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        return None

    def _mention_range(self, tok: Token) -> tuple[int, int]:
        left, right = _np_span(tok)
        if right - left > MAX_MENTION_TOKENS:
            left = max(left, tok.i - 4)
            right = min(right, tok.i + 1)
        # Do not let a mention run into a quotation.
        while left < tok.i and self._inside_quote(self.doc[left]):
            left += 1
        return left, right

    def _cue_span(self, verb: Token) -> tuple[int, int]:
        start, end = verb.idx, verb.idx + len(verb.text)
        for child in verb.children:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                end = child.idx + len(child.text)
        return start, end

    def _span_of(self, tokens: list[Token]) -> tuple[int, int]:
        first = min(t.i for t in tokens)
        last = max(t.i for t in tokens)
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)

    def _subtree_chars(self, head: Token, exclude: Token | None = None) -> tuple[int, int]:
        toks = list(head.subtree)
        if exclude is not None:
            banned = {t.i for t in exclude.subtree}
            toks = [t for t in toks if t.i not in banned]
            # keep the longest contiguous run
            runs: list[list[Token]] = []
            for t in toks:
                if runs and runs[-1][-1].i == t.i - 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
            toks = max(runs, key=len) if runs else []
        if not toks:
            return head.idx, head.idx
        return self._span_of(toks)

    def _add(self, start: int, end: int, cue: tuple[int, int] | None, mention: tuple[int, int] | None,
             origin: str, *, multi: bool = False, min_words: int = 2,
             cue_token: Token | None = None, rel: str = "") -> None:
        # A statement never crosses a paragraph break (but a multi-paragraph quotation): clip it to the paragraph
        # of its cue (or its start).
        anchor = cue[0] if cue is not None and start <= cue[0] < end else start
        if cue is not None and not (start <= cue[0] < end):
            anchor = start if abs(cue[0] - start) < abs(cue[0] - end) else max(start, end - 1)
        ps, pe = self._paragraph_bounds(anchor)
        if not multi:
            start, end = max(start, ps), min(end, pe)
        else:
            ps, pe = self._paragraph_bounds(cue[0]) if cue is not None else (ps, pe)
        if mention is not None:
            left, right = mention
            cue_par = self._paragraph_bounds(cue[0]) if cue is not None else (ps, pe)
            while left < right and self.doc[left].idx < cue_par[0]:
                left += 1
            while right > left and self.doc[right - 1].idx >= cue_par[1]:
                right -= 1
            mention = (left, right) if right > left else None
        if origin in {"verb", "according", "paren"}:
            end = self._cut_trailing_aside(start, end)
        start, end = _trim(self.text, start, end)
        start, end = _balance_marks(self.text, start, end, self.regions)
        if end - start < 2 or _word_count(self.text[start:end]) < min_words:
            return
        self.candidates.append(Candidate(start, end, cue[0] if cue else None, cue[1] if cue else None,
                                         mention, origin=origin,
                                         cue_token=cue_token.i if cue_token is not None else None, rel=rel))

    def _cut_trailing_aside(self, start: int, end: int) -> int:
        """End the content before a trailing comma-set aside: a non-restrictive relative clause (", which forced
        her to leave"), an appositive (", the presumed Putin favorite"), a participial or concessive adjunct
        (", contradicting ...", ", although ..."). Annotators leave these out of the reported content."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 6:
            return end
        for tok in span:
            if tok.i == span.start or self.doc[tok.i - 1].text != ",":
                continue
            if self._inside_quote(tok):
                continue
            # The phrase that starts right after the comma: the highest token whose subtree starts here.
            clause = tok
            while clause.head is not clause and clause.head.left_edge.i == tok.i and clause.head.i >= span.start:
                clause = clause.head
            aside = (clause.dep_ in _ASIDE_DEPS
                     or (clause.tag_ == "VBG" and clause.dep_ in {"advcl", "acl", "xcomp"})
                     or (tok.lower_ in _ASIDE_OPENERS and tok.head.dep_ in _ASIDE_DEPS))
            if tok.lower_ in _ASIDE_OPENERS and tok.head.dep_ in _ASIDE_DEPS:
                clause = tok.head
            if aside and clause.right_edge.i >= span.end - 2 and tok.i - span.start >= 3:
                return self.doc[tok.i - 1].idx
        return end

    # ------------------------------------------------------------------ cue verbs
    def verb_cues(self) -> None:
        """Cue words with a content relation: the lexicon's speech/belief verbs with a clausal complement, and
        every (lemma, relation) frame learned from PolNeAR train with enough precision (``frames.json``)."""
        lex = self.lex
        learned = frames()
        threshold = generation_threshold()
        framed = {lemma for (lemma, _), precision in learned.items() if precision >= threshold}
        for tok in self.doc:
            if tok.pos_ not in {"VERB", "AUX", "NOUN", "ADJ"}:
                continue
            lemma = tok.lemma_.lower()
            if lemma in lex.question:
                continue
            is_verb = tok.pos_ in {"VERB", "AUX"}
            is_speech = is_verb and (lemma in lex.speech or lemma in lex.report_object)
            is_belief = is_verb and lemma in lex.belief
            if not (is_speech or is_belief or lemma in framed):
                continue  # no lexicon entry and no learned frame: not a cue, whatever its children
            # A learned frame decides where the corpus has seen it; the lexicon covers verbs it has not seen.
            child_frames = [c for c in tok.children if learned.get((lemma, c.dep_), 0.0) >= threshold]
            prep_frames = [c for c in tok.children if c.dep_ == "prep"
                           and learned.get((lemma, "prep:" + c.lower_), 0.0) >= threshold]
            if (lemma, "ccomp") in learned:
                is_speech = is_belief = False
            head_frame = tok.head is not tok and learned.get((lemma, "^" + tok.dep_), 0.0) >= threshold
            if not (is_speech or is_belief or child_frames or prep_frames or head_frame):
                continue
            if tok.i in self.handled_cues or self._inside_quote(tok) or self._in_question_clause(tok):
                continue
            subj = self._subject_of(tok)
            contents: list[tuple[int, int, str]] = []
            content_heads: set[int] = set()
            for child in tok.children:
                rel = child.dep_
                if rel == "ccomp" and (is_speech or is_belief or child in child_frames):
                    if child.lemma_.lower() in lex.question or self._is_question_complement(child):
                        continue
                    cstart, cend = self._subtree_chars(child)
                    lead = [c for c in child.lefts if c.ent_type_ in {"DATE", "TIME"}
                            and c.dep_ in {"npadvmod", "advmod", "prep"} and c.left_edge.idx == cstart]
                    if lead and lead[0].right_edge.i + 1 < child.i:
                        # "told them this weekend he would ...": the time belongs to the telling, not the content.
                        cstart = self.doc[lead[0].right_edge.i + 1].idx
                    if child.i < tok.i:
                        # "A, but B, the source added": the content is everything before the cue clause.
                        sent = self.sents[self.sent_of[tok.i]]
                        cstart = min(cstart, sent.start_char)
                    contents.append((cstart, cend, rel))
                elif rel == "dobj" and (is_speech or child in child_frames) and (
                        (lemma, "dobj") not in learned or child in child_frames):
                    contents.extend((a, b, rel) for a, b in
                                    self._object_content(tok, child, lemma, learned=child in child_frames))
                elif child in child_frames and rel not in {"ccomp"}:
                    if subj is not None and child.i == subj.i:
                        continue
                    span = self._object_with_complements(tok, child) if rel == "dobj" else self._subtree_chars(child)
                    if span[0] == child.idx and child.pos_ == "PRON" and not self._inside_quote(child):
                        continue  # a bare pronoun ("cited it") says nothing on its own
                    contents.append((*span, rel))
                elif child in prep_frames:
                    pobj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
                    if pobj is None or (pobj.pos_ == "PRON" and not self._inside_quote(pobj)):
                        continue
                    contents.append((*self._subtree_chars(pobj), "prep:" + child.lower_))
                    content_heads.add(pobj.i)
                    continue
                else:
                    continue
                content_heads.add(child.i)
            if not contents and is_speech:
                contents.extend((a, b, "nsubjpass") for a, b in self._passive_content(tok))
            if not contents and tok.head.pos_ in {"VERB", "AUX"} and (
                    head_frame or (tok.dep_ == "parataxis" and is_speech)):
                contents.append((*self._subtree_chars(tok.head, exclude=tok), "^" + tok.dep_))
                if subj is not None and tok.head.i in {a.i for a in subj.ancestors}:
                    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if not contents:
                continue
            if subj is not None and subj.i in content_heads:
                subj = None
            if subj is not None and subj.lower_ in {"i", "me", "we", "you"} and self._inside_quote(subj):
                continue
            if subj is None and not self._is_impersonal_passive(tok):
                # A speech verb with no recoverable source: still a statement if the subject is implicit.
                if tok.dep_ not in {"ROOT", "conj", "ccomp", "dep"} and not child_frames and not head_frame:
                    continue
            cue = self._cue_span(tok)
            mention = self._mention_range(subj) if subj is not None else None
            for start, end, rel in contents:
                self._add(start, end, cue, mention, "verb", cue_token=tok, rel=rel)

    @staticmethod
    def _is_question_complement(head: Token) -> bool:
        return any(child.dep_ == "mark" and child.lower_ in {"whether", "if"} for child in head.children)

    def _object_with_complements(self, verb: Token, obj: Token) -> tuple[int, int]:
        """The object with what completes it: "mocked Romney for not releasing...", "called Trump a liar"."""
        start, end = self._subtree_chars(obj)
        pronoun = obj.pos_ == "PRON" and not self._inside_quote(obj)
        for sib in verb.rights:
            if sib.i <= obj.i:
                continue
            if sib.dep_ in {"oprd", "xcomp"} or (sib.dep_ == "prep" and sib.lower_ in _OBJECT_COMPLEMENT_PREPS):
                sib_start, sib_end = self._subtree_chars(sib)
                if pronoun:
                    # "calling it the “liberation” of the country": the content is what it was called.
                    start, pronoun = sib_start, False
                end = max(end, sib_end)
            elif sib.dep_ not in {"punct"}:
                break
        return start, end

    def _passive_content(self, verb: Token) -> list[tuple[int, int]]:
        """"The decision was announced by the governor": the passive subject is the content, the agent the source."""
        if self._passive_agent(verb) is None:
            return []
        for child in verb.children:
            if child.dep_ == "nsubjpass" and child.pos_ != "PRON":
                return [self._subtree_chars(child)]
        return []

    @staticmethod
    def _is_impersonal_passive(verb: Token) -> bool:
        return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)

    def _object_content(self, verb: Token, obj: Token, lemma: str, *, learned: bool = False) -> list[tuple[int, int]]:
        """Content carried by a direct object: a quoted object, a reported thing, or "an opinion that ..."."""
        lex = self.lex
        out: list[tuple[int, int]] = []
        if obj.lemma_.lower() in lex.content_nouns or obj.lower_ in lex.content_nouns:
            for child in obj.children:
                if child.dep_ in {"acl", "relcl", "ccomp"} and any(
                        g.lower_ == "that" and g.dep_ in {"mark", "det", "nsubj"} for g in child.subtree):
                    out.append(self._subtree_chars(child))
            if out:
                return out
        s, e = self._object_with_complements(verb, obj)
        obj_text = self.text[s:e]
        quoted = any(self.mask[i] for i in range(s, e) if self.text[i].isalnum())
        if s == obj.idx and obj.pos_ == "PRON" and not self._inside_quote(obj):
            return []
        if quoted or ((learned or lemma in lex.report_object) and _word_count(obj_text) >= 2):
            out.append((s, e))
        return out

    # ------------------------------------------------------------------ parenthetical cues
    def parenthetical_cues(self) -> None:
        """"A, Mr. Obama said, B." and "A, the source added.": a cue clause set off by commas inside or at the end
        of a sentence reports the material around it, whatever the parser attached it to (PARC convention: the
        content interrupted by its cue is two spans with one source)."""
        learned = frames()
        for tok in self.doc:
            if tok.pos_ not in {"VERB", "AUX"} or self._inside_quote(tok):
                continue
            lemma = tok.lemma_.lower()
            if lemma in self.lex.question:
                continue
            if not (lemma in self.lex.speech or learned.get((lemma, "ccomp"), 0.0) >= FRAME_MIN_PRECISION):
                continue
            if (lemma, "ccomp") in learned and learned[(lemma, "ccomp")] < FRAME_MIN_PRECISION:
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj"}), None)
            if subj is None or any(c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i > tok.i and c.pos_ != "PRON"
                                   and not self._is_addressee(c) for c in tok.children):
                continue
            sent = self.sents[self.sent_of[tok.i]]
            left = min(subj.left_edge.i, tok.i)
            if left <= sent.start or self.doc[left - 1].text != ",":
                continue
            right = self._clause_end(tok, sent)
            if right is None:
                continue
            before = (sent.start_char, self.doc[left - 1].idx)
            cue = self._cue_span(tok)
            mention = self._mention_range(subj)
            if _word_count(self.text[before[0]:before[1]]) >= 1:
                self._add(before[0], before[1], cue, mention, "paren", min_words=1,
                          cue_token=tok, rel="paren")
            if self.doc[right].text == ",":
                after = (self.doc[right].idx + 1, sent.end_char)
                self._add(after[0], after[1], cue, mention, "paren", min_words=1,
                          cue_token=tok, rel="paren")
            self.handled_cues.add(tok.i)

    @staticmethod
    def _is_addressee(tok: Token) -> bool:
        return tok.dep_ in {"dobj", "dative"} and tok.lower_ in {"me", "us", "reporters", "him", "her", "them"}

    def _clause_end(self, cue: Token, sent: Span) -> int | None:
        """Index of the comma (or final punctuation) that closes a parenthetical cue clause, if it is one."""
        i = cue.i + 1
        limit = min(sent.end, cue.i + 8)
        while i < limit:
            t = self.doc[i]
            if t.text == ",":
                return i
            if t.is_punct and t.text in {".", "!", "?", ";"}:
                return i if all(x.is_punct or x.is_space for x in self.doc[i:sent.end]) else None
            if t.head.i != cue.i and cue.i not in {a.i for a in t.ancestors}:
                return None
            i += 1
        return None

    # ------------------------------------------------------------------ according to
    def according_to(self) -> None:
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            to = self.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                # "according to show insiders" with "show" mis-tagged as a verb: take the phrase after "to".
                pobj = next((c for c in to.children if c.dep_ == "pcomp"), None)
            if pobj is None:
                continue
            head = tok.head
            if head is tok:
                continue
            while head.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"} and head.head is not head \
                    and head.pos_ not in {"VERB", "AUX"}:
                head = head.head
            start, end = self._subtree_chars(head, exclude=tok)
            sent = self.sents[self.sent_of[tok.i]]
            start, end = max(start, sent.start_char), min(end, sent.end_char)
            self._add(start, end, (tok.idx, to.idx + len(to.text)), self._mention_range(pobj), "according")

    # ------------------------------------------------------------------ direct quotes
    def _chains(self) -> list[list[QuoteRegion]]:
        if self._chain_cache is None:
            self._chain_cache = self._build_chains()
        return self._chain_cache

    def _build_chains(self) -> list[list[QuoteRegion]]:
        """Group regions into quotations: a paragraph-final unclosed quote continues into the next paragraph
        when that paragraph opens with a quotation mark (news style), unless it starts a new speaker's turn."""
        chains: list[list[QuoteRegion]] = []
        i = 0
        regions = self.regions
        while i < len(regions):
            chain = [regions[i]]
            while continues_next_paragraph(self.text, chain[-1]) and i + len(chain) < len(regions):
                nxt = regions[i + len(chain)]
                ps, _pe = self._paragraph_bounds(nxt.start)
                if self.text[ps:nxt.start].strip() or _LABEL.match(self.text, nxt.start + 1):
                    break
                chain.append(nxt)
            chains.append(chain)
            i += len(chain)
        return chains

    def direct_quotes(self) -> None:
        for chain in self._chains():
            first, last = chain[0], chain[-1]
            inner = self.text[first.inner_start:last.inner_end]
            if len(chain) == 1 and not first.double and _word_count(inner) < 6:
                continue
            start, end = _trim(self.text, first.inner_start, last.inner_end)
            if end <= start:
                continue
            if len(chain) == 1 and self._is_title(first):
                # A quoted title is never a statement, whatever cue governs it ("said on CBS's "Face the Nation"").
                self.candidates = [c for c in self.candidates
                                   if not (c.origin != "label" and c.start >= first.start and c.end <= first.end)]
                continue
            # Snap verb candidates whose content lies inside this quotation to the whole quotation.
            snapped = False
            for cand in self.candidates:
                if cand.origin == "direct":
                    continue
                ov = min(cand.end, end) - max(cand.start, start)
                if ov <= 0:
                    continue
                if cand.origin == "label":
                    snapped = True
                elif cand.start >= first.start and cand.end <= last.end:
                    cand.start, cand.end = start, end
                    snapped = True
                elif ov >= 0.5 * (end - start):
                    snapped = True  # part of a mixed or larger statement
            if snapped:
                continue
            dash = self._dash_attribution(last)
            if dash is not None:
                self._add(start, end, dash[0], dash[1], "direct", multi=len(chain) > 1)
                continue
            cue_tok = self._cue_near_region(last) or (self._cue_near_region(first) if len(chain) > 1 else None)
            quotable = len(chain) > 1 or self._quotable(first, cue_tok)
            if cue_tok is not None and quotable:
                subj = self._subject_of(cue_tok)
                mention = self._mention_range(subj) if subj is not None else None
                one_word = inner.rstrip()[-1:] == ","  # ''Hopefully,'' the president said, ''...''
                self._add(start, end, self._cue_span(cue_tok), mention, "direct", multi=len(chain) > 1,
                          min_words=1 if one_word else 2)
            elif len(chain) > 1 or (_word_count(inner) >= MIN_DIRECT_WORDS and self._looks_like_speech(first)) or (
                    _word_count(inner) >= 2 and self._stands_as_sentence(first)):
                self._add(start, end, None, None, "floating", multi=len(chain) > 1)

    def _quotable(self, region: QuoteRegion, cue: Token | None = None) -> bool:
        """Whether a quotation can be a statement of its own rather than a quoted fragment of a sentence:
        a clause, a whole sentence, or a quotation closed by its own cue clause ("...," she said)."""
        inner = self.text[region.inner_start:region.inner_end]
        words = _word_count(inner)
        if words >= MIN_DIRECT_WORDS and self._looks_like_speech(region):
            return True
        if self._stands_as_sentence(region):
            return True
        if inner.rstrip()[-1:] == ",":
            # ''Hopefully,'' the president said, ''...'' -- but not a list of quoted phrases in a sentence.
            return words >= 1 and cue is not None and 0 <= cue.idx - region.end <= QUOTE_CUE_GAP_CHARS
        return words >= 2 and inner.rstrip()[-1:] in {".", "?", "!", "\u2026"}

    def _dash_attribution(self, region: QuoteRegion) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """``“...” ― Sonya Herridge``: a name after a dash right behind the closing mark (testimonial style)."""
        if not region.closed:
            return None
        m = _DASH_NAME.match(self.text, region.end)
        if m is None:
            return None
        span = self.doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return (m.start("dash"), m.end("dash")), (span.start, span.end)

    def _is_title(self, region: QuoteRegion) -> bool:
        """A quoted title of a work or show ("The Steve Harvey Morning Show"): title case, no final punctuation."""
        inner = self.text[region.inner_start:region.inner_end]
        words = [w for w in inner.split() if any(c.isalpha() for c in w)]
        if not words or inner.rstrip()[-1:] in {".", "?", "!", "\u2026"}:
            return False  # (a comma inside the marks is American style, titles included: “Fox News Sunday,”)
        if "\n" not in self.text[:region.start]:
            return False  # headlines are title case: ‘Directly To White People’ there is a quote
        small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "at", "by"}
        capital = sum(1 for w in words if w[0].isupper() or w.lower() in small)
        return capital == len(words) and sum(1 for w in words if w[0].isupper()) >= max(1, len(words) // 2)

    def _stands_as_sentence(self, region: QuoteRegion) -> bool:
        """A quotation that is a whole sentence of its own: starts a sentence, ends with its own full stop."""
        before = self.text[max(0, region.start - 3):region.start].rstrip(" \u00a0")
        starts = not before or before[-1] in ".?!:\n\u201d\""
        inner_end = self.text[region.inner_start:region.inner_end].rstrip()
        ends = bool(inner_end) and inner_end[-1] in ".?!\u2026"
        return starts and ends

    def _sentence_at(self, char: int) -> int:
        for i, s in enumerate(self.sents):
            if s.start_char <= char < s.end_char:
                return i
        return len(self.sents) - 1

    def _paragraph_bounds(self, char: int) -> tuple[int, int]:
        ps = self.text.rfind("\n", 0, char) + 1
        pe = self.text.find("\n", char)
        return ps, (len(self.text) if pe < 0 else pe)

    def _cue_near_region(self, region: QuoteRegion) -> Token | None:
        """A speech verb outside the region, in the sentences the region touches, with a subject."""
        ps, pe = self._paragraph_bounds(region.start)
        first = self._sentence_at(region.start)
        last = self._sentence_at(max(region.start, region.end - 1))
        best: tuple[int, Token] | None = None
        sents = range(max(0, first), min(len(self.sents), last + 2))
        for si in sents:
            sent = self.sents[si]
            if si == last + 1 and not (region.end >= sent.start_char - 3 and ps <= sent.start_char < pe):
                continue
            for tok in sent:
                if not (ps <= tok.idx < pe) or self._inside_quote(tok):
                    continue
                if tok.pos_ not in {"VERB", "AUX"}:
                    continue
                lemma = tok.lemma_.lower()
                if lemma not in self.lex.speech and not self._asks_aloud(tok):
                    continue
                subj = self._subject_of(tok)
                if subj is None:
                    continue
                dist = min(abs(tok.idx - region.end), abs(tok.idx - region.start))
                # A cue in the next sentence only counts right after the quote ("...," she said. / "...!" Scott's
                # niece, state Del. Marcia Price, shouted).
                if si > last and dist > 40 and subj.left_edge.idx - region.end > 3:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, tok)
        # "X said:" / "Sanders made the following comment:" at the end of the sentence (or paragraph) before.
        colon = len(self.text[:region.start].rstrip()) - 1
        if best is None and colon > 0 and self.text[colon] == ":":
            intro = self.doc[self.sents[self._sentence_at(colon)].start:self._token_at(colon)]
            if intro:
                verbs = [t for t in intro if t.pos_ in {"VERB", "AUX"} and not self._inside_quote(t)
                         and self._subject_of(t) is not None]
                speech = [t for t in verbs if t.lemma_.lower() in self.lex.speech]
                if speech or verbs:
                    best = (0, (speech or verbs)[-1])
        return best[1] if best else None

    def same_paragraph(self, a: int, b: int) -> bool:
        """Tell whether two character offsets are in the same paragraph."""
        return self._paragraph_bounds(a) == self._paragraph_bounds(b)

    def _token_at(self, char: int) -> int:
        """Index of the token covering (or first after) a character offset."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def _asks_aloud(self, verb: Token) -> bool:
        """"Clinton asked, “Why aren't I 50 points ahead?”": an active asking verb quotes its subject; the passive
        "when asked ..." reports a question put to someone, which is not their statement."""
        if verb.lemma_.lower() not in self.lex.question:
            return False
        return not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) and verb.tag_ != "VBN"

    def _looks_like_speech(self, region: QuoteRegion) -> bool:
        """A cue-less quotation counts when it is at least a clause (has a verb) and stands as a sentence."""
        toks = [t for t in self.doc.char_span(region.inner_start, region.inner_end, alignment_mode="expand") or []]
        return any(t.pos_ in {"VERB", "AUX"} for t in toks) and _word_count(
            self.text[region.inner_start:region.inner_end]) >= MIN_DIRECT_WORDS

    # ------------------------------------------------------------------ speaker labels
    def speaker_labels(self) -> None:
        """Transcript and headline style: ``PENCE: Well, look...`` / ``Pat Caddell: Voters worried...``."""
        pos = 0
        first_line = True
        for line in self.text.split("\n"):
            ls, le = pos, pos + len(line)
            pos = le + 1
            if not line.strip():
                continue
            headline = first_line
            first_line = False
            m = _LABEL.match(line)
            if m is None:
                continue
            label = m.group("label")
            words = label.split()
            if any(w.lower().strip(".") in _NOT_LABELS for w in words) or any(ch.isdigit() for ch in label):
                continue
            span = self.doc.char_span(ls + m.start("label"), ls + m.end("label"), alignment_mode="expand")
            if span is None:
                continue
            shouting = label.isupper() and len(label) > 2
            named = any(e.label_ in {"PERSON", "ORG", "NORP", "GPE"} for e in span.ents) or all(
                t.pos_ == "PROPN" for t in span)
            if not (shouting or (named and (headline or len(words) <= 3)) or (headline and len(words) <= 2)):
                continue
            start, end = ls + m.end(), le
            multi = False
            for chain in self._chains():
                if len(chain) > 1 and ls <= chain[0].start < start:
                    end, multi = chain[-1].inner_end, True
                    break
            colon = ls + m.end("label")
            colon = self.text.index(":", colon)
            self._add(start, end, (colon, colon + 1), (span.start, span.end), "label",
                      multi=multi)

    # ------------------------------------------------------------------ learned filter
    def features(self, cand: Candidate) -> list[str]:
        """Sparse features of a candidate for the learned filter (see :mod:`bot.extraction.ranker`)."""
        lex = self.lex
        feats = ["origin=" + cand.origin, "rel=" + cand.rel]
        if cand.cue_token is not None:
            tok = self.doc[cand.cue_token]
            lemma = tok.lemma_.lower()
            p = frames().get((lemma, cand.rel))
            feats += [
                "lemma=" + lemma, "lemma_rel=" + lemma + "|" + cand.rel, "tag=" + tok.tag_, "cdep=" + tok.dep_,
                "fp=" + (str(min(9, int(p * 10))) if p is not None else "none"),
                "lex=" + ("speech" if lemma in lex.speech else "belief" if lemma in lex.belief else "none"),
                "cuepos=" + ("before" if tok.idx < cand.start else "inside" if tok.idx < cand.end else "after"),
            ]
        content = self.text[cand.start:cand.end]
        feats.append("len=" + bucket(_word_count(content)))
        feats.append("type=" + classify(self.text, cand.start, cand.end, self.mask))
        feats.append("inf=" + str(content[:3].lower() == "to "))
        if cand.mention is not None:
            root = self.doc[cand.mention[0]:cand.mention[1]].root
            feats += ["subj=" + root.pos_, "subjent=" + (root.ent_type_ or "none"),
                      "subjlen=" + bucket(cand.mention[1] - cand.mention[0])]
        else:
            feats.append("subj=none")
        return feats

    # ------------------------------------------------------------------ assembly
    def dedupe(self) -> list[Candidate]:
        seen: dict[tuple[int, int], Candidate] = {}
        for cand in sorted(self.candidates, key=lambda c: (c.start, -c.end, c.origin != "verb")):
            key = (cand.start, cand.end)
            if key in seen:
                kept = seen[key]
                if kept.mention is None and cand.mention is not None:
                    seen[key] = cand
                continue
            seen[key] = cand
        out = sorted(seen.values(), key=lambda c: (c.start, c.end))
        # A floating quote that lies inside another statement's content is part of it.
        return [c for c in out if not (c.origin == "floating" and any(
            o is not c and o.start <= c.start and c.end <= o.end for o in out))]

    def floating_links(self, cands: list[Candidate]) -> None:
        """Give a cue-less quote the speaker of the adjacent statement when the paragraphs say so."""
        for idx, cand in enumerate(cands):
            if cand.origin != "floating":
                continue
            ps, _pe = self._paragraph_bounds(cand.start)
            prev = next((j for j in range(idx - 1, -1, -1) if cands[j].origin != "floating"
                         or cands[j].inherit_from is not None), None)
            if prev is None:
                continue
            gap = self.text.count("\n\n", cands[prev].end, ps) if cands[prev].end < ps else 0
            if gap <= FLOATING_MAX_PARAGRAPH_GAP:
                cand.inherit_from = prev


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """Keep the outermost statement where one lies inside another's content: in "Clinton says she hopes to be
    elected", the hope is part of what Clinton says, not a statement of its own (on PolNeAR dev, 161 of 459 false
    positives were such nested spans, against 37 of 1,567 true ones)."""
    return [c for c in cands if not any(
        o is not c and o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in cands)]


def generation_threshold() -> float:
    """Frame precision needed to propose a candidate: lower when the learned filter is there to judge it."""
    ranker = load_ranker()
    if ranker.active and ranker.generation_threshold is not None:
        return ranker.generation_threshold
    return FRAME_MIN_PRECISION


RANKED_ORIGINS = frozenset({"verb", "paren", "according"})


def propose(doc: Doc, text: str) -> tuple[_Finder, list[Candidate]]:
    """Run the rules and return every candidate, before the learned filter (also used to train it)."""
    finder = _Finder(doc, text)
    finder.parenthetical_cues()
    finder.verb_cues()
    finder.according_to()
    finder.speaker_labels()
    finder.direct_quotes()
    return finder, finder.dedupe()


def find_statements(doc: Doc, text: str) -> list[Statement]:
    """Return the statements of ``doc`` (whose text has the same character offsets as ``text``)."""
    finder, cands = propose(doc, text)
    ranker = load_ranker()
    cands = [c for c in cands if c.origin not in RANKED_ORIGINS or ranker.keeps(finder.features(c))]
    cands = _outermost(cands)
    finder.floating_links(cands)
    resolver = SpeakerResolver(doc)
    recent: list[tuple[int, Entity]] = []
    resolved: list[tuple[str | None, str | None, str | None, tuple[int, int] | None]] = []
    out: list[Statement] = []
    for cand in cands:
        speaker: str | None
        role: str | None
        mention_text: str | None
        mspan: tuple[int, int] | None
        if cand.inherit_from is not None:
            speaker, role, mention_text, mspan = resolved[cand.inherit_from]
            source = cands[cand.inherit_from]
            if source.cue_start is not None and finder.same_paragraph(source.cue_start, cand.start):
                # '"A," he said. "B."': the second quotation is reported by the same cue.
                cand.cue_start, cand.cue_end = source.cue_start, source.cue_end
        else:
            choice = choose_speaker(resolver, cand.mention, cand.cue_start, recent)
            speaker, role, mention_text, mspan = choice.speaker, choice.role, choice.mention, choice.span
        if cand.origin == "floating" and mention_text is None:
            resolved.append((None, None, None, None))
            continue
        resolved.append((speaker, role, mention_text, mspan))
        stype: StatementType = classify(text, cand.start, cand.end, finder.mask)  # type: ignore[assignment]
        out.append(Statement(
            type=stype,
            quote=text[cand.start:cand.end],
            start=cand.start,
            end=cand.end,
            speaker=speaker,
            speaker_mention=mention_text,
            speaker_role=role,
            cue=text[cand.cue_start:cand.cue_end] if cand.cue_start is not None and cand.cue_end is not None
            else None,
            speaker_start=mspan[0] if mspan else None,
            speaker_end=mspan[1] if mspan else None,
            cue_start=cand.cue_start,
            cue_end=cand.cue_end,
        ))
    return out


__all__ = ["find_statements", "propose"]
