"""Staff sign-in in production, behind the proxy: the lockout counts the real address, and
every staff member gives a code from an authenticator app, set up at their first sign-in."""

import base64
import os
import runpy
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from tests.factories import make_article, make_user
from tests.production import ROOT, through_the_proxy, use_production_settings

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


# Two-factor sign-in, required of every staff member in production.

DESK = "192.0.2.10"
ENROL = reverse("admin:two_factor_enrol")


@pytest.fixture
def at_the_desk(client, production):
    """A staff member's browser, reaching the site through the proxy from their desk."""
    client.defaults.update(through_the_proxy(DESK))
    return client


def code_for(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def pending_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_production_requires_two_factor_of_staff(settings, production):
    assert settings.REQUIRE_2FA_FOR_STAFF is True


def test_staff_without_an_authenticator_are_sent_to_set_one_up_and_reach_nothing_else(
    at_the_desk, editor
):
    signed_in = at_the_desk.post(LOGIN, {"username": "edith", "password": "pw-editor-1"})
    assert signed_in.status_code == 302
    draft = make_article("Not yet public", status=Article.Status.DRAFT)
    for url in (
        "/admin/",
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[draft.pk]),
        reverse("admin:articles_article_preview", args=[draft.pk]),
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:password_change"),
        LOGIN,
    ):
        response = at_the_desk.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url
    page = at_the_desk.get(ENROL)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.text
    device = pending_device(editor)
    secret = base64.b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page.text
    assert "Not yet public" not in page.text


def test_a_code_from_the_app_confirms_it_and_lets_them_in(at_the_desk, editor, time_machine):
    time_machine.move_to(timezone.now())
    at_the_desk.post(LOGIN, {"username": "edith", "password": "pw-editor-1"})
    asked_for = reverse("admin:articles_article_changelist")
    at_the_desk.get(asked_for)
    at_the_desk.get(f"{ENROL}?next={asked_for}")
    device = pending_device(editor)
    wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
    refused = at_the_desk.post(ENROL, {"otp_token": wrong, "next": asked_for})
    assert refused.status_code == 200
    assert "That code is not the one the app shows now" in refused.text
    assert at_the_desk.get("/admin/")["Location"].startswith(ENROL)

    time_machine.shift(timedelta(seconds=30))  # past the pause a wrong code earns
    confirmed = at_the_desk.post(ENROL, {"otp_token": code_for(device), "next": asked_for})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == asked_for
    assert at_the_desk.get(asked_for).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_once_set_up_the_sign_in_asks_for_the_code(at_the_desk, editor, time_machine):
    time_machine.move_to(timezone.now())
    at_the_desk.post(LOGIN, {"username": "edith", "password": "pw-editor-1"})
    at_the_desk.get(ENROL)
    device = pending_device(editor)
    at_the_desk.post(ENROL, {"otp_token": code_for(device)})
    at_the_desk.post(reverse("admin:logout"))

    password_only = at_the_desk.post(LOGIN, {"username": "edith", "password": "pw-editor-1"})
    assert password_only.status_code == 200
    assert "_auth_user_id" not in at_the_desk.session
    time_machine.shift(timedelta(seconds=30))  # a new code: the last one was used
    with_code = at_the_desk.post(
        LOGIN,
        {
            "username": "edith",
            "password": "pw-editor-1",
            "otp_device": device.persistent_id,
            "otp_token": code_for(device),
        },
    )
    assert with_code.status_code == 302
    assert at_the_desk.get("/admin/").status_code == 200


def test_the_enrolment_page_lets_them_sign_out(at_the_desk, editor):
    at_the_desk.post(LOGIN, {"username": "edith", "password": "pw-editor-1"})
    assert 'action="/admin/logout/"' in at_the_desk.get(ENROL).text
    at_the_desk.post(reverse("admin:logout"))
    assert "_auth_user_id" not in at_the_desk.session


def test_the_enrolment_page_is_for_signed_in_staff_only(at_the_desk):
    response = at_the_desk.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not TOTPDevice.objects.exists()


def test_the_older_name_of_the_setting_still_works():
    with mock.patch.dict(os.environ, {"ADMIN_REQUIRE_TWO_FACTOR": "true"}):
        os.environ.pop("REQUIRE_2FA_FOR_STAFF", None)
        computed = runpy.run_path(str(ROOT / "analyst" / "settings.py"))
    assert computed["REQUIRE_2FA_FOR_STAFF"] is True
