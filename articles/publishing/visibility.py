"""Whether readers see an article now, as a badge: Live, Scheduled for …, Not public.

Computed from `Article.objects.live()` (one subquery for a whole list), never from the stored
state alone: a published article of an unpublished issue is not public.
"""

from typing import NamedTuple

from django.db.models import Exists, OuterRef

from ..models import Article, Issue
from ..models.states import PUBLIC_STATES
from ..text.dates import publication_time


class Badge(NamedTuple):
    label: str
    kind: str  # "live", "scheduled" or "hidden": the badge's class


def with_live_flag(queryset):
    """Annotate each article with `is_live`, decided by live() in the same query."""
    return queryset.annotate(is_live=Exists(Article.objects.live().filter(pk=OuterRef("pk"))))


def badge(article):
    """The article's badge; `article.is_live` from with_live_flag, or one query if absent."""
    is_live = getattr(article, "is_live", None)
    if is_live is None:
        is_live = Article.objects.live().filter(pk=article.pk).exists()
    if is_live:
        return Badge("Live", "live")
    going_public = public_from(article)
    if going_public is None:
        return Badge("Not public", "hidden")
    return Badge(f"Scheduled for {publication_time(going_public)}", "scheduled")


def public_from(article):
    """When an article not yet live will be, if nothing changes; None if it will not by itself."""
    if article.status not in PUBLIC_STATES or article.published_at is None:
        return None
    if article.issue_id is None:
        return article.published_at
    issue = article.issue
    if issue.status != Issue.Status.PUBLISHED or issue.published_at is None:
        return None
    return max(article.published_at, issue.published_at)
