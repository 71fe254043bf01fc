"""/healthz: whether this app server can reach its database and its cache.

Load balancers and monitors poll it; it answers 200 when both work and 503 when either does
not, with a small JSON body naming what failed. Error details stay in the log, not the body.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import drop_broken_connections

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was just stored")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def run_check(name, check):
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # whatever the failure, the server is unhealthy
        logger.error("Health check %s failed", name, exc_info=error)
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


@require_safe
@never_cache
def healthz(request):
    """Check the database and the cache; 200 when both answer, 503 otherwise."""
    results = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result["ok"] for result in results.values())
    if not results["database"]["ok"]:
        drop_broken_connections()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
