"""What the category model reads of a count: the words that govern it, through the dependency tree.

A candidate is a number that may be a count (``not_counts`` found no reason against it). Its
features are strings: the counted noun's lemma and what the trigger lexicon says of it, the chain of
governing words above it (verb, noun, adjective or participle, whatever the part of speech), their
complements ("taken hostage", "left homeless"), partitives ("40 of the wounded"), copular membership
("were among the dead"), the first conjunct of a coordination ("seven dead and 50 [wounded]") and
the head of an apposition, the trigger categories anywhere in its clause, plus a few words around
the number and the syntactic rule's own answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsmine.extract import lexicon as lx
from newsmine.extract.categories import (
    counted_noun,
    is_countable,
    is_people,
    is_rate,
    noun_class,
    triggered_category,
)
from newsmine.extract.category_model import NONE
from newsmine.extract.event_words import EVENT_WORDS
from newsmine.extract.not_counts import is_population, is_unit_noun, not_a_count
from newsmine.extract.number_spans import NumberSpan, qualifier
from newsmine.extract.number_spans import anchor as number_anchor
from newsmine.extract.views import LEAD_SENTENCES, per_sentence, sentence_of, sentence_span, sentences

_CLIMB = 4
_TRIGGERS = "newsmine.triggers"
_LEAD = "newsmine.lead_category"
_COMPLEMENTS = frozenset({"oprd", "xcomp", "acomp", "attr", "advmod", "prt", "dobj", "npadvmod"})
_MODIFIERS = frozenset({"acl", "relcl", "amod", "compound", "appos"})
_TABLES: tuple[tuple[str, dict[str, str], bool], ...] = (
    # (name, table, keyed on the lemma rather than the lower-cased word)
    ("v", lx.VERB_CATEGORIES, True),
    ("n", lx.NOUN_CATEGORIES, True),
    ("a", lx.ADJECTIVE_CATEGORIES, False),
    ("c", lx.COMPLEMENT_CATEGORIES, False),
)


@dataclass(frozen=True)
class Candidate:
    """A number that may be a count, with what the rules found around it."""

    num: NumberSpan
    anchor: Token
    noun: Token | None
    qualifier: str
    qualifier_start: int
    rule: str | None  # the syntactic rule's category: the trigger's, else "other" for a countable noun, else None
    is_rate: bool  # "10 hostages a day": a rate, which SCHEME counts as ``other``
    trigger: str | None  # the category a trigger word gave (``rule`` less its fallback to ``other``)


def candidates(sent: Span, spans: list[NumberSpan]) -> list[Candidate]:
    """The numbers of a sentence that may be counts (not a year, an age, money, a unit or a population)."""
    doc = sent.doc
    out = []
    for num in spans:
        if not_a_count(doc, num):
            continue
        anchor = number_anchor(doc, num)
        noun = counted_noun(anchor)
        if is_unit_noun(noun) or _is_scope(noun):
            continue
        qualifier_name, qstart = qualifier(doc, num.start)
        if is_population(doc, noun, qstart):
            continue
        rate = is_rate(noun)
        # the rule: a rate is "other" (SCHEME); else the trigger's category; else "other" for people
        # or the things of an event that no trigger governs
        trigger = None if rate else triggered_category(anchor, noun)
        if _single_thing(num, noun, trigger):
            continue
        rule = "other" if rate else trigger or ("other" if is_countable(noun) else None)
        out.append(
            Candidate(num, anchor, noun, qualifier_name, qstart, rule, rate, trigger or ("FALLBACK" if rule else None))
        )
    return out


# Nouns a tally is spread over, not what it counts ("cases reported from 102 countries").
SCOPE_NOUNS = frozenset({"country", "nation"})


# The parties to a conflict or a deal, named by their number ("the two sides fought", "the two
# governments agreed"): who acted, not a tally.
PARTY_NOUNS = frozenset({"side", "government"})


def _is_scope(noun: Token | None) -> bool:
    return noun is not None and _lemma(noun) in SCOPE_NOUNS | PARTY_NOUNS


def _single_thing(num: NumberSpan, noun: Token | None, trigger: str | None) -> bool:
    """A single thing named, with no event word over it ("at one treatment plant", "one train sliced
    into the other"): no tally. A count of one is of people, or said by its event ("one home burned")."""
    return noun is not None and trigger is None and num.low == 1 and not num.is_range and not is_people(noun)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


@lru_cache(maxsize=16384)
def _word_categories(lemma: str, lower: str) -> tuple[tuple[str, str], ...]:
    out = []
    for name, table, by_lemma in _TABLES:
        cat = table.get(lemma if by_lemma else lower) or (table.get(lower) if by_lemma else None)
        if cat:
            out.append((name, cat))
    out += [("e", cat) for cat in EVENT_WORDS.get(lemma, ()) or EVENT_WORDS.get(lower, ())]
    return tuple(out)


_PHRASE_HEADS = frozenset(head for head, _ in lx.PHRASAL_CATEGORIES)


def lexicon_categories(tok: Token) -> list[tuple[str, str]]:
    """Every (table, category) the trigger lexicon gives the word, whatever its part of speech."""
    lemma = _lemma(tok)
    out = [] if lemma in lx.PHRASE_BOUND_VERBS else list(_word_categories(lemma, tok.lower_))
    if lemma in _PHRASE_HEADS:
        for child in tok.children:
            cat = lx.PHRASAL_CATEGORIES.get((lemma, child.lower_)) or lx.PHRASAL_CATEGORIES.get((lemma, _lemma(child)))
            if cat:
                out.append(("p", cat))
    return out


def _word(prefix: str, tok: Token, out: list[str]) -> None:
    """The word's lemma and its lexicon categories, under ``prefix``."""
    out.append(f"{prefix}={_lemma(tok)}")
    for table, cat in lexicon_categories(tok):
        out.append(f"{prefix}:{table}={cat}")
        out.append(f"{prefix}:cat={cat}")


def _complements(prefix: str, head: Token, skip: int, out: list[str]) -> None:
    """'taken [hostage]', 'left [homeless]', 'went [missing]', 'rounded [up]', 'in [custody]'."""
    for child in head.children:
        if child.i == skip:
            continue
        if child.dep_ in _COMPLEMENTS:
            _word(f"{prefix}c", child, out)
        elif child.dep_ == "prep":
            out.append(f"{prefix}p={child.lower_}")
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _word(f"{prefix}p:{child.lower_}", pobj, out)
                    for mod in pobj.children:  # "into evacuation centres", "with food poisoning"
                        if mod.dep_ in {"compound", "amod"}:
                            _word(f"{prefix}p:mod", mod, out)


def _group_head(node: Token) -> tuple[Token, list[str]]:
    """The first conjunct of a coordination and the head of an apposition: where the group's verb hangs."""
    marks = []
    for _ in range(6):
        if (
            node.dep_ in {"conj", "appos"}
            and node.head.i != node.i
            and node.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
        ):
            marks.append(node.dep_)
            node = node.head
        else:
            break
    return node, marks


_GROUP_WORDS = frozenset({"they", "them", "those", "whom", "which", "others", "other", "more", "another"})


def lead_category(doc: Doc) -> str:
    """The article's main kind of event: the commonest trigger category of its lead."""
    if _LEAD not in doc.user_data:
        counts: dict[str, int] = {}
        for sent in sentences(doc)[:LEAD_SENTENCES]:
            for _tok, cats in _triggers(sent):
                for cat in {c for _t, c in cats if c != "other"}:
                    counts[cat] = counts.get(cat, 0) + 1
        doc.user_data[_LEAD] = max(sorted(counts), key=counts.__getitem__) if counts else "NONE"
    return str(doc.user_data[_LEAD])


def context_features(doc: Doc, cand: Candidate, previous: Candidate | None) -> list[str]:
    """What the article says around the count: the previous count's trigger, and the lead's event.

    A subset or a continued list ("two of them", "13 to Germany and three to the US", "63 others")
    takes its group's category: the previous count's (the article's count before this one, in the
    same sentence or an earlier one).
    """
    lead = lead_category(doc)
    out = [f"lead={lead}"]
    if cand.trigger == "FALLBACK" or cand.trigger is None:
        out.append(f"untriggered&lead={lead}")
    if previous is not None:
        same = sentence_of(doc, previous.num.start) == sentence_of(doc, cand.num.start)
        where = "sent" if same else "before"
        prev = previous.trigger or "NONE"
        out.append(f"prev_{where}={prev}")
        word = cand.noun.lower_ if cand.noun is not None else "NONE"
        if word in _GROUP_WORDS or cand.noun is None:
            out.append(f"group&prev_{where}={prev}")
    return out


def features(doc: Doc, cand: Candidate, previous: Candidate | None = None) -> list[str]:
    """The feature strings of one candidate (``previous``: the article's count before it, if any)."""
    out = [f"rule={cand.trigger or cand.rule}", f"q={cand.qualifier}", "bias"]
    out += context_features(doc, cand, previous)
    first, num = doc[cand.num.start], cand.num
    out.append("digits" if first.text[0].isdigit() else "words")
    out.append(f"mag={len(str(num.low))}")
    if num.is_range:
        out.append("range")
    noun, anchor = cand.noun, cand.anchor
    if noun is None:
        out.append("noun=NONE")
        out.append(f"adep={anchor.dep_}")
    else:
        _word("noun", noun, out)
        out.append(f"ndep={noun.dep_}")
        if is_people(noun):
            out.append("people")
        if noun.ent_type_:
            out.append(f"nent={noun.ent_type_}")
        for child in noun.children:
            if child.dep_ in _MODIFIERS and child.i != anchor.i:
                _word(f"mod:{child.dep_}", child, out)
                _complements("mod", child, noun.i, out)
    for child in anchor.children:  # partitives: "40 of the wounded", "nine of its occupants"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _word("of", pobj, out)
                    for mod in pobj.children:
                        if mod.dep_ in _MODIFIERS:
                            _word("of:mod", mod, out)
    node = noun if noun is not None else anchor
    group, marks = _group_head(node)
    out += [f"in_{m}" for m in marks]
    if group.i != node.i:
        _word("group", group, out)
    x = group
    for hop in range(_CLIMB):
        head = x.head
        if head.i == x.i:
            out.append(f"root{hop}")
            break
        out.append(f"g{hop}dep={x.dep_}")
        _word(f"g{hop}", head, out)
        _word("g", head, out)
        out.append(f"g{hop}pos={head.pos_}")
        _complements("g", head, x.i, out)
        if head.lemma_ == "be":
            out.append(f"be:{x.dep_}")
        if _lemma(head) in lx.SPEECH_VERBS:
            out.append("speech")
            break
        x = head
    for child in anchor.children:  # the count's own word: "23 hurt", "1,500 injured", "3,000 homeless"
        if child.dep_ in {"amod", "acl", "relcl", "advmod", "appos"} and (noun is None or child.i != noun.i):
            _word("own", child, out)
    if num.end < len(doc) and (noun is None or noun.i != num.end) and doc[num.end].pos_ in {"ADJ", "VERB"}:
        _word("next", doc[num.end], out)
    for tok in doc[max(num.start - 3, 0) : num.start]:
        out.append(f"left={tok.lower_}")
    for tok in doc[num.end : min(num.end + 3, len(doc))]:
        out.append(f"right={tok.lower_}")
    prev = doc[cand.qualifier_start - 1] if cand.qualifier_start > 0 else None
    out.append(f"l1={prev.lower_ if prev is not None else '<s>'}")
    out += _nearest_triggers(sentence_span(first), node)
    kind = "none" if noun is None else "people" if is_people(noun) else "thing"
    cls = noun_class(noun)
    out.append(f"nclass={cls}")
    crossed = [f for f in out if f.startswith(("near=", "g:cat=", "rule="))]
    out += [f"{kind}&{f}" for f in crossed]
    if cls not in {kind, "thing"}:
        out += [f"{cls}&{f}" for f in crossed]
    lead = lead_category(doc)
    out += [f"lead={lead}&{f}" for f in crossed if not f.startswith("rule=")]
    out += [f"clause:cat={cat}" for cat in clause_categories(_clause(group))]
    return out


def _clause(node: Token) -> list[Token]:
    """The count's clause: the subtree of the verb above it, less the clauses coordinated with that
    verb ("12 were killed and 30 more were wounded": the wounded are another clause's)."""
    verb = node
    while verb.head.i != verb.i and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    others = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and c.i != node.i]
    skip = {t.i for c in others for t in c.subtree}
    return [tok for tok in verb.subtree if tok.i not in skip]


