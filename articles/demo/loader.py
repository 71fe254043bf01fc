"""Load the demo publication: once, keeping whatever is already there."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from analyst.models import SiteSettings

from ..models import (
    Article,
    Author,
    Authorship,
    DailyReads,
    Issue,
    PartnerSite,
    Section,
    StaffPublication,
    Tag,
)
from . import content, images

COLOURS = ["#1f4e79", "#7a2e1f", "#2f5d3a", "#5b3f7a", "#8a6d1f", "#1f6b6b"]
READS_SPREAD_DAYS = 14


@transaction.atomic
def load_demo(today=None):
    """Create the demo content that is missing; return how many articles were created."""
    today = today or timezone.localdate()
    _load_site_settings()
    authors = {data["slug"]: _author(number, data) for number, data in enumerate(content.AUTHORS)}
    issues = {data["date"]: _issue(data) for data in content.ISSUES}
    created = [
        article
        for data in content.ARTICLES
        if (article := _article(data, authors, issues, today)) is not None
    ]
    for number, data in enumerate(content.STAFF_PUBLICATIONS):
        _staff_publication(number, data)
    for number, data in enumerate(content.PARTNER_SITES):
        _partner_site(number, data)
    return len(created)


def _load_site_settings():
    settings = SiteSettings.load()
    if settings.name == SiteSettings._meta.get_field("name").default and not settings.about:
        settings.name = content.PUBLICATION["name"]
        settings.tagline = content.PUBLICATION["tagline"]
        settings.about = content.PUBLICATION["about"]
        settings.save()


def _author(number, data):
    author, created = Author.objects.get_or_create(
        slug=data["slug"],
        defaults={key: data[key] for key in ("name", "affiliation", "bio")},
    )
    if created:
        colour = COLOURS[number % len(COLOURS)]
        author.photo = images.portrait(data["name"], colour, f"{data['slug']}.png")
        author.photo_alt = f"Portrait placeholder with the initials of {data['name']}"
        author.save()
    return author


def publication_time(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _issue(data):
    issue, _ = Issue.objects.get_or_create(
        date=data["date"],
        defaults={
            "volume": data["volume"],
            "number": data["number"],
            "title": data.get("title", ""),
            "status": Issue.Status.PUBLISHED,
            "published_at": publication_time(data["date"]),
        },
    )
    return issue


def _article(data, authors, issues, today):
    if Article.objects.filter(slug=data["slug"]).exists():
        return None
    issue = issues[data["issue"]]
    article = Article.objects.create(
        title=data["title"],
        slug=data["slug"],
        section=Section.objects.get(slug=data["section"]),
        issue=issue,
        issue_position=[a["slug"] for a in content.ARTICLES if a["issue"] == data["issue"]].index(
            data["slug"]
        ),
        teaser=data["teaser"],
        body=data.get("body", ""),
        background=data.get("background", ""),
        implications=data.get("implications", ""),
        conclusions=data.get("conclusions", ""),
        bio=data.get("bio", ""),
        status=Article.Status.PUBLISHED,
        published_at=issue.published_at,
        read_count=data["read_count"],
    )
    for position, slug in enumerate(data["authors"]):
        Authorship.objects.create(article=article, author=authors[slug], position=position)
    article.tags.set(_tag(name) for name in data["tags"])
    # Written for its issue, not on the day the demo is loaded: what dateModified, the feeds'
    # <updated> and the sitemap's lastmod say.
    Article.objects.filter(pk=article.pk).update(
        created_at=issue.published_at, updated_at=issue.published_at
    )
    _spread_reads(article, data["read_count"], today)
    return article


def _tag(name):
    tag, _ = Tag.objects.get_or_create(name=name)
    return tag


def _spread_reads(article, total, today):
    """Daily counts that add up to the article's reads: most in its first fortnight, some lately."""
    generator = random.Random(article.slug)
    start = timezone.localdate(article.published_at)
    days = [start + timedelta(days=offset) for offset in range(READS_SPREAD_DAYS)]
    days += [today - timedelta(days=offset) for offset in range(7)]
    days = sorted({day for day in days if start <= day <= today})
    if not days:
        return
    weights = [generator.uniform(0.5, 1.5) / (1 + (day - start).days / 3) for day in days]
    counts = [int(total * weight / sum(weights)) for weight in weights]
    counts[0] += total - sum(counts)
    DailyReads.objects.bulk_create(
        DailyReads(article=article, date=day, count=count)
        for day, count in zip(days, counts, strict=True)
        if count
    )


def _staff_publication(number, data):
    if StaffPublication.objects.filter(title=data["title"]).exists():
        return
    publication = StaffPublication(**data)
    if data["kind"] in ("silk-road-paper", "book", "policy-brief", "report"):
        label = publication.get_kind_display()
        colour = COLOURS[number % len(COLOURS)]
        publication.cover = images.cover(label, data["title"], colour, f"cover-{number}.png")
        publication.cover_alt = f"Cover of {data['title']}"
    publication.save()


def _partner_site(number, data):
    if PartnerSite.objects.filter(name=data["name"]).exists():
        return
    PartnerSite.objects.create(
        name=data["name"],
        url=data["url"],
        position=number,
        logo=images.logo(data["short_name"], data["colour"], f"partner-{number}.png"),
        logo_alt=data["name"],
    )
