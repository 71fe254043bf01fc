"""Each campaign message names its delivery in its envelope sender, signed (VERP), as bulk mail."""

import pytest

from newsletter import returnpath, sending
from newsletter.models import Delivery
from tests.factories import make_article, make_campaign, make_issue, make_readers, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(smtp_sink, settings):
    settings.NEWSLETTER_FROM_EMAIL = "The Analyst <editors@analyst.example.org>"
    settings.NEWSLETTER_BOUNCE_LOCAL_PART = "bounces"
    settings.NEWSLETTER_BOUNCE_DOMAIN = "mail.analyst.example.org"
    issue = make_issue()
    make_article("Sent to everyone", issue=issue)
    campaign = make_campaign(issue)
    campaign.start_sending(by=make_user())
    make_readers(3)
    sending.send_campaign(campaign)
    return campaign, smtp_sink.received


def test_each_message_goes_out_from_the_signed_return_path_of_its_own_delivery(sent):
    campaign, received = sent
    assert len(received) == 3
    for message in received:
        delivery = Delivery.objects.get(campaign=campaign, subscriber__email=message.to)
        assert message.sender == returnpath.return_path(delivery.pk)
        assert message.sender.startswith(f"bounces+{delivery.pk}-")
        assert message.sender.endswith("@mail.analyst.example.org")
        assert returnpath.delivery_of(message.sender) == delivery.pk
    assert len({message.sender for message in received}) == 3


def test_readers_see_the_publication_as_the_sender_not_the_bounce_address(sent):
    _, received = sent
    for message in received:
        assert message.message["From"] == "The Analyst <editors@analyst.example.org>"
        assert "bounces" not in message.message["From"]


def test_each_message_is_marked_as_list_mail_in_bulk_with_its_feedback_id(sent):
    campaign, received = sent
    for message in received:
        headers = message.message
        assert headers["Precedence"] == "bulk"
        assert headers["List-Id"].endswith("<newsletter.127.0.0.1>")
        feedback_id = f"{campaign.pk}:{campaign.issue.date:%Y%m%d}:newsletter:analyst"
        assert headers["Feedback-ID"] == feedback_id


def test_a_return_path_altered_by_one_character_names_no_delivery(sent):
    _, received = sent
    genuine = received[0].sender
    local, domain = genuine.split("@")
    for position in range(len("bounces+"), len(local)):
        swapped = "0" if local[position] != "0" else "1"
        altered = f"{local[:position]}{swapped}{local[position + 1 :]}@{domain}"
        assert returnpath.delivery_of(altered) is None, altered


def test_the_signature_of_one_delivery_does_not_name_another(sent):
    _, received = sent
    local, domain = received[0].sender.split("@")
    delivery_id, signature = local.removeprefix("bounces+").split("-")
    forged = f"bounces+{int(delivery_id) + 1}-{signature}@{domain}"
    assert returnpath.delivery_of(forged) is None


def test_a_server_that_lowercases_the_address_still_names_the_delivery(sent):
    _, received = sent
    assert returnpath.delivery_of(received[0].sender.upper()) is not None


def test_addresses_of_other_domains_or_mailboxes_are_not_ours():
    assert not returnpath.is_bounce_address("bounces+1-abc@elsewhere.example.org")
    assert not returnpath.is_bounce_address("bouncesx@analyst.localhost")
    assert not returnpath.is_bounce_address("someone@analyst.localhost")
    assert returnpath.is_bounce_address("bounces@analyst.localhost")
    assert returnpath.is_bounce_address("<Bounces+12-ab@Analyst.Localhost>")
