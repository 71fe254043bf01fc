"""One bad address blocks nothing: refused at every way in, and failing alone at send time."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analyst.models import SiteSettings
from newsletter import sending
from newsletter.models import Campaign, Delivery, Subscriber
from tests.factories import make_article, make_campaign, make_issue, make_readers, make_user
from tests.helpers import delivery_statuses, sign_up

pytestmark = pytest.mark.django_db

POISONED = [
    '"pois\x0bon"@example.org',
    '"pois\x0con"@example.org',
    '"pois\x1con"@example.org',
    "pois\x00on@example.org",
    "read\u2028er@example.org",
    "reader@example\u2029.org",
    "reader@localhost",
    "reader@mail.localhost",
    "reader@printer.local",
    "reader@[192.0.2.1]",
    "reader@[IPv6:2001:db8::1]",
    '"quoted reader"@example.org',
    "reader@example",
]


@pytest.mark.parametrize("address", POISONED)
def test_signup_refuses_an_address_no_mail_server_takes_and_says_why(client, address):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": address, "website": "", "source": "footer"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["message"]  # a reason the reader can act on
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_signup_still_takes_ordinary_and_international_addresses(client):
    for n, address in enumerate(["o'brien+news@example.org", "reader@bücher.example.de"]):
        assert sign_up(client, address, address=f"203.0.113.{n}").status_code == 200
    assert Subscriber.objects.count() == 2


def test_the_import_skips_every_bad_address_with_its_line_and_reason(admin_client):
    rows = "\n".join(["email", "ann@example.org", *POISONED, "bob@example.org"])
    upload = SimpleUploadedFile("list.csv", rows.encode(), content_type="text/csv")
    page = admin_client.post(
        reverse("admin:newsletter_subscriber_import"),
        {"file": upload, "consent_confirmed": "on", "source": "old list"},
        follow=True,
    )
    text = page.content.decode()
    assert "2 added" in text
    assert f"{len(POISONED)} not valid addresses skipped" in text
    assert "line 3" in text and "cannot contain spaces or invisible characters" in text
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "ann@example.org",
        "bob@example.org",
    }


@pytest.mark.parametrize("address", POISONED)
def test_the_subscriber_model_refuses_a_bad_address_in_any_admin_form(address):
    with pytest.raises(ValidationError):
        Subscriber(email=address).full_clean()


@pytest.fixture
def campaign():
    issue = make_issue()
    make_article("Sent to everyone", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user())
    return campaign


def stored_earlier(address):
    """A confirmed subscriber whose address came in before addresses were checked strictly."""
    subscriber = Subscriber.objects.create(email=address)
    subscriber.confirm()
    return subscriber


def test_a_bad_address_stored_earlier_fails_alone_and_the_campaign_goes_on(smtp_sink, campaign):
    readers = make_readers(3)
    # (PostgreSQL cannot store a NUL at all, so that one never got in.)
    earlier = [address for address in POISONED if "\x00" not in address][:8]
    poisoned = [stored_earlier(address) for address in earlier]
    outcome = sending.send_campaign(campaign, batch_size=2)
    assert sorted(smtp_sink.recipients()) == [reader.email for reader in readers]
    assert outcome.finished
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENT
    for subscriber in poisoned:
        delivery = campaign.deliveries.get(subscriber=subscriber)
        assert delivery.status == Delivery.Status.FAILED
        assert delivery.error.startswith("Not an address we can send to:")


def test_a_site_name_with_a_line_separator_stops_no_mail(smtp_sink, campaign, client):
    site = SiteSettings.load()
    site.name = "The\u2028Analyst\x0b\r\nBcc: victim@example.org"
    site.save()
    readers = make_readers(3)
    outcome = sending.send_campaign(campaign)
    assert outcome.finished and set(delivery_statuses(campaign).values()) == {"sent"}
    assert sorted(smtp_sink.recipients()) == [reader.email for reader in readers]
    for received in smtp_sink.received:
        assert received.message["List-Id"].startswith("The Analyst Bcc: victim@example.org <")
        assert received.message["Bcc"] is None
    sign_up(client, "new@example.org")
    confirmation = smtp_sink.received[-1]
    assert confirmation.to == "new@example.org"
    assert "\u2028" not in confirmation.message["Subject"]
