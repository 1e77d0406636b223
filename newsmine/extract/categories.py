"""The syntactic category rule: what happened to the counted, read from the words that govern it.

The governing verb speaks first ("freed 12 hostages"), then the noun's own modifiers ("people
killed"), then the noun itself ("184 deaths"), then verbs further up, within the clause. The
category model (``category_model``) takes this rule's answer as one of its features.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsmine.extract import lexicon as lx
from newsmine.extract.event_words import EVENT_WORDS, NOUN_CLASS

_MAX_CLIMB = 6


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def counted_noun(anchor: Token) -> Token | None:
    """The noun the number counts: "184 [people]", "nine of its [occupants]", "three [more]"."""
    doc = anchor.doc
    if anchor.i + 1 < len(doc) and doc[anchor.i + 1].lower_ in {"more", "others"} and anchor.head.i != anchor.i + 1:
        return doc[anchor.i + 1]  # the parser often hangs "three more" on the wrong word
    head = anchor.head
    if anchor.dep_ in {"nummod", "quantmod", "amod", "compound"} and (
        head.pos_ in {"NOUN", "PROPN"} or head.lower_ in {"more", "others", "other"}
    ):
        if _lemma(head) in lx.GROUP_NOUNS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        return head
    if anchor.dep_ == "quantmod" and head.dep_ == "nummod" and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return pobj
    return None


def copula_attr(anchor: Token) -> Token | None:
    """'eight of whom were [children]': the attribute of a copula whose subject is the number."""
    if anchor.dep_ in {"nsubj"} and anchor.head.lemma_ == "be":
        for child in anchor.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return child
    return None


def is_people(tok: Token) -> bool:
    return _lemma(tok) in lx.PEOPLE_NOUNS or tok.lower_ in lx.PEOPLE_NOUNS or tok.ent_type_ == "NORP"


def noun_class(tok: Token | None) -> str:
    """What kind of thing is counted: people, structure, vehicle, munition, incident, supply, area, thing, or none."""
    if tok is None:
        return "none"
    if is_people(tok):
        return "people"
    return NOUN_CLASS.get(_lemma(tok)) or NOUN_CLASS.get(tok.lower_) or "thing"


def _membership_category(group: Token) -> str | None:
    """'were among the dead', 'among those killed', 'among the victims': the group's own category."""
    cat = lx.ADJECTIVE_CATEGORIES.get(group.lower_) or lx.NOUN_CATEGORIES.get(_lemma(group))
    if cat:
        return cat
    for child in group.children:
        if child.dep_ in {"acl", "relcl", "amod"}:
            cat = lx.ADJECTIVE_CATEGORIES.get(child.lower_)
            if cat is None and child.pos_ in {"VERB", "AUX"}:
                cat = lx.VERB_CATEGORIES.get(_lemma(child))
            if cat:
                return cat
    return None


def _state_phrase(head: Token) -> str | None:
    """A state said by a prepositional phrase: 'without electricity', 'with injuries', 'with food poisoning'."""
    for prep in head.children:
        if prep.dep_ == "prep":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    cat = lx.PHRASAL_CATEGORIES.get((prep.lower_, _lemma(pobj)))
                    if cat:
                        return cat
    return None


def _complement_category(verb: Token, counted: Token | None = None) -> str | None:
    cat = _state_phrase(verb)
    if cat:
        return cat
    for child in verb.children:
        if counted is not None and child.i == counted.i:
            continue  # the counted noun is not its own complement ("freed 15 hostages")
        if child.dep_ in {"oprd", "xcomp", "acomp", "attr", "advmod", "npadvmod"} or (
            child.dep_ == "dobj" and child.lower_ in {"damage", "destruction"}
        ):
            cat = lx.COMPLEMENT_CATEGORIES.get(child.lower_) or lx.COMPLEMENT_CATEGORIES.get(_lemma(child))
            if cat:
                return cat
        if child.dep_ == "prep" and child.lower_ in {"in", "into", "from", "under"}:
            for pobj in child.children:
                cat = lx.COMPLEMENT_CATEGORIES.get(_lemma(pobj))
                if cat in {"kidnapped", "arrested", "displaced", "affected"}:
                    return cat
        if child.dep_ == "prep" and child.lower_ == "as":  # "listed as missing", "confirmed as dead"
            for state in child.children:
                cat = lx.COMPLEMENT_CATEGORIES.get(state.lower_)
                if cat and state.dep_ in {"pcomp", "pobj", "amod", "acomp"}:
                    return cat
        if child.dep_ == "prep" and child.lower_ == "among" and verb.lemma_ == "be":
            for pobj in child.children:
                cat = _membership_category(pobj)
                if cat:
                    return cat
        if child.dep_ in {"prt", "advmod", "advcl", "acomp", "oprd", "dobj", "prep"}:
            cat = lx.PHRASAL_CATEGORIES.get((_lemma(verb), child.lower_))
            if cat:
                return cat
        if child.dep_ in {"ccomp", "xcomp"} and child.lower_ in {"go", "free"}:
            cat = lx.PHRASAL_CATEGORIES.get((_lemma(verb), child.lower_))
            if cat:
                return cat
    return None


