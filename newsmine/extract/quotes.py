"""Quotes: direct quotations, their speaker and the cue verb that introduces them."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsmine.extract.lexicon import SPEECH_VERBS
from newsmine.extract.phrases import noun_phrase
from newsmine.extract.records import Quote
from newsmine.extract.titles import person_titled
from newsmine.extract.views import sentence_at, sentences
from newsmine.extract.views import text as doc_text

_QUOTE = re.compile(r"“(?P<c>[^”]{3,})”|\"(?P<s>[^\"\n]{3,})\"")
_MIN_WORDS = 4  # shorter quoted strings are scare quotes ("terror targets"), not quotations
# A three-word quotation is one only when a speech verb attributes it ("called it 'worse than expected'").
_MIN_ATTRIBUTED_WORDS = 3
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
# A pronoun speaker is looked for among the speakers of the sentences just before the quote.
_ANTECEDENT_SENTENCES = 2
# Verbs that introduce what someone said, beyond the reporting verbs the figures use.
QUOTE_VERBS = SPEECH_VERBS | frozenset(
    {"shout", "scream", "cry", "recall", "recount", "plead", "admit", "whisper", "yell", "exclaim", "sob"}
)


def speech_cue(sent: Span, start: int, end: int) -> Token | None:
    """The speech verb of the sentence outside the quote, nearest to it, in the quote's paragraph (the
    parser may run a sentence on past a paragraph break)."""
    best: Token | None = None
    text = doc_text(sent.doc)
    for tok in sent:
        if start <= tok.idx < end or tok.lemma_.lower() not in QUOTE_VERBS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if "\n\n" in (text[end : tok.idx] if tok.idx >= end else text[tok.idx : start]):
            continue
        if best is None or abs(tok.idx - end) < abs(best.idx - end):
            best = tok
    return best


def _last_speaker(doc: Doc, start: int, pronoun: str = "") -> str | None:
    """The subject, not a pronoun, of the last speech verb in the sentences before the one at
    ``start`` ("Ann Lee told reporters the road was cut. 'We will stay,' she said"); a speaker
    given by the same ``pronoun`` continues the search before it ("Ann Lee spoke. She said...")."""
    sents = sentences(doc)
    here = sentence_at(doc, start)
    first = max(0, here - _ANTECEDENT_SENTENCES)
    k = here - 1
    while k >= first:
        for tok in reversed(sents[k]):
            child = _subject(tok) if tok.lemma_.lower() in QUOTE_VERBS and tok.pos_ == "VERB" else None
            if child is None:
                continue
            if child.lower_ not in _PRONOUNS and child.pos_ in {"NOUN", "PROPN"}:
                return person_titled(child) or noun_phrase(child)
            if pronoun and child.lower_ == pronoun:
                first = max(0, min(first, k - _ANTECEDENT_SENTENCES))
        k -= 1
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of a speech verb, or of the verb it hangs on ("she denied it, saying ...")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return _subject(verb.head) if _hangs(verb) else None


def _hangs(verb: Token) -> bool:
    """The verb takes its subject from the verb it hangs on: a conjunct ("flew in and told them"), a
    present participle or an infinitive ("..., saying", "to say"); not a past participle (tag VBN:
    "it was confirmed", "as reported"), whose subject is not the speaker's."""
    if verb.head.i == verb.i or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    return verb.dep_ == "conj" or (verb.dep_ in {"advcl", "xcomp"} and verb.tag_ in {"VBG", "VB"})


def _previous_subject(doc: Doc, at: int) -> str | None:
    """The named subject of the sentence before the one at ``at`` (where the quote or its cue
    begins), in the same paragraph: who the pronoun continues ("Ann Lee lost her home. 'We have
    nothing,' she said")."""
    sents = sentences(doc)
    here = sentence_at(doc, at)
    if here == 0:
        return None
    before = sents[here - 1]
    if "\n\n" in doc_text(doc)[before.root.idx : at]:  # spaCy keeps a break's space in the sentence before
        return None
    root = before.root
    for child in root.children:
        if child.dep_ == "nsubj" and child.pos_ == "PROPN" and child.ent_type_ in {"PERSON", ""}:
            return person_titled(child) or noun_phrase(child)
    return None


