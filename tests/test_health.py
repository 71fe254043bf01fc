"""/healthz tells a load balancer whether this server can reach its database and its cache."""

import importlib

import pytest
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_it_answers_200_with_both_checks_passing(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True


def test_it_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_it_answers_503_naming_the_cache_when_the_cache_is_down(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert "no-store" in response["Cache-Control"]


def test_it_keeps_error_details_out_of_the_answer(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    body = client.get("/healthz").content.decode()
    assert "127.0.0.1" not in body
    assert "Traceback" not in body


def test_it_answers_head_for_probes_and_refuses_post(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_it_answers_plain_http_probes_where_every_page_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_the_benchmark_page_is_not_routed_in_a_normal_configuration(client):
    assert client.get("/bench/hello/").status_code == 404


def test_the_benchmark_page_answers_when_the_benchmark_turns_it_on(client, settings):
    settings.BENCH_HELLO = True
    try:
        reload_urls()
        response = client.get("/bench/hello/")
        assert response.status_code == 200
        assert response.content == b"Hello from Analyst.\n"
    finally:
        settings.BENCH_HELLO = False
        reload_urls()


def reload_urls():
    import analyst.urls

    importlib.reload(analyst.urls)
    clear_url_caches()
