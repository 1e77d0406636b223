"""Sources of figures: who the text says gave a count.

In order: the speaker of the quotation the count stands in; the subject of a reporting verb that
governs the count (the outermost one that speaks, so "Brazil has recorded 12 deaths, the ministry
said" is the ministry's), or of a verb that revises a toll or believes; "according to X"; a source
its sentence names elsewhere (a closing "..., rescuers and police said" the parser tied to the
object names its first); else the source named before it in its paragraph. A sentence the parser ran
on past a paragraph break is read only in the count's paragraph. Pronouns resolve to the last person
named before them; a bare "the agency" to the named agency mentioned before ("the Tanjug news agency"). A body the article introduces with an
abbreviation ("the Directorate General of Health Services (DGHS)") is named by both, whether a count
cites the abbreviation or the full name, so its counts group under one name that either finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsmine.extract.lexicon import BELIEF_VERBS, REPORTING_VERBS
from newsmine.extract.phrases import CONTAINERS, DOCUMENTS, noun_phrase
from newsmine.extract.records import Quote
from newsmine.extract.views import sentence_of, sentence_span, sentences
from newsmine.extract.views import text as doc_text

# Reporting verbs that say who told it (outermost wins over "recorded", "counted", "put").
TELLING_VERBS = frozenset({"say", "tell", "announce", "report", "state", "add", "confirm", "write", "post"})
# Every verb whose subject can be a figure's source: the reporting verbs and the telling ones.
SOURCE_VERBS = REPORTING_VERBS | TELLING_VERBS
# Verbs whose subject gives the toll they revise ("officials cut the number to 54", "the agency
# raised its toll to 135"), when their object is a toll.
REVISING_VERBS = frozenset({"raise", "cut", "revise", "lower", "lift", "give", "increase", "reduce"})
TOLL_WORDS = frozenset({"toll", "number", "count", "tally", "figure", "estimate"})
# Verbs of belief and warning whose subject gives what follows ("the junta believes 10,000 died").
OPINING_VERBS = BELIEF_VERBS | frozenset({"warn", "show"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# A reporter's trailing "in X"/"of X" is kept when it names the reporter ("officials in Kyiv").
KEPT_PREPOSITIONS = frozenset({"in", "of", "from"})
_DEFINED = re.compile(r"((?:[A-Z][\w'-]*|of|for|and|the|on)(?: (?:[A-Z][\w'-]*|of|for|and|the|on))*) \(([A-Z]{2,8})\)")


@dataclass
class Context:
    """What source resolution needs from the whole article."""

    sents: list[Span]
    paragraphs: list[int]
    persons: list[tuple[int, str]] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)  # abbreviation or full name -> both
    quotes: list[Quote] = field(default_factory=list)
    told: dict[tuple[int, int, bool], str | None] = field(default_factory=dict)  # told()'s answers


def context(doc: Doc, said: list[Quote]) -> Context:
    """The article's sentences and their paragraphs, persons (by offset), abbreviations and quotes."""
    text = doc_text(doc)
    sents = sentences(doc)
    paragraphs = [text.count("\n\n", 0, s.start_char) for s in sents]
    found = {m.group(2): _trim(m.group(1), m.group(2)) for m in _DEFINED.finditer(text)}
    persons = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
    names = {abbr: f"{name} ({abbr})" for abbr, name in found.items() if name}  # "DGHS" and its full name
    names |= {found[abbr]: both for abbr, both in names.items()}
    return Context(sents, paragraphs, persons, names, said)


def _trim(name: str, abbr: str) -> str:
    """The words of ``name`` that the abbreviation stands for ("the Kenya ... Rights" for "KNCHR")."""
    words = name.split()
    initials = [w for w in words if w[0].isupper()]
    while initials and initials[0][0] != abbr[0]:  # "The United Nations Children's Fund (UNICEF)"
        initials.pop(0)
    if not initials:
        return ""
    return name[name.index(initials[0]) :] if initials[0][0] == abbr[0] else ""


def _reporting(tok: Token) -> bool:
    return tok.lemma_.lower() in SOURCE_VERBS and tok.pos_ == "VERB"