def count_clause(cand: Candidate) -> list[Token]:
    """The candidate's clause (:func:`_clause`), from the head of its coordination or apposition."""
    group, _marks = _group_head(cand.noun if cand.noun is not None else cand.anchor)
    return _clause(group)


def clause_categories(clause: list[Token]) -> list[str]:
    """The trigger categories of every word of a count's clause (:func:`_clause`): what the clause
    says happened, wherever the parse hangs the words."""
    return sorted({cat for tok in clause for _table, cat in lexicon_categories(tok)})


def _relation(doc: Doc, cand: Candidate, previous: Candidate) -> str:
    """How a count stands to the count before it: a conjunct of it, a subset, one more, or only nearby."""
    node = cand.noun if cand.noun is not None else cand.anchor
    before = {previous.anchor.i} | ({previous.noun.i} if previous.noun is not None else set())
    x = node
    for _ in range(4):
        if x.i in before and x.i != node.i:
            return "conj"
        if x.dep_ not in {"conj", "appos"} or x.head.i == x.i:
            break
        x = x.head
    word = cand.noun.lower_ if cand.noun is not None else "NONE"
    if word in {"them", "whom", "those", "which"}:
        return "part"
    if word in {"others", "other", "more", "another"}:
        return "more"
    if sentence_of(doc, previous.num.start) == sentence_of(doc, cand.num.start):
        return "sent"
    return "before"


