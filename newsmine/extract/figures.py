"""Figures: counts of people or things affected by an event ("killed 184 people").

Find each number of a sentence (``number_spans``), drop what is not a count (``not_counts``: ages,
years, money, durations, measures), find the counted noun, and decide what happened to it
(``category_model``, over the syntactic rule of ``categories`` and the words that govern the count).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from newsmine.extract.categories import category_of, copula_attr, counted_noun
from newsmine.extract.not_counts import is_population, is_unit_noun, not_a_count
from newsmine.extract.number_spans import anchor as number_anchor
from newsmine.extract.number_spans import bounds, numbers, qualifier
from newsmine.extract.records import Figure
from newsmine.extract.views import text as doc_text


def _subject_text(noun: Token | None, attr: Token | None, previous: str | None) -> str:
    if attr is not None:
        return attr.text
    if noun is not None:
        return noun.text
    return previous or "people"


def figures(doc: Doc, article_id: str, published: date) -> list[Figure]:
    """Extract every figure of an article.

    Args:
        doc: the parsed article text.
        article_id: id stored on each record.
        published: the publication date, stored on each record.

    Returns:
        Figures in text order; ``figure_id`` is the article id and a running number.
    """
    out: list[Figure] = []
    text = doc_text(doc)
    for sent_index, sent in enumerate(doc.sents):
        previous_subject: str | None = None
        sentence = text[sent.start_char : sent.end_char]
        for num in numbers(sent):
            if not_a_count(doc, num):
                continue
            anchor = number_anchor(doc, num)
            noun = counted_noun(anchor)
            if is_unit_noun(noun):
                continue
            qualifier_name, qstart = qualifier(doc, num.start)
            if is_population(doc, noun, qstart):
                continue
            category = category_of(anchor, noun)
            if category is None:
                continue
            attr = copula_attr(anchor)
            subject = _subject_text(noun, attr, previous_subject)
            previous_subject = subject
            low, high = bounds(num, qualifier_name)
            first, last = doc[qstart], doc[num.end - 1]
            start_char, end_char = first.idx, last.idx + len(last.text)
            out.append(
                Figure(
                    article_id=article_id,
                    figure_id=f"{article_id}-f{len(out) + 1:03d}",
                    value=num.low,
                    value_low=low,
                    value_high=high,
                    qualifier=qualifier_name,
                    category=category,
                    subject=subject,
                    text=text[start_char:end_char],
                    sentence_index=sent_index,
                    start_char=start_char,
                    end_char=end_char,
                    sentence=sentence,
                    published_date=published,
                )
            )
    return out
