from datetime import UTC

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from analyst import fragments, pagecache, versions
from tests.factories import TEST_DAY, make_member, make_user

pytest_plugins = ["tests.newsletter_fixtures"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_clock: keeps the machine's clock (another process compares with it)"
    )


@pytest.fixture(autouse=True)
def clock_starts_at_noon_on_a_fixed_day(request):
    """Start every test at noon on the same day, the clock running on from there.

    No test then crosses midnight, a year's end or a change of summer time halfway, finds the
    demo's dated content aged, or depends on the day it runs. A test that sets the time itself
    (time_machine) still does. Browser tests and tests marked `real_clock` keep the machine's
    clock: Chromium keeps cookies by it, and a worker process claims deliveries by it.
    """
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker("real_clock"):
        yield
        return
    noon = timezone.make_aware(TEST_DAY, timezone.get_default_timezone()).astimezone(UTC)
    with time_machine.travel(noon, tick=True):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    fragments.store.clear()
    pagecache.local_pages.clear()
    versions.remembered.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Real password hashing takes a good part of a second per account made.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def no_login_lockout(settings):
    # The lockout needs the request at authenticate(), which Client.login() does not pass;
    # tests/test_security.py turns it back on and signs in through the login form.
    settings.AXES_ENABLED = False


# Before pytest-django's own hook, which runs transactional tests last: marked only afterwards,
# a postgres test would run among the others and its flush would empty the database under them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("postgres"):
            # A flush after a transactional test would delete the sections the migrations
            # create; serialized rollback puts them back.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(autouse=True)
def skip_unless_postgres(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


# The staff, one in each role (the groups a migration makes); each signs in with "pw-editor-1".


@pytest.fixture
def contributor(db):
    """Carla, a contributor, with her author profile (`contributor.author`)."""
    return make_member("carla", "Contributor")


@pytest.fixture
def editor(db):
    """Edith, an editor, with an author profile."""
    return make_member("edith", "Editor")


@pytest.fixture
def managing_editor(db):
    """Manuel, a managing editor, with an author profile."""
    return make_member("manuel", "Managing editor")


@pytest.fixture
def admin_user(db):
    """The boss, a superuser (boss@example.org)."""
    return make_user("boss", superuser=True)


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def managing_editor_client(client, managing_editor):
    client.force_login(managing_editor)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
