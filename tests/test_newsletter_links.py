"""Confirm and unsubscribe links: signed, confirm expires, GET changes nothing, POST does."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletter.models import Delivery, Subscriber
from tests.factories import make_campaign
from tests.helpers import confirm_link, sign_up, unsubscribe_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(client):
    sign_up(client, "reader@example.org")
    return Subscriber.objects.get()


def test_opening_the_confirmation_link_shows_a_button_and_confirms_nothing(client, pending):
    response = client.get(confirm_link(mail.outbox[0]))
    assert response.status_code == 200
    assert b"Confirm my subscription" in response.content
    assert b'method="post"' in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_pressing_confirm_subscribes_the_address(client, pending):
    response = client.post(confirm_link(mail.outbox[0]))
    assert response.status_code == 200
    assert b"You are subscribed" in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED
    assert pending.confirmed_at is not None
    assert list(pending.events.values_list("kind", flat=True)) == [
        "requested",
        "confirmation sent",
        "confirmed",
    ]


def test_a_tampered_confirmation_link_gets_a_clear_page_with_a_way_to_ask_again(client, pending):
    link = confirm_link(mail.outbox[0])
    tampered = link.replace("/confirm/", "/confirm/9").rstrip("/") + "x/"
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
        assert b'action="/newsletter/subscribe/"' in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_a_confirmation_link_expires_after_seven_days(client, pending, time_machine):
    link = confirm_link(mail.outbox[0])
    time_machine.move_to(timezone.now() + timedelta(days=7, minutes=1))
    response = client.post(link)
    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert b'value="reader@example.org"' in response.content  # asking again is one click
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_a_confirmation_link_still_works_on_the_sixth_day(client, pending, time_machine):
    link = confirm_link(mail.outbox[0])
    time_machine.move_to(timezone.now() + timedelta(days=6))
    client.post(link)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe(client, pending):
    link = confirm_link(mail.outbox[0])
    client.post(link)
    pending.refresh_from_db()
    pending.unsubscribe(via="test")
    response = client.post(link)
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.UNSUBSCRIBED


def test_a_link_from_before_an_unsubscribe_does_not_confirm_the_next_signup(client, pending):
    first_round = confirm_link(mail.outbox[0])
    client.post(first_round)
    pending.refresh_from_db()
    pending.unsubscribe(via="test")
    sign_up(client, "reader@example.org", address="203.0.113.10")  # a new round
    second_round = confirm_link(mail.outbox[-1])
    response = client.post(first_round)
    assert response.status_code == 400
    assert b"from an earlier sign-up" in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING
    client.post(second_round)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_every_link_of_one_signup_round_confirms(client, pending):
    sign_up(client, "reader@example.org", address="203.0.113.10")  # asked twice, still pending
    first, second = (confirm_link(message) for message in mail.outbox)
    assert first != second or len(mail.outbox) == 2
    client.post(first)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_opening_the_unsubscribe_link_shows_one_button_and_changes_nothing(client, pending):
    pending.confirm()
    response = client.get(unsubscribe_link(pending))
    assert response.status_code == 200
    main = response.content.split(b"<main", 1)[1].split(b"</main>", 1)[0]
    assert main.count(b"<button") == 1
    assert b">Unsubscribe</button>" in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_a_one_click_post_unsubscribes_at_once_without_cookies_or_csrf(client, pending):
    pending.confirm()
    client.handler.enforce_csrf_checks = True
    client.cookies.clear()
    response = client.post(
        unsubscribe_link(pending),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.UNSUBSCRIBED
    assert pending.unsubscribed_at is not None


def test_unsubscribing_twice_is_harmless(client, pending):
    pending.confirm()
    client.post(unsubscribe_link(pending))
    second = client.post(unsubscribe_link(pending))
    assert second.status_code == 200
    assert pending.events.filter(kind="unsubscribed").count() == 1


def test_a_tampered_unsubscribe_link_changes_nothing(client, pending):
    pending.confirm()
    response = client.post(unsubscribe_link(pending)[:-3] + "xx/")
    assert response.status_code == 400
    assert b"This unsubscribe link is not valid" in response.content
    assert b"mailto:unsubscribe@analyst.localhost" in response.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED


def test_an_unsubscribe_link_never_expires(client, pending, time_machine):
    pending.confirm()
    link = unsubscribe_link(pending)
    time_machine.move_to(timezone.now() + timedelta(days=400))
    client.post(link)
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribing_skips_the_deliveries_still_waiting_for_this_address(client, pending):
    pending.confirm()
    campaign = make_campaign()
    delivery = Delivery.objects.create(campaign=campaign, subscriber=pending)
    client.post(unsubscribe_link(pending))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SKIPPED
