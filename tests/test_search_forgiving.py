"""Search forgives as readers type: other forms of a word, letters without their accents.

These run on SQLite (FTS5) and on PostgreSQL (its vectors) alike: `make test-postgres`.
"""

import pytest

from articles.models import Article
from tests.factories import make_article, make_tag
from tests.test_search import search, summary, titles

pytestmark = pytest.mark.django_db


def test_other_forms_of_a_word_are_found(client):
    make_article("Disputed frontiers", body="<p>The border was closed for a week.</p>")
    make_article("Reforms", body="<p>The army was reforming its units.</p>")
    assert titles(search(client, q="borders")) == ["Disputed frontiers"]
    assert titles(search(client, q="reform")) == ["Reforms"]


def test_letters_are_found_with_or_without_their_accents(client):
    make_article("Ankara’s choice", body="<p>Türkiye weighs its options in the Caucasus.</p>")
    make_article("Baku’s gas", body="<p>Azerbaijan sells gas to Turkiye and Europe.</p>")
    assert sorted(titles(search(client, q="Turkiye"))) == ["Ankara’s choice", "Baku’s gas"]
    assert sorted(titles(search(client, q="Türkiye"))) == ["Ankara’s choice", "Baku’s gas"]


def test_a_tag_with_accents_is_found_without_them(client):
    make_article("A new constitution").tags.add(make_tag("Türkmenistan"))
    assert titles(search(client, q="turkmenistan")) == ["A new constitution"]


def test_a_match_in_the_title_ranks_above_one_in_the_text(client):
    make_article("A closed road", body="<p>Talks on the borders failed.</p>")
    make_article("Border talks", body="<p>They failed.</p>")
    assert titles(search(client, q="border")) == ["Border talks", "A closed road"]


def test_the_snippet_marks_the_word_as_written_in_the_text(client):
    make_article("Frontiers", body="<p>Soldiers crossed the Kyrgyz border at night.</p>")
    marks = [m.text_content() for m in search(client, q="borders").cssselect(".snippet mark")]
    assert marks == ["border"]


def test_one_match_is_counted_in_the_singular_and_more_in_the_plural(client):
    make_article("Border talks")
    make_article("Gas prices")
    make_article("Gas pipelines")
    assert summary(search(client, q="border")) == "1 article matches “border”."
    assert summary(search(client, q="gas")) == "2 articles match “gas”."


@pytest.mark.parametrize("q", ["\x00", "oil\x00gas", "\x00\x01\x1b[31m", "oil\x1bgas\x07"])
def test_a_nul_or_control_character_never_comes_back_in_the_page(client, q):
    make_article("Oil gas")
    response = client.get("/search/", {"q": q})
    # A NUL is refused before any page (400); other control characters are dropped.
    assert response.status_code == (400 if "\x00" in q else 200)
    assert b"\x00" not in response.content and b"\x1b" not in response.content
    assert b"\x07" not in response.content


def test_the_words_of_the_query_are_never_read_as_search_syntax(client):
    make_article("Oil AND gas", body='<p>A "quoted" NEAR(word) here.</p>')
    for q in ['"quoted', "NEAR(word", "oil OR", "gas*", "title:oil", "-oil", "^oil"]:
        assert search(client, q=q) is not None, q


def test_a_deleted_article_leaves_the_index(client):
    article = make_article("Caravans of the steppe")
    Article.objects.filter(pk=article.pk).delete()
    make_article("Caravans of the steppe", slug="caravans-again")
    assert titles(search(client, q="caravans")) == ["Caravans of the steppe"]
