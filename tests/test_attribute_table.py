"""The attribute table gives every token exactly what the model's stock attribute ruler gives it."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from benchmarks.corpus import stories
from newsmine.attribute_table import AttributeTable, compile_rules, use_attribute_table

ATTRS = [POS, MORPH, LEMMA, TAG, DEP]

# Our own sentences, picked for the model's special rules: contractions read by regular expression
# ("n't", "nothin'", "y'"), "'d", "but" as an adverb, determiners and pronouns with features,
# subordinators, runs of spaces and line breaks (space tokens), and a token alone.
SENTENCES = [
    "They didn't say whether the bridge had been shut, and she'd rather not guess.",
    "Y' know, there was nothin' left of the market but ashes.",
    "He was but a boy when the floods came; nobody expected anything of him.",
    "Those   who fled  on foot\n\nreached the camp before these trucks did.",
    "I told them that everyone could leave if the shelling stopped, although some stayed.",
    "Wow",
    "",
]


def _token_attributes(doc):
    return doc.to_array(ATTRS), [(t.pos_, str(t.morph), t.lemma_) for t in doc]


def _assert_same(stock_docs, our_docs):
    assert len(stock_docs) == len(our_docs)
    for a, b in zip(stock_docs, our_docs, strict=True):
        (array_a, strings_a), (array_b, strings_b) = _token_attributes(a), _token_attributes(b)
        assert np.array_equal(array_a, array_b), a.text
        assert strings_a == strings_b, a.text


def test_the_loaded_pipeline_uses_the_table(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert nlp.get_pipe("attribute_ruler").rules is not None
    assert nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") + 1] == "lemmatizer"


def test_own_sentences_get_the_stock_attributes(stock_and_ours):
    stock, ours = stock_and_ours
    _assert_same(list(stock.pipe(SENTENCES)), list(ours.pipe(SENTENCES)))
    _assert_same([stock(s) for s in SENTENCES], [ours(s) for s in SENTENCES])  # one document at a time
    doc = ours("They didn't go.")
    assert [t.pos_ for t in doc][:3] == ["PRON", "AUX", "PART"]  # the regex rule's "n't" is a particle
    assert str(doc[2].morph) == "Polarity=Neg"


def test_a_corpus_of_our_sample_articles_gets_the_stock_attributes(stock_and_ours):
    stock, ours = stock_and_ours
    texts = ["\n\n".join(story.paragraphs) for story in stories(20, 300, seed=3)]
    # batch sizes that do and do not divide the corpus: matches must not run across documents
    _assert_same(list(stock.pipe(texts, batch_size=7)), list(ours.pipe(texts, batch_size=7)))


def _blank_with(patterns):
    """A pipeline that tags nothing: rules on the text alone, for multi-token and negative-index rules."""
    stock, ours = spacy.blank("en"), spacy.blank("en")
    ruler = stock.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    ours.add_pipe("attribute_ruler").add_patterns(patterns)
    return stock, ours


RULES = [
    # two tokens, the second one set (negative index)
    {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"POS": "NOUN", "LEMMA": "percent"}, "index": -1},
    # an earlier rule that a later one overrides for the same token
    {"patterns": [[{"ORTH": {"IN": ["Dead", "dead"]}}]], "attrs": {"POS": "ADJ", "MORPH": "Degree=Pos"}},
    {"patterns": [[{"LOWER": "dead"}, {"IS_SPACE": False, "LOWER": {"NOT_IN": ["end"]}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"REGEX": "^[0-9]+s$"}}]], "attrs": {"LEMMA": "decade"}},
]


def test_multi_token_rules_negative_index_and_precedence_as_the_matcher_applies_them():
    stock, ours = _blank_with(RULES)
    assert use_attribute_table(ours)
    texts = ["Ten per cent were dead people, dead end. The 1990s", "per", "cent per", "Dead\n\nper cent"]
    _assert_same(list(stock.pipe(texts)), list(ours.pipe(texts, batch_size=3)))  # "per" | "cent" in one batch
    doc = ours("dead people at a dead end, 5 per cent")
    assert [t.pos_ for t in doc] == ["NOUN", "", "", "", "ADJ", "", "", "", "", "NOUN"]
    assert doc[9].lemma_ == "percent" and str(doc[0].morph) == "Degree=Pos"


def test_rules_it_cannot_read_keep_the_stock_component():
    stock, ours = _blank_with([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert compile_rules(ours.get_pipe("attribute_ruler")) is None
    assert not use_attribute_table(ours)
    assert isinstance(ours.get_pipe("attribute_ruler"), AttributeRuler)
    norm_rule = [{"patterns": [[{"LOWER": "colour"}]], "attrs": {"NORM": "color"}}]  # an attribute it does not set
    assert compile_rules(_blank_with(norm_rule)[1].get_pipe("attribute_ruler")) is None
