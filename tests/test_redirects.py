"""Old addresses lead to the article's page, only while it is public; editors manage them."""

import pytest
from django.test import Client

from articles.models import Article, ImportRecord, Redirect
from tests.factories import make_article

pytestmark = pytest.mark.django_db

OLD_PATH = "/analytical-articles/item/123-the-kazakh-military-looks-west.html"


@pytest.fixture
def article():
    article = make_article("The Kazakh military looks west", slug="kazakh-military")
    ImportRecord.objects.create(source="k2", key="123", article=article, checksum="x")
    Redirect.objects.create(old_path=OLD_PATH, article=article)
    return article


def location(client, address):
    response = client.get(address)
    assert response.status_code == 301, (address, response.status_code)
    return response["Location"]


@pytest.mark.parametrize(
    "address",
    [
        OLD_PATH,
        f"{OLD_PATH}?tmpl=component&print=1",
        "/component/k2/item/123-the-kazakh-military-looks-west",
        "/component/k2/item/123",
        # Any menu path: the id is enough, even where no path was stored.
        "/archive/2003/item/123-the-kazakh-military-looks-west.html",
        "/index.php?option=com_k2&view=item&id=123:the-kazakh-military-looks-west",
    ],
)
def test_an_old_k2_address_answers_with_a_permanent_redirect(client, article, address):
    assert location(client, address) == "/articles/kazakh-military/"


def test_the_redirect_follows_the_article_to_its_new_slug(client, article):
    article.slug = "renamed"
    article.save()
    assert location(client, OLD_PATH) == "/articles/renamed/"


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.WITHDRAWN])
def test_an_article_that_is_not_public_answers_404_and_reveals_nothing(client, article, status):
    Article.objects.filter(pk=article.pk).update(status=status)
    for address in (OLD_PATH, "/component/k2/item/123"):
        response = client.get(address)
        assert response.status_code == 404
        assert b"kazakh-military" not in response.content


def test_an_unknown_item_answers_404(client, article):
    assert client.get("/component/k2/item/999-nothing").status_code == 404
    assert client.get("/somewhere/else.html").status_code == 404


def test_a_page_of_ours_is_never_redirected(client, article):
    Redirect.objects.create(old_path="/issues/", target_url="/elsewhere/")
    assert client.get("/issues/").status_code == 200


def test_an_editor_adds_a_redirect_to_another_page_in_the_admin(admin_client, client):
    response = admin_client.post(
        "/admin/articles/redirect/add/",
        {"old_path": "https://old.example.org/index.php/about-us?x=1", "target_url": "/issues/"},
    )
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/index.php/about-us"
    assert location(client, "/index.php/about-us") == "/issues/"


def test_an_editor_points_an_old_address_at_an_article(admin_client, client):
    article = make_article("Field notes")
    response = admin_client.post(
        "/admin/articles/redirect/add/", {"old_path": "/old/notes.html", "article": article.pk}
    )
    assert response.status_code == 302
    assert location(client, "/old/notes.html") == article.get_absolute_url()
    listing = admin_client.get("/admin/articles/redirect/").content.decode()
    assert "/old/notes.html" in listing and "Field notes" in listing


def test_a_redirect_needs_exactly_one_target(admin_client):
    article = make_article("Field notes")
    for data in ({"old_path": "/a"}, {"old_path": "/a", "article": article.pk, "target_url": "/b"}):
        response = admin_client.post("/admin/articles/redirect/add/", data)
        assert response.status_code == 200
        assert "Choose either an article or another target, not both." in response.content.decode()
    assert not Redirect.objects.exists()


OFF_SITE_TARGETS = [
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https://evil.example/",
    "http://evil.example",
    "HTTPS://evil.example",
    "https://analyst.example.org@evil.example/",
    "https://analyst.example.org.evil.example/",
    "https://analyst.example.org//evil.example/",
    " //evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "/\r\nSet-Cookie: a=b",
    "/\x01/evil.example",
    "/\u2028/evil.example",
    "/\u200b/evil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:%20a=b",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
]


@pytest.fixture
def own_site(settings):
    settings.SITE_URL = "https://analyst.example.org"


@pytest.mark.parametrize("target", OFF_SITE_TARGETS)
def test_a_redirect_off_this_site_is_refused_in_the_admin(admin_client, own_site, target):
    response = admin_client.post(
        "/admin/articles/redirect/add/", {"old_path": "/a", "target_url": target}
    )
    assert response.status_code == 200
    assert "a redirect may not lead to another site" in response.content.decode()
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    ("target", "stored"),
    [
        ("/issues/", "/issues/"),
        ("/issues/?page=2#list", "/issues/?page=2#list"),
        ("https://analyst.example.org/issues/", "/issues/"),
        ("HTTPS://Analyst.Example.org/authors/", "/authors/"),
    ],
)
def test_a_page_of_this_site_is_kept_as_its_path(admin_client, client, own_site, target, stored):
    response = admin_client.post(
        "/admin/articles/redirect/add/", {"old_path": "/a", "target_url": target}
    )
    assert response.status_code == 302
    assert Redirect.objects.get().target_url == stored
    assert location(client, "/a") == stored


@pytest.mark.parametrize("target", [t for t in OFF_SITE_TARGETS if "\x00" not in t])
def test_a_stored_redirect_off_this_site_is_never_followed(client, own_site, target):
    Redirect.objects.create(old_path="/a", target_url=target)  # saved before the rule, say
    response = client.get("/a")
    assert response.status_code == 404
    assert "Location" not in response


@pytest.mark.parametrize("address", ["/x%00", "/articles/x%00/", "/x%00/item/123", "/%00"])
def test_an_address_with_a_nul_byte_is_refused_before_any_lookup(article, address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code == 400  # analyst/bad_requests.py
    assert "It holds a NUL character." in response.text


def test_the_old_address_must_be_a_path(admin_client):
    response = admin_client.post(
        "/admin/articles/redirect/add/", {"old_path": "item.html", "target_url": "/issues/"}
    )
    assert "Give the path on the old site, starting with /." in response.content.decode()
