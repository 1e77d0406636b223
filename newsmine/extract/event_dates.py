"""Event dates of figures: when the counted event happened, from the resolved date mentions.

A count takes the date the parse ties to it (a date of its clause, not the date a toll was
reported), else the date of the article's main event. A toll accumulated over a period ("since 7
October", "so far this year", "between 10 and 18 July") has no event date; "so far" alone is the toll
of the story's event until now, dated by it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from spacy.tokens import Doc, Token

from newsmine.extract.event_kinds import compatible, kind_of_token, lead_kind
from newsmine.extract.lexicon import BELIEF_VERBS, LEVEL_VERBS, REPORTING_VERBS, SPEECH_VERBS
from newsmine.extract.numbers import word_value
from newsmine.extract.records import DateMention
from newsmine.extract.views import LEAD_SENTENCES, by_token, sentence_span, sentences

# Verbs that report or update a toll ("the toll jumped to 900 on Tuesday"): their dates are when it
# was told, not when it happened ("hit" also names events: "the quake hit on Monday").
UPDATE_VERBS = REPORTING_VERBS | SPEECH_VERBS | (LEVEL_VERBS - {"hit"}) | frozenset({"raise", "update"})
# Verbs whose date starts a period ("the outbreak began in August"): counts since are running totals.
PERIOD_VERBS = frozenset({"begin", "start", "continue"})
# Kinds of event that last: what "began" on a date is a period, not the counted event.
LASTING_KINDS = frozenset({"outbreak", "war", "clash"})
# ... and those whose counts are tolls over their whole course ("have died in the conflict").
TOLL_OVER_TIME_KINDS = frozenset({"outbreak", "war"})
# Parts of a day: "on Tuesday night" dates the verb that "night" hangs from.
TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "dawn", "midnight", "noon", "hour"})
# Conjunctions that put a clause's event at another time than the clause it modifies ("mourned on
# Monday after a crowd surged"): its counts do not take that clause's date.
SEQUENCE_MARKS = frozenset({"after", "before", "until"})
# Adverbs that, bare, put an undated event before the story's ("two others had died earlier"; not
# "earlier in the day", "earlier on Sunday").
EARLIER_WORDS = frozenset({"earlier"})
# Prepositions and adverbs that make a count a running total over a period.
PERIOD_WORDS = frozenset({"since", "so", "until", "till", "through", "throughout"})
# Prepositions whose date is one end of a span of days ("between July 10 and July 18", "from Monday"):
# a count over the span has no event date, and the date is not the day of the main event.
SPAN_WORDS = frozenset({"between", "from", "since", "until", "till", "through"})
# Periods named relative to now that make a count a running total ("this year").
PERIOD_MENTIONS = ("this year", "this month", "so far")
# The article's main event is looked for in its first sentences.
# ... and, when a later sentence dates an event of the lead's kind, in the first sentences up to this,
EVENT_SENTENCES = 8
# if that date falls within a week before publication (a weekday name's reach).
RECENT_DAYS = 7
# With no such date, a later sentence's event date is the main event's when it is this close to
# publication (the story is the day's news), or when the lead dates nothing at all.
NEWS_DAYS = 1
# An event that began or broke out this many days before publication or more is still going on:
# its counts are tolls over its course ("the fire that broke out on Thursday has killed 42").
ONGOING_DAYS = 3
# A later report on an event ("the toll rose to 202 ... the Jan. 1 quake") names the event's own day
# anywhere in the text; this many days before publication at most.
FOLLOW_UP_DAYS = 31
# Categories of counts that follow the event rather than happen in it (arrests of suspects).
AFTERMATH_CATEGORIES = frozenset({"arrested"})
_DATE_PREPOSITIONS = frozenset({"on", "in", "at", "during", "late", "early", "by", "overnight"})


def date_index(doc: Doc, mentions: list[DateMention]) -> dict[int, DateMention]:
    """Each token of a date mention mapped to the mention."""
    return by_token(doc, mentions)


def _in_span(tok: Token, by_token: dict[int, DateMention]) -> bool:
    """The date at ``tok`` is one end of a span of days: under "between", "from", "since"... or
    joined to another date ("on Tuesday and Wednesday")."""
    if tok.head.i != tok.i and tok.head.lower_ in SPAN_WORDS:
        return True
    if tok.head.lower_ == "to":  # "from January to 15 May"
        before = tok.doc[sentence_span(tok).start : tok.head.i]
        if any(t.lower_ == "from" and any(c.i in by_token for c in t.children) for t in before):
            return True
    mention = by_token[tok.i]
    joined = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    return any(t.i in by_token and by_token[t.i] is not mention for t in joined)


def _of_date(pobj: Token, by_token: dict[int, DateMention]) -> Token | None:
    """The date of a part of a period: "in the first half of this year", "the same months of 2023"."""
    for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for inner in prep.children:
            if inner.dep_ == "pobj" and inner.i in by_token:
                return inner
    return None


def _dated(tok: Token, by_token: dict[int, DateMention]) -> tuple[DateMention | None, bool]:
    """A date attached to ``tok`` and whether it opens a period ("since 7 October", "between July
    10 and July 18", "in the first half of May")."""
    for child in tok.children:
        # "Monday's quake", "the 2016 earthquake, which killed 276": the date modifies the event
        if child.i in by_token and child.dep_ in {"npadvmod", "tmod", "nmod", "advmod", "poss", "compound", "nummod"}:
            return by_token[child.i], False
        if child.i in by_token and child.dep_ in {"nsubj", "attr"} and tok.lemma_ == "be":
            return by_token[child.i], False  # "September was the worst month, with 396 deaths"
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.i not in by_token and pobj.lemma_.lower() in TIMES_OF_DAY:
                    # "on Tuesday night": the date is the part of the day's modifier
                    pobj = next((c for c in pobj.children if c.i in by_token), pobj)
                elif pobj.i not in by_token:
                    # "died in Friday's eruptions": the date of the event the count is placed in
                    owner = next((c for c in pobj.children if c.i in by_token and c.dep_ in {"poss", "compound"}), None)
                    part = _of_date(pobj, by_token) if owner is None else None
                    if part is not None:
                        # a part of a month or a year dates its counts; a part of a day is none of them
                        return by_token[part.i], by_token[part.i].granularity == "day" or child.lower_ in PERIOD_WORDS
                    pobj = owner if owner is not None else pobj
                if pobj.i in by_token:
                    return by_token[pobj.i], child.lower_ in PERIOD_WORDS or _in_span(pobj, by_token)
    return None, False


def _running(tok: Token) -> bool:
    """ "since October" and "the worst since gunmen killed 20" (an earlier event): the count is a
    running total, or another event's. "So far" alone is not: it is the toll of the story's event
    until now ("20 people have died so far"), dated by it ("not far from the city" is a place)."""
    return any(c.lower_ == "since" and c.dep_ in {"prep", "advmod", "mark"} for c in tok.children)


def _so_far(tok: Token) -> bool:
    return any(
        c.lower_ == "far" and c.dep_ == "advmod" and any(g.lower_ in {"so", "thus"} for g in c.children)
        for c in tok.children
    )


def _nearby_date(tok: Token, by_token: dict[int, DateMention]) -> tuple[DateMention | None, bool, Token]:
    """The date of the clause around ``tok`` that the parse does not attach to it: of a verb joined
    to it ("fell early on Friday and killed 11"), of a "when" clause under it, or, for a noun or a
    number, of the clause that says what happened to it ("78 people who died in Friday's eruption")."""
    if tok.pos_ == "VERB":
        beside = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        beside += [tok.head] if tok.dep_ == "conj" and tok.head.pos_ == "VERB" else []
        beside += [c for c in tok.children if c.dep_ == "advcl" and any(g.lower_ == "when" for g in c.children)]
    elif tok.pos_ in {"NOUN", "PROPN", "NUM"}:
        beside = [c for c in tok.children if c.dep_ in {"relcl", "acl"} and c.i > tok.i]
    else:
        beside = []
    for other in beside:
        found, period = _dated(other, by_token)
        if found is not None:
            return found, period, other
    return None, False, tok


def _in_lasting_event(tok: Token) -> bool:
    """The word is placed in an event that lasts months ("died in the conflict", "killed during the
    war", "in the epidemic"); clashes too may last, but a day's clashes are one event."""
    return any(
        pobj.dep_ == "pobj" and kind_of_token(pobj) in TOLL_OVER_TIME_KINDS
        for child in tok.children
        if child.dep_ == "prep" and child.lower_ in {"in", "during", "since", "throughout"}
        for pobj in child.children
    )


def _is_period(mention: DateMention) -> bool:
    return mention.text.lower().startswith(PERIOD_MENTIONS)


def _when_clause_date(figure: Token, by_token: dict[int, DateMention]) -> DateMention | None:
    """ "..., since Jan. 19, when a bomber killed 22": a date a "when" clause describes dates the
    counts of that clause (the last such date before the count, with no other date between)."""
    sent = sentence_span(figure)
    end = max((i for i in by_token if sent.start <= i < figure.i), default=None)  # the last date's last token
    if end is None:
        return None
    last = by_token[end]
    words = [t for t in figure.doc[end + 1 : figure.i] if not t.is_punct]
    if not words or words[0].lower_ != "when" or last.resolved_date > last.published_date:
        return None
    clause = words[0].head  # the verb "when" introduces: the count must be in its clause ...
    if clause.left_edge.i <= figure.i <= clause.right_edge.i:
        return last
    # ... or in the participle that goes on from it (", leaving 22 dead"), however it is parsed
    verb = next((t for t in [figure, *figure.ancestors] if t.pos_ == "VERB"), None)
    if verb is None or verb.tag_ != "VBG" or verb.left_edge.i <= clause.right_edge.i:
        return None
    gap = figure.doc[clause.right_edge.i + 1 : verb.left_edge.i]
    return last if all(t.is_punct for t in gap) else None


def _offset_date(clause: Token, by_token: dict[int, DateMention], main: DateMention | None) -> DateMention | None:
    """ "Monday's raid came six days after a missile hit a school, killing 10": a clause "N days
    after" another is N days before that clause's date (or the main event's, unless the main
    event's day was reckoned from this very clause)."""
    if main is not None and main.method == f"after:{clause.i}":
        return main
    mark = next(c for c in clause.children if c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS)
    if mark.lower_ != "after":
        return None
    unit = next((c for c in [*mark.children, *clause.children] if c.dep_ == "npadvmod" and c.lemma_ == "day"), None)
    count = next((c for c in unit.children if c.dep_ == "nummod"), None) if unit is not None else None
    days = word_value(count.text) if count is not None else None
    base = _dated(clause.head, by_token)[0] or main
    if not days or days != int(days) or base is None or base.granularity != "day":
        return None
    return replace(base, resolved_date=base.resolved_date - timedelta(days=int(days)), method=f"after:{clause.i}")


def clause_date(
    figure: Token, by_token: dict[int, DateMention], main: DateMention | None = None
) -> tuple[DateMention | None, bool]:
    """The date the parse ties to the count, climbing to its clause's verb (and reading the clause
    that says what happened to the counted: "78 people who died in Friday's eruption"), and whether
    the count is a running total over a period (then there is no event date).

    The climb stops at a verb that reports or updates a toll, or that believes ("presumed dead on
    Sunday"), and a date of a state that still holds ("were still missing on Friday") is when it
    was told: those counts take the main event's, unless the report covers a month or a year
    ("recorded 535 deaths in 2020") or is a running total ("has recorded 40 this year"). A count in a
    war or an epidemic, or in an earlier event a clause recalls ("the deadliest since gunmen killed
    20"), or one that happened "earlier" on no day the text gives, has no event date either, unless
    the clause that counts it is a "when" clause of a date ("since Jan. 19, when a bomber killed 22").
    """
    recalled = _when_clause_date(figure, by_token)
    if recalled is not None:
        return recalled, False
    tok = figure
    for _ in range(8):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in BELIEF_VERBS:
            return None, False  # "were presumed dead on Sunday": when it was believed, not when they died
        if tok.pos_ == "VERB" and tok.lemma_.lower() in UPDATE_VERBS:
            # "recorded 535 deaths in 2020": a month or a year the report covers dates its counts;
            # a day is when it was told ("said on Tuesday"); "has recorded 40 this year" is a running
            # total, "has recorded 40 so far" the toll of the story's event until now
            if _running(tok):
                return None, True
            found, period = _dated(tok, by_token)
            if found is not None and (period or _is_period(found)):
                return None, True
            if found is not None and found.granularity in {"month", "year"}:
                if _so_far(tok):
                    return None, True  # "has recorded 40 so far in 2023": a running total over the year
                return (found, False) if found.resolved_date <= found.published_date else (None, False)
            return None, False
        found, period = _dated(tok, by_token)
        dated = tok
        if found is None:
            found, period, dated = _nearby_date(tok, by_token)
        if found is not None and found.resolved_date > found.published_date:
            return None, False  # a future date ("talks resume next month") is not the count's
        if found is not None and any(c.lower_ == "still" for c in dated.children):
            return None, False  # "were still missing on Friday": a state on the day it was told
        if found is not None:
            return (None, True) if period or _is_period(found) else (found, False)
        if _running(tok):
            return None, True
        if tok.pos_ == "VERB" and any(
            c.dep_ == "advmod" and c.lower_ in EARLIER_WORDS and not list(c.children) for c in tok.children
        ):
            return None, True  # "two more had died earlier in Huesca": before the story's event, on no given day
        if _in_lasting_event(tok):
            return None, True  # "have died in the conflict": a toll over the whole of a lasting event
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS for c in tok.children):
            # "mourned on Monday after a crowd surged, killing 150": not Monday's, unless the text
            # says how many days before it was
            return _offset_date(tok, by_token, main), False
        if tok.head.i == tok.i:
            return None, False
        tok = tok.head
    return None, False


