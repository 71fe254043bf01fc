"""Each article's social card: 1200×630, drawn from what it shows, kept, redrawn on change."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from lxml import html
from PIL import Image

from analyst.models import SiteSettings
from analyst.pagecache import forget_pages
from articles.models import Article, Author
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def card_address(client, article):
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    og = page.cssselect("meta[property='og:image']")[0].get("content")
    twitter = page.cssselect("meta[name='twitter:image']")[0].get("content")
    assert og == twitter
    return og.removeprefix("http://127.0.0.1:8000")


def cards_kept():
    return sorted(default_storage.listdir("cards")[1]) if default_storage.exists("cards") else []


def test_the_card_is_a_1200_by_630_png_kept_as_a_file(client):
    article = make_article("NATO LOOKS EAST", authors=[make_author("Roger N. Example")])
    address = card_address(client, article)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (1200, 630)
    assert cards_kept() == [address.rsplit("card-", 1)[1]]
    client.get(address)
    assert len(cards_kept()) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda article: Article.objects.filter(pk=article.pk).update(display_title="New title"),
        lambda article: Author.objects.update(name="Other Author"),
        lambda article: SiteSettings.objects.update(name="Another Analyst"),
    ],
    ids=["title", "authors", "publication"],
)
def test_a_change_to_what_it_shows_draws_a_new_card_and_drops_the_old(
    client, change, django_capture_on_commit_callbacks
):
    article = make_article("Border talks")
    first = card_address(client, article)
    client.get(first)
    with django_capture_on_commit_callbacks(execute=True):
        change(article)
        forget_pages()  # the changes went around the models' signals
    second = card_address(client, article)
    assert second != first
    assert client.get(second).status_code == 200
    assert cards_kept() == [second.rsplit("card-", 1)[1]]
    assert client.get(first).status_code == 302


def test_the_card_of_an_article_that_is_not_public_is_not_found(client):
    article = make_article("A draft", status=Article.Status.DRAFT)
    assert client.get(f"/articles/{article.slug}/card-{article.pk}-0.png").status_code == 404


def test_json_ld_names_the_card_and_the_publisher_s_logo(client):
    article = make_article("Border talks")
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    data = json.loads(page.cssselect("script[type='application/ld+json']")[0].text)
    assert data["image"] == [f"http://127.0.0.1:8000{card_address(client, article)}"]
    logo = data["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    response = client.get(logo["url"].removeprefix("http://127.0.0.1:8000"))
    width, height = Image.open(io.BytesIO(b"".join(response.streaming_content))).size
    assert width <= 600 and height == 60