def sequence_features(
    doc: Doc, cand: Candidate, previous: Candidate | None, previous_category: str | None
) -> list[str]:
    """What the count before it was found to be (``previous_category``), by how the two counts stand.

    A list, a subset or "N more" takes its group's category ("16 tourists and one guide", "five of
    them children", "and 63 others"); the category is the one decided for the previous count, so a
    group's category carries down a list. Training reads the gold category there.
    """
    if previous is None or previous_category is None:
        return ["prevcat=NONE"]
    rel = _relation(doc, cand, previous)
    if cand.trigger not in {None, "FALLBACK"} and rel != "part":
        rel += "&own"  # "20 were killed and four more were wounded": its own word says
    return [f"prevcat={previous_category}", f"prevcat_{rel}={previous_category}"]


def stated_category(doc: Doc, cand: Candidate) -> str | None:
    """The category a state word right after the number says ("23 hurt", "nearly 1,500 injured"),
    when no noun follows it (in "three injured workers" the noun's verb decides)."""
    end = cand.num.end
    if end >= len(doc) or doc[end].lower_ not in lx.STATE_WORDS:
        return None
    if end + 1 < len(doc) and doc[end + 1].pos_ in {"NOUN", "PROPN"}:
        return None
    return lx.ADJECTIVE_CATEGORIES[doc[end].lower_]


