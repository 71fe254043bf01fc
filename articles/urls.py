from django.urls import path

from . import previews, views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("issues/", views.IssueArchiveView.as_view(), name="issue-archive"),
    path("issues/<int:year>/", views.IssueArchiveView.as_view(), name="issue-year"),
    path("issues/<slug:slug>/", views.IssueDetailView.as_view(), name="issue"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/", views.AuthorListView.as_view(), name="author-list"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path(
        "staff-publications/",
        views.StaffPublicationListView.as_view(),
        name="staff-publications",
    ),
    path("preview/<str:token>/", previews.preview_link, name="preview-link"),
    path("reads/", views.read_beacon, name="read-beacon"),
    path("reads/<int:pk>.gif", views.read_pixel, name="read-pixel"),
]
