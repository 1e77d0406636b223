"""Entities (gazetteer corrections, titles, normalized names) and quotes (speaker, cue)."""

from __future__ import annotations

import pytest

from newsmine.extract.entities import entities
from newsmine.extract.gazetteer import lookup
from newsmine.extract.quotes import quotes, speech_cue


def test_entities_gazetteer_relabels_place_and_geocodes(parse):
    found = {e.text: e for e in parse(entities, "Shelling hit Khan Younis in southern Gaza on Friday.")}
    assert found["Khan Younis"].label == "GPE"
    assert found["Khan Younis"].country_code == "PS"
    assert 31.0 < (found["Khan Younis"].latitude or 0) < 32.0


def test_entities_titles_off_names_and_shared_normalized(parse):
    text = "Prime Minister Benjamin Netanyahu spoke. Gen Robert Mardini agreed. Later, Netanyahu left."
    found = parse(entities, text)
    people = [(e.text, e.normalized) for e in found if e.label == "PERSON"]
    assert ("Robert Mardini", "Robert Mardini") in people
    assert ("Netanyahu", "Benjamin Netanyahu") in people
    for e in found:
        assert text[e.start_char : e.end_char] == e.text


def test_entities_organisations_are_not_geocoded():
    assert lookup("Hamas") is None
    assert lookup("Geneva").country_code == "CH"  # type: ignore[union-attr]


def test_quotes_speaker_after_quote(parse):
    text = "“Hell on Earth has returned to Gaza,” said Jens Laerke, a spokesperson for the UN office."
    (q,) = parse(quotes, text)
    assert (q.quote, q.speaker, q.cue) == ("Hell on Earth has returned to Gaza,", "Jens Laerke", "said")
    assert text[q.start_char : q.end_char].startswith("“")


def test_quotes_statement_speaks_for_its_author(parse):
    text = "“The team was ordered to return home at once,” said a statement from Netanyahu's office."
    (q,) = parse(quotes, text)
    assert q.speaker == "Netanyahu's office"


def test_quotes_pronoun_speaker_resolves_to_person(parse):
    text = "Maria Lopez runs the shelter. “We have no more beds for anyone,” she said."
    (q,) = parse(quotes, text)
    assert q.speaker == "Maria Lopez"


def test_quotes_scare_quotes_are_not_quotes(parse):
    assert parse(quotes, "The army struck more than 200 “terror targets” in Gaza.") == []


def test_quotes_speaker_in_previous_sentence(parse):
    text = "The mayor, Ana Ruiz, spoke to reporters on Friday. “Nobody will be left behind in this city.”"
    (q,) = parse(quotes, text)
    assert (q.speaker, q.cue) == ("Ana Ruiz", "spoke")


def test_quotes_three_words_only_when_a_speaker_says_them(parse):
    (q,) = parse(quotes, "The governor told reporters the damage was “worse than expected” after the storm.")
    assert (q.quote, q.speaker) == ("worse than expected", "governor")
    assert parse(quotes, "The film “Days of Thunder” was shown at the festival.") == []


def test_quotes_relative_pronoun_speaker_is_the_named_person(parse):
    text = (
        "“The school is closed,” said Tom Baker, the district head, who added that lessons would resume. "
        "“We need help from everyone to get through this.”"
    )
    found = parse(quotes, text)
    assert [q.speaker for q in found] == ["Tom Baker", "Tom Baker"]


def test_quotes_pronoun_speaker_is_the_last_speaker_before(parse):
    text = "The ministry reported new cases on Monday. “Two people were taken to hospital in the city,” it said."
    (q,) = parse(quotes, text)
    assert q.speaker == "ministry"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a title before the name, then the title alone
        (
            "Health Minister Rosa Vidal visited the ward on Monday. "
            "“We are doing everything we can for the families,” the minister said.",
            "Rosa Vidal",
        ),
        # a name in apposition to its title
        (
            "A nurse, Paul Okafor, worked through the night. “We ran out of bandages before dawn,” the nurse said.",
            "Paul Okafor",
        ),
        # a pronoun continues the named subject of the sentence before, not an earlier speaker
        (
            "Officials said the road was closed. Lena Park, a teacher, lost her house in the flood. "
            "“Everything we owned is under water now,” she said.",
            "Lena Park",
        ),
        # ... also when the quotation runs over two sentences before its cue
        (
            "Officials said the road was closed. Lena Park lost her house in the flood. "
            "“I could not sleep. I did not think the water would reach us,” she said.",
            "Lena Park",
        ),
        # ... but not across a paragraph break, and "they" is no one person: the last speaker
        (
            "Officials said the road was closed. Lena Park lost her house in the flood.\n\n"
            "“Everything we owned is under water now,” he said.",
            "Officials",
        ),
        (
            "Officials said the road was closed. Lena Park met the residents. "
            "“We will rebuild all of our homes,” they said.",
            "Officials",
        ),
        # a verb joined to the speaker's verb shares its subject
        (
            "Tom Baker flew to the town on Saturday and told residents: “Help is on the way for all of you.”",
            "Tom Baker",
        ),
        # the speaker a report quotes, named or a pronoun for the name before
        (
            "Local papers quoted Carlos Ruiz as saying “we have never seen water this high” on Monday.",
            "Carlos Ruiz",
        ),
        (
            "Carlos Ruiz visited the dam. Local papers quoted him as saying “we have never seen water this high”.",
            "Carlos Ruiz",
        ),
        ("Carlos Ruiz was quoted as saying “we have never seen water this high” on Monday.", "Carlos Ruiz"),
        # a participle that tells the quote shares its clause's subject
        ("Tom Baker spoke to the crowd, telling them “help is on the way for all of you.”", "Tom Baker"),
        # a speaker who goes on speaking under the same pronoun is found further back ...
        (
            "The farmers told reporters the road was gone. They said the bridge fell in the night. "
            "They said the rain went on for days. “We are on our own out here,” they said.",
            "farmers",
        ),
        # ... but not past sentences where no one speaks
        (
            "The farmers told reporters the road was gone. The bridge fell in the night. "
            "The rain went on for days. “We are on our own out here,” they said.",
            None,
        ),
        # distractor: a title the article gives nobody stays as written
        (
            "Rosa Vidal visited the ward on Monday. “We are doing everything we can for the families,” the minister said.",
            "minister",
        ),
    ],
)
def test_quotes_speaker_resolved_from_the_text_around(parse, text, speaker):
    (q,) = parse(quotes, text)
    assert q.speaker == speaker


def test_quotes_cue_stays_in_the_quote_paragraph(nlp):
    """The parser may run a sentence on past a paragraph break: a speech verb after the break is
    not the quote's cue, though it stands nearer the quote than the one before it."""
    text = "Tom Baker spoke in the town hall. “We will rebuild every house.”\n\nThe governor told them more."
    doc = nlp(text)
    start, end = text.index("“"), text.index("”") + 1
    assert speech_cue(doc[:], start, end).text == "spoke"