def _verb_category(verb: Token, counted: Token | None) -> str | None:
    cat = _complement_category(verb, counted)
    if cat:
        return cat
    lemma = _lemma(verb)
    if lemma == "take" and any(c.lower_ in {"hostage", "captive", "prisoner"} for c in verb.subtree):
        return "kidnapped"
    if lemma == "go" and (_lemma(verb.head) == "let" or any(_lemma(c) == "let" for c in verb.children)):
        return "released"  # "let the hostages go", "let go the 12 missionaries"
    cat = lx.VERB_CATEGORIES.get(lemma) if verb.pos_ in {"VERB", "AUX"} else None
    if cat is None and lemma in lx.CONTROL_VERBS:  # "had to flee", "were forced to leave their homes"
        done = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        cat = _verb_category(done, counted) if done is not None else None
    if cat is None and (verb.pos_ == "ADJ" or verb.dep_ in {"amod", "acl", "relcl"}):
        # participles as modifiers ("those taken", "affected families"), not as main verbs ("taken place")
        cat = lx.ADJECTIVE_CATEGORIES.get(verb.lower_) or lx.COMPLEMENT_CATEGORIES.get(verb.lower_)
    if lemma in lx.THING_SENSE_VERBS and counted is not None:
        if noun_class(counted) in {"structure", "vehicle"}:
            return "struck"  # "burned 40 homes", "buried 100 houses", "homes affected by the fire"
        own = lx.NOUN_CATEGORIES.get(_lemma(counted))
        if own and not is_people(counted):
            return own  # "100 bodies were buried": the counted noun says what happened
    if cat and lemma in lx.THING_ONLY_VERBS and counted is not None and is_people(counted):
        return None
    if (
        cat
        and lemma in lx.PEOPLE_ONLY_VERBS
        and counted is not None
        and not is_people(counted)
        and _lemma(counted) not in {"family", "household", "more", "other"}
    ):
        return None
    if cat == "killed" and lemma == "lose" and counted is not None and _lemma(counted) != "life":
        return None
    return cat


def _subject_category(verb: Token, skip: Token) -> str | None:
    """'the death toll rose to 85', 'raised the death toll to 21', 'the adults killed were two
    teachers': a category carried by the verb's subject or object rather than by the number."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.i != skip.i:
            for tok in child.subtree:
                cat = lx.NOUN_CATEGORIES.get(_lemma(tok)) if tok.pos_ in {"NOUN", "ADJ"} else None
                if cat in {"killed", "injured", "affected", "displaced"} and _lemma(tok) != "case":
                    return cat
            cat = _modifier_category(child)
            if cat:
                return cat
    return None


def _modifier_category(noun: Token) -> str | None:
    """'people killed', 'people who were injured', 'wounded soldiers', 'affected families', 'people
    with injuries'."""
    cat = _state_phrase(noun)
    if cat:
        return cat
    for child in noun.children:
        if child.dep_ in {"acl", "relcl", "amod"}:
            cat = _verb_category(child, noun) if child.pos_ in {"VERB", "AUX"} else None
            cat = cat or lx.ADJECTIVE_CATEGORIES.get(child.lower_)
            if cat:
                return cat
    return None


