"""Finding articles: search with its filters and facets, and the most read."""

import re
from dataclasses import replace
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from analyst import versions

from ..search import query as search
from . import freshness
from .views import kept_listing, most_read_since

_SLUG = re.compile(r"^[-\w]{1,100}$")
MOST_READ_SHOWN = 10
MOST_READ_PERIODS = [
    ("fortnight", "This fortnight", 14),
    ("month", "The last 30 days", 30),
    ("all-time", "Of all time", None),
]


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the archive", required=False)

    def clean_q(self):
        query = search.clean_query(self.cleaned_data["q"])
        if query and not search.has_words(query):
            raise ValidationError("Type a word, a name or a place to search for.", code="no_words")
        return query


def _slug(value):
    return value if _SLUG.match(value or "") else ""


def _year(value):
    return int(value) if (value or "").isdigit() and 1000 <= int(value) <= 9999 else None


# The filters search results can be narrowed by, each with what it accepts.
FILTERS = {"section": _slug, "author": _slug, "tag": _slug, "year": _year}


def linked_facets(facets, params):
    """Copies of the facets, each with the address that applies it, or removes it if applied."""
    linked = {}
    for kind, kept in facets.items():
        linked[kind] = [replace(facet, url=_facet_url(kind, facet, params)) for facet in kept]
    return linked


def shown_facets(facets, params):
    """The linked facets, made only when a page shows them: inside the fragments that keep
    them (see search_results.html), which so record that they show the listings' counts."""

    def linked():
        versions.shows(freshness.LISTINGS)
        return linked_facets(facets, params)

    return SimpleLazyObject(linked)


def _facet_url(kind, facet, params):
    query = params.copy()
    query.pop("page", None)
    if facet.selected:
        query.pop(kind, None)
    else:
        query[kind] = facet.key
    return f"?{query.urlencode()}"


def kept_results(request, query, filters, number):
    """One page of search results. What a search found is kept for all of its pages, and each
    page's articles with their snippets, until a listing changes (see freshness)."""
    key = (query, *filters.values())
    found = kept_listing(request, ("search", *key), lambda: search.find(query, **filters))
    page = search.page_of(found, number)
    ids = page.object_list
    page.object_list = kept_listing(
        request, ("search-page", *key, page.number), lambda: search.articles_of(ids, query)
    )
    return search.Results(query, page, found.total, found.facets)


class SearchView(TemplateView):
    """Search results, filtered by section, author, tag and year; never indexed."""

    template_name = "articles/search.html"
    page_kwarg = "page"
    query_parameters = (*SearchForm.base_fields, *FILTERS, page_kwarg)

    def get_context_data(self, **kwargs):
        params = self.request.GET
        # The form shows the query as searched: a NUL or other control character never returns.
        form = SearchForm({"q": search.clean_query(params.get("q"))})
        filters = {name: clean(params.get(name)) for name, clean in FILTERS.items()}
        results = None
        if form.is_valid() and (form.cleaned_data["q"] or any(filters.values())):
            page = params.get(self.page_kwarg) or 1
            results = kept_results(self.request, form.cleaned_data["q"], filters, page)
            results.facets = shown_facets(results.facets, params)
        return super().get_context_data(form=form, results=results, filters=filters, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


class MostReadView(TemplateView):
    """The articles read most this fortnight, in the last 30 days and of all time."""

    template_name = "articles/most_read.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        periods = []
        for key, title, days in MOST_READ_PERIODS:
            since = today - timedelta(days=days - 1) if days else None
            periods.append((key, title, most_read_since(self.request, since, MOST_READ_SHOWN)))
        return super().get_context_data(periods=periods, **kwargs)