def _governing_word(doc: Doc, mention: DateMention) -> Token | None:
    """The event noun a date qualifies ("Monday's quake"), else the verb of its clause."""
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    head = tok.head
    # "Monday's quake", "the Jan. 1 Noto Peninsula Earthquake" (a named event)
    event_noun = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and kind_of_token(head) is not None)
    if tok.dep_ in {"poss", "compound", "nmod"} and event_noun and head.lemma_.lower() not in TIMES_OF_DAY:
        return head
    while tok.head.i != tok.i and tok.pos_ not in {"VERB", "AUX"}:
        tok = tok.head
    return tok


def _subject_kind(word: Token) -> str | None:
    """The kind of event that is the subject of ``word`` ("the fire started"), if any."""
    return next((k for c in word.children if c.dep_ in {"nsubj", "nsubjpass"} and (k := kind_of_token(c))), None)


def _starts(word: Token) -> bool:
    """The word says an event began: "began", "started", "continued", "broke out"."""
    lemma = word.lemma_.lower()
    return lemma in PERIOD_VERBS or (lemma == "break" and any(c.lower_ == "out" for c in word.children))


def _dates_an_event(word: Token) -> bool:
    """Whether a date governed by ``word`` dates an event, not a report nor the start of a period."""
    if word.lemma_.lower() in UPDATE_VERBS:
        return False
    if _starts(word):
        kind = _subject_kind(word)
        return kind is not None and kind not in LASTING_KINDS  # "the fire started on Saturday"
    return True


