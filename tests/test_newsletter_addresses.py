"""One bad address blocks nothing: refused at every way in, and failing alone at send time."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.models import Subscriber
from tests.helpers import sign_up

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
