from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from . import views
from .pagecache import public_page

handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("", include("articles.urls")),
    path("", include("newsletter.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
