from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles.reader_views import recommendations, robots_txt
from articles.sitemaps import SITEMAPS

from . import views

handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("", include("articles.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path(".well-known/recommendations.json", recommendations, name="recommendations"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
