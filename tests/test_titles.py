"""Titles stored in capitals are shown in the publication's display case; editors may override."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Article, Section
from tests.factories import make_article, make_author
from tests.helpers import article_form

pytestmark = pytest.mark.django_db


def heading(client, article):
    tree = html.fromstring(client.get(article.get_absolute_url()).content)
    return tree.cssselect("h1")[0].text_content()


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("THE KAZAKH MILITARY LOOKS WEST", "The Kazakh Military Looks West"),
        (
            "NATO AND THE SCO: A NEW ERA IN CENTRAL ASIA",
            "NATO and the SCO: A New Era in Central Asia",
        ),
        ("U.S.-KAZAKH RELATIONS AFTER 9/11", "U.S.-Kazakh Relations After 9/11"),
        ("RUSSIA’S WAR AND THE EU’S ANSWER", "Russia’s War and the EU’s Answer"),
        (
            "KAZAKH-CHINESE TALKS ON A ONE-ON-ONE BASIS",
            "Kazakh-Chinese Talks on a One-on-One Basis",
        ),
        ("WHAT IS AT STAKE FOR TÜRKIYE?", "What Is at Stake for Türkiye?"),
        (
            "“SELF-RULE” IN THE SOUTH CAUCASUS (PART II)",
            "“Self-Rule” in the South Caucasus (Part II)",
        ),
        ("XI JINPING VISITS THE OSCE", "Xi Jinping Visits the OSCE"),
        ("THE ROAD TO", "The Road To"),
        ("Elections in Georgia: a calm vote", "Elections in Georgia: a calm vote"),
    ],
)
def test_the_page_shows_a_title_in_capitals_in_display_case(client, stored, shown):
    article = make_article(stored)
    assert heading(client, article) == shown
    assert Article.objects.get(pk=article.pk).title == stored


def test_listings_feeds_and_the_citation_show_the_display_case(client):
    article = make_article("NATO LOOKS EAST", body="<p>Text.</p>")
    home = client.get("/").text
    assert "NATO Looks East" in home
    assert "NATO LOOKS EAST" not in client.get(article.get_absolute_url()).text.split("<body")[1]
    assert "<title>NATO Looks East</title>" in client.get("/feed/").text


def test_an_editor_s_display_title_replaces_the_automatic_one(admin_client, client):
    author = make_author()
    data = article_form(
        Section.objects.get(slug="field-reports"),
        author,
        title="THE MCDERMOTT REPORT ON IRAQ",
        display_title="The McDermott Report on Iraq",
        body="<p>Text.</p>",
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.title == "THE MCDERMOTT REPORT ON IRAQ"
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=article.created_at
    )
    assert heading(client, article) == "The McDermott Report on Iraq"
