"""What bench/scale_out.sh checks across two app servers that share PostgreSQL and Redis.

usage: scale_checks.py edit|session|cache|static|media URL_A URL_B [--json FILE]

  edit     an article's title changed and saved as the admin saves it, in a process of the
           servers' configuration (server A's side); the time until server B shows it
  session  sign in to the admin on A; the same cookie is signed in on B
  cache    a page read on A is kept in the shared cache and B answers with the same page
  static   the stylesheet a page of B links to has a hashed name, and A serves it for a year
  media    an upload saved to S3-compatible storage (AWS_* settings) is fetched by its address

Each prints one line and exits non-zero when the check fails. Run with the servers' own
environment (DATABASE_URL, CACHE_URL, SECRET_KEY…). Loopback only for the servers.
"""

import argparse
import http.cookiejar
import json
import os
import re
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")


def get(url, opener=None, data=None):
    opener = opener or urllib.request.build_opener()
    with opener.open(url, data=data, timeout=30) as response:
        return response.status, response.headers, response.read().decode("utf-8", "replace")


def check_edit(a, b):
    """Save a new title as the admin would; poll B until it shows it."""
    from django.conf import settings
    from django.db import transaction

    from articles.models import Article

    article = Article.objects.live().order_by("-published_at").first()
    url = f"{b}{article.get_absolute_url()}"
    get(url)  # B has it cached now
    title, edited = article.title, f"{article.title} (edited on A)"
    with transaction.atomic():
        article.title = edited
        article.save(update_fields=["title", "updated_at"])
    saved = time.monotonic()
    try:
        while edited not in get(url)[2]:
            if time.monotonic() - saved > 30:
                return False, "B still showed the old title after 30 s"
            time.sleep(0.05)
        delay = time.monotonic() - saved
    finally:
        with transaction.atomic():
            article.title = title
            article.save(update_fields=["title", "updated_at"])
    limit = settings.CONTENT_VERSION_SECONDS + 0.5
    return delay <= limit, f"B showed the edit after {delay:.2f} s (documented: within {limit} s)"


def check_session(a, b):
    """Sign in on A with a staff account made for the check; the cookie works on B."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="scale-check", defaults={"is_staff": True, "is_superuser": True}
    )
    password = os.urandom(12).hex()
    user.set_password(password)
    user.save()
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, form = get(f"{a}/admin/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": user.username, "password": password}
    ).encode()
    opener.addheaders = [("Referer", f"{a}/admin/login/")]
    get(f"{a}/admin/login/?next=/admin/", opener, data)
    status, _, page = get(f"{b}/admin/", opener)
    signed_in = status == 200 and "Log out" in page
    return signed_in, f"signed in on A, then /admin/ on B: {status}, signed in: {signed_in}"


def check_cache(a, b):
    """A page read on A is in the shared cache; B answers with the very same page."""
    from django.core.cache import cache

    path = "/issues/"
    _, _, on_a = get(f"{a}{path}")
    keys = [key for key in cache_keys(cache) if key.startswith("page:")]
    _, _, on_b = get(f"{b}{path}")
    same = bool(keys) and on_a == on_b
    return same, f"{len(keys)} pages kept in the shared cache; B's {path} is A's: {on_a == on_b}"


def cache_keys(cache):
    client = cache._cache.get_client()
    prefix = cache.make_key("")
    return [key.decode().removeprefix(prefix) for key in client.scan_iter(f"{prefix}page:*")]


def check_static(a, b):
    _, _, page = get(f"{b}/")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
    if not stylesheet:
        return False, "no hashed stylesheet on B's home page"
    status, headers, _ = get(f"{a}{stylesheet.group(1)}")
    cache_control = headers.get("Cache-Control", "")
    ok = status == 200 and ("max-age=315360000" in cache_control or "immutable" in cache_control)
    return ok, f"{stylesheet.group(1)} from A: {status}, Cache-Control: {cache_control}"


def check_media(a, b):
    """Save an upload through the site's storage; fetch it back from the address it gives."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage, storages

    if os.environ.get("AWS_S3_ENDPOINT_URL"):
        make_media_bucket(os.environ["AWS_S3_ENDPOINT_URL"], os.environ["AWS_STORAGE_BUCKET_NAME"])
    content = os.urandom(64)
    name = default_storage.save("scale-check/upload.bin", ContentFile(content))
    url = default_storage.url(name)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            fetched = response.read()
    finally:
        default_storage.delete(name)
    where = type(storages["default"]).__name__
    return fetched == content, f"saved {name} with {where}, fetched from {url}: same bytes"


def make_media_bucket(endpoint, bucket):
    """A bucket on the local S3 server that anyone may read from, as a media bucket is."""
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=os.environ["AWS_S3_REGION_NAME"])
    s3.create_bucket(Bucket=bucket)
    read = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
    read["Resource"] = f"arn:aws:s3:::{bucket}/*"
    policy = {"Version": "2012-10-17", "Statement": [read]}
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))


CHECKS = {
    "edit": check_edit,
    "session": check_session,
    "cache": check_cache,
    "static": check_static,
    "media": check_media,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("check", choices=CHECKS)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--json")
    args = parser.parse_args()
    import django

    django.setup()
    ok, detail = CHECKS[args.check](args.a.rstrip("/"), args.b.rstrip("/"))
    print(f"  {args.check:<8} {'ok' if ok else 'FAILED'}: {detail}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({"check": args.check, "ok": ok, "detail": detail}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
