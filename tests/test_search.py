"""Search: ranked, filtered with counts, paginated, never showing what is not live."""

import io
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from articles.models import Article, Issue
from tests.factories import make_article, make_author, make_issue, make_tag

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return html.fromstring(response.content)


def titles(page):
    return [" ".join(h.text_content().split()) for h in page.cssselect(".search-result h3")]


def summary(page):
    return " ".join(page.cssselect(".search-summary")[0].text_content().split())


def facet(page, kind):
    """{label: count} of one filter group."""
    links = page.cssselect(f"#facet-{kind} + ul a")
    return {
        a.cssselect(".facet-label")[0].text_content(): int(
            a.cssselect(".count")[0].text_content().split()[0]
        )
        for a in links
    }


def test_a_title_match_ranks_above_a_match_in_the_text_only(client):
    make_article("Notes from the capital", body="<p>Pipeline politics, pipeline deals.</p>")
    make_article("The pipeline question", body="<p>About gas.</p>")
    assert titles(search(client, q="pipeline")) == [
        "The pipeline question",
        "Notes from the capital",
    ]


def test_it_finds_words_in_the_teaser_the_parts_authors_and_tags(client):
    make_article("By teaser", teaser="Caspian caviar trade.")
    make_article(
        "By part",
        section_slug="analytical-articles",
        background="<p>Background.</p>",
        implications="<p>The Turkmen gas reaches Europe.</p>",
    )
    make_article("By author", authors=[make_author("Nurlan Abdrakhmanov")])
    make_article("By tag").tags.add(make_tag("Azerbaijan"))
    assert titles(search(client, q="caviar")) == ["By teaser"]
    assert titles(search(client, q="Turkmen")) == ["By part"]
    assert titles(search(client, q="Abdrakhmanov")) == ["By author"]
    assert titles(search(client, q="azerbaijan")) == ["By tag"]


def test_an_author_renamed_or_added_later_is_found_under_the_new_name(client):
    author = make_author("Old Name")
    article = make_article("Renamed", authors=[author])
    author.name = "Gulnara Newname"
    author.save()
    article.authorships.create(author=make_author("Second Writer"), position=1)
    assert titles(search(client, q="Newname")) == ["Renamed"]
    assert titles(search(client, q="Second Writer")) == ["Renamed"]
    assert titles(search(client, q="Old")) == []


@pytest.mark.parametrize(
    "status",
    [
        Article.Status.DRAFT,
        Article.Status.IN_REVIEW,
        Article.Status.APPROVED,
        Article.Status.WITHDRAWN,
    ],
)
def test_it_never_finds_an_article_that_is_not_live(client, status):
    make_article("Secret uranium plans", status=status, published_at=timezone.now())
    make_article("Public uranium facts")
    page = search(client, q="uranium")
    assert titles(page) == ["Public uranium facts"]
    assert facet(page, "section") == {"Field Reports": 1}


def test_it_never_finds_a_scheduled_article_or_one_of_an_unpublished_issue(client):
    make_article(
        "Future uranium",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=2),
    )
    make_article("Unpublished issue uranium", issue=make_issue(status=Issue.Status.DRAFT))
    make_article("Public uranium")
    assert titles(search(client, q="uranium")) == ["Public uranium"]


def test_filters_narrow_the_results_and_show_their_counts(client):
    georgia, armenia = make_tag("Georgia"), make_tag("Armenia")
    writer = make_author("Thomas Writer")
    old = make_article(
        "Border talks 2019",
        published_at=timezone.make_aware(datetime(2019, 5, 1)),
        authors=[writer],
    )
    old.tags.add(georgia)
    make_article("Border analysis", section_slug="analytical-articles", authors=[writer]).tags.add(
        georgia, armenia
    )
    make_article("Border digest", section_slug="news-digest").tags.add(armenia)
    make_article("Unrelated report")

    page = search(client, q="border")
    assert summary(page) == "3 articles match “border”."
    assert facet(page, "section") == {
        "Analytical Articles": 1,
        "Field Reports": 1,
        "News Digest": 1,
    }
    assert facet(page, "tag") == {"Armenia": 2, "Georgia": 2}
    assert facet(page, "author")["Thomas Writer"] == 2
    assert facet(page, "year") == {str(timezone.now().year): 2, "2019": 1}

    page = search(client, q="border", tag="georgia")
    assert sorted(titles(page)) == ["Border analysis", "Border talks 2019"]
    assert facet(page, "author")["Thomas Writer"] == 2
    page = search(client, q="border", tag="georgia", year="2019")
    assert titles(page) == ["Border talks 2019"]
    page = search(client, q="border", author="thomas-writer", section="analytical-articles")
    assert titles(page) == ["Border analysis"]


def test_a_chosen_filter_can_be_removed_and_keeps_the_query(client):
    make_article("Border analysis", section_slug="analytical-articles")
    make_article("Border report")
    page = search(client, q="border", section="field-reports")
    assert titles(page) == ["Border report"]
    chosen = page.cssselect("#facet-section + ul a[aria-current]")[0]
    assert chosen.get("href") == "?q=border"
    offered = search(client, q="border").cssselect("#facet-section + ul a")[0]
    assert offered.get("href") == "?q=border&section=analytical-articles"


def test_filters_alone_list_the_matching_articles_newest_first(client):
    tag = make_tag("Georgia")
    for number in range(3):
        make_article(
            f"Georgian report {number}", published_at=timezone.now() - timedelta(days=number)
        ).tags.add(tag)
    make_article("Elsewhere")
    assert titles(search(client, tag="georgia")) == [
        "Georgian report 0",
        "Georgian report 1",
        "Georgian report 2",
    ]