def _gives(tok: Token) -> bool:
    """A verb whose subject gives the count under it: it reports, revises a toll or believes."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in SOURCE_VERBS or lemma in OPINING_VERBS:
        return True
    return lemma in REVISING_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in TOLL_WORDS for c in tok.children)


def _antecedent(pronoun: Token, ctx: Context) -> str:
    """Who "he", "she", "it" or "they" is: the source named in one of the two sentences before,
    else (for "he" and "she") the last person named before."""
    here = sentence_of(pronoun.doc, pronoun.i)
    for k in range(here - 1, max(-1, here - 3), -1):
        for tok in ctx.sents[k]:
            if not (_reporting(tok) and tok.lemma_.lower() in TELLING_VERBS):
                continue
            for child in tok.children:
                if child.dep_ == "nsubj" and child.pos_ in {"NOUN", "PROPN"} and not _is_container(child):
                    phrase = noun_phrase(child)
                    return ctx.abbreviations.get(phrase, phrase)
    earlier = [name for at, name in ctx.persons if at < pronoun.idx]
    return earlier[-1] if earlier and pronoun.lower_ in {"he", "she"} else ""


def _is_container(tok: Token) -> bool:
    return tok.lemma_.lower() in CONTAINERS or tok.lower_ in CONTAINERS


def _qualifier(tok: Token) -> Token | None:
    """The preposition right after a reporter that says which one: "officials in Kyiv", "the
    Ministry of Health" (a name takes only "of" and a name: not "Ann Lee of the team")."""
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ not in KEPT_PREPOSITIONS or child.i != tok.i + 1:
            continue
        if tok.tag_ == "NNS":
            return child
        if tok.tag_ == "NNP" and child.lower_ == "of" and any(t.pos_ == "PROPN" for t in child.subtree):
            return child
    return None


def _with_qualifier(tok: Token, phrase: str) -> str:
    text, end = doc_text(tok.doc), tok.idx + len(tok)
    start = end - len(phrase)
    prep = _qualifier(tok)
    if prep is None or text[start:end] != phrase:
        return phrase
    last = prep.right_edge
    return text[start : last.idx + len(last)]


def _phrase(tok: Token, ctx: Context) -> str:
    if _is_container(tok):
        for clause in (c for c in tok.children if c.dep_ == "acl"):  # "a tally given by local officials"
            for agent in (c for c in clause.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")):
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _phrase(pobj, ctx)
        owners = [c for c in tok.children if c.dep_ in {"compound", "poss"}]
        named = [c for c in owners if c.dep_ == "poss" or c.pos_ == "PROPN" or c.text in ctx.abbreviations]
        has_from = any(c.dep_ == "prep" and c.lower_ in {"from", "by", "of"} for c in tok.children)
        if named and not has_from:
            return _phrase(named[0], ctx)  # "a Reuters count", "DGHS data", "the ministry's statement"
        if not has_from:
            # "the statement said", "government data show": the text cites the document itself; a
            # bare or only qualified tally ("the figures", "the latest count") is the toll, not who gave it
            if tok.lemma_.lower() in DOCUMENTS or any(c.pos_ in {"NOUN", "PROPN"} for c in owners):
                return noun_phrase(tok)
            return ""
    if tok.lower_ in PRONOUNS:
        return _antecedent(tok, ctx)
    if tok.tag_ == "WDT" and tok.head.dep_ == "relcl":
        return _phrase(tok.head.head, ctx)  # "the government, which said"
    phrase = _with_qualifier(tok, noun_phrase(tok))
    return ctx.abbreviations.get(phrase, phrase)


def _reporter(verb: Token, figure: Token, ctx: Context) -> str | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            if child.left_edge.i <= figure.i <= child.right_edge.i:
                return None  # "42 people confirmed dead": the count is not its own source
            if verb.lemma_.lower() not in TELLING_VERBS and (child.ent_type_ == "GPE" or child.lower_ == "country"):
                return None  # "Brazil has recorded 12 deaths": the place, not who counted
            return _phrase(child, ctx) or None
    return None


def _governing(sent: Span, figure: Token, ctx: Context) -> str | None:
    """The subject of the reporting verb over the count: the outermost that tells, else the nearest."""
    found: list[tuple[bool, str]] = []
    tok = figure
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end:
        tok = tok.head
        if _gives(tok):
            who = _reporter(tok, figure, ctx)
            if who:
                found.append((tok.lemma_.lower() in TELLING_VERBS, who))
    root = sent.root
    if not found and _reporting(root) and root.i > figure.i:
        who = _reporter(root, figure, ctx)  # "..., 14 people were killed, police said"
        if who:
            found.append((True, who))
    telling = [who for tells, who in found if tells]
    if telling:
        return telling[-1]
    return found[0][1] if found else None


def _according(sent: Span, ctx: Context) -> str | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for pobj in tok.doc[tok.i + 1].children:
                if pobj.dep_ == "pobj":
                    return _phrase(pobj, ctx) or None
    return None


def sentence_source(sent: Span, figure: Token, ctx: Context) -> str | None:
    """The source a sentence gives for a count in it, or ``None``."""
    for q in ctx.quotes:
        if q.start_char <= figure.idx < q.end_char and q.speaker:
            return ctx.abbreviations.get(q.speaker, q.speaker)
    return _governing(sent, figure, ctx) or _according(sent, ctx)


def _heads_a_clause(tok: Token) -> bool:
    """The verb is the sentence's or a clause beside it ("..., a fire official said, as ..."), not
    one inside a noun phrase ("schools, where a boy told reporters"), or it ends the sentence after
    a comma ("..., the news agency reported on Tuesday."), however the parser attached it."""
    if tok.head.i == tok.i or (tok.head.head.i == tok.head.i and tok.dep_ in {"parataxis", "ccomp", "conj"}):
        return True
    return _trailing(tok)


# A sentence's closing attribution is its verb and at most this many words after it ("on Tuesday").
_TRAILING_WORDS = 4


def _trailing(verb: Token) -> bool:
    """'..., the SABA news agency reported on Tuesday.': the telling verb closes the sentence and its
    subject follows a comma."""
    sent = sentence_span(verb)
    if not _closes(verb):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None and verb.dep_ == "acl" and verb.head.i == verb.i - 1:
        subject = verb.head
    start = subject.left_edge.i if subject is not None else verb.i
    return start > sent.start and verb.doc[start - 1].text == ","


def _closes(verb: Token) -> bool:
    """Nothing but a few words without a verb ("on Tuesday") follows the verb in its sentence."""
    after = [t for t in verb.doc[verb.i + 1 : sentence_span(verb).end] if not (t.is_punct or t.is_space)]
    return len(after) <= _TRAILING_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in after)


