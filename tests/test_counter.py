"""The read counter: one read per reader per half hour, nothing from bots, exact under load."""

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from pytest_django.live_server_helper import LiveServer
from time_machine import travel

from articles.models import Article, DailyReads
from articles.site.views import READ_COUNT_SECONDS
from tests import production
from tests.factories import make_article

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BEACON = "/reads/"
# An older browser's noscript image: no Sec-Fetch headers, but the page it came from.
SAME_PAGE = {"User-Agent": BROWSER, "Referer": "http://testserver/articles/counted/"}


def beacon(client, article, user_agent=BROWSER, address="203.0.113.7", **headers):
    return client.post(
        BEACON,
        {"article": article.pk},
        headers={"User-Agent": user_agent, "Sec-Fetch-Site": "same-origin", **headers},
        REMOTE_ADDR=address,
    )


def reads_of(article):
    article.refresh_from_db()
    today = DailyReads.objects.filter(article=article, date=timezone.localdate()).first()
    return article.read_count, today.count if today else 0


@pytest.fixture
def article(db):
    return make_article("Counted", read_count=100)


def test_a_reader_opening_the_page_counts_once_and_sees_the_new_total(client, article):
    response = beacon(client, article)
    assert response.status_code == 200
    assert response.json() == {"count": 101, "counted": True}
    assert reads_of(article) == (101, 1)


