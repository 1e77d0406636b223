"""The per-document views that extractors share: computed once, equal to what spaCy gives."""

from newsmine.extract import views

TEXT = "Rescuers said at least 12 people were killed. Another Forty were injured on Friday."


def test_views_match_spacy(nlp):
    doc = nlp(TEXT)
    assert views.text(doc) == TEXT
    assert views.lower(doc)[:4] == ["rescuers", "said", "at", "least"]
    assert views.lower(doc) == [t.lower_ for t in doc]
    second = next(s for i, s in enumerate(doc.sents) if i == 1)
    assert second.text.startswith("Another")
    assert [views.sentence_of(doc, t.i) for t in doc] == [0] * second.start + [1] * (len(doc) - second.start)
    assert [views.sentence_span(t) for t in doc] == [t.sent for t in doc]


def test_views_are_cached_per_document(nlp):
    first, second = nlp("Five were killed."), nlp("Six were hurt.")
    assert views.lower(first) is views.lower(first)
    assert views.lower(second) == ["six", "were", "hurt", "."]
    assert views.text(first) == "Five were killed."


def test_views_per_sentence_computes_once_per_sentence_and_key(nlp):
    doc = nlp(TEXT)
    calls = []

    def words(sent):
        calls.append(sent.start)
        return [t.lower_ for t in sent]

    first, second = views.sentences(doc)
    assert views.per_sentence(first, "test.words", words)[:2] == ["rescuers", "said"]
    assert views.per_sentence(first, "test.words", words)[:2] == ["rescuers", "said"]
    assert views.per_sentence(second, "test.words", words)[0] == "another"
    assert calls == [first.start, second.start]
    assert views.per_sentence(first, "test.other", len) == len(first)


def test_views_extractors_read_sentences_and_text_from_the_views():
    """``Token.sent`` looks its sentence up and ``Doc.text`` rebuilds the text on every access: the
    extractors use the views, computed once per document."""
    import re
    from pathlib import Path

    folder = Path(views.__file__).parent
    pattern = re.compile(r"\.sent\b|\bdoc\.(text|sents)\b")
    offenders = [
        f"{p.name}:{n}"
        for p in sorted(folder.glob("*.py"))
        if p.name != "views.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
