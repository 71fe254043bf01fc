from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles.reader_views import recommendations, robots_txt
from articles.sitemaps import SITEMAPS

from . import health, views
from .pagecache import public_page

handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("", include("articles.urls")),
    path("", include("newsletter.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", public_page(robots_txt), name="robots"),
    path(".well-known/recommendations.json", public_page(recommendations), name="recommendations"),
    path("healthz", health.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

if settings.BENCH_HELLO:
    from .hello import hello

    urlpatterns += [path("bench/hello/", hello, name="bench-hello")]
