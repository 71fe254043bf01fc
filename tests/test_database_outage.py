"""Losing the database gives readers a plain 503 page, and the site recovers by itself.

These run on PostgreSQL: the connection is cut from the server side with
pg_terminate_backend, or pointed at a port where nothing listens, and then restored.
"""

import socket
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection

from analyst import pagecache
from tests.factories import make_article

pytestmark = pytest.mark.postgres


# pg_terminate_backend waits this long (ms) for a session to end, and returns as soon as it has:
# a busy server may take more than the five seconds this waited before, a stuck one never ends.
TERMINATION_WAIT_MS = 120_000


def terminate_other_backends():
    """From this test's own connection, end every other session on the test database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()",
            [TERMINATION_WAIT_MS],
        )


def terminate_backend(pid):
    """End one session from a second, separate connection."""
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s, %s)", [pid, TERMINATION_WAIT_MS])


@contextmanager
def database_unreachable():
    """Point new connections at a port where nothing listens, then put the real one back.

    The port stays bound (not listening) meanwhile, so that nothing else can start listening
    there: connections to it are refused.
    """
    port = connection.settings_dict["PORT"]
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        connection.settings_dict["PORT"] = closed.getsockname()[1]
        try:
            yield
        finally:
            connection.settings_dict["PORT"] = port


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def assert_plain_503(status, headers, body):
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "no-store" in headers["Cache-Control"]
    assert "The site is briefly unavailable" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


@pytest.fixture
def no_caching(settings):
    """Pages built from the database each time: what a signed-in editor gets."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


def test_a_reader_sees_a_plain_503_while_the_database_is_down_and_the_page_once_it_is_back(
    live_server, no_caching
):
    article = make_article("Still here after the outage")
    url = live_server.url + article.get_absolute_url()
    assert fetch(url)[0] == 200

    with database_unreachable():
        terminate_other_backends()
        assert_plain_503(*fetch(url))
        assert_plain_503(*fetch(live_server.url + "/"))

    status, _, body = fetch(url)
    assert status == 200
    assert "Still here after the outage" in body


def test_cached_pages_are_still_served_while_the_database_is_down(live_server):
    article = make_article("Served from the cache")
    url = live_server.url + article.get_absolute_url()
    assert fetch(url)[0] == 200

    with database_unreachable():
        terminate_other_backends()
        status, _, body = fetch(url)
        assert status == 200
        assert "Served from the cache" in body
        assert_plain_503(*fetch(live_server.url + "/authors/"))


@pytest.mark.parametrize("address", ["/no-such-page/", "/articles/no-such-article/"])
def test_an_address_not_found_while_the_database_is_down_answers_the_plain_503(
    live_server, no_caching, address
):
    make_article("Elsewhere")
    assert fetch(live_server.url + address)[0] == 404

    with database_unreachable():
        terminate_other_backends()
        # An old address would redirect: whether this one does is unknown until it is back.
        assert_plain_503(*fetch(live_server.url + address))

    assert fetch(live_server.url + address)[0] == 404


def test_an_address_no_page_can_take_is_refused_even_while_the_database_is_down(live_server):
    url = live_server.url + "/x%00"
    assert fetch(url)[0] == 400
    with database_unreachable():
        terminate_other_backends()
        status, _, body = fetch(url)
    assert status == 400
    assert "It holds a NUL character." in body


def test_healthz_reports_the_database_down_and_then_healthy_again(live_server):
    assert fetch(live_server.url + "/healthz")[0] == 200

    with database_unreachable():
        terminate_other_backends()
        status, headers, body = fetch(live_server.url + "/healthz")
        assert status == 503
        assert '"database": {"ok": false, "error": "OperationalError"}' in body
        assert '"cache": {"ok": true' in body

    assert fetch(live_server.url + "/healthz")[0] == 200


def test_a_connection_cut_between_requests_is_replaced_without_the_reader_noticing(live_server):
    article = make_article("Read on")
    url = live_server.url + article.get_absolute_url()
    assert fetch(url)[0] == 200

    terminate_other_backends()

    assert fetch(url)[0] == 200


def test_a_connection_cut_in_the_middle_of_a_request_answers_503_then_recovers(client, no_caching):
    article = make_article("Cut mid-request")
    client.get(article.get_absolute_url())
    cut = []

    def cut_before_the_first_query(execute, sql, params, many, context):
        if not cut:
            cut.append(sql)
            terminate_backend(connection.connection.info.backend_pid)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(cut_before_the_first_query):
        response = client.get(article.get_absolute_url())
    assert cut
    assert response.status_code == 503
    assert "The site is briefly unavailable" in response.content.decode()
    assert "Traceback" not in response.content.decode()

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Cut mid-request" in response.content.decode()


def test_a_fresh_server_serves_the_shared_caches_pages_while_the_database_is_down(live_server):
    """A server started during the outage has nothing in its own memory, and the shared cache
    may have let the time of the next scheduled change expire: neither needs the database."""
    article = make_article("Served by a fresh server")
    url = live_server.url + article.get_absolute_url()
    assert fetch(url)[0] == 200

    pagecache.local_pages.clear()
    cache.delete(pagecache.NEXT_CHANGE_KEY)
    with database_unreachable():
        terminate_other_backends()
        status, _, body = fetch(url)
        assert status == 200
        assert "Served by a fresh server" in body
        assert fetch(url)[0] == 200
