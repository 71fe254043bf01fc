"""The editor's desk on the admin's front page: what needs doing, and how the last issues read."""

from datetime import timedelta

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from ..models import Article, ArticleStatus, DailyReads, Issue
from . import issues

CHART_DAYS = 14
CHART_ISSUES = 4
CHART_WIDTH, CHART_HEIGHT = 560, 180
COLOURS = ["#8a1c1c", "#1c4f8a", "#2f7d32", "#a86b00"]


def desk():
    """Everything the desk shows, in a fixed handful of queries."""
    return {
        "next_issue": next_issue(),
        "waiting": waiting_for_review(),
        "scheduled": scheduled(),
        "recent": Article.objects.live().for_listing().without_text()[:8],
        "counts": counts_per_state(),
        "chart": reads_chart(),
    }


def own_articles(user):
    """A contributor's articles with their state and the latest word from the editors."""
    return (
        Article.objects.filter(authorships__author__user_id=user.pk)
        .annotate(last_move=Max("transitions__at"))
        .select_related("section")
        .without_text()
        .order_by("-updated_at")[:20]
    )


def next_issue():
    """The next unpublished issue, how many of its articles are ready, and what blocks it."""
    issue = Issue.objects.filter(status=Issue.Status.DRAFT).order_by("date").first()
    if issue is None:
        return None
    articles = list(issues.contents(issue))
    ready = [article for article in articles if issues.is_ready(article)]
    return {
        "issue": issue,
        "total": len(articles),
        "ready": len(ready),
        "problems": issues.preflight(issue),
    }


def waiting_for_review():
    """Articles in review, longest waiting first, with the time they were submitted."""
    return (
        Article.objects.filter(status=ArticleStatus.IN_REVIEW)
        .annotate(
            submitted_at=Max(
                "transitions__at", filter=Q(transitions__to_state=ArticleStatus.IN_REVIEW)
            )
        )
        .select_related("section")
        .without_text()
        .order_by("submitted_at", "pk")
    )


def scheduled():
    return (
        Article.objects.filter(status=ArticleStatus.SCHEDULED, published_at__gt=timezone.now())
        .select_related("section", "issue")
        .without_text()
        .order_by("published_at")
    )


def counts_per_state():
    found = dict(Article.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [(label, found.get(value, 0), value) for value, label in ArticleStatus.choices]


def reads_chart():
    """How each of the last issues was read over its first 14 days, as SVG polylines."""
    recent = list(Issue.objects.published().order_by("-date")[:CHART_ISSUES])
    series = [issue_reads(issue) for issue in reversed(recent)]
    peak = max((max(s["cumulative"]) for s in series if s["cumulative"]), default=0) or 1
    step = CHART_WIDTH / (CHART_DAYS - 1)
    for colour, line in zip(COLOURS, series, strict=False):
        line["colour"] = colour
        line["points"] = " ".join(
            f"{day * step:.1f},{CHART_HEIGHT - total / peak * CHART_HEIGHT:.1f}"
            for day, total in enumerate(line["cumulative"])
        )
    return {"series": series, "peak": peak, "width": CHART_WIDTH, "height": CHART_HEIGHT}


def issue_reads(issue):
    """An issue's reads, day by day from its publication, summed up; and its most-read articles."""
    start = timezone.localdate(issue.published_at)
    window = {"date__gte": start, "date__lt": start + timedelta(days=CHART_DAYS)}
    rows = DailyReads.objects.filter(article__issue=issue, **window)
    by_day = dict(rows.values_list("date").annotate(total=Sum("count")).order_by())
    cumulative, running = [], 0
    for offset in range(CHART_DAYS):
        running += by_day.get(start + timedelta(days=offset), 0)
        cumulative.append(running)
    top = (
        rows.values("article__title", "article__slug")
        .annotate(total=Sum("count"))
        .order_by("-total", "article__title")[:3]
    )
    return {"issue": issue, "cumulative": cumulative, "total": running, "top": list(top)}