def test_results_are_paginated_and_pages_keep_the_query_and_filters(client):
    for number in range(25):
        make_article(
            f"Oil report {number:02}", published_at=timezone.now() - timedelta(hours=number)
        )
    first = search(client, q="oil", section="field-reports")
    assert len(titles(first)) == 20
    assert summary(first) == "25 articles match “oil”; page 1 of 2."
    next_link = first.cssselect(".pagination a[rel=next]")[0].get("href")
    assert next_link == "?q=oil&section=field-reports&page=2"
    second = search(client, q="oil", section="field-reports", page=2)
    assert titles(second) == [
        "Oil report 20",
        "Oil report 21",
        "Oil report 22",
        "Oil report 23",
        "Oil report 24",
    ]
    assert titles(search(client, q="oil", page=99)) == titles(second)
    assert titles(search(client, q="oil", page="x")) == titles(first)


def test_matches_are_marked_in_the_snippet(client):
    make_article(
        "A report", body="<p>The <em>railway</em> from Kars to Baku &amp; beyond opened.</p>"
    )
    snippet = search(client, q="railway").cssselect(".snippet")[0]
    assert [mark.text for mark in snippet.cssselect("mark")] == ["railway"]
    assert "Baku & beyond" in snippet.text_content()


def test_the_empty_search_page_invites_a_search(client):
    page = search(client)
    assert page.cssselect("label[for=search-q]")[0].text_content() == "Words, names or places"
    assert page.cssselect(".search-summary") == []
    assert "Or browse" in page.cssselect("h2")[0].text_content()


def test_a_search_without_results_says_so_and_suggests_what_to_do(client):
    make_article("Something else")
    page = search(client, q="zzyzx")
    assert summary(page) == "No article matches “zzyzx”."
    assert "Try fewer or different words" in page.cssselect(".no-results")[0].text_content()


def test_symbols_only_get_an_error_tied_to_the_field(client):
    page = search(client, q="!!! ---")
    field = page.cssselect("#search-q")[0]
    assert field.get("aria-invalid") == "true"
    error = page.cssselect(f"#{field.get('aria-describedby')}")[0]
    assert error.text_content() == "Type a word, a name or a place to search for."


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "!!!",
        "' OR 1=1 --",
        "'; DROP TABLE articles_article; --",
        "<script>alert(1)</script>",
        '"unbalanced',
        "a & | ! ( ) : * b",
        "%_%",
        "\x00",
    ],
)
def test_hostile_queries_answer_normally(client, query):
    make_article("A quiet report")
    response = client.get("/search/", {"q": query})
    assert response.status_code == (400 if "\x00" in query else 200)  # a NUL is refused first
    assert b"<script>alert" not in response.content
    assert Article.objects.count() == 1


def test_hostile_filters_are_ignored(client):
    make_article("Kept report")
    page = search(client, q="report", section="' OR 1=1", year="-1", tag="<b>", author="x" * 500)
    assert titles(page) == ["Kept report"]


def test_results_are_never_indexed_by_search_engines(client):
    response = client.get("/search/", {"q": "anything"})
    assert response["X-Robots-Tag"] == "noindex"
    page = html.fromstring(response.content)
    assert page.cssselect("meta[name=robots]")[0].get("content") == "noindex, follow"


def test_every_page_has_a_labelled_search_box(client):
    page = html.fromstring(client.get("/").content)
    form = page.cssselect("form[role=search]")[0]
    assert form.get("action") == "/search/"
    assert page.cssselect("label[for=site-search-q]")[0].text_content() == "Search"


def build(count):
    tag = make_tag("Georgia")
    for number in range(count):
        make_article(f"Border report {number}", authors=[make_author(), make_author()]).tags.add(
            tag
        )


def queries_for(client, **params):
    client.get("/")  # site-wide content is cached after the first page
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return len(queries)


def test_a_results_page_runs_as_many_queries_for_fifty_matches_as_for_one(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page itself, not the cache
    build(1)
    one = queries_for(client, q="border", tag="georgia")
    with django_capture_on_commit_callbacks(execute=True):  # the kept results go stale
        Article.objects.all().delete()
        build(50)
    assert queries_for(client, q="border", tag="georgia") == one
    assert one <= 4


def test_articles_loaded_in_bulk_are_found_after_rebuilding_the_index(client):
    from django.core.management import call_command

    from articles.models import SearchEntry, Section

    Article.objects.bulk_create(
        [
            Article(
                title="Imported caravan",
                slug="imported-caravan",
                section=Section.objects.get(slug="field-reports"),
                body="<p>Old text.</p>",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
        ]
    )
    assert not SearchEntry.objects.exists()
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert output.getvalue() == "Rebuilt the search entries of 1 articles.\n"
    assert SearchEntry.objects.get().names == ""
    assert titles(search(client, q="caravan")) == ["Imported caravan"]


@pytest.mark.postgres
def test_on_postgresql_other_forms_of_a_word_are_found(client):
    make_article("Militaries of the region", body="<p>They reformed.</p>")
    make_article("Reforms", body="<p>The army was reforming its units.</p>")
    assert titles(search(client, q="military")) == ["Militaries of the region"]
    assert titles(search(client, q="reform")) == ["Reforms", "Militaries of the region"]


@pytest.mark.postgres
def test_on_postgresql_the_teaser_outranks_the_text_and_the_vector_is_indexed(client):
    make_article("One", teaser="Only in the text below.", body="<p>Gas pipeline.</p>")
    make_article("Two", teaser="A pipeline in the teaser.", body="<p>Nothing.</p>")
    assert titles(search(client, q="pipeline")) == ["Two", "One"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchentry_vector'")
        assert "USING gin (vector)" in cursor.fetchone()[0]
