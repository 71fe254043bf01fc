"""How an article describes itself to the world: the citation line, JSON-LD, Scholar tags."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from analyst.links import absolute_url

from . import cards

# Inside <script>, these would let the data end the element or start markup.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def cited_date(article):
    """The issue's date for an article in an issue, else the article's own (today in a preview)."""
    if article.issue:
        return article.issue.date
    if article.published_at is None:
        return timezone.localdate()
    return timezone.localdate(article.published_at)


def how_to_cite(article, publication):
    """Authors, “Title,” *Publication*, date, URL. — ready to paste into a reference list."""
    authors = article.byline
    day = cited_date(article)
    lead = f"{authors}, " if authors else ""
    return format_html(
        "{}“{},” <cite>{}</cite>, {}, {}.",
        lead,
        article.shown_title,
        publication,
        f"{day.day} {day:%B %Y}",
        absolute_url(article),
    )


def scholar_tags(article, publication):
    """(name, content) pairs of Google Scholar's citation_* meta tags."""
    tags = [("citation_title", article.shown_title)]
    tags += [("citation_author", author.name) for author in article.ordered_authors]
    tags += [
        ("citation_publication_date", f"{cited_date(article):%Y/%m/%d}"),
        ("citation_journal_title", publication),
    ]
    if article.published_at:
        tags.append(
            ("citation_online_date", f"{timezone.localdate(article.published_at):%Y/%m/%d}")
        )
    if article.issue:
        tags += [
            ("citation_volume", str(article.issue.volume)),
            ("citation_issue", str(article.issue.number)),
        ]
    tags += [
        ("citation_language", "en"),
        ("citation_fulltext_html_url", absolute_url(article)),
    ]
    return tags


def json_ld(article, publication):
    """The schema.org Article describing `article`."""
    published = article.published_at or article.updated_at  # a preview has no date yet
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.shown_title[:110],
        "name": article.shown_title,
        "description": article.listing_teaser,
        "url": absolute_url(article),
        "mainEntityOfPage": absolute_url(article),
        "datePublished": published.isoformat(),
        "dateModified": max(article.last_changed, published).isoformat(),
        "inLanguage": "en",
        "articleSection": article.section.name,
        "wordCount": article.word_count,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(author)}
            for author in article.ordered_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": publication,
            "url": settings.SITE_URL,
            "logo": {"@type": "ImageObject", "url": publisher_logo_url(publication)},
        },
        "image": [social_card_url(article, publication)],
    }
    if article.image:
        data["image"].insert(0, absolute_url(article.image.url))
    if article.issue:
        data["isPartOf"] = issue_json_ld(article.issue, publication)
    return data


def social_card_url(article, publication):
    name = cards.card_name(article, publication)
    return absolute_url(reverse("articles:social-card", args=[article.slug, name]))


def publisher_logo_url(publication):
    return absolute_url(reverse("articles:publisher-logo", args=[cards.logo_name(publication)]))


def issue_json_ld(issue, publication):
    return {
        "@type": "PublicationIssue",
        "issueNumber": str(issue.number),
        "datePublished": issue.date.isoformat(),
        "url": absolute_url(issue),
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": str(issue.volume),
            "isPartOf": {"@type": "Periodical", "name": publication, "url": settings.SITE_URL},
        },
    }


def json_ld_script(data):
    """A <script type="application/ld+json"> data block, safe whatever the data holds."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
