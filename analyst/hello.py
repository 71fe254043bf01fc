"""The trivial page benchmarks compare every real page with (routed only when BENCH_HELLO is on)."""

from django.http import HttpResponse


def hello(request):
    """Answer a few bytes through the full middleware stack, touching neither database nor cache."""
    return HttpResponse("Hello from Analyst.\n", content_type="text/plain")
