"""The PDF edition of a published issue: cover, contents with page numbers, every article.

Rendered by WeasyPrint from the print templates (templates/articles/print/) with the print
stylesheet and the edition's page rules, and kept in media storage under a name made from the
issue's version — its own fields, its live articles' last changes and the publication's
name — so an edit makes a new edition on the next request and the old file is removed.
WeasyPrint reads only the site's own static and media files, never the network.
"""

import hashlib
import importlib
import json
import logging
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.db.models.functions import Greatest
from django.template.loader import render_to_string

from ..models import by_section, prefetch_authors

# WeasyPrint takes over a second to import: it is loaded on the first edition only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def weasyprint():
    """The weasyprint module, or EditionUnavailable saying why it cannot be loaded here."""
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as missing:  # OSError: the system's Pango is not there
        raise EditionUnavailable(str(missing)) from missing


def available():
    try:
        weasyprint()
    except EditionUnavailable:
        return False
    return True


FOLDER = "editions"
# Raised whenever the templates or the page rules change, so every edition is made again.
LAYOUT = 1
STATIC = Path(settings.BASE_DIR) / "static"


class EditionUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


def edition_articles(issue):
    articles = issue.articles.live().select_related("section").in_issue_order()
    articles = list(articles)
    prefetch_authors(articles)
    return articles


def edition_name(issue, publication):
    """The file name of the issue's current edition."""
    live = issue.articles.live().order_by()
    latest = live.aggregate(latest=Max(Greatest("updated_at", "published_at")))["latest"]
    ids = sorted(live.values_list("pk", flat=True))
    version = [LAYOUT, publication, issue.title, str(issue.date), issue.volume, issue.number]
    version += [str(latest), ids, issue.cover.name or ""]
    digest = hashlib.sha256(json.dumps(version).encode()).hexdigest()[:16]
    return f"{issue.slug}-{digest}"


def edition_file(issue, publication):
    """The path in storage of the issue's current edition, made first if it is not there."""
    path = f"{FOLDER}/{edition_name(issue, publication)}.pdf"
    if not default_storage.exists(path):
        pdf = render_edition(issue, publication)
        _forget_older(issue, path)
        default_storage.save(path, ContentFile(pdf))
    return path


def _forget_older(issue, current):
    if not default_storage.exists(FOLDER):
        return
    for name in default_storage.listdir(FOLDER)[1]:
        if name.startswith(f"{issue.slug}-") and f"{FOLDER}/{name}" != current:
            default_storage.delete(f"{FOLDER}/{name}")


def render_edition(issue, publication):
    """The edition as PDF bytes."""
    HTML = weasyprint().HTML
    articles = edition_articles(issue)
    page = render_to_string(
        "articles/print/edition.html",
        {
            "issue": issue,
            "publication": publication,
            "articles": articles,
            "contents": by_section(articles),
            # What a browser printing the site uses, then the edition's pages.
            "stylesheets": [
                _static_url(f"css/{name}.css") for name in ("site", "print", "edition")
            ],
        },
    )
    fetcher = own_files_only()
    document = HTML(string=page, base_url=STATIC.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf()


def _static_url(name):
    return (STATIC / name).as_uri()


def own_files_only():
    """A WeasyPrint fetcher of the site's static files and uploaded media, and nothing else."""
    roots = (STATIC.resolve(), Path(settings.MEDIA_ROOT).resolve())

    class OwnFilesOnly(weasyprint().urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not url.startswith("file:") or not any(path.is_relative_to(r) for r in roots):
                raise ValueError(f"The edition reads only the site's own files, not {url}")
            return super().fetch(url, headers)

    return OwnFilesOnly(allowed_protocols={"file"})


def media_uri(field):
    """A file address WeasyPrint can read for an uploaded image, or "" if it is not on disk."""
    try:
        return Path(field.path).as_uri()
    except (NotImplementedError, ValueError):  # object storage: no local path
        return ""