def _aftermath(word: Token) -> bool:
    """The clause names its event only in an "after" clause ("they fled on Sunday after the
    rains"): its date is of what followed the event, not of the event."""
    after = [
        c
        for c in word.children
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "after" for g in c.children)
    ]
    if not after:
        return False
    inside = {t.i for clause in after for t in clause.subtree}
    names = [t for t in word.subtree if kind_of_token(t) is not None]
    return bool(names) and all(t.i in inside for t in names)


def _event_dates(doc: Doc, mentions: list[DateMention], index: dict[int, DateMention]) -> list[DateMention]:
    """The mentions that date an event (not a period, a later day, an aftermath or one end of a span)."""
    out = []
    for m in mentions:
        if m.resolved_date > m.published_date or _is_period(m):
            continue
        word = _governing_word(doc, m)
        if word is None or not _dates_an_event(word) or _aftermath(word):
            continue
        span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
        if span is not None and span.root.i in index and _in_span(span.root, index):
            continue  # one end of a span of days is not the day of the event
        out.append(m)
    return out


def _told_as_ongoing(doc: Doc) -> bool:
    """The story's first sentences tell its tolls as still growing: a present perfect ("has killed
    42"), "still" or "now"."""
    first = sentences(doc)[:EVENT_SENTENCES]
    for tok in doc[: first[-1].end] if first else []:
        if tok.lower_ in {"still", "now"}:
            return True
        if tok.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBZ", "VBP"} for c in tok.children
        ):
            return True
    return False