def object_state(cand: Candidate) -> str | None:
    """The category an object predicative says of the count ("left 22 people dead", "left 5,000
    homeless", "found three hikers dead"): its verb's complement, which no verb's sense outweighs."""
    group, _marks = _group_head(cand.noun if cand.noun is not None else cand.anchor)
    if group.dep_ != "dobj":
        return None
    for child in group.head.children:
        if child.dep_ == "oprd" and child.i > group.i:
            cat = lx.COMPLEMENT_CATEGORIES.get(child.lower_)
            if cat is not None and cat != "released":
                return cat
    return None


def group_category(doc: Doc, cand: Candidate, previous: Candidate | None, previous_category: str | None) -> str | None:
    """The category a subset takes from its group: the count before it, when the count is a part of
    it ("23 were killed, five of them children"); None when it is not a part, or the group is no
    figure or counts ``other``.

    A bare number that no event word governs and that goes on a list of the same sentence ("40
    passengers, 39 in their 60s and 32 in their 40s") counts what the list counts, ``other`` too.
    """
    if previous is None or previous_category in {None, NONE} or cand.trigger not in {None, "FALLBACK"}:
        return None  # "30 were seized; 11 of them were later found dead" says its own
    rel = _relation(doc, cand, previous)
    if cand.noun is None and cand.trigger is None and rel in {"sent", "conj"}:
        return previous_category  # the list's category, whatever the article's lead event
    if previous_category == "other":
        return None
    return previous_category if rel == "part" else None


def _path_length(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up = {t.i: d for d, t in enumerate([a, *a.ancestors])}
    for d, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return up[t.i] + d
    return 99


def _triggers(sent: Span) -> list[tuple[Token, list[tuple[str, str]]]]:
    """The sentence's words that the lexicon gives a category, computed once per sentence."""
    return per_sentence(sent, _TRIGGERS, lambda s: [(tok, cats) for tok in s if (cats := lexicon_categories(tok))])


def _nearest_triggers(sent: Span, node: Token) -> list[str]:
    """The categories of the trigger words nearest the count in the tree (fewest edges), with the
    distance: those of its own clause (:func:`_clause`) when it has any, else the sentence's."""
    own = {t.i for t in _clause(node)}
    pairs = [(tok, cat) for tok, cats in _triggers(sent) if tok.i != node.i for _t, cat in cats]
    found = [(_path_length(node, tok), cat) for tok, cat in pairs if tok.i in own] or [
        (_path_length(node, tok), cat) for tok, cat in pairs
    ]
    if not found:
        return ["near=NONE"]
    best = min(d for d, _ in found)
    nearest = [cat for d, cat in found if d == best]
    return [f"near={cat}" for cat in nearest] + [f"near{min(best, 4)}={cat}" for cat in nearest]
