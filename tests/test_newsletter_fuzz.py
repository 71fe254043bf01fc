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

from newsletter import inbound, returnpath, sending, tokens
from newsletter.models import Delivery, DeliveryReport, Subscriber
from newsletter.signup import CONFIRMATIONS_PER_ADDRESS_PER_DAY
from tests import bounce_reports
from tests.factories import make_campaign, make_readers, make_user

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


# Reports that come back: whatever arrives, nothing fails, and only a genuine report changes
# anyone — and then only the reader whose delivery it names.


@pytest.fixture
def sent_to_readers():
    """A campaign sent to three readers; reader address → the return path of their delivery."""
    readers = make_readers(3)
    campaign = make_campaign()
    campaign.start_sending(by=make_user())
    sending.list_recipients(campaign)
    campaign.deliveries.update(status=Delivery.Status.SENT, sent_at=timezone.now())
    deliveries = campaign.deliveries.select_related("subscriber")
    return {d.subscriber.email: returnpath.return_path(d.pk) for d in deliveries}, readers


def start_afresh():
    DeliveryReport.objects.all().delete()
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED, suspended_at=None)


def statuses():
    return dict(Subscriber.objects.values_list("email", "status"))


def mutate(raw, data):
    """The report cut short, with bytes replaced, or with bytes put in, somewhere."""
    position = data.draw(st.integers(0, len(raw)), label="position")
    how = data.draw(st.sampled_from(["cut", "replace", "insert"]), label="how")
    extra = data.draw(st.binary(min_size=1, max_size=20), label="bytes")
    if how == "cut":
        return raw[:position]
    if how == "replace":
        return raw[:position] + extra + raw[position + len(extra) :]
    return raw[:position] + extra + raw[position:]


@FUZZ
@given(raw=st.binary(max_size=3000), recipients=st.lists(printable, max_size=3))
def test_arbitrary_bytes_never_fail_and_change_nothing(sent_to_readers, raw, recipients):
    before = statuses()
    outcome = inbound.receive(raw, recipients)
    assert not outcome.accepted
    assert statuses() == before
    assert not DeliveryReport.objects.exists()


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["hard", "soft", "delayed", "complaint"]))
def test_a_damaged_report_changes_at_most_the_reader_it_names(sent_to_readers, data, kind):
    paths, _ = sent_to_readers
    start_afresh()
    path, address = paths["reader0@example.org"], "reader0@example.org"
    genuine = (
        bounce_reports.complaint(path, address)
        if kind == "complaint"
        else bounce_reports.dsn(kind, path, address)
    )
    outcome = inbound.receive(mutate(genuine, data), data.draw(st.sampled_from([[], [path]])))
    after = statuses()
    assert after["reader1@example.org"] == after["reader2@example.org"] == "confirmed"
    if outcome.accepted:
        assert DeliveryReport.objects.get().subscriber.email == address
    else:
        assert after[address] == "confirmed"
        assert not DeliveryReport.objects.exists()


hex_digits = st.text(alphabet="0123456789abcdef", max_size=30)


@FUZZ
@given(data=st.data(), domain=st.sampled_from(["analyst.localhost", "example.org"]))
def test_a_made_up_return_path_never_names_a_delivery(sent_to_readers, data, domain):
    paths, _ = sent_to_readers
    start_afresh()
    ids = [int(path.split("+")[1].split("-")[0]) for path in paths.values()]
    signed = st.builds("{}-{}".format, st.sampled_from(ids), hex_digits)
    token = data.draw(st.one_of(signed, st.text(max_size=60)), label="token")
    forged = f"bounces+{token}@{domain}"
    if forged in paths.values():
        return
    raw = bounce_reports.dsn("hard", forged, "reader0@example.org")
    assert not inbound.receive(raw, [forged]).accepted
    assert set(statuses().values()) == {"confirmed"}
