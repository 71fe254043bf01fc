from django.urls import path

from analyst.pagecache import public_page

from . import previews, views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("issues/", public_page(views.IssueArchiveView.as_view()), name="issue-archive"),
    path("issues/<int:year>/", public_page(views.IssueArchiveView.as_view()), name="issue-year"),
    path("issues/<slug:slug>/", public_page(views.IssueDetailView.as_view()), name="issue"),
    path("sections/<slug:slug>/", public_page(views.SectionView.as_view()), name="section"),
    path("tags/<slug:slug>/", public_page(views.TagView.as_view()), name="tag"),
    path("authors/", public_page(views.AuthorListView.as_view()), name="author-list"),
    path("authors/<slug:slug>/", public_page(views.AuthorView.as_view()), name="author"),
    path(
        "staff-publications/",
        public_page(views.StaffPublicationListView.as_view()),
        name="staff-publications",
    ),
    path("preview/<str:token>/", previews.preview_link, name="preview-link"),
    path("reads/", views.read_beacon, name="read-beacon"),
    path("reads/<int:pk>.gif", views.read_pixel, name="read-pixel"),
]
