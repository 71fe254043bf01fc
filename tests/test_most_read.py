"""Most read: this fortnight, the last 30 days and all time, from the daily counts."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from lxml import html

from articles.models import Article, DailyReads
from articles.models.workflow import perform
from articles.site.views import MOST_READ_SECONDS
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def listed(client, period):
    page = html.fromstring(client.get("/most-read/").content)
    return [" ".join(item.text_content().split()) for item in page.cssselect(f"#{period} li")]


def reads(article, days_ago, count):
    DailyReads.objects.create(
        article=article, date=timezone.localdate() - timedelta(days=days_ago), count=count
    )


@pytest.fixture
def articles():
    recent = make_article("Recent hit", authors=[], read_count=30)
    month = make_article("Last month's hit", authors=[], read_count=80)
    classic = make_article("The classic", authors=[], read_count=5000)
    reads(recent, 0, 10)
    reads(recent, 13, 20)
    reads(month, 20, 80)
    reads(classic, 200, 4000)
    return recent, month, classic


def test_this_fortnight_counts_the_last_fourteen_days(client, articles):
    assert listed(client, "fortnight") == ["Recent hit 30 reads"]


def test_the_last_thirty_days_include_the_fortnight(client, articles):
    assert listed(client, "month") == ["Last month's hit 80 reads", "Recent hit 30 reads"]


def test_all_time_ranks_by_every_read_ever(client, articles):
    assert listed(client, "all-time") == [
        "The classic 5000 reads",
        "Last month's hit 80 reads",
        "Recent hit 30 reads",
    ]


def test_articles_that_are_no_longer_live_drop_out(client, articles):
    recent, month, classic = articles
    Article.objects.filter(pk=classic.pk).update(status=Article.Status.WITHDRAWN)
    assert "The classic 5000 reads" not in listed(client, "all-time")


def test_a_period_without_reads_says_so(client, db):
    make_article("Unread", read_count=0)
    page = html.fromstring(client.get("/most-read/").content)
    assert page.cssselect("#fortnight .empty")[0].text_content() == (
        "No reads counted in this period yet."
    )


def test_the_home_page_links_to_the_most_read_page(client, articles):
    page = html.fromstring(client.get("/").content)
    link = page.cssselect(".most-read .more a")[0]
    assert link.get("href") == "/most-read/"
    assert page.cssselect(".site-nav a[href='/most-read/']")


def home_most_read(client):
    page = html.fromstring(client.get("/").content)
    return [" ".join(item.text_content().split()) for item in page.cssselect(".most-read li")]


def test_new_reads_reach_the_lists_within_a_minute(client, articles, settings):
    settings.PAGE_CACHE_SECONDS = 0  # what each process keeps, not the page cache
    recent, month, classic = articles
    assert listed(client, "fortnight") == ["Recent hit 30 reads"]
    assert home_most_read(client)[0] == "Last month's hit 80 reads"
    reads(classic, 0, 500)
    # Reads tell no cache: a process shows the list it made for up to a minute…
    assert listed(client, "fortnight") == ["Recent hit 30 reads"]
    with time_machine.travel(timezone.now() + timedelta(seconds=MOST_READ_SECONDS + 1)):
        # …and then the reads counted since.
        assert listed(client, "fortnight") == ["The classic 500 reads", "Recent hit 30 reads"]
        assert home_most_read(client)[0] == "The classic 500 reads"


def test_an_article_withdrawn_leaves_the_lists_at_once(
    client, articles, settings, editor, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    recent, month, classic = articles
    assert "The classic 5000 reads" in listed(client, "all-time")
    assert "Recent hit 30 reads" in home_most_read(client)
    with django_capture_on_commit_callbacks(execute=True):
        for article in (recent, classic):
            perform(article, "withdraw", by=editor)
    assert "The classic 5000 reads" not in listed(client, "all-time")
    assert "Recent hit 30 reads" not in home_most_read(client)
