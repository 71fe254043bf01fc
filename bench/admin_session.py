"""A signed-in admin session for the bench, made without a browser, and the admin pages to load.

Creates (or reuses) the superuser `bench-editor` with a confirmed authenticator app, and signs
it in the way the admin's sign-in form does: `django.contrib.auth.login` on a fresh session of
the user with the device whose code was checked, which django-otp's sign-in handler stores in
the session as its verification. The server then does on every request exactly what it does for
an editor who typed their password and code: loads the session, the user and the device, and
checks them. So the bench runs with whatever REQUIRE_2FA_FOR_STAFF says, bypassing nothing.

Prints the session cookie as `NAME=VALUE` to the file given with --cookie, and one LABEL=/path
item per line on stdout: the article list, a search in it, a list filtered by state and section,
and one published article's change form. Run with the same environment as the server (the
session must be in the store the server reads).
"""

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")

USERNAME = "bench-editor"
ADMIN_SEARCH = os.environ.get("ADMIN_SEARCH", "Kazakhstan")


def bench_editor():
    """The bench's superuser and its confirmed authenticator, created on the first run."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME,
        defaults={"email": "bench-editor@example.org", "is_staff": True, "is_superuser": True},
    )
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "Authenticator app", "confirmed": True}
    )
    return user, device


def signed_in_cookie(user, device):
    """`NAME=VALUE` of a new session signed in as `user` and verified with `device`."""
    from django.conf import settings
    from django.contrib.auth import login
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from django.utils.module_loading import import_string

    request = HttpRequest()  # as the middleware leaves it before the sign-in form's view
    request.session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    request.user = AnonymousUser()
    # The sign-in form leaves the device whose code it checked here; django-otp's handler of
    # user_logged_in then marks the session verified with it.
    user.otp_device = device
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.save()
    return f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"


def admin_pages():
    """LABEL=/path of the pages an editor opens all day, found in the archive."""
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Section

    article_list = reverse("admin:articles_article_changelist")
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    # One from the middle of the archive: neither the newest nor the oldest.
    ids = published.order_by("pk").values_list("pk", flat=True)
    article_id = ids[published.count() // 2] if published.exists() else None
    items = [f"list={article_list}", f"list-q={article_list}?{urlencode({'q': ADMIN_SEARCH})}"]
    if section:
        filters = {"status__exact": Article.Status.PUBLISHED, "section__id__exact": section.pk}
        query = urlencode(filters)
        items.append(f"filtered={article_list}?{query}")
    if article_id:
        items.append(f"change={reverse('admin:articles_article_change', args=[article_id])}")
    return items


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cookie", required=True, help="file to write NAME=VALUE to")
    args = parser.parse_args()

    import django

    django.setup()
    user, device = bench_editor()
    Path(args.cookie).write_text(signed_in_cookie(user, device) + "\n")
    print("\n".join(admin_pages()))


if __name__ == "__main__":
    main()
