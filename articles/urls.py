from django.contrib.sitemaps.views import sitemap
from django.urls import path

from analyst.pagecache import public_page

from .publishing import previews
from .site import crawlers, feeds, finding, views
from .site.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("articles/<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("issues/", public_page(views.IssueArchiveView.as_view()), name="issue-archive"),
    path("issues/<int:year>/", public_page(views.IssueArchiveView.as_view()), name="issue-year"),
    path("issues/<slug:slug>/", public_page(views.IssueDetailView.as_view()), name="issue"),
    path("issues/<slug:slug>/edition.pdf", views.issue_edition, name="issue-edition"),
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
    path("search/", public_page(finding.SearchView.as_view()), name="search"),
    path("most-read/", public_page(finding.MostReadView.as_view()), name="most-read"),
    path("feed/", public_page(feeds.ArticleFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.AtomArticleFeed()), name="feed-atom"),
    path("sections/<slug:slug>/feed/", public_page(feeds.SectionFeed()), name="section-feed"),
    path(
        "sections/<slug:slug>/feed/atom/",
        public_page(feeds.AtomSectionFeed()),
        name="section-feed-atom",
    ),
    path("authors/<slug:slug>/feed/", public_page(feeds.AuthorFeed()), name="author-feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        public_page(feeds.AtomAuthorFeed()),
        name="author-feed-atom",
    ),
    path("tags/<slug:slug>/feed/", public_page(feeds.TagFeed()), name="tag-feed"),
    path("tags/<slug:slug>/feed/atom/", public_page(feeds.AtomTagFeed()), name="tag-feed-atom"),
    path("reads/", views.read_beacon, name="read-beacon"),
    path("reads/<int:pk>.gif", views.read_pixel, name="read-pixel"),
    path("reads/<int:pk>.svg", views.read_count_image, name="read-count-image"),
    path("articles/<slug:slug>/card-<str:name>.png", views.social_card, name="social-card"),
    path("publisher-<str:name>.png", views.publisher_logo, name="publisher-logo"),
    path(
        "sitemap.xml",
        public_page(sitemap, query_parameters=("p",), page_kwarg="p"),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", public_page(crawlers.robots_txt), name="robots"),
    path(
        ".well-known/recommendations.json",
        public_page(crawlers.recommendations),
        name="recommendations",
    ),
]
