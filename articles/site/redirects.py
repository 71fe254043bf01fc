"""Old addresses answered with a 301 to the article's page, where no page of ours answers.

Stored redirects come first (the importer keeps each article's old paths; editors add their own
in the admin). K2's item addresses are recognised by their id too, whatever menu path they
carry: /<menu path>/item/<id>-<alias>.html, /component/k2/item/<id>, and Joomla's unrouted
/index.php?option=com_k2&view=item&id=<id>. A redirect never leads to an article that is not
public: the old address of a draft answers 404, as the draft does, and reveals nothing. Nor
does one ever lead off this site (`analyst.links.site_path`), whatever was stored.
"""

import logging
import re

from django.http import HttpResponsePermanentRedirect

from analyst.links import site_path
from analyst.middleware import DATABASE_UNAVAILABLE, database_unavailable

from ..models import Article, Redirect, normalize_path

logger = logging.getLogger(__name__)

_K2_ITEM_PATH = re.compile(r"/(?:component/k2/)?item/(?P<id>\d+)(?:[-:][^/]*)?(?:\.html?)?/?$")
_K2_ITEM_ID = re.compile(r"^(?P<id>\d+)(?::.*)?$")


class LegacyRedirectMiddleware:
    """Turn a 404 for an old address into a permanent redirect to its article."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            target = redirect_target(request.path_info, request.GET)
        except DATABASE_UNAVAILABLE as error:
            # The address may be an old one that redirects: say "later", not "never".
            return database_unavailable(request, error)
        return HttpResponsePermanentRedirect(target) if target else response


def redirect_target(path, query):
    """Where an old address leads now, or None."""
    path = normalize_path(path)
    if "\x00" in path:
        return None  # no stored address holds a NUL byte: PostgreSQL cannot even compare one
    candidates = {path, path.rstrip("/") or "/"}
    redirect = Redirect.objects.filter(old_path__in=candidates).first()
    if redirect is not None:
        if redirect.article_id is None:
            return _own_target(redirect)
        return _live_url(Article.objects.filter(pk=redirect.article_id))
    if item_id := k2_item_id(path, query):
        return _live_url(
            Article.objects.filter(import_records__source="k2", import_records__key=item_id)
        )
    return None


def k2_item_id(path, query):
    """The K2 item id an old address names, if it names one."""
    if match := _K2_ITEM_PATH.search(path):
        return match.group("id")
    is_k2_item = query.get("option") == "com_k2" and query.get("view") == "item"
    if is_k2_item and (match := _K2_ITEM_ID.match(query.get("id", ""))):
        return match.group("id")
    return None


def _own_target(redirect):
    """The stored target, if it is a page of this site; one saved before that rule is not."""
    if (path := site_path(redirect.target_url)) is None:
        logger.warning(
            "Redirect %s leads off this site (%r): not followed", redirect.pk, redirect.target_url
        )
    return path


def _live_url(articles):
    slug = articles.live().values_list("slug", flat=True).first()
    return Article(slug=slug).get_absolute_url() if slug else None
