"""Signup, confirm and unsubscribe under arbitrary input: no server error, no flood of email,
and a subscription changes only through a genuine link."""

from collections import Counter
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter import tokens
from newsletter.models import Subscriber
from newsletter.signup import CONFIRMATIONS_PER_ADDRESS_PER_DAY

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SUBSCRIBE = "/newsletter/subscribe/"
ANSWERS = (200, 400, 403, 405, 429)

printable = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200)
form_values = st.one_of(
    st.text(max_size=300), st.integers().map(str), st.binary(max_size=40).map(repr)
)
emails = st.one_of(
    st.emails(),
    st.text(max_size=300),
    st.sampled_from(
        ["victim@example.org", "VICTIM@Example.org", " victim@example.org ", "victim@example.org\n"]
    ),
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Origin": st.one_of(
            st.sampled_from(["http://testserver", "http://127.0.0.1:8000", "null", "https://evil"]),
            printable,
        ),
        "Sec-Fetch-Site": st.sampled_from(["same-origin", "same-site", "cross-site", "none", "x"]),
        "User-Agent": printable,
        "Accept": st.sampled_from(["application/json", "text/html", "*/*", ""]),
        "X-Forwarded-For": printable,
        "Referer": printable,
    },
)
addresses = st.sampled_from(["203.0.113.1", "203.0.113.2", "2001:db8::1", "", "not-an-ip"])
content_types = st.one_of(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "multipart/form-data",
            "application/json",
            "text/plain",
        ]
    ),
    printable,
)
path_text = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FFF, exclude_characters="/"),
    max_size=120,
)


def assert_no_flood_and_nobody_confirmed_by_signing_up():
    """At most the day's cap of confirmation emails to any address, and only to pending ones."""
    sent = Counter(address.lower() for message in mail.outbox for address in message.to)
    for address, count in sent.items():
        assert count <= CONFIRMATIONS_PER_ADDRESS_PER_DAY, (address, count)
        assert Subscriber.objects.with_email(address).get().status == Subscriber.Status.PENDING
    assert not Subscriber.objects.confirmed().exists()


@FUZZ
@given(
    email=emails,
    fields=st.dictionaries(
        st.sampled_from(["website", "source", "csrfmiddlewaretoken", "email2", ""]),
        form_values,
        max_size=3,
    ),
    sent_headers=headers,
    address=addresses,
)
def test_signing_up_with_any_form_and_headers_never_fails_or_floods(
    db, email, fields, sent_headers, address
):
    response = Client().post(
        SUBSCRIBE, {**fields, "email": email}, headers=sent_headers, REMOTE_ADDR=address
    )
    assert response.status_code in ANSWERS
    assert_no_flood_and_nobody_confirmed_by_signing_up()


@FUZZ
@given(body=st.binary(max_size=2000), content_type=content_types, sent_headers=headers)
def test_signing_up_with_any_body_never_fails(db, body, content_type, sent_headers):
    response = Client().generic(
        "POST", SUBSCRIBE, body, content_type=content_type or "text/plain", headers=sent_headers
    )
    assert response.status_code in ANSWERS
    assert_no_flood_and_nobody_confirmed_by_signing_up()


@pytest.fixture
def people(db, time_machine):
    """One subscriber in each state, and the genuine links of each.

    The clock stands still: a confirmation link carries the second it was signed in, so a link
    drawn from the genuine ones is still among them when the test compares.
    """
    time_machine.move_to(timezone.now(), tick=False)
    pending = Subscriber.objects.create(email="pending@example.org")
    confirmed = Subscriber.objects.create(email="confirmed@example.org")
    confirmed.confirm()
    gone = Subscriber.objects.create(email="gone@example.org")
    gone.confirm()
    gone.unsubscribe(via="test")
    return [pending, confirmed, gone]


def genuine_tokens(people):
    return [tokens.confirm_token(p) for p in people] + [
        tokens.unsubscribe_token(p.pk) for p in people
    ]


def tampered(data, people):
    """A real link changed a little: another id, a cut, a changed or added character."""
    token = data.draw(st.sampled_from(genuine_tokens(people)))
    how = data.draw(st.sampled_from(["id", "cut", "char", "append", "case"]))
    if how == "id":
        return f"{data.draw(st.integers(-5, 10**6))}:{token.split(':', 1)[1]}"
    if how == "cut":
        return token[: data.draw(st.integers(0, len(token) - 1))]
    if how == "append":
        return token + data.draw(path_text)
    if how == "case":
        return token.swapcase()
    at = data.draw(st.integers(0, len(token) - 1))
    return token[:at] + data.draw(st.characters(exclude_characters="/")) + token[at + 1 :]


def any_token(data, people):
    """Anything at all, or a genuine link tampered with."""
    if data.draw(st.booleans()):
        return data.draw(path_text)
    return tampered(data, people)


def states():
    return list(Subscriber.objects.order_by("pk").values_list("pk", "status", "unsubscribed_at"))


def request(method, url, data, sent_headers):
    client = Client()
    if method == "get":
        return client.get(url, headers=sent_headers)
    body = data.draw(st.one_of(st.just(b"List-Unsubscribe=One-Click"), st.binary(max_size=300)))
    content_type = data.draw(content_types)
    return client.generic("POST", url, body, content_type=content_type, headers=sent_headers)


@FUZZ
@given(data=st.data(), method=st.sampled_from(["get", "post"]), sent_headers=headers)
def test_a_confirmation_link_changes_nothing_unless_it_is_genuine(
    people, data, method, sent_headers
):
    token = any_token(data, people)
    before = states()
    response = request(method, f"/newsletter/confirm/{quote(token, safe='')}/", data, sent_headers)
    assert response.status_code < 500
    if token not in [tokens.confirm_token(p) for p in people]:
        assert states() == before
        assert response.status_code in (400, 404, 405)


@FUZZ
@given(data=st.data(), method=st.sampled_from(["get", "post"]), sent_headers=headers)
def test_an_unsubscribe_link_changes_nothing_unless_it_is_genuine(
    people, data, method, sent_headers
):
    token = any_token(data, people)
    before = states()
    url = f"/newsletter/unsubscribe/{quote(token, safe='')}/"
    response = request(method, url, data, sent_headers)
    assert response.status_code < 500
    genuine = token in [tokens.unsubscribe_token(p.pk) for p in people]
    if method == "get" or not genuine:
        assert states() == before  # looking at the page, or a forged link, unsubscribes no one
    if not genuine:
        assert response.status_code in (400, 404, 405)


@FUZZ
@given(data=st.data(), sent_headers=headers)
def test_the_genuine_one_click_unsubscribe_works_whatever_else_the_request_holds(
    people, data, sent_headers
):
    confirmed = Subscriber.objects.create(email=f"reader{Subscriber.objects.count()}@example.org")
    confirmed.confirm()
    url = f"/newsletter/unsubscribe/{tokens.unsubscribe_token(confirmed.pk)}/"
    response = request("post", url, data, sent_headers)
    assert response.status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.status == Subscriber.Status.UNSUBSCRIBED
