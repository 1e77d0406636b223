"""Property tests: extractors never crash, and every record points at its own text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmine.extract import extract_batch
from newsmine.ingest import Article
from newsmine.ingest.text import clean, decode

NEWSY = st.sampled_from(
    "killed wounded 12 1,200 at least more than between and 13-46 seven a dozen people houses Friday "
    'on 7 October Oct. 24 last Monday yesterday 2023 $5 million 45% 12-year-old “ ” " said Gaza '
    "Khan Younis . , ; the day before two days earlier next month 03:00 no. one of".split()
)
TEXTS = st.one_of(
    st.text(min_size=1, max_size=300),
    st.lists(NEWSY, min_size=1, max_size=60).map(" ".join),
)
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, published=DAYS)
def test_properties_extractors_point_at_their_text(nlp, text, published):
    found = extract_batch(nlp, [Article("p", "p.txt", published, text)])
    for f in found.figures:
        assert 0 <= f.start_char < f.end_char <= len(text)
        assert text[f.start_char : f.end_char] == f.text
        assert f.value >= 0
        if f.value_low is not None:
            assert f.value_low <= f.value
        if f.value_high is not None:
            assert f.value <= f.value_high
    for d in found.dates:
        assert text[d.start_char : d.end_char] == d.text
        assert d.granularity in {"day", "month", "year"}
    for e in found.entities:
        assert text[e.start_char : e.end_char] == e.text
    for q in found.quotes:
        assert 0 <= q.start_char < q.end_char <= len(text)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_properties_decoding_never_raises_unexpectedly(data):
    from newsmine.ingest.text import DecodeError

    try:
        text, _ = decode(data)
    except DecodeError as exc:
        assert exc.reason in {"binary", "encoding"}
        return
    cleaned, _ = clean(text)
    assert "\x00" not in cleaned
