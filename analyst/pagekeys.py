"""Which address makes a cached page of its own: the path, and only the query parameters it reads.

Each page says which parameters it reads: a paginated listing (`paginate_by`) its `page_kwarg`,
any other page those it names in `query_parameters` (or `public_page(view, query_parameters=…)`
for a view that is not ours). Everything else in a query string — `utm_*`, `fbclid`, a random
value meant to fill the cache — is taken out of the request before the page is built or looked
up, so it makes no entry of its own, and the page stored is the one every reader of the address
gets. The parameters kept are put in one order, with the last value given (the one a page
reads); a page number is written plainly (`02`, `+2` and `2` are one page; `1` is the first page,
as is none).
"""

from django.http import QueryDict
from django.utils.http import urlencode


def query_parameters(view, declared=None, page_kwarg=None):
    """{name: how its value is written} for the query parameters `view` reads.

    `declared` and `page_kwarg` stand in for the view's own attributes, for a view that has none.
    """
    page = getattr(view, "view_class", view)
    names = list(getattr(page, "query_parameters", ()) if declared is None else declared)
    page_kwarg = page_kwarg or getattr(page, "page_kwarg", None)
    if getattr(page, "paginate_by", None):
        names.append(page_kwarg)
    return {name: as_page_number if name == page_kwarg else as_given for name in names}


def keep_only(request, parameters):
    """Leave in `request` only `parameters`, each once, in one order and form."""
    kept = {}
    for name in sorted(parameters):
        value = request.GET.get(name)
        if value is not None:
            value = parameters[name](value)
        if value is not None:
            kept[name] = value
    query = urlencode(kept)
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


def as_given(value):
    return value


def as_page_number(value):
    """A page number as pages read it (int()), written plainly; None for the first page."""
    if not value.strip():
        return None
    try:
        number = int(value)
    except ValueError:
        return value  # the page answers it as it would any address ("last", or 404)
    return None if number == 1 else str(number)
