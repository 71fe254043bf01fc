"""`manage.py generate_archive` fills a database with a browsable archive for benchmarks."""

import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Author, DailyReads, Issue, SearchEntry
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SMALL = {"issues": 6, "articles": 60, "authors": 12, "words": 300}


def generate(**options):
    out = StringIO()
    call_command("generate_archive", **{**SMALL, **options}, stdout=out)
    return out.getvalue()


def test_it_makes_the_archive_it_is_asked_for_and_all_of_it_is_live():
    assert "Generated 6 issues, 60 articles and 12 authors" in generate()
    assert Issue.objects.published().count() == 6
    assert Article.objects.live().count() == 60
    assert Author.objects.count() == 12
    assert all(article.tags.exists() for article in Article.objects.all())
    assert DailyReads.objects.exists()


def test_its_issues_are_biweekly_and_numbered_within_each_volume():
    generate()
    dates = sorted(Issue.objects.values_list("date", flat=True))
    assert {(later - earlier).days for earlier, later in itertools.pairwise(dates)} == {14}
    first = Issue.objects.order_by("date").first()
    assert (first.volume, first.number) == (1, 1)


def test_structured_articles_have_all_three_parts_and_plain_ones_a_body():
    generate()
    structured = Article.objects.filter(section__structured=True).first()
    assert structured.background and structured.implications and structured.conclusions
    assert not structured.body
    plain = Article.objects.filter(section__structured=False).first()
    assert plain.body and not plain.background


def test_derived_fields_match_what_saving_would_give():
    generate()
    article = Article.objects.first()
    teaser, words = article.derived_teaser, article.word_count
    assert teaser and 200 < words < 500
    article.save()
    assert (article.derived_teaser, article.word_count) == (teaser, words)


def test_its_pages_open_for_readers(client):
    generate()
    article = Article.objects.filter(section__structured=True).first()
    pages = ["/", article.get_absolute_url(), article.issue.get_absolute_url()]
    pages += ["/sections/analytical-articles/?page=2", "/authors/", "/issues/"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert "BACKGROUND:" in client.get(article.get_absolute_url()).content.decode()


def test_running_it_again_with_the_same_sizes_changes_nothing():
    generate()
    first_ids = list(Article.objects.values_list("pk", flat=True))
    assert "nothing to do" in generate()
    assert list(Article.objects.values_list("pk", flat=True)) == first_ids


def test_it_refuses_to_touch_other_content_without_replace():
    make_article("An editor's real article")
    with pytest.raises(CommandError, match="Pass --replace"):
        generate()
    assert Article.objects.get().title == "An editor's real article"


def test_replace_swaps_other_content_for_the_archive():
    make_article("An editor's real article")
    generate(replace=True)
    assert Article.objects.count() == 60
    assert not Article.objects.filter(title="An editor's real article").exists()


def test_its_articles_can_be_found_by_search(client):
    generate()
    article = Article.objects.filter(section__structured=True).first()
    longest_word = max(article.title.split(), key=len)
    page = client.get("/search/", {"q": longest_word}).content.decode()
    assert article.get_absolute_url() in page


def test_an_archive_made_without_search_entries_gets_them_on_the_next_run(client):
    generate()
    SearchEntry.objects.all().delete()
    assert "nothing to do" in generate()
    assert SearchEntry.objects.count() == Article.objects.count() == 60