def test_the_page_carries_the_count_at_most_a_minute_old(
    client, article, settings, time_machine, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # what each process keeps, not the page cache
    time_machine.move_to(timezone.now(), tick=False)
    assert shown_count(client, article) == "100"
    beacon(client, article)
    with django_assert_num_queries(0):  # nothing changed but a count: nothing is asked
        assert shown_count(client, article) == "100"
    time_machine.shift(timedelta(seconds=READ_COUNT_SECONDS + 1))
    assert shown_count(client, article) == "101"


def test_a_page_built_afresh_carries_the_count_its_row_came_with(client, article, settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0  # nothing kept
    beacon(client, article)
    assert shown_count(client, article) == "101"


def shown_count(client, article):
    page = lxml_html.fromstring(client.get(article.get_absolute_url()).content)
    return page.cssselect("[data-read-count]")[0].text_content()


def test_the_same_reader_within_half_an_hour_counts_once(client, article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    beacon(client, article)
    time_machine.shift(timedelta(minutes=29))
    response = beacon(client, article)
    assert response.json() == {"count": 101, "counted": False}
    time_machine.shift(timedelta(minutes=2))
    assert beacon(client, article).json() == {"count": 102, "counted": True}


def test_a_reader_just_before_midnight_is_not_counted_again_just_after(client, article, settings):
    settings.TIME_ZONE = "UTC"
    midnight = datetime.combine(timezone.localdate() + timedelta(days=2), time(), tzinfo=UTC)
    with travel(midnight - timedelta(minutes=10), tick=False):
        beacon(client, article)
    with travel(midnight + timedelta(minutes=5), tick=False):
        assert beacon(client, article).json()["counted"] is False
    with travel(midnight + timedelta(minutes=21), tick=False):
        assert beacon(client, article).json()["counted"] is True


def test_different_readers_each_count(client, article):
    beacon(client, article, address="203.0.113.1")
    beacon(client, article, address="203.0.113.2")
    beacon(client, article, address="203.0.113.2", user_agent=BROWSER + " Edg/126.0.0.0")
    assert reads_of(article) == (103, 3)


def test_a_reader_counts_separately_for_each_article(client, article):
    other = make_article("Other")
    beacon(client, article)
    beacon(client, other)
    assert reads_of(article)[0] == 101
    assert reads_of(other)[0] == 1


@pytest.mark.parametrize(
    "user_agent",
    [GOOGLEBOT, "curl/8.5.0", "python-requests/2.32", "facebookexternalhit/1.1", ""],
)
def test_bots_and_tools_are_not_counted(client, article, user_agent):
    response = beacon(client, article, user_agent=user_agent)
    assert response.status_code == 200
    assert response.json()["counted"] is False
    assert reads_of(article) == (100, 0)


@pytest.mark.parametrize(
    "header",
    [{"Sec-Purpose": "prefetch"}, {"Sec-Purpose": "prefetch;prerender"}, {"Purpose": "prefetch"}],
)
def test_prefetches_are_not_counted(client, article, header):
    assert beacon(client, article, **header).json()["counted"] is False
    assert reads_of(article) == (100, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_other_methods_are_refused(client, article, method):
    response = getattr(client, method)(BEACON, headers={"User-Agent": BROWSER})
    assert response.status_code == 405
    assert reads_of(article) == (100, 0)


@pytest.mark.parametrize(
    "data", [{}, {"article": ""}, {"article": "abc"}, {"article": "1; DROP TABLE"}, {"id": "1"}]
)
def test_malformed_beacons_are_refused(client, article, data):
    response = client.post(BEACON, data, headers={"User-Agent": BROWSER})
    assert response.status_code == 400
    assert reads_of(article) == (100, 0)


def test_an_unknown_article_is_not_found(client, article):
    response = client.post(BEACON, {"article": article.pk + 1000}, headers={"User-Agent": BROWSER})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "https://elsewhere.example"}, {"Referer": "https://elsewhere.example/x"}],
)
def test_a_post_that_no_page_of_ours_made_is_not_counted(client, article, headers):
    response = client.post(
        BEACON, {"article": article.pk}, headers={"User-Agent": BROWSER, **headers}
    )
    assert response.json()["counted"] is False
    assert reads_of(article) == (100, 0)


def test_an_older_browser_is_told_apart_by_its_origin(client, article):
    response = client.post(
        BEACON,
        {"article": article.pk},
        headers={"User-Agent": BROWSER, "Origin": "http://testserver"},
    )
    assert response.json()["counted"] is True


def test_a_beacon_from_another_site_is_refused(client, article):
    response = beacon(client, article, **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert reads_of(article) == (100, 0)


def test_viewing_the_page_itself_counts_nothing(client, article):
    client.get(article.get_absolute_url(), headers={"User-Agent": BROWSER})
    assert reads_of(article) == (100, 0)


def test_the_noscript_pixel_counts_a_reader_without_javascript(client, article):
    response = client.get(reverse("articles:read-pixel", args=[article.pk]), headers=SAME_PAGE)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert reads_of(article) == (101, 1)
    client.get(reverse("articles:read-pixel", args=[article.pk]), headers=SAME_PAGE)
    assert reads_of(article) == (101, 1)


def test_legacy_reads_are_kept_as_a_baseline(client, db):
    article = make_article("Imported", read_count=5182, legacy_read_count=5182)
    article.legacy_read_count_date = timezone.localdate()
    article.save()
    beacon(client, article)
    article.refresh_from_db()
    assert (article.read_count, article.legacy_read_count) == (5183, 5182)


def forged_beacon(client, article, number, address="203.0.113.7"):
    """A beacon as a pump sends it through our proxy: new browser, forged headers and chain."""
    return client.post(
        BEACON,
        {"article": article.pk},
        headers={
            "User-Agent": BROWSER.replace("126.0.0.0", f"126.0.{number}.0"),
            "Sec-Fetch-Site": "same-origin",
            "Origin": f"https://{production.HOST}",
            "Referer": f"https://{production.HOST}{article.get_absolute_url()}",
        },
        **production.through_the_proxy(address, forged=f"192.0.2.{number % 250}"),
    )


@pytest.fixture
def behind_the_proxy(settings):
    production.use_production_settings(settings)


def test_one_address_adds_at_most_its_hourly_reads_whatever_its_headers_say(
    client, article, behind_the_proxy, settings, caplog, time_machine
):
    assert settings.READS_PER_ADDRESS_PER_HOUR == 30
    time_machine.move_to(timezone.now(), tick=False)
    answers = [forged_beacon(client, article, number).json()["counted"] for number in range(45)]
    assert answers == [True] * 30 + [False] * 15
    assert reads_of(article) == (130, 30)
    warnings = [record for record in caplog.records if "not counted" in record.getMessage()]
    assert len(warnings) == 1  # once for the burst, not once a beacon
    assert "203.0.113.7" in warnings[0].getMessage()

    assert forged_beacon(client, article, 99, address="198.51.100.20").json()["counted"]
    time_machine.shift(timedelta(minutes=59))
    assert not forged_beacon(client, article, 100).json()["counted"]
    time_machine.shift(timedelta(minutes=1, seconds=1))
    assert forged_beacon(client, article, 101).json()["counted"]
    assert reads_of(article) == (132, 32)


def test_the_hourly_reads_of_an_address_are_its_own_for_each_article(
    client, article, behind_the_proxy, settings
):
    settings.READS_PER_ADDRESS_PER_HOUR = 2
    other = make_article("Read too")
    for number in range(3):
        forged_beacon(client, article, number)
        forged_beacon(client, other, number)
    assert reads_of(article) == (102, 2)
    assert reads_of(other) == (2, 2)


@pytest.mark.django_db
def test_the_days_reads_accumulate_in_one_row(client, article):
    for number in range(5):
        beacon(client, article, address=f"198.51.100.{number}")
    assert list(DailyReads.objects.filter(article=article).values_list("count", flat=True)) == [5]


CONCURRENT_READERS = 40
BEACONS = 200


class RoomyWSGIServer(ThreadedWSGIServer):
    # Django's live server listens with a backlog of 10. When 40 clients connect at once on a
    # busy machine, the kernel's accept queue overflows before the server thread accepts; with
    # SYN cookies the handshake still completes on the client side, the connection is then
    # dropped by the server, and the client's request is answered with a reset. A backlog
    # larger than the number of clients keeps every connection until it is accepted.
    request_queue_size = 4 * CONCURRENT_READERS


@pytest.fixture
def roomy_live_server(transactional_db):
    """A live server that queues every concurrent connection instead of resetting some."""
    server = LiveServer("localhost", start=False)
    server.thread.server_class = RoomyWSGIServer
    server._live_server_modified_settings.enable()
    server.start()
    yield server
    server.stop()
    server._live_server_modified_settings.disable()


def send_concurrently(url, article, beacons, clients):
    """`clients` threads send `beacons` beacons, each from a new browser; the errors met."""
    import urllib.request

    errors = []
    # All readers start together; the bound only ends a wait for a thread that never came.
    start = threading.Barrier(clients, timeout=300)

    def send(numbers):
        try:
            start.wait()
        except threading.BrokenBarrierError as error:
            errors.append(("start", repr(error)))
            return
        for number in numbers:
            request = urllib.request.Request(
                url,
                data=f"article={article.pk}".encode(),
                headers={
                    "User-Agent": BROWSER.replace("126.0.0.0", f"126.0.{number}.0"),
                    "Sec-Fetch-Site": "same-origin",
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=300) as response:
                    assert response.status == 200
                    assert response.read()
            except Exception as error:
                errors.append((number, repr(error)))

    threads = [
        threading.Thread(target=send, args=(range(t, beacons, clients),)) for t in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    connection.close()
    return errors


@pytest.mark.postgres
def test_concurrent_readers_are_all_counted(roomy_live_server, settings):
    """40 threads send 200 beacons from distinct readers: exactly 200 more, in both counts."""
    settings.READS_PER_ADDRESS_PER_HOUR = BEACONS  # the readers all come from the loopback
    article = make_article("Under load")
    errors = send_concurrently(roomy_live_server.url + BEACON, article, BEACONS, CONCURRENT_READERS)
    assert errors == []
    article = Article.objects.get(pk=article.pk)
    assert article.read_count == BEACONS
    assert DailyReads.objects.get(article=article).count == BEACONS


def test_a_reader_without_javascript_sees_the_count_as_it_is_now(client, article):
    page = lxml_html.fromstring(client.get(article.get_absolute_url()).content)
    (noscript,) = page.cssselect("noscript")
    image = noscript.cssselect("img")[0]
    assert page.cssselect("p[data-read-count-line]")[0].get("hidden") is not None
    Article.objects.filter(pk=article.pk).update(read_count=F("read_count") + 41)
    response = client.get(image.get("src"), headers=SAME_PAGE)
    assert response["Content-Type"] == "image/svg+xml"
    assert "no-cache" in response["Cache-Control"]
    svg = lxml_html.fromstring(response.content)
    assert svg.cssselect("text")[0].text_content() == "Read 142 times"
    assert reads_of(article) == (142, 1)
    again = client.get(image.get("src"), headers=SAME_PAGE)
    assert b"Read 142 times" in again.content
    assert reads_of(article) == (142, 1)


@pytest.mark.postgres
def test_a_burst_from_one_address_adds_its_hourly_reads_and_no_more(roomy_live_server, settings):
    """40 threads pump 200 beacons from one address, a new browser each: exactly 30 count."""
    article = make_article("Pumped")
    errors = send_concurrently(roomy_live_server.url + BEACON, article, BEACONS, CONCURRENT_READERS)
    assert errors == []
    article = Article.objects.get(pk=article.pk)
    assert article.read_count == settings.READS_PER_ADDRESS_PER_HOUR == 30
    assert DailyReads.objects.get(article=article).count == 30
