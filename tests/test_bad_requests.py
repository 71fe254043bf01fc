"""Requests no page can use get a plain refusal that says why, never a server error."""

import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    make_article("Caspian notes")
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("address", ["/search/?q=%00", "/?page=1%00", "/issues/?%00=1"])
def test_an_address_holding_a_nul_byte_is_refused(reader, address):
    response = reader.get(address)
    assert response.status_code == 400
    assert "This address cannot be used" in response.text
    assert "It holds a NUL character." in response.text


def test_an_address_of_100_kb_is_refused_as_too_long(reader):
    response = reader.get("/search/?q=" + "x" * 100_000)
    assert response.status_code == 414
    assert "This address is too long" in response.text


def test_a_10000_digit_page_number_is_simply_not_found(reader):
    response = reader.get("/sections/field-reports/?page=" + "9" * 10_000)
    assert response.status_code == 404


@pytest.fixture
def boss(admin_client):
    admin_client.raise_request_exception = False
    return admin_client


def test_a_year_past_any_calendar_in_an_admin_filter_is_refused_with_a_reason(boss):
    response = boss.get("/admin/articles/issue/?date__year=99999999999999999999")
    assert response.status_code == 400
    assert "This request holds a value the admin cannot use" in response.text


def test_a_bulk_action_on_rows_that_are_no_rows_is_refused_with_a_reason(boss):
    make_article("Kept")
    response = boss.post(
        "/admin/articles/article/", {"action": "delete_selected", "_selected_action": "x"}
    )
    assert response.status_code == 400
    assert "Go back to the page and choose again." in response.text


def test_an_admin_page_for_a_row_that_is_not_there_is_not_found(boss):
    response = boss.get("/admin/otp_totp/totpdevice/999/config/")
    assert response.status_code == 404
    assert "There is no such row" in response.text