def _ongoing_since(doc: Doc, mentions: list[DateMention], day: DateMention) -> bool:
    """An event of the text began or broke out days before publication, no later than ``day``,
    and the story tells its tolls as still growing ("the fire, which broke out on Thursday, has now
    killed 42"): the story follows an event still going on, and its counts are tolls over its course."""
    if not _told_as_ongoing(doc):
        return False
    for m in mentions:
        if m.sentence_index >= EVENT_SENTENCES or m.resolved_date > min(day.resolved_date, m.published_date):
            continue
        if (m.published_date - m.resolved_date).days < ONGOING_DAYS:
            continue
        word = _governing_word(doc, m)
        if word is None or not _starts(word):
            continue
        subjects = [c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}]
        subjects += [word.head] if word.dep_ == "relcl" else []
        if any(kind_of_token(t) is not None for s in subjects for t in s.subtree):
            return True
    return False


def _of_kind(doc: Doc, mention: DateMention, kind: str | None) -> bool:
    """Whether the clause a date governs names an event of ``kind`` ("the fire started on Saturday"),
    or of any kind when ``kind`` is None (a lead that names none)."""
    word = _governing_word(doc, mention)
    if word is None:
        return False
    return any((k := kind_of_token(t)) is not None and compatible(k, kind) for t in word.subtree)


