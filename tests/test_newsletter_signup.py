"""Signing up: the same answer for every address, a honeypot, rate limits, a cached page."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html

from newsletter.models import Subscriber
from tests import production
from tests.factories import make_article, make_subscriber
from tests.helpers import confirm_link, sign_up
from tests.newsletter_fixtures import use_task_backend

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("newsletter:subscribe")


def test_the_answer_is_byte_identical_for_new_pending_confirmed_and_unsubscribed_addresses(
    client,
):
    make_subscriber("pending@example.org", "pending")
    make_subscriber("confirmed@example.org", "confirmed")
    make_subscriber("gone@example.org", "unsubscribed")
    answers = {
        email: sign_up(client, email, address=f"203.0.113.{n}")
        for n, email in enumerate(
            ["new@example.org", "pending@example.org", "confirmed@example.org", "gone@example.org"]
        )
    }
    bodies = {answer.content for answer in answers.values()}
    assert {answer.status_code for answer in answers.values()} == {200}
    assert len(bodies) == 1
    assert b"a confirmation email is on its way" in bodies.pop()


def statements(client, email, address):
    """The SQL a signup runs before answering, its values left out."""
    with CaptureQueriesContext(connection) as captured:
        sign_up(client, email, address=address)
    return [
        re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+\b|\bNULL\b", "?", query["sql"]) for query in captured
    ]


def test_every_state_does_the_same_database_work_before_answering(client, settings):
    use_task_backend(settings, "django_tasks_db.DatabaseBackend")  # queued, as in production
    make_subscriber("pending@example.org", "pending")
    make_subscriber("confirmed@example.org", "confirmed")
    make_subscriber("gone@example.org", "unsubscribed")
    sign_up(client, "first@example.org", address="203.0.113.99")  # what any first request loads
    work = {
        email: statements(client, email, f"203.0.113.{n}")
        for n, email in enumerate(
            ["new@example.org", "pending@example.org", "confirmed@example.org", "gone@example.org"]
        )
    }
    assert work["new@example.org"] == work["pending@example.org"]
    assert work["new@example.org"] == work["confirmed@example.org"]
    assert work["new@example.org"] == work["gone@example.org"]
    assert any("dbtaskresult" in statement for statement in work["confirmed@example.org"])


def test_the_javascript_answer_is_also_identical_for_every_state(client):
    make_subscriber("confirmed@example.org", "confirmed")
    new = client.post(
        SUBSCRIBE, {"email": "new@example.org"}, headers={"Accept": "application/json"}
    )
    known = client.post(
        SUBSCRIBE, {"email": "confirmed@example.org"}, headers={"Accept": "application/json"}
    )
    assert new.content == known.content
    assert "confirmation email" in new.json()["message"]


def test_a_new_address_gets_a_confirmation_email_and_stays_pending(client):
    sign_up(client, "  Reader@Example.ORG ")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_source == "signup box"
    assert "agree to receive the newsletter" in subscriber.consent_text
    assert len(subscriber.consent_address_hash) == 64
    assert "203.0.113.9" not in subscriber.consent_address_hash
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "Confirm" in message.subject
    assert "/newsletter/confirm/" in message.body
    html = message.alternatives[0].content
    assert 'style="' in html and "<style" not in html  # CSS inlined for mail clients


def test_addresses_differing_only_in_case_are_one_subscriber(client):
    sign_up(client, "reader@example.org")
    sign_up(client, "READER@example.org", address="203.0.113.10")
    assert Subscriber.objects.count() == 1


def test_a_confirmed_address_gets_no_second_confirmation(client):
    make_subscriber("confirmed@example.org", "confirmed")
    sign_up(client, "confirmed@example.org")
    assert mail.outbox == []
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_an_unsubscribed_address_must_confirm_again_to_come_back(client):
    make_subscriber("gone@example.org", "unsubscribed")
    sign_up(client, "gone@example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1
    client.post(confirm_link(mail.outbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_filled_honeypot_gets_the_same_answer_and_nothing_happens(client):
    human = sign_up(client, "human@example.org")
    bot = sign_up(client, "bot@example.org", address="203.0.113.50", website="http://spam")
    assert bot.content == human.content
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["human@example.org"]
    assert len(mail.outbox) == 1


def test_an_invalid_address_is_refused_with_the_form_again(client):
    response = sign_up(client, "not-an-address")
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert not Subscriber.objects.exists()


def test_one_network_address_is_limited_per_hour(client):
    answers = [sign_up(client, f"reader{n}@example.org").status_code for n in range(21)]
    assert answers[:20] == [200] * 20
    assert answers[20] == 429
    assert Subscriber.objects.count() == 20


def test_forged_forwarded_for_entries_are_no_new_network_address(client, settings):
    production.use_production_settings(settings)
    answers = [
        client.post(
            SUBSCRIBE,
            {"email": f"reader{n}@example.org", "website": "", "source": "footer"},
            headers={"Sec-Fetch-Site": "same-origin"},
            **production.through_the_proxy("203.0.113.50", forged=f"192.0.2.{n}"),
        ).status_code
        for n in range(21)
    ]
    assert answers == [200] * 20 + [429]


def test_one_email_address_is_limited_per_hour_from_any_network(client):
    answers = [
        sign_up(client, "target@example.org", address=f"198.51.100.{n}").status_code
        for n in range(6)
    ]
    assert answers == [200] * 5 + [429]


def test_an_address_gets_at_most_three_confirmation_emails_a_day(client, time_machine):
    time_machine.move_to("2026-12-01 08:00Z")
    for hour in range(5):
        time_machine.move_to(f"2026-12-01 {8 + hour:02}:00Z")
        sign_up(client, "target@example.org", address=f"198.51.100.{hour}")
    assert len(mail.outbox) == 3
    time_machine.move_to("2026-12-02 09:00Z")
    sign_up(client, "target@example.org", address="198.51.100.99")
    assert len(mail.outbox) == 4


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        SUBSCRIBE,
        {"email": "victim@example.org"},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_post_from_our_own_pages_is_accepted_without_any_csrf_cookie(client, settings):
    client.handler.enforce_csrf_checks = True
    response = client.post(
        SUBSCRIBE,
        {"email": "reader@example.org"},
        headers={"Origin": settings.SITE_URL, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 200
    assert Subscriber.objects.filter(email="reader@example.org").exists()


def test_every_page_carries_the_signup_form_with_nothing_personal_in_it(client):
    article = make_article("A page with the box")
    client.handler.enforce_csrf_checks = True
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert 'action="/newsletter/subscribe/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "I agree to receive the newsletter" in html
    assert "csrftoken" not in response.cookies
    assert "sessionid" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_the_signup_page_has_the_form_and_works_without_javascript(client):
    page = client.get(reverse("newsletter:signup"))
    assert page.status_code == 200
    assert b'name="email"' in page.content
    answer = client.post(SUBSCRIBE, {"email": "reader@example.org", "source": "page"})
    assert b"a confirmation email is on its way" in answer.content
    assert Subscriber.objects.get().consent_source == "signup page"


def test_the_newsletter_page_has_one_signup_form(client):
    page = client.get(reverse("newsletter:signup")).content.decode()
    assert page.count('action="/newsletter/subscribe/"') == 1
    article = make_article("Any page")
    assert (
        client.get(article.get_absolute_url())
        .content.decode()
        .count('action="/newsletter/subscribe/"')
        == 1
    )


def test_the_answer_without_javascript_links_back_to_the_page_it_came_from(client):
    article = make_article("Where the reader was")
    referer = f"http://testserver{article.get_absolute_url()}?page=2"
    answer = client.post(SUBSCRIBE, {"email": "reader@example.org"}, HTTP_REFERER=referer)
    link = lxml_html.fromstring(answer.content).cssselect(".newsletter-page a")[0]
    assert link.get("href") == f"{article.get_absolute_url()}?page=2"
    assert link.text_content() == "Back to the page you were reading"


@pytest.mark.parametrize(
    "referer", ["", "https://elsewhere.example/articles/x/", "javascript:alert(1)", "//evil/x"]
)
def test_an_answer_from_an_unknown_page_links_to_the_front_page(client, referer):
    answer = client.post(SUBSCRIBE, {"email": "reader@example.org"}, HTTP_REFERER=referer)
    link = lxml_html.fromstring(answer.content).cssselect(".newsletter-page a")[0]
    assert link.get("href") == "/"
