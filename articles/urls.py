from django.urls import path

from . import feeds, reader_views, views

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
    path("search/", reader_views.SearchView.as_view(), name="search"),
    path("most-read/", reader_views.MostReadView.as_view(), name="most-read"),
    path("feed/", feeds.ArticleFeed(), name="feed"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path("sections/<slug:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path("sections/<slug:slug>/feed/atom/", feeds.AtomSectionFeed(), name="section-feed-atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path("authors/<slug:slug>/feed/atom/", feeds.AtomAuthorFeed(), name="author-feed-atom"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.AtomTagFeed(), name="tag-feed-atom"),
    path("reads/", views.read_beacon, name="read-beacon"),
    path("reads/<int:pk>.gif", views.read_pixel, name="read-pixel"),
]