def _names_event(doc: Doc, mention: DateMention, kind: str | None) -> bool:
    """Whether a date is the day of an event of the lead's ``kind`` itself: it qualifies the event's
    noun ("the Jan. 1 quake", "Friday's fire"), or its verb names the event ("the ferry sank ... on
    April 16"), has it as subject ("the quake struck on Monday") or describes it ("the fire, which
    erupted late Friday")."""
    if kind in LASTING_KINDS:
        return False  # a protest, a war or an epidemic lasts: a day of it is not its day
    word = _governing_word(doc, mention)
    if word is None:
        return False
    if word.pos_ in {"NOUN", "PROPN"}:
        named = [word]
    else:
        named = [word, *(c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"})]
        named += [word.head] if word.dep_ in {"relcl", "acl"} else []
    return any((k := kind_of_token(t)) is not None and k not in LASTING_KINDS and compatible(k, kind) for t in named)


def _offset_days(doc: Doc, index: dict[int, DateMention], kind: str | None) -> list[DateMention]:
    """ "The toll was raised on Wednesday, five days after gunmen opened fire": the day of an event
    the lead tells as N days before one of its dates (a report's too)."""
    first = sentences(doc)[:LEAD_SENTENCES]
    out = []
    for tok in doc[: first[-1].end] if first else []:
        if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in tok.children):
            continue
        if not any((k := kind_of_token(t)) is not None and compatible(k, kind) for t in tok.subtree):
            continue  # "five days after the talks began" names no event
        # the day it is counted from: of the clause it hangs from, else of one above it, else the
        # sentence's only day ("Officials on Friday raised ...", parsed as the officials' day)
        base = next((d for t in tok.head.ancestors if (d := _dated(t, index)[0]) is not None), None)
        if base is None:
            sent = sentence_span(tok)
            days = {id(m): m for i, m in index.items() if sent.start <= i < sent.end and m.granularity == "day"}
            base = next(iter(days.values())) if len(days) == 1 else None
        found = _offset_date(tok, index, base)
        if found is not None and found.granularity == "day":
            out.append(found)
    return out


def main_date(doc: Doc, mentions: list[DateMention]) -> DateMention | None:
    """The date of the article's main event: the earliest day-precise date tied to an event, not to
    a report or a toll update ("the toll rose on Tuesday"), to the start of a period ("the
    outbreak began in August"), to one end of a span of days ("between July 10 and 18") nor to what
    followed the event ("fled on Sunday after the rains"). Candidates are the lead's event dates,
    the dates of the next sentences that fall in the week before publication and whose clause
    names an event of the lead's kind ("Mourners gathered on Monday ... The fire broke out on
    Saturday night"), and the days of an event of the lead's kind itself anywhere in the text, up
    to a month back (a follow-up: "the toll rose to 202 on Tuesday ... the Jan. 1 quake"), and the
    day of an event the lead tells as N days before one of its dates ("raised the toll on Wednesday,
    five days after gunmen opened fire"); with
    none, the earliest event date of the first sentences when it is the day before publication or
    later, or when the lead dates nothing (not for a war or an epidemic).
    ``None`` when there are none (the lead dates only its reports, or only months and years), and
    when the story follows an event that began days before and still goes on.
    """
    index = date_index(doc, mentions)
    events = [m for m in _event_dates(doc, mentions, index) if m.granularity == "day"]  # computed once
    days = [m for m in events if m.sentence_index < LEAD_SENTENCES]
    kind = lead_kind(doc)
    days += [
        m
        for m in events
        if LEAD_SENTENCES <= m.sentence_index < EVENT_SENTENCES
        and (m.published_date - m.resolved_date).days <= RECENT_DAYS
        and _of_kind(doc, m, kind)
    ]
    days += [
        m for m in events if (m.published_date - m.resolved_date).days <= FOLLOW_UP_DAYS and _names_event(doc, m, kind)
    ]
    days += _offset_days(doc, index, kind)
    if not days and kind not in TOLL_OVER_TIME_KINDS:
        undated_lead = not any(m.sentence_index < LEAD_SENTENCES for m in mentions)
        days = [
            m
            for m in events
            if m.sentence_index < EVENT_SENTENCES
            and ((m.published_date - m.resolved_date).days <= NEWS_DAYS or undated_lead)
            and (m.published_date - m.resolved_date).days <= RECENT_DAYS
        ]
    best = min(days, key=lambda m: (m.resolved_date, m.start_char)) if days else None
    return None if best is None or _ongoing_since(doc, mentions, best) else best


def after_main(category: str, main: DateMention | None) -> bool:
    """Whether an undated count of ``category`` follows the main event on days the text does not
    give: arrests told days after the event ("police have arrested six people" three days after
    Tuesday's bombings) were made since, not on its day; in the day's news they are of that day."""
    return (
        category in AFTERMATH_CATEGORIES
        and main is not None
        and (main.published_date - main.resolved_date).days > NEWS_DAYS
    )
