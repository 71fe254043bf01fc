"""Staff sign-in in production, behind the proxy: the lockout counts the real address."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import make_user
from tests.production import through_the_proxy, use_production_settings

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ATTACKER = "198.51.100.66"


@pytest.fixture
def production(settings):
    use_production_settings(settings)
    settings.AXES_ENABLED = True


def sign_in(client, password, client_address, forged=None, username="editor"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        **through_the_proxy(client_address, forged),
    )


def test_forged_forwarded_for_entries_do_not_escape_the_lockout(client, production, settings):
    make_user("editor", is_staff=True)
    for attempt in range(30):
        sign_in(client, "wrong", ATTACKER, forged=f"203.0.113.{attempt + 1}")
    refused = sign_in(client, "pw-editor-1", ATTACKER, forged="192.0.2.254")
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.text
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_the_lockout_falls_on_the_address_the_proxy_saw(client, production, settings):
    make_user("editor", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", ATTACKER)
    assert sign_in(client, "pw-editor-1", ATTACKER).status_code == 429
    # The editor at their own desk, whatever they happen to forward, still gets in.
    signed_in = sign_in(client, "pw-editor-1", "192.0.2.10", forged=ATTACKER)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_forwarded_entry_that_is_no_address_counts_against_the_connection(
    client, production, settings
):
    make_user("editor", is_staff=True)
    headers = through_the_proxy("not-an-address") | {"REMOTE_ADDR": ATTACKER}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, **headers)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
