"""Editors write and arrange the publication in the admin."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Author, Issue, PartnerSite, Section
from tests.factories import make_article, make_author, make_issue, make_png
from tests.helpers import article_form

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def test_a_structured_article_with_all_parts_is_saved_with_its_authors(admin_client):
    structured = Section.objects.get(slug="analytical-articles")
    author = make_author("Written By")
    data = article_form(
        structured,
        author,
        background="<p>Background <script>x()</script>.</p>",
        implications="<p>Implications.</p>",
        conclusions="<p>Conclusions.</p>",
    )
    response = admin_client.post(ADD_ARTICLE, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.ordered_authors == [author]
    assert article.background == "<p>Background .</p>"
    assert article.created_by.username == "boss"


def test_the_form_cannot_publish_an_article_directly(admin_client):
    plain = Section.objects.get(slug="field-reports")
    data = article_form(plain, make_author(), body="<p>Text.</p>", status="published")
    response = admin_client.post(ADD_ARTICLE, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_an_image_needs_its_description(admin_client):
    response = admin_client.post(
        reverse("admin:articles_partnersite_add"),
        {
            "name": "Partner",
            "url": "https://partner.example.org/",
            "position": 0,
            "logo": make_png(),
        },
    )
    assert "Describe the image for readers who cannot see it." in response.text
    assert not PartnerSite.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    fake = SimpleUploadedFile("logo.png", b"<?php echo 1; ?>", content_type="image/png")
    response = admin_client.post(
        reverse("admin:articles_partnersite_add"),
        {
            "name": "P",
            "url": "https://p.example.org/",
            "position": 0,
            "logo": fake,
            "logo_alt": "P",
        },
    )
    assert response.status_code == 200
    assert "This file is not a picture we can read" in response.text
    assert not PartnerSite.objects.exists()


def test_a_partner_logo_with_its_description_is_saved_and_previewed(admin_client):
    response = admin_client.post(
        reverse("admin:articles_partnersite_add"),
        {
            "name": "P",
            "url": "https://p.example.org/",
            "position": 0,
            "logo": make_png(),
            "logo_alt": "P",
        },
    )
    assert response.status_code == 302
    changelist = admin_client.get(reverse("admin:articles_partnersite_changelist"))
    assert 'alt="P"' in changelist.text


def test_add_issue_proposes_the_date_fourteen_days_after_the_latest(admin_client):
    make_issue(date=date(2026, 11, 18), volume=28, number=22)
    form = admin_client.get(reverse("admin:articles_issue_add")).context["adminform"].form
    assert form.initial["date"] == date(2026, 12, 2)
    assert (form.initial["volume"], form.initial["number"]) == (28, 23)


def test_add_issue_starts_a_new_volume_with_a_new_year(admin_client):
    make_issue(date=date(2026, 12, 23), volume=28, number=25)
    form = admin_client.get(reverse("admin:articles_issue_add")).context["adminform"].form
    assert form.initial["date"] == date(2027, 1, 6)
    assert (form.initial["volume"], form.initial["number"]) == (29, 1)


@pytest.mark.parametrize(
    "model",
    [
        "article",
        "issue",
        "author",
        "section",
        "tag",
        "staffpublication",
        "partnersite",
        "dailyreads",
    ],
)
def test_every_list_and_form_opens_for_an_editor(admin_client, model):
    article = make_article("Listed", issue=make_issue())
    assert admin_client.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
    if model == "dailyreads":
        return
    assert admin_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200
    objects = {
        "article": article,
        "issue": article.issue,
        "author": article.authors.first(),
        "section": article.section,
    }
    if model in objects:
        change = reverse(f"admin:articles_{model}_change", args=[objects[model].pk])
        assert admin_client.get(change).status_code == 200


def test_the_article_list_filters_by_section_issue_state_and_author(admin_client):
    author = make_author("Filter Me")
    make_article("Kept", authors=[author])
    make_article("Other", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")
    assert "Kept" in admin_client.get(url, {"authors__id__exact": author.pk}).text
    assert "Other" not in admin_client.get(url, {"authors__id__exact": author.pk}).text
    assert "Other" in admin_client.get(url, {"status__exact": "draft"}).text
    assert "Kept" in admin_client.get(url, {"q": "Filter Me"}).text


def test_authors_are_found_by_autocomplete(admin_client):
    make_author("Autocomplete Person")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Autocomp",
            "app_label": "articles",
            "model_name": "authorship",
            "field_name": "author",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Autocomplete Person"]


def test_site_settings_change_the_byline_and_footer(admin_client):
    article = make_article("Named", issue=make_issue(date=date(2003, 7, 16)))
    response = admin_client.post(
        reverse("admin:analyst_sitesettings_change", args=[1]),
        {
            "name": "Renamed Analyst",
            "tagline": "",
            "about": "About us.",
            "newsletter_pitch": "",
            "staff_publications_shown": 3,
        },
    )
    assert response.status_code == 302
    page = admin_client.get(article.get_absolute_url()).text
    assert "7/16/2003 issue of the Renamed Analyst" in page
    assert "About us." in page
    assert Author.objects.count() == 1
    assert Issue.objects.count() == 1
