"""The demo publication a newcomer sees after `make run`."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from lxml import html

from analyst.models import SiteSettings
from articles.models import Article, Author, Issue, PartnerSite, StaffPublication

pytestmark = pytest.mark.django_db


def test_it_loads_a_whole_publication(client):
    call_command("load_demo", verbosity=0)
    assert Issue.objects.published().count() >= 3
    assert Article.objects.live().count() >= 12
    assert Author.objects.count() >= 6
    assert StaffPublication.objects.values("kind").distinct().count() >= 5
    assert PartnerSite.objects.exclude(logo="").count() == 4
    assert Article.objects.filter(authorships__position=1).exists()
    for article in Article.objects.all():
        assert client.get(article.get_absolute_url()).status_code == 200
    for url in ["/", "/issues/", "/authors/", "/staff-publications/"]:
        assert client.get(url).status_code == 200


def test_running_it_again_keeps_what_is_there(client):
    call_command("load_demo", verbosity=0)
    article = Article.objects.first()
    article.title = "Edited by an editor"
    article.save()
    settings = SiteSettings.load()
    settings.tagline = "Our own tagline"
    settings.save()
    counts = (Article.objects.count(), Author.objects.count(), PartnerSite.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Article.objects.count(), Author.objects.count(), PartnerSite.objects.count()) == counts
    article.refresh_from_db()
    assert article.title == "Edited by an editor"
    assert SiteSettings.load().tagline == "Our own tagline"


def test_the_local_admin_login_is_printed_and_works(client, settings, tmp_path, capsys):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True
    call_command("local_admin")
    line = capsys.readouterr().out.strip()
    password = line.rsplit("password: ", 1)[1]
    assert client.login(username="admin", password=password)
    call_command("local_admin")
    assert capsys.readouterr().out.strip() == line


def test_its_articles_say_they_last_changed_with_their_issue_not_when_loaded(client):
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        call_command("load_demo", verbosity=0)
    article = Article.objects.order_by("pk").first()
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    modified = page.cssselect("meta[property='article:modified_time']")[0].get("content")
    assert modified == timezone.localtime(article.issue.published_at).isoformat()
    data = json.loads(page.cssselect("script[type='application/ld+json']")[0].text)
    assert data["dateModified"] == article.issue.published_at.isoformat()
    feed = client.get("/feed/atom/").text
    assert f"<updated>{article.issue.published_at:%Y-%m-%d}" in feed
