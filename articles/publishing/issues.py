"""Publishing an issue: the pre-flight check, the dry run, and the all-or-nothing publication.

An issue goes public with its approved articles in one transaction. Every article is moved by
the workflow (so each move is checked, logged and notified), the issue is marked published and
an IssuePublication row records who did it. Any failure rolls all of it back. Publishing an
issue that is already published changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Article, ArticleStatus, Issue, IssuePublication
from ..models.states import READY_STATES
from ..site import freshness

WITH_ITS_ISSUE = "With its issue."


class IssueNotReady(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Plan:
    """What publishing the issue would do: the dry run."""

    issue: Issue
    public_from: object
    going_live: list = field(default_factory=list)
    not_ready: list = field(default_factory=list)
    left_out: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    already_published: bool = False


def contents(issue):
    """The issue's articles in its order, with what the pre-flight reads of each."""
    return issue.articles.select_related("section").with_authors().in_issue_order()


def article_problems(article):
    """What keeps one article from going public with its issue, in words."""
    problems = []
    if article.status not in (*READY_STATES, ArticleStatus.WITHDRAWN):
        problems.append(f"is {article.get_status_display().lower()}, not approved")
    return problems + [problem.summary for problem in article.problems()]


def is_ready(article):
    return article.status in READY_STATES and not article_problems(article)


def preflight(issue):
    """Everything that blocks the issue from being published, as sentences."""
    articles = [a for a in contents(issue) if a.status != ArticleStatus.WITHDRAWN]
    if not articles:
        return ["The issue has no articles."]
    problems = []
    if issue.cover and not issue.cover_alt.strip():
        problems.append("The cover image has no description (alt text).")
    for article in articles:
        problems += [f"“{article}” {problem}." for problem in article_problems(article)]
    return problems


def plan(issue, at=None):
    """The dry run: what would go public, when, and what blocks it."""
    public_from = at or timezone.now()
    result = Plan(issue=issue, public_from=public_from)
    if issue.is_published:
        result.already_published = True
        result.public_from = issue.published_at
        return result
    result.problems = preflight(issue)
    for article in contents(issue):
        if article.status == ArticleStatus.WITHDRAWN:
            result.left_out.append(article)
        elif article.status in READY_STATES:
            result.going_live.append(article)
        else:
            result.not_ready.append(article)
    return result


def publish_issue(issue, *, by, at=None):
    """Publish the issue and its approved articles together, now or at `at`; safe to repeat."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.is_published:
            return None
        if problems := preflight(issue):
            raise IssueNotReady(problems)
        public_from = at or timezone.now()
        going_live = [a for a in contents(issue) if a.status in READY_STATES]
        for article in going_live:
            _release(article, by=by, at=public_from)
        Issue.objects.filter(pk=issue.pk).update(
            status=Issue.Status.PUBLISHED, published_at=public_from
        )
        freshness.forget_issue(issue)  # the updates above send no signal
        return IssuePublication.objects.create(
            issue=issue, by=by, public_from=public_from, article_count=len(going_live)
        )


def _release(article, *, by, at):
    """Set one of the issue's articles to go public with it."""
    in_future = at > timezone.now()
    if article.status == ArticleStatus.APPROVED:
        if in_future:
            article.schedule(by=by, at=at, comment=WITH_ITS_ISSUE)
        else:
            article.publish(by=by, at=at, comment=WITH_ITS_ISSUE)
    elif article.status == ArticleStatus.SCHEDULED and not in_future:
        article.publish(by=by, at=at, comment=WITH_ITS_ISSUE)
    elif article.status == ArticleStatus.SCHEDULED:
        Article.objects.filter(pk=article.pk).update(published_at=at)
