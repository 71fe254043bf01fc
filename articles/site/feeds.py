"""RSS and Atom feeds of the live articles: the whole site, each section, author and tag.

Each entry carries its teaser as the summary, the full text (sanitized once more on the way out)
as its content, every author, and the section and tags as categories.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import feedgenerator
from django.utils.html import escape, format_html

from analyst.links import absolute_url

from ..models import Article, Author, Section, Tag
from .sitewide import sitewide_content
from .views import kept_listing, public_owner

FEED_LENGTH = 30
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per author and the full text in content:encoded."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC, "xmlns:content": CONTENT}

    def add_root_elements(self, handler):
        # Readers render the channel's description as HTML: the plain-text tagline escaped once
        # for HTML here, and once for XML by the writer.
        self.feed["description"] = escape(self.feed["description"])
        super().add_root_elements(handler)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _ in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom with one <author> per author and the full text as <content>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArticleFeed(Feed):
    """The latest live articles of the whole publication."""

    feed_type = RssFeed

    def __call__(self, request, *args, **kwargs):
        """The feed, its document kept in this process until a listing or its owner changes:
        thirty full texts make it the largest listing to write (see freshness)."""

        def written():
            response = super(ArticleFeed, self).__call__(request, *args, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        key = ("feed", type(self).__name__, *args, *kwargs.values())
        kept = kept_listing(request, key, written, size=lambda document: len(document[0]))
        content, content_type, last_modified = kept
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    def publication(self):
        return sitewide_content()["site_settings"]

    def title(self, obj=None):
        name = self.publication().name
        return f"{name}: {self.subject(obj)}" if obj else name

    def subject(self, obj):
        return str(obj)

    def link(self, obj=None):
        return absolute_url(obj or "/")

    def description(self, obj=None):
        """Plain text: an Atom subtitle as it is; RSS readers take it as HTML (`RssFeed`)."""
        return self.publication().tagline or f"The latest articles of the {self.title(obj)}."

    def items(self, obj=None):
        articles = Article.objects.live().for_listing().prefetch_related("tags", "attachments")
        return self.articles_of(obj, articles).order_by("-published_at", "-pk")[:FEED_LENGTH]

    def articles_of(self, obj, articles):
        return articles

    def item_title(self, article):
        return article.shown_title

    def item_description(self, article):
        # Feed readers render a description as HTML; the teaser is plain text the editor typed.
        return escape(article.listing_teaser)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_changed

    def item_categories(self, article):
        return [article.section.name, *(tag.name for tag in article.tags.all())]

    def item_link(self, article):
        return absolute_url(article)

    def item_guid(self, article):
        return absolute_url(article)

    item_guid_is_permalink = True

    def item_enclosures(self, article):
        enclosures = [enclosure(attachment) for attachment in article.attachments.all()]
        # RSS 2.0 allows one enclosure per item; Atom lists them all.
        return enclosures if issubclass(self.feed_type, AtomFeed) else enclosures[:1]

    def item_extra_kwargs(self, article):
        return {
            "authors": [(author.name, absolute_url(author)) for author in article.ordered_authors],
            "content_html": full_text_html(article),
        }


def enclosure(attachment):
    return feedgenerator.Enclosure(
        absolute_url(attachment), str(attachment.size), attachment.content_type
    )


def full_text_html(article):
    """The article's text for a feed reader: its parts under their headings, and the bio."""
    parts = [
        format_html("<h2>{}</h2>{}", part.heading, part.html) if part.heading else part.html
        for part in article.parts()
    ]
    if article.bio_line:
        parts.append(
            format_html("<p><strong>{}:</strong> {}</p>", article.bio_label, article.bio_line)
        )
    return "\n".join(parts)


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomFeed
    subtitle = ArticleFeed.description


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section.objects.listed(), slug=slug)

    def articles_of(self, section, articles):
        return articles.filter(section=section)


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return public_owner(request, Author, slug)

    def articles_of(self, author, articles):
        return articles.filter(authorships__author=author)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return public_owner(request, Tag, slug)

    def articles_of(self, tag, articles):
        return articles.filter(tags=tag)


class AtomSectionFeed(SectionFeed):
    feed_type = AtomFeed
    subtitle = ArticleFeed.description


class AtomAuthorFeed(AuthorFeed):
    feed_type = AtomFeed
    subtitle = ArticleFeed.description


class AtomTagFeed(TagFeed):
    feed_type = AtomFeed
    subtitle = ArticleFeed.description