# The longest phrase read as a closing attribution's subject ("the Syrian Observatory for Human Rights").
_SUBJECT_WORDS = 8


def _closing_subject(verb: Token) -> list[Token]:
    """The subject of a closing attribution that the parser left without one: the noun phrase
    between the sentence's last comma and the verb ("..., authorities and residents said", parsed
    as conjuncts of the object, or "..., the Syrian Observatory said", as an apposition)."""
    sent = sentence_span(verb)
    if not _closes(verb):
        return []
    commas = [t.i for t in verb.doc[sent.start : verb.i] if t.text == ","]
    if not commas:
        return []
    words = verb.doc[commas[-1] + 1 : verb.i]
    if not 0 < len(words) <= _SUBJECT_WORDS or any(t.pos_ in {"VERB", "AUX", "PUNCT"} for t in words):
        return []
    heads = [t for t in words if not words.start <= t.head.i < words.end]
    return heads if len(heads) == 1 and heads[0].pos_ in {"NOUN", "PROPN"} else []


def told(sent: Span, ctx: Context, top: bool = False) -> str | None:
    """Any source the sentence names: the subject of its telling verb or "according to X" (with
    ``top``, only of a verb that heads a clause of the sentence). Read once per sentence."""
    key = (sent.start, sent.end, top)
    if key not in ctx.told:
        ctx.told[key] = _told(sent, ctx, top)
    return ctx.told[key]


def _told(sent: Span, ctx: Context, top: bool) -> str | None:
    for tok in sent:
        if not (_reporting(tok) and tok.lemma_.lower() in TELLING_VERBS | {"according"}):
            continue
        if top and not _heads_a_clause(tok):  # checked for telling verbs only: it reads the sentence
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
        if not subjects and tok.dep_ == "acl" and tok.head.i == tok.i - 1 and _trailing(tok):
            subjects = [tok.head]  # "..., the news agency reported": parsed as a noun the verb modifies
        if not subjects:
            subjects = _closing_subject(tok)
        for child in subjects:
            who = _phrase(child, ctx)
            if who:
                return who
    return _according(sent, ctx)


def _piece(sent: Span, figure: Token) -> Span:
    """The part of the sentence in the count's paragraph (the parser may run a sentence on past a
    paragraph break; a source named across the break is another paragraph's)."""
    breaks = [t.i for t in sent if "\n\n" in t.text_with_ws]
    start = max((i + 1 for i in breaks if i < figure.i), default=sent.start)
    end = min((i for i in breaks if i > figure.i), default=sent.end)
    return sent if (start, end) == (sent.start, sent.end) else sent.doc[start:end]


def attribution(index: int, figure: Token, ctx: Context) -> str | None:
    """Who gave the count in sentence ``index``: its sentence's source, else the nearest source named
    before it in its paragraph (the paragraph's tally)."""
    sent = _piece(ctx.sents[index], figure)
    own = sentence_source(sent, figure, ctx) or told(sent, ctx, top=True)
    if own:
        return own
    if sent.start != ctx.sents[index].start:
        return None  # the count opens a paragraph inside a sentence the parser ran on past the break
    paragraph = ctx.paragraphs[index]
    same = [j for j, p in enumerate(ctx.paragraphs) if p == paragraph and j < index]
    for j in reversed(same):
        who = told(ctx.sents[j], ctx)
        if who:
            return who
    return None
