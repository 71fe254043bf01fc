"""Building an issue's table of contents: adding, removing and arranging its articles."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from analyst.pagecache import forget_pages

from ..models import Article, Section
from ..models.states import PUBLIC_STATES

FOUND_AT_MOST = 20


def arrange(issue, order):
    """Put the issue's articles in `order`: [(section id, [article id, …]), …], top to bottom.

    Only the issue's own articles move; an article dragged into another section takes that
    section. Returns how many articles were placed.
    """
    sections = set(Section.objects.values_list("pk", flat=True))
    placed = 0
    with transaction.atomic():
        own = set(issue.articles.values_list("pk", flat=True))
        for section_id, article_ids in order:
            if section_id not in sections:
                continue
            for position, article_id in enumerate(article_ids):
                if article_id in own:
                    Article.objects.filter(pk=article_id).update(
                        section_id=section_id, issue_position=position
                    )
                    placed += 1
    forget_pages()  # updates send no signal, and the issue's pages list its contents
    return placed


def add(issue, article):
    """Put the article at the end of its section in the issue."""
    in_section = issue.articles.filter(section=article.section_id)
    last = in_section.aggregate(last=Max("issue_position"))["last"]
    article.issue = issue
    article.issue_position = 0 if last is None else last + 1
    article.save(update_fields=["issue", "issue_position", "updated_at"])


def remove(article):
    article.issue = None
    article.issue_position = 0
    article.save(update_fields=["issue", "issue_position", "updated_at"])


def takes_offline(article, issue):
    """Whether moving the live article into `issue` would take it off the site."""
    live = Article.objects.live().filter(pk=article.pk).exists()
    return live and not issue.is_published


def goes_live_when_removed(article, *, is_live=None):
    """Whether the article, public but held back by its unpublished issue, would go live alone.

    `is_live` spares the query when the caller knows (publishing.visibility.with_live_flag).
    """
    if article.status not in PUBLIC_STATES or not_yet_time(article):
        return False
    if is_live is None:
        is_live = Article.objects.live().filter(pk=article.pk).exists()
    return not is_live


def not_yet_time(article):
    return article.published_at is None or article.published_at > timezone.now()


def candidates(issue, words):
    """Articles not in the issue whose title, address or authors match the words."""
    found = Article.objects.exclude(issue=issue)
    for word in words.split():
        found = found.filter(
            Q(title__icontains=word)
            | Q(slug__icontains=word)
            | Q(authorships__author__name__icontains=word)
        )
    return found.distinct().select_related("section", "issue").with_authors()[:FOUND_AT_MOST]
