"""How much of the page cache an edit leaves: cache hits on a crawl of other article pages.

Crawls N article pages once to fill the cache, then, for each change — editing one article's
title, and publishing a new issue with one article — crawls the same N pages again (the edited
article not among them) and counts the pages served from the cache (no SQL query). The changes
are undone afterwards (the article's title restored, the issue and its article deleted). Runs
in-process with the test client, against the database and the shared cache of the environment
(the same ones the servers use). Prints the hit rates and writes them as JSON with --json.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "analyst.settings")


def crawl(client, paths):
    """How many of `paths` were served without a query (from the cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hits = 0
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"cache_hits: {path} answered {response.status_code}")
        hits += len(queries) == 0
    return hits


def committed(change):
    """Run `change` in a transaction: its bumps of versions run when it commits."""
    from django.db import transaction

    with transaction.atomic():
        return change()


def edit_title(article, title):
    article.title = title
    article.save(update_fields=["title", "updated_at"])


def publish_new_issue():
    """A new issue with one approved article, published: what an editor does each fortnight."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model

    from articles.models import Article, Author, Issue, Section
    from articles.publishing.issues import publish_issue

    latest = Issue.objects.order_by("-date").first()
    issue = Issue.objects.create(
        date=latest.date + timedelta(days=14), volume=latest.volume, number=latest.number + 1
    )
    article = Article.objects.create(
        title="Bench: an article of the new issue",
        slug="bench-new-issue-article",
        section=Section.objects.filter(structured=False).order_by("pk").first(),
        issue=issue,
        teaser="Published by bench/cache_hits.py.",
        body="<p>Published by bench/cache_hits.py.</p>",
        status=Article.Status.APPROVED,
    )
    article.authorships.create(author=Author.objects.order_by("pk").first())
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    publish_issue(issue, by=editor)
    return issue


def remove_issue(issue):
    issue.articles.all().delete()
    issue.delete()  # its publication record goes with it


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=1000, help="article pages crawled")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--json")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from articles.models import Article

    live = list(Article.objects.live().order_by("pk").only("pk", "slug", "title"))
    edited = live[len(live) // 2]
    step = max(1, len(live) // args.n)
    paths = [a.get_absolute_url() for a in live[::step] if a.pk != edited.pk][: args.n]
    client = Client(HTTP_HOST=args.host)
    crawl(client, [edited.get_absolute_url(), *paths])
    results = {"pages": len(paths), "warm": crawl(client, paths)}
    pause = settings.CONTENT_VERSION_SECONDS + 0.1
    title = edited.title
    committed(lambda: edit_title(edited, f"{title} (edited)"))
    time.sleep(pause)  # what another app server would wait to see the edit
    results["after an article edit"] = crawl(client, paths)
    committed(lambda: edit_title(edited, title))
    issue = committed(publish_new_issue)
    time.sleep(pause)
    results["after publishing an issue"] = crawl(client, paths)
    committed(lambda: remove_issue(issue))
    for label, hits in results.items():
        if label != "pages":
            print(
                f"  {label:<28} {hits:>5} of {len(paths)} pages from the cache "
                f"({100 * hits / len(paths):.1f} %)"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