def is_rate(noun: Token | None) -> bool:
    """'10 hostages a day': a rate is a count of its own kind ('other')."""
    if noun is None:
        return False
    return any(
        c.dep_ == "npadvmod"
        and _lemma(c) in lx.TIME_UNITS
        and any(d.lower_ in {"a", "per", "each"} for d in c.children)
        for c in noun.children
    )


_CLAUSE_EDGES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl", "xcomp", "pcomp"})


def _nominal_event(noun: Token) -> str | None:
    """'the evacuation of 5,000 residents', 'the release of 40 prisoners': an event noun of one meaning."""
    cats = EVENT_WORDS.get(_lemma(noun), ())
    return cats[0] if len(cats) == 1 and cats[0] != "other" else None


def is_countable(noun: Token | None) -> bool:
    """People or the things of an event ("passengers", "missiles"): a count even with no trigger."""
    return noun is not None and (_lemma(noun) in lx.EVENT_NOUNS or is_people(noun))


# What a transitive verb did to its object, not to its doer ("100 assailants attacked the unit").
DOER_SAYS_NOTHING = frozenset({"struck", "killed", "injured", "kidnapped", "arrested"})


def _is_doer(x: Token, verb: Token) -> bool:
    """Whether ``x`` does what ``verb`` says: the subject of its active, transitive use ("30 gunmen
    attacked the village"), or its agent in the passive ("attacked by 300 troops")."""
    if x.dep_ == "agent" or (x.dep_ == "pobj" and x.head.dep_ == "agent"):
        return True
    active = not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    return x.dep_ == "nsubj" and active and any(c.dep_ == "dobj" for c in verb.children)


# Nouns that name a tally: a verb that moves one to a number ("raised the toll to 21", "cut the
# number to 54") says nothing of the counted itself.
TALLY_NOUNS = frozenset({"toll", "number", "count", "tally", "total", "figure"})


def _sets_a_tally(verb: Token, x: Token) -> bool:
    """'raised its tally of the missing to 140': the number hangs on 'to' or 'from' of a verb whose
    object or subject is a tally."""
    if x.dep_ != "prep" or x.lower_ not in {"to", "from"}:
        return False
    return any(c.dep_ in {"dobj", "nsubj", "nsubjpass"} and _lemma(c) in TALLY_NOUNS for c in verb.children)


def triggered_category(anchor: Token, noun: Token | None) -> str | None:
    """The category a trigger word in the count's clause gives it, or ``None``."""
    node = noun if noun is not None else anchor
    noun_cat = None
    if noun is not None:
        noun_cat = lx.NOUN_CATEGORIES.get(_lemma(noun)) or lx.NOUN_CATEGORIES.get(noun.lower_)
    x = node
    for hop in range(_MAX_CLIMB):
        if hop == 1:
            cat = _modifier_category(node) or noun_cat
            if cat:
                return cat
        head = x.head
        if head.i == x.i:
            break
        if head.pos_ in {"VERB", "AUX", "ADJ"} and _sets_a_tally(head, x):
            cat = _subject_category(head, x)  # "cut the number of dead to 71": the tally says, not the verb
            if cat:
                return cat
        elif head.pos_ in {"VERB", "AUX", "ADJ"}:
            cat = _verb_category(head, noun)
            if cat in DOER_SAYS_NOTHING and _is_doer(x, head):
                break  # "100 gunmen attacked the base", "attacked by 300 troops": the count did it
            if cat is None and (x.dep_ not in {"nsubj", "nsubjpass", "dobj"} or _lemma(head) in lx.LEVEL_VERBS):
                cat = _subject_category(head, x)
            if cat is None and head.lemma_ == "be":
                cat = _subject_category(head, x)
            if cat:
                return cat
            if _lemma(head) in lx.SPEECH_VERBS and x.dep_ in {"ccomp", "nsubj"}:
                break
            if head.pos_ == "VERB" and head.lemma_ != "be" and head.dep_ in _CLAUSE_EDGES:
                break  # a clause of its own: a trigger beyond it says nothing of this count
        elif head.pos_ in {"NOUN", "PROPN"} and x.dep_ in {"pobj", "prep"}:
            cat = lx.NOUN_CATEGORIES.get(_lemma(head)) or _nominal_event(head)
            if cat:
                return cat
        x = head
    return _modifier_category(node) or noun_cat
