"""Every admin page, signed in as staff, answers hostile input without a server error.

For each registered model: the change list with its own filters' parameters (read from the
filter links, as an editor clicks them), its date hierarchy, search, ordering and page set to
hostile values; the add and change forms posted with the values the form holds, some replaced
by hostile ones; and every other admin address (history, delete, the workflow's and the
campaigns' own views) with hostile parameters, by GET and POST. The values are those of
tests/fuzzing.py: NUL, overlong UTF-8, lone surrogates, 10,000-digit and 100 KB values.
"""

from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from analyst.models import SiteSettings
from articles.models import DailyReads, ImportRecord, Redirect, StaffPublication
from newsletter import sending
from tests.factories import (
    make_article,
    make_campaign,
    make_subscriber,
    make_user,
)
from tests.fuzzing import FUZZ, KINDS_OF_VALUE, filled, hostile_values, parameters_of, query, routes

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(admin.site._registry.values(), key=lambda model_admin: str(model_admin))
CHANGELIST_PARAMETERS = {"q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters"}


def label(model_admin):
    return model_admin.model._meta.label_lower


@pytest.fixture
def staff():
    """One of everything the admin lists, and a superuser's client (no exception re-raised)."""
    article = make_article("Fuzzed in the admin")
    campaign = make_campaign(article.issue)
    make_subscriber("reader@example.org", "confirmed")
    campaign.start_sending(by=make_user("sender"))
    sending.list_recipients(campaign)
    DailyReads.objects.create(article=article, date="2026-12-01", count=3)
    Redirect.objects.create(old_path="/old", target_url="/issues/")
    ImportRecord.objects.create(source="k2", key="7", article=article, checksum="x")
    StaffPublication.objects.create(kind="Op-ed", title="Fuzz", date="2026-01-01")
    SiteSettings.load()
    Group.objects.get_or_create(name="Fuzzers")
    client = Client(raise_request_exception=False)
    client.force_login(make_user("boss", superuser=True))
    return client


def assert_answers(response, address):
    assert response.status_code < 500, (response.status_code, address[:300])


def changelist_url(model_admin):
    return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")


def parameters_offered(client, url):
    """The query parameters the change list's own links use: its filters, hierarchy, sorting."""
    document = html.fromstring(client.get(url).content.decode())
    names = set(CHANGELIST_PARAMETERS)
    for link in document.xpath("//a[starts-with(@href, '?')]"):
        names.update(name for name, _ in parse_qsl(urlsplit(link.get("href")).query))
    return sorted(names)


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=label)
def test_every_filter_of_every_change_list_takes_every_hostile_value(staff, model_admin):
    url = changelist_url(model_admin)
    for name in parameters_offered(staff, url):
        for value in KINDS_OF_VALUE:
            address = f"{url}?{query([(name, value)])}"
            assert_answers(staff.get(address), address)


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=label)
def test_change_lists_take_any_combination_of_hostile_parameters(staff, model_admin):
    url = changelist_url(model_admin)
    names = parameters_offered(staff, url) + [
        f"{field.name}{lookup}"
        for field in model_admin.opts.concrete_fields
        for lookup in ("", "__in", "__gte", "__isnull", "__year")
    ]

    @FUZZ
    @given(pairs=st.lists(st.tuples(st.sampled_from(names), hostile_values), max_size=4))
    def check(pairs):
        address = f"{url}?{query(pairs)}"
        assert_answers(staff.get(address), address)
        # The same values as a bulk action's choice of rows.
        body = encoded_body(
            [
                ("action", "delete_selected"),
                *pairs[:1],
                ("_selected_action", pairs[-1][1] if pairs else "%00"),
            ]
        )
        response = staff.post(url, body, content_type="application/x-www-form-urlencoded")
        assert_answers(response, f"{url} {body[:300]}")

    check()


def form_fields(client, url):
    """What the page's main form would send as it stands: (name, value) pairs."""
    response = client.get(url)
    if response.status_code != 200:
        return None
    document = html.fromstring(response.content.decode())
    forms = [form for form in document.forms if form.get("method", "").lower() == "post"]
    if not forms:
        return None
    return [(name, value) for name, value in forms[-1].form_values() if name]


def encoded_body(pairs):
    """A form body whose values are already percent-encoded (surrogates and NUL included)."""
    return "&".join(f"{quote(name)}={value}" for name, value in pairs)


def object_addresses(model_admin):
    info = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    first = model_admin.model._default_manager.order_by("pk").first()
    addresses = []
    if model_admin.has_add_permission(_superuser_request()):
        addresses.append(reverse(f"{info}_add"))
    if first is not None:
        addresses.append(reverse(f"{info}_change", args=[first.pk]))
    return addresses


def _superuser_request():
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = make_user("request-boss", superuser=True)
    return request


@pytest.mark.parametrize("model_admin", MODEL_ADMINS, ids=label)
def test_add_and_change_forms_take_hostile_posts(staff, model_admin):
    for url in object_addresses(model_admin):
        if fields := form_fields(staff, url):
            post_hostile_values(staff, url, fields)


def post_hostile_values(client, url, fields):
    """Post the form as it stands with up to three of its fields replaced by hostile values."""
    names = sorted({name for name, _ in fields})

    @FUZZ
    @given(replaced=st.dictionaries(st.sampled_from(names), hostile_values, max_size=3))
    def check(replaced):
        kept = [(name, quote(value)) for name, value in fields if name not in replaced]
        body = encoded_body([*kept, *replaced.items()])
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert_answers(response, f"{url} {body[:300]}")

    check()


ADMIN_ROUTES = sorted(
    {route for route in routes(admin.site.urls[0]) if parameters_of(route)},
)


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_every_admin_address_takes_hostile_parameters(staff, route):
    @FUZZ
    @given(
        values=st.lists(
            st.one_of(hostile_values, st.just("1")), min_size=parameters_of(route), max_size=4
        ),
        body=st.lists(
            st.tuples(st.sampled_from(["_selected_action", "action", "x"]), hostile_values),
            max_size=3,
        ),
    )
    def check(values, body):
        address = "/admin" + filled(route, values)
        assert_answers(staff.get(address), address)
        response = staff.post(
            address, encoded_body(body), content_type="application/x-www-form-urlencoded"
        )
        assert_answers(response, address)

    check()
