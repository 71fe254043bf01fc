"""The reader's pages: home, article, issues, sections, tags, authors, staff publications, and the
read counter's beacon and pixel, and the files attached to articles."""

import time
from datetime import timedelta
from functools import partial

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView

from analyst import versions
from analyst.fragments import remember

from ..models import (
    Article,
    Author,
    Issue,
    Section,
    StaffPublication,
    Tag,
    by_section,
    prefetch_authors,
)
from . import cards, counter, counter_image, editions, freshness, related
from .sitewide import sitewide_content

LISTING_PAGE_SIZE = 20
RECENT_FIELD_REPORTS = 5
MOST_READ_ON_HOME = 5
# How long a process shows the same "most read" list while reads come in.
MOST_READ_SECONDS = 60
# How long a process shows the same read count on an article page: the beacon's answer replaces
# it, and a page from the page cache carries one as old.
READ_COUNT_SECONDS = 60


class HomeView(TemplateView):
    """The current issue's contents, recent field reports and what readers read this month."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        issue, contents, field_reports = kept_listing(self.request, ("home",), self.latest)
        since = timezone.localdate() - timedelta(days=30)
        most_read = most_read_since(self.request, since, MOST_READ_ON_HOME)
        return super().get_context_data(
            issue=issue,
            contents=by_section(contents),
            field_reports=field_reports,
            most_read=most_read,
            **kwargs,
        )

    def latest(self):
        """The current issue, its contents and the latest field reports not in it."""
        issue = Issue.objects.published().first()
        live = Article.objects.live().select_related("section", "issue").without_text()
        contents = list(live.filter(issue=issue).in_issue_order()) if issue else []
        field_reports = live.filter(section__slug="field-reports").order_by("-published_at")
        if issue:  # the current issue's field reports are in its contents already
            field_reports = field_reports.exclude(issue=issue)
        field_reports = list(field_reports[:RECENT_FIELD_REPORTS])
        prefetch_authors([*contents, *field_reports])
        return issue, contents, field_reports


def kept_listing(request, key, compute, seconds=None, size=None):
    """What `compute()` lists, kept in this process until any listing changes (see freshness)
    and, with `seconds`, no longer than that; `size` as for `remember`."""

    def listed():
        versions.shows(freshness.LISTINGS)
        return compute()

    return remember(request, ("listing", *key), listed, seconds=seconds, size=size)


def most_read_since(request, since, count):
    """The `count` live articles most read since `since` (of all time if None), with authors.

    Reads come in all the time without an edit to tell the cache: the list is kept for
    MOST_READ_SECONDS, as a page showing it would be.
    """

    def most_read():
        live = Article.objects.live().select_related("section", "issue").without_text()
        articles = list(live.most_read(since=since)[:count])
        prefetch_authors(articles)
        return articles

    return kept_listing(request, ("most-read", since, count), most_read, MOST_READ_SECONDS)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        article = remember(self.request, ("live-article", slug), lambda: self._live_article(slug))
        if article is None:
            raise Http404("No such article.")
        return article

    def _live_article(self, slug):
        article = (
            Article.objects.live().select_related("section", "issue").filter(slug=slug).first()
        )
        if article is None:
            return None
        article.read_at = time.time()  # its read_count is the count as of then
        # Kept with its authors and tags, which the page shows and which can change apart.
        return related.with_authors_and_tags(article)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=related.ArticlePage(self.object),
            read_count=shown_read_count(self.request, self.object),
            attachments=list(self.object.attachments.all()),
            **kwargs,
        )


def shown_read_count(request, article):
    """The article's read count, at most READ_COUNT_SECONDS old: the one its row came with if
    that was read since, else asked again (and kept as long)."""
    if time.time() - article.read_at <= READ_COUNT_SECONDS:
        return article.read_count
    count = partial(counter.current_count, article.pk)
    return remember(request, ("read-count", article.pk), count, seconds=READ_COUNT_SECONDS)


def published_years():
    """{year: its page's address} for the years that have a published issue, the latest first:
    a twenty-year archive lists them on every page of issues."""
    years = Issue.objects.published().dates("date", "year", "DESC")
    return {day.year: reverse("articles:issue-year", args=[day.year]) for day in years}


class IssueArchiveView(ListView):
    """Issues by year: the years that have any, and the issues of the year asked for."""

    template_name = "articles/issue_archive.html"
    context_object_name = "issues"

    def get_queryset(self):
        self.years = kept_listing(self.request, ("issue-years",), published_years)
        if "year" in self.kwargs:
            self.year = self.kwargs["year"]
            if self.year not in self.years:
                raise Http404("No issues that year.")
        else:
            self.year = next(iter(self.years), None)
        return kept_listing(self.request, ("issues-of", self.year), self.issues_of_the_year)

    def issues_of_the_year(self):
        return list(Issue.objects.published().filter(date__year=self.year))

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=self.years, year=self.year, **kwargs)


class IssueDetailView(DetailView):
    template_name = "articles/issue_detail.html"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        return kept_object(
            self.request, ("issue", slug), Issue.objects.published().filter(slug=slug).first
        )

    def get_context_data(self, **kwargs):
        contents, previous_issue, next_issue = kept_listing(
            self.request, ("issue", self.object.pk), self.contents
        )
        return super().get_context_data(
            contents=by_section(contents),
            previous_issue=previous_issue,
            next_issue=next_issue,
            **kwargs,
        )

    def contents(self):
        issue = self.object
        articles = issue.articles.live().for_listing().without_text().in_issue_order()
        published = Issue.objects.published()
        return (
            list(articles),
            published.filter(date__lt=issue.date).order_by("-date").first(),
            published.filter(date__gt=issue.date).order_by("date").first(),
        )


def kept_object(request, key, find):
    """The object `find()` returns, kept in this process until any listing changes; None: 404."""
    found = kept_listing(request, ("object", *key), find)
    if found is None:
        raise Http404("Nothing public at this address.")
    return found


def public_owner(request, model, slug):
    """An author or a tag, which readers see only once one of its articles is public."""

    def find():
        owner = model.objects.filter(slug=slug).first()
        if owner is None or not owner.articles.live().exists():
            return None
        versions.shows(owner)
        return owner

    return kept_object(request, (model._meta.model_name, slug), find)


class ListingPaginator(Paginator):
    """Pages of a listing whose count and articles are kept until any listing changes, and
    whose page is found by its rows' ids alone before the 20 articles themselves are read: a
    deep page then skips index entries, not whole rows."""

    def __init__(self, object_list, per_page, *, request, key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.request, self.key = request, key

    @cached_property
    def count(self):
        return kept_listing(self.request, ("count", *self.key), self.object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        articles = kept_listing(self.request, (*self.key, number), lambda: self.articles(number))
        return self._get_page(articles, number, self)

    def articles(self, number):
        start = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[start : start + self.per_page])
        articles = self.object_list.filter(pk__in=ids).for_listing().without_text()
        return ordered_like(articles, ids)


def ordered_like(objects, ids):
    by_id = {each.pk: each for each in objects}
    return [by_id[pk] for pk in ids if pk in by_id]


class ArticleListView(ListView):
    """A paginated listing of the live articles that belong to one object."""

    paginate_by = LISTING_PAGE_SIZE
    owner_model = None

    def get_owner(self):
        return get_object_or_404(self.owner_model, slug=self.kwargs["slug"])

    def get_queryset(self):
        self.owner = self.get_owner()
        return self.owner.articles.live().order_by("-published_at", "-pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        key = (self.owner_model._meta.model_name, self.owner.pk)
        return ListingPaginator(queryset, per_page, request=self.request, key=key, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class SectionView(ArticleListView):
    owner_model = Section
    template_name = "articles/section_detail.html"

    def get_owner(self):
        slug = self.kwargs["slug"]
        return kept_object(
            self.request, ("section", slug), Section.objects.listed().filter(slug=slug).first
        )


class PublicOwnerListView(ArticleListView):
    def get_owner(self):
        return public_owner(self.request, self.owner_model, self.kwargs["slug"])


class TagView(PublicOwnerListView):
    owner_model = Tag
    template_name = "articles/tag_detail.html"


class AuthorView(PublicOwnerListView):
    owner_model = Author
    template_name = "articles/author_detail.html"


class AuthorListView(ListView):
    template_name = "articles/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        return kept_listing(self.request, ("authors",), self.authors_with_live_articles)

    def authors_with_live_articles(self):
        live_articles = Article.objects.live().values("pk")
        authors = Author.objects.filter(articles__in=live_articles).order_by("name")
        return list(authors.annotate(article_count=Count("articles", distinct=True)))


class StaffPublicationListView(ListView):
    model = StaffPublication
    paginate_by = LISTING_PAGE_SIZE
    template_name = "articles/staffpublication_list.html"
    context_object_name = "publications"


@csrf_exempt  # The page around it may come from a cache; there is no session to protect.
@require_POST
@never_cache
def read_beacon(request):
    """Count one read of a live article and answer with its total."""
    try:
        article_id = int(request.POST["article"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("Send the article's id as `article`.")
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return HttpResponse("Reads are counted from our own pages.", status=403)
    return _count(request, article_id)


_PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@require_GET
@never_cache
def read_pixel(request, pk):
    """The counter for readers without JavaScript: an image inside <noscript>."""
    response = _count(request, pk)
    if response.status_code != 200:
        return response
    return HttpResponse(_PIXEL, content_type="image/gif")


@require_GET
def social_card(request, slug, name):
    """The article's social card; an out-of-date name is sent on to the current card."""
    article = get_object_or_404(Article.objects.live().select_related("section"), slug=slug)
    publication = sitewide_content(request)["site_settings"].name
    current = cards.card_name(article, publication)
    if name != current:
        return redirect("articles:social-card", slug=slug, name=current)
    return _stored_image(cards.card_file(article, publication))


@require_GET
def issue_edition(request, slug):
    """The issue's PDF edition, made on the first request after any change to it."""
    issue = get_object_or_404(Issue.objects.published(), slug=slug)
    publication = sitewide_content(request)["site_settings"].name
    try:
        path = editions.edition_file(issue, publication)
    except editions.EditionUnavailable:
        return HttpResponse("The PDF edition cannot be made on this server.", status=503)
    filename = f"{slugify(publication)}-{issue.date:%Y-%m-%d}.pdf"
    response = FileResponse(
        default_storage.open(path), content_type="application/pdf", filename=filename
    )
    patch_cache_control(response, public=True, max_age=60)
    return response


@require_GET
def publisher_logo(request, name):
    publication = sitewide_content(request)["site_settings"].name
    if name != cards.logo_name(publication):
        return redirect("articles:publisher-logo", name=cards.logo_name(publication))
    return _stored_image(cards.logo_file(publication))


def _stored_image(path):
    response = FileResponse(default_storage.open(path), content_type="image/png")
    # The name changes with what the image shows, so a copy never goes stale.
    patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    return response


@require_GET
@never_cache
def read_count_image(request, pk):
    """For readers without JavaScript: count the read, and show the count as it is now.

    The page around it may come from the cache with an older count; this image never does.
    """
    total, _ = _record(request, pk)
    return HttpResponse(counter_image.svg(total), content_type="image/svg+xml")


def _count(request, article_id):
    total, counted = _record(request, article_id)
    return JsonResponse({"count": total, "counted": counted})


def _record(request, article_id):
    """Count this reader's read if it is one; return the total and whether it counted."""
    article = Article.objects.live().filter(pk=article_id).values("pk", "read_count").first()
    if article is None:
        raise Http404("No such article.")
    total = article["read_count"]
    counted = (
        counter.is_reader(request)
        and counter.is_first_read(request, article_id)
        and counter.within_address_limit(request, article_id)
    )
    if counted:
        total = counter.record_read(article_id) or total
    return total, counted


def download(request, slug, pk):
    """An attachment of a public article; nothing of an article readers may not see."""
    article = get_object_or_404(Article.objects.live(), slug=slug)
    attachment = get_object_or_404(article.attachments, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=attachment.filename,
    )
