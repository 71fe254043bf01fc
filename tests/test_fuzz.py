"""Public endpoints that take input answer every request without a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article

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
