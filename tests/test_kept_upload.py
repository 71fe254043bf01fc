"""An image chosen on the article form survives a validation error on the same form."""

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_author, make_png, section
from tests.helpers import article_form

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def kept_token(page):
    return re.search(r'name="kept_image" value="([^"]+)"', page).group(1)


def test_an_image_chosen_with_an_error_elsewhere_is_saved_on_the_next_try(editor_client):
    make_article("Taken", slug="taken")
    data = article_form(section(), make_author(), slug="taken", body="<p>Text.</p>")
    first = editor_client.post(ADD_ARTICLE, data | {"image": make_png(), "image_alt": "A map"})
    assert first.status_code == 200
    assert "Article with this Slug already exists." in first.text
    assert "Kept from your last try: picture.png" in first.text
    data |= {"slug": "fresh", "image_alt": "A map", "kept_image": kept_token(first.text)}
    second = editor_client.post(ADD_ARTICLE, data)
    assert second.status_code == 302
    article = Article.objects.get(slug="fresh")
    assert article.image.name.startswith("articles/")
    assert article.image.read().startswith(b"\x89PNG")
    assert not default_storage.listdir("pending")[1]


def test_an_image_is_kept_through_an_error_in_the_authors(editor_client):
    data = article_form(section(), make_author(), body="<p>Text.</p>", image=make_png())
    data["authorships-0-author"] = "999999"
    page = editor_client.post(ADD_ARTICLE, data).text
    assert "Kept from your last try" in page


def test_a_new_file_replaces_the_kept_one(editor_client):
    make_article("Taken", slug="taken")
    data = article_form(section(), make_author(), slug="taken", body="<p>Text.</p>")
    first = editor_client.post(ADD_ARTICLE, data | {"image": make_png((20, 20))})
    data |= {"slug": "fresh", "kept_image": kept_token(first.text), "image": make_png((30, 10))}
    assert editor_client.post(ADD_ARTICLE, data).status_code == 302
    assert Article.objects.get(slug="fresh").image.width == 30


def test_a_forged_token_attaches_nothing(editor_client):
    data = article_form(section(), make_author(), body="<p>Text.</p>", kept_image="forged:abc")
    assert editor_client.post(ADD_ARTICLE, data).status_code == 302
    assert not Article.objects.get().image


def test_a_file_that_is_not_an_image_is_not_kept(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"<?php ?>", content_type="image/png")
    data = article_form(section(), make_author(), body="<p>Text.</p>", image=fake)
    page = editor_client.post(ADD_ARTICLE, data).text
    assert "Kept from your last try" not in page
