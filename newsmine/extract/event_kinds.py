"""The kind of event a figure counts ("earthquake", "bombing"), read from its trigger word.

A figure's kind is the kind of the trigger word nearest to it in its sentence ("the quake killed
200"), else the kind the article's lead is about (a toll update, "the toll rose to 272", names no
event). Kinds and the words that say them are listed once, here, as a thesaurus would group them;
:data:`FAMILIES` says which kinds one real-world event can be reported as (a blast is also a fire).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from newsmine.extract.views import per_sentence, sentence_span, sentences

# kind -> the lemmas (lower case) that name it
_WORDS: dict[str, str] = {
    "earthquake": "earthquake quake tremor temblor aftershock seismic",
    "tsunami": "tsunami",
    "flood": "flood flooding floodwater deluge inundation downpour rainfall monsoon",
    "landslide": "landslide mudslide landslip avalanche",
    "storm": "storm cyclone hurricane typhoon tornado",
    "fire": "fire blaze inferno wildfire bushfire",
    "explosion": "explosion blast explode",
    "bombing": "bombing bomb bomber",
    "shooting": "shooting gunman gunfire shooter",
    "attack": "attack assault ambush siege massacre rampage terror terrorist",
    "eruption": "eruption erupt volcano lava",
    "airstrike": "airstrike strike shelling bombardment missile rocket drone",
    "crash": "crash collision derailment derail",
    "sinking": "capsize capsizing sink sinking shipwreck",
    "kidnapping": "kidnap kidnapping abduct abduction",
    "collapse": "collapse",
    "stampede": "stampede",
    "outbreak": "outbreak epidemic pandemic virus infection",
    "war": "war conflict offensive invasion",
    "clash": "clash protest riot crackdown",
}

KINDS: dict[str, str] = {word: kind for kind, words in _WORDS.items() for word in words.split()}
# Verbs that name their event ("the ferry capsized"); other kind words name it as nouns only ("an
# earthquake struck", "troops stormed the school" name no airstrike and no storm).
VERBS = frozenset({"explode", "crash", "capsize", "sink", "kidnap", "abduct", "derail", "collapse", "flood", "erupt"})
_NOUNS = frozenset({"NOUN", "PROPN"})

# Kinds that reports of one event use interchangeably: two kinds are compatible when a family holds both.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"earthquake", "tsunami", "collapse", "landslide", "eruption"}),
    frozenset({"flood", "landslide", "storm", "collapse"}),
    frozenset({"fire", "explosion", "collapse"}),
    frozenset({"bombing", "explosion", "shooting", "attack", "airstrike", "war", "clash", "kidnapping", "fire"}),
    frozenset({"crash", "sinking", "explosion", "fire"}),
    frozenset({"outbreak"}),
    frozenset({"stampede", "collapse"}),
)

LEAD_SENTENCES = 4  # the article's lead, where its main event is named


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two kinds can be one event's (an unknown kind is compatible with any)."""
    return a is None or b is None or a == b or any(a in family and b in family for family in FAMILIES)


def kind_of_token(tok: Token) -> str | None:
    """The kind a token names, by its lemma or its lower-case form: a noun, or one of :data:`VERBS`."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in _NOUNS and lemma not in VERBS:
        return None
    return KINDS.get(lemma) or KINDS.get(tok.lower_)


def lead_kind(doc: Doc) -> str | None:
    """The kind the article's lead is most about: the most named, the earliest named on a tie."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for sent in sentences(doc)[:LEAD_SENTENCES]:
        for tok in sent:
            kind = kind_of_token(tok)
            if kind is not None:
                counts[kind] += 1
                first.setdefault(kind, tok.i)
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], first[k]))


_SENTENCE_KINDS = "newsmine.sentence_kinds"


def _kinds_in(sent: Span) -> list[tuple[int, str]]:
    """The sentence's kind words, by token index (computed once per sentence)."""
    return per_sentence(
        sent, _SENTENCE_KINDS, lambda s: [(t.i, kind) for t in s if (kind := kind_of_token(t)) is not None]
    )


def figure_kind(tok: Token, lead: str | None) -> str | None:
    """The kind of the trigger nearest to ``tok`` in its sentence, else the lead's kind."""
    found = [(abs(i - tok.i), i, kind) for i, kind in _kinds_in(sentence_span(tok))]
    return min(found)[2] if found else lead
