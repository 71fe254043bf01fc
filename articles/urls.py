from django.urls import path

from analyst.pagecache import public_page

from .publishing import previews
from .site import crawlers, feeds, finding, freshness, sitemaps, views

app_name = "articles"


def listing(view, **options):
    """A public page that lists articles: kept until any article, issue, author or tag changes."""
    return public_page(view, shows=[freshness.LISTINGS], **options)


urlpatterns = [
    path("", listing(views.HomeView.as_view()), name="home"),
    path("articles/<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("articles/<slug:slug>/files/<int:pk>/", views.download, name="attachment"),
    path("issues/", listing(views.IssueArchiveView.as_view()), name="issue-archive"),
    path("issues/<int:year>/", listing(views.IssueArchiveView.as_view()), name="issue-year"),
    path("issues/<slug:slug>/", listing(views.IssueDetailView.as_view()), name="issue"),
    path("issues/<slug:slug>/edition.pdf", views.issue_edition, name="issue-edition"),
    path("sections/<slug:slug>/", listing(views.SectionView.as_view()), name="section"),
    path("tags/<slug:slug>/", listing(views.TagView.as_view()), name="tag"),
    path("authors/", listing(views.AuthorListView.as_view()), name="author-list"),
    path("authors/<slug:slug>/", listing(views.AuthorView.as_view()), name="author"),
    path(
        "staff-publications/",
        public_page(views.StaffPublicationListView.as_view()),
        name="staff-publications",
    ),
    path("preview/<str:token>/", previews.preview_link, name="preview-link"),
    path("search/", listing(finding.SearchView.as_view()), name="search"),
    path("most-read/", listing(finding.MostReadView.as_view()), name="most-read"),
    path("feed/", listing(feeds.ArticleFeed()), name="feed"),
    path("feed/atom/", listing(feeds.AtomArticleFeed()), name="feed-atom"),
    path("sections/<slug:slug>/feed/", listing(feeds.SectionFeed()), name="section-feed"),
    path(
        "sections/<slug:slug>/feed/atom/",
        listing(feeds.AtomSectionFeed()),
        name="section-feed-atom",
    ),
    path("authors/<slug:slug>/feed/", listing(feeds.AuthorFeed()), name="author-feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        listing(feeds.AtomAuthorFeed()),
        name="author-feed-atom",
    ),
    path("tags/<slug:slug>/feed/", listing(feeds.TagFeed()), name="tag-feed"),
    path("tags/<slug:slug>/feed/atom/", listing(feeds.AtomTagFeed()), name="tag-feed-atom"),
    path("reads/", views.read_beacon, name="read-beacon"),
    path("reads/<int:pk>.gif", views.read_pixel, name="read-pixel"),
    path("reads/<int:pk>.svg", views.read_count_image, name="read-count-image"),
    path("articles/<slug:slug>/card-<str:name>.png", views.social_card, name="social-card"),
    path("publisher-<str:name>.png", views.publisher_logo, name="publisher-logo"),
    path("sitemap.xml", listing(sitemaps.sitemap_index), name="sitemap"),
    *(
        path(
            f"sitemap-{name}.xml",
            listing(sitemaps.sitemap_page, query_parameters=("p",), page_kwarg="p"),
            {"name": name},
            f"sitemap-{name}",
        )
        for name in sitemaps.SITEMAPS
    ),
    path("robots.txt", public_page(crawlers.robots_txt), name="robots"),
    path(
        ".well-known/recommendations.json",
        public_page(crawlers.recommendations),
        name="recommendations",
    ),
]