def _speaker(cue: Token, start: int, end: int, persons: list[tuple[int, str]]) -> str | None:
    for child in cue.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and not (start <= child.idx < end):
            if child.lower_ in _PRONOUNS:
                if child.lower_ not in {"he", "she"}:  # "they", "we": no one person, the last speaker
                    return _last_speaker(cue.doc, start, child.lower_)
                return _person(cue.doc, min(start, cue.idx), start, child.lower_, persons)
            if child.tag_ in {"WP", "WDT"} and cue.dep_ == "relcl":
                named = cue.head.head if cue.head.dep_ == "appos" else cue.head
                return noun_phrase(named)  # "said Ann Lee, the mayor, who added: ..." is Ann Lee
            return person_titled(child) or noun_phrase(child)
    quoted = cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else cue.head
    if quoted.lemma_.lower() == "quote" and quoted.i != cue.i:
        # "the agency quoted him as saying", "she was quoted as saying": who is quoted speaks
        for child in quoted.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                return _named(child, start, persons)
    if not _hangs(cue):
        return None
    # "Ann Lee flew in and told them: '...'", "she denied it, saying '...'", "changed its report to say '...'"
    return _speaker(cue.head, start, end, persons)


def _person(doc: Doc, at: int, start: int, pronoun: str, persons: list[tuple[int, str]]) -> str | None:
    """Who "he" or "she" (at offset ``at``, in a quote's cue starting at ``start``) is: the named
    subject of the sentence before, else the last speaker under the same pronoun, else the last
    person named before the quote."""
    earlier = [name for where, name in persons if where < start]
    return _previous_subject(doc, at) or _last_speaker(doc, start, pronoun) or (earlier[-1] if earlier else None)


def _named(tok: Token, start: int, persons: list[tuple[int, str]]) -> str | None:
    """A speaker named by ``tok``; "him" or "her" is resolved as "he" or "she" (:func:`_person`)."""
    if tok.lower_ in {"him", "her", "he", "she"}:
        pronoun = {"him": "he", "her": "she"}.get(tok.lower_, tok.lower_)
        return _person(tok.doc, tok.idx, start, pronoun, persons)
    return person_titled(tok) or noun_phrase(tok)


def quotes(doc: Doc, article_id: str) -> list[Quote]:
    """Extract direct quotes with their speaker and cue verb.

    The speaker is the subject of the speech verb next to the quote, in its paragraph (of the verb
    it is joined to or hangs on: "flew in and told them", "spoke, saying"), or whoever is quoted
    ("quoted him as saying"); "he" or "she" resolves to the named subject of the sentence before
    the quote in its paragraph, else to the last speaker or person named before it, "they" to the
    last speaker (looked for further back while the same pronoun goes on speaking); a quote whose
    sentence has no cue takes the previous sentence's.
    """
    sents = sentences(doc)
    starts = [s.start_char for s in sents]
    persons = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    out: list[Quote] = []
    for m in _QUOTE.finditer(doc_text(doc)):
        body = m.group("c") or m.group("s")
        if len(body.split()) < _MIN_ATTRIBUTED_WORDS:
            continue
        start, end = m.span()
        first = max(0, bisect_right(starts, start) - 1)
        last = max(0, bisect_right(starts, end - 1) - 1)
        span = doc[sents[first].start : sents[last].end]
        cue = speech_cue(span, start, end)
        if cue is None and first > 0:
            cue = speech_cue(sents[first - 1], start, end)
        speaker = _speaker(cue, start, end, persons) if cue is not None else None
        if len(body.split()) < _MIN_WORDS and speaker is None:
            continue
        out.append(
            Quote(
                article_id=article_id,
                quote=body.strip(),
                speaker=speaker,
                cue=cue.text if cue is not None else None,
                sentence_index=first,
                start_char=start,
                end_char=end,
            )
        )
    return out
