"""Teasers: the editor's own, or whole sentences from the start of the first paragraph."""

import pytest

from articles.text.teasers import derive_teaser, sentences
from tests.factories import make_article

LONG_SENTENCE = "word " * 80


def test_a_short_first_paragraph_is_the_teaser():
    assert derive_teaser("<p>One sentence. Two.</p><p>Later.</p>") == "One sentence. Two."


def test_it_stops_at_a_sentence_end_and_never_inside_an_abbreviation():
    paragraph = (
        "In the aftermath of 9/11, as U.S. and western military forces were deployed to Central "
        "Asia in support of the operation, the capital recognized the importance of cooperation. "
        "Only last month did the country make the airport available to the Danish air force "
        "involved in operations, initially for emergency landing use only, which was a start."
    )
    teaser = derive_teaser(f"<p>{paragraph}</p>")
    assert teaser == (
        "In the aftermath of 9/11, as U.S. and western military forces were deployed to Central "
        "Asia in support of the operation, the capital recognized the importance of cooperation."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Talks with the U.S. Department of State resumed. Then more.",
        "Gen. Petrov met Dr. Ahmedova on 3 Jan. 2024 in St. Petersburg. Then more.",
        "The E.U. and the U.K. agreed. Then more.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert sentences(text)[-1] == "Then more."
    assert len(sentences(text)) == 2


def test_an_overlong_first_sentence_is_cut_at_a_word_with_an_ellipsis():
    teaser = derive_teaser(f"<p>{LONG_SENTENCE}</p>")
    assert teaser.endswith("word…")
    assert len(teaser) <= 301


def test_empty_paragraphs_are_skipped():
    assert derive_teaser("<p> </p><p>Real start.</p>") == "Real start."


@pytest.mark.django_db
def test_listings_show_the_editors_teaser_or_the_derived_one(client):
    own = make_article("Own teaser", teaser="Written by the editor.")
    derived = make_article("Derived", body="<p>First sentence here. Second one.</p>")
    page = client.get("/sections/field-reports/").content.decode()
    assert "Written by the editor." in page
    assert "First sentence here. Second one." in page
    assert derived.listing_teaser == "First sentence here. Second one."
    assert own.listing_teaser == "Written by the editor."


def test_paragraphs_stay_apart_in_plain_text():
    from articles.text.plain import count_words, plain

    assert plain("<p>the border.</p><p>Astana, 17 <em>Oct</em>.</p>") == (
        "the border. Astana, 17 Oct."
    )
    assert count_words("<p>one</p><p>two</p>") == 2
