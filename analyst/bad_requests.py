"""Requests that no page can use: answered 400 or 414, never a server error.

- An address (path or query string) holding a NUL byte: no page, slug or filter value can
  hold one, and PostgreSQL refuses to compare with one, so it is refused before any view.
- An address longer than MAX_ADDRESS_LENGTH (16,384 characters: ten times any address of ours,
  room for a 10,000-digit page number): 414. Proxies refuse long request lines before us
  (gunicorn above 4,094 bytes by default); this holds whatever is in front.
- In the admin, a value its views cannot turn into what a query needs (a chosen row's id that
  is no number, a year past 9999, a number PostgreSQL cannot hold): Django's admin raises
  ValueError, OverflowError or DataError for these, deep in its own views, for any model,
  ours or a library's. The browser never sends such values from the admin's own pages; a
  request that does gets a 400 saying so, and the log keeps the traceback. A row that is not
  there (a library's admin view asking for it with .get()) is a 404, as Django's own are.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db import DataError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

MAX_ADDRESS_LENGTH = 16_384
UNUSABLE_VALUE = (ValueError, OverflowError, DataError)


class RefuseUnusableRequestsMiddleware:
    """Refuse addresses no page can take, and admin requests holding values it cannot use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(request.path) + len(query) > MAX_ADDRESS_LENGTH:
            return refusal(414, "This address is too long", "No page of this site has one so long.")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return refusal(400, "This address cannot be used", "It holds a NUL character.")
        return self.get_response(request)

    def process_exception(self, request, exception):
        in_admin = request.resolver_match is not None and request.resolver_match.app_name == "admin"
        if not in_admin:
            return None
        if isinstance(exception, ObjectDoesNotExist):
            return refusal(404, "There is no such row", "It may have been deleted.")
        if not isinstance(exception, UNUSABLE_VALUE):
            return None
        logger.warning(
            "Admin request with a value it cannot use: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return refusal(
            400,
            "This request holds a value the admin cannot use",
            "A chosen row, a date or a number in it is not one the admin offers. "
            "Go back to the page and choose again.",
        )


def refusal(status, title, reason):
    """The plain refusal page, rendered without the request: it needs nothing of the database."""
    page = loader.get_template("400.html").render({"title": title, "reason": reason})
    return HttpResponse(page, status=status)
