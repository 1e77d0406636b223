"""The lemma table gives every token exactly the lemma the model's stock lemmatizer gives it."""

from __future__ import annotations

import warnings

import spacy

from benchmarks.corpus import stories
from newsmine.lemma_table import LemmaTable, use_lemma_table
from newsmine.settings import Settings

# Our own sentences: plurals and past tenses (the lemmatizer's rules), base forms (which it does not
# cache), words whose lemma the attribute rules set ("I", "'d"), proper nouns, numbers and spaces.
SENTENCES = [
    "The floods destroyed 4,000 houses and the rescuers were searching for the missing villagers.",
    "I'd say we saw them flee; she'd been hiding, and the children had gone.",
    "Mosul's hospitals are overwhelmed   as wounded men arrive\n\nfrom the villages.",
    "Children, children: the children's toys lay broken beside better, best and worst.",
    "",
]


def _lemmas(docs):
    return [[t.lemma_ for t in doc] for doc in docs]


def test_the_loaded_pipeline_uses_the_table(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)
    assert nlp.pipe_names[-2:] == ["lemmatizer", "ner"]


def test_own_sentences_and_a_corpus_get_the_stock_lemmas(stock_and_ours):
    stock, ours = stock_and_ours
    assert _lemmas(ours.pipe(SENTENCES)) == _lemmas(stock.pipe(SENTENCES))
    assert _lemmas([ours(s) for s in SENTENCES]) == _lemmas([stock(s) for s in SENTENCES])
    texts = ["\n\n".join(story.paragraphs) for story in stories(20, 300, seed=5)]
    assert _lemmas(ours.pipe(texts, batch_size=7)) == _lemmas(stock.pipe(texts, batch_size=7))
    doc = ours("I'd say the floods destroyed the houses.")
    assert [t.lemma_ for t in doc] == ["I", "would", "say", "the", "flood", "destroy", "the", "house", "."]


def test_a_token_without_a_part_of_speech_goes_through_the_stock_lemmatizer(stock_and_ours):
    stock, ours = stock_and_ours
    got = []
    for nlp in (stock, ours):
        doc = nlp.make_doc("Rescuers found the bodies")
        for name, component in nlp.pipeline:
            if name == "lemmatizer":
                doc[0].pos_ = ""
            doc = component(doc) if name != "ner" else doc
        got.append([t.lemma_ for t in doc])
    assert got[0] == got[1] == ["rescuers", "find", "the", "body"]


def test_a_lemmatizer_that_overwrites_stays():
    nlp = spacy.load(Settings.from_env().model)
    nlp.get_pipe("lemmatizer").overwrite = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert not use_lemma_table(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)
