from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import health, views

handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("newsletter.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            views.media_file,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

if settings.BENCH_HELLO:
    from .hello import hello

    urlpatterns += [path("bench/hello/", hello, name="bench-hello")]
