"""Public endpoints answer every request without a server error, whatever it holds.

Besides the beacon and any address, every public route (from the URL configuration itself, so
a new one is fuzzed too) with its parameters and query set to the hostile values of
tests/fuzzing.py: NUL, overlong UTF-8, lone surrogates, 10,000-digit and 100 KB values. The
admin's pages are fuzzed in tests/test_fuzz_admin.py.
"""

import pytest
from django.test import Client
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Redirect
from tests.factories import make_article, make_tag
from tests.fuzzing import KINDS_OF_VALUE, filled, hostile_values, parameters_of, query, routes

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
printable_headers = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=300
)
form_values = st.one_of(
    st.text(max_size=500), st.integers().map(str), st.binary(max_size=50).map(repr)
)


@pytest.fixture
def article():
    return make_article("Fuzzed")


@FUZZ
@given(
    data=st.dictionaries(st.sampled_from(["article", "id", "x", ""]), form_values, max_size=3),
    user_agent=printable_headers,
    fetch_site=st.sampled_from(["", "same-origin", "cross-site", "none", "garbage"]),
)
def test_the_read_beacon_never_fails(article, data, user_agent, fetch_site):
    response = Client().post(
        "/reads/", data, headers={"User-Agent": user_agent, "Sec-Fetch-Site": fetch_site}
    )
    assert response.status_code in (200, 400, 403, 404)


@FUZZ
@given(body=st.binary(max_size=2000), content_type=printable_headers)
def test_the_read_beacon_survives_any_body(article, body, content_type):
    response = Client().generic("POST", "/reads/", body, content_type=content_type or "text/plain")
    assert response.status_code < 500


@FUZZ
@given(path=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FFF), max_size=80))
def test_any_address_answers_without_a_server_error(article, path):
    response = Client().get("/" + path.lstrip("/"))
    assert response.status_code < 500


PUBLIC_ROUTES = sorted(
    route for route in routes(get_resolver().url_patterns) if not route.startswith("admin/")
)
QUERY_NAMES = ["page", "q", "section", "tag", "author", "year", "sort", "utm_source", "format"]


@pytest.fixture
def archive(article):
    """Something behind every public route: an issue, an author, a tag, a redirect, a campaign."""
    article.tags.add(make_tag("Caspian"))
    Redirect.objects.create(old_path="/old.html", target_url="/issues/")
    return Client(raise_request_exception=False)


def assert_answers(response, address):
    assert response.status_code < 500, (response.status_code, address[:300])


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_every_public_route_takes_every_kind_of_hostile_value(archive, route):
    for value in KINDS_OF_VALUE:
        address = filled(route, [value] * parameters_of(route))
        for query_string in ("", f"?page={value}", f"?q={value}&page=2", f"?{value}={value}"):
            assert_answers(archive.get(address + query_string), address + query_string)
        assert_answers(archive.post(address, {"x": "1"}), address)


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_every_public_route_takes_any_hostile_parameters(archive, route):
    @FUZZ
    @given(
        values=st.lists(
            st.one_of(hostile_values, st.sampled_from(["fuzzed", "caspian", "1", "2026"])),
            min_size=parameters_of(route),
            max_size=max(parameters_of(route), 1),
        ),
        pairs=st.lists(
            st.tuples(st.one_of(st.sampled_from(QUERY_NAMES), hostile_values), hostile_values),
            max_size=3,
        ),
        method=st.sampled_from(["get", "head", "post"]),
    )
    def check(values, pairs, method):
        address = filled(route, values) + (f"?{query(pairs)}" if pairs else "")
        assert_answers(getattr(archive, method)(address), address)

    check()
