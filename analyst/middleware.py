"""Answer a clean 503 when the database goes away in the middle of a request."""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# What a lost, refused or timed-out connection raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection into the site's plain 503 page.

    The broken connection is dropped at once, so the next request opens a fresh one and the
    site recovers by itself when the database is back, without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        return database_unavailable(request, exception)


def database_unavailable(request, exception):
    """Log the lost database, drop its connection and answer the plain 503 page.

    For code that meets the database outside a view, where process_exception does not reach:
    the 404 page and the old-address lookup after it.
    """
    logger.error(
        "Database unavailable during %s %s",
        request.method,
        request.path,
        exc_info=exception,
    )
    drop_broken_connections()
    return service_unavailable()


def drop_broken_connections():
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


def service_unavailable():
    """The plain 503 page, rendered without the request: its context needs the database."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
