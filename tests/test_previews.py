"""Staff preview any article; a secret link lets an outside author read and answer."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_staff_see_a_draft_as_it_will_look_marked_as_a_preview_and_never_counted(client, editor):
    client.force_login(editor)
    article = make_article("Draft Look", status="draft")
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert response.status_code == 200
    assert "Draft Look" in response.text
    assert "<strong>Preview</strong>" in response.text
    assert "data-article" not in response.text
    assert "read-pixel" not in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    article.refresh_from_db()
    assert article.read_count == 0


def create_link(client, article, recipient="Outside Olga"):
    url = reverse("admin:articles_article_share", args=[article.pk])
    response = client.post(url, {"preview_for": recipient}, follow=True)
    link = PreviewLink.objects.get(article=article)
    assert link.get_absolute_url() in response.text
    return link


def test_a_preview_link_shows_the_edited_version_to_someone_without_an_account(client, editor):
    client.force_login(editor)
    article = make_article("Outside View", status="in_review", body="<p>Edited words.</p>")
    link = create_link(client, article)
    client.logout()
    page = client.get(link.get_absolute_url())
    assert page.status_code == 200
    assert "Edited words." in page.text
    assert "Your answer, Outside Olga" in page.text
    assert "no-store" in page["Cache-Control"]
    assert "data-article" not in page.text


def test_the_outside_authors_approval_is_logged_and_sent_to_the_editor(client, editor):
    client.force_login(editor)
    article = make_article("Answered", status="in_review")
    link = create_link(client, article)
    client.logout()
    response = client.post(link.get_absolute_url(), {"verdict": "approve"}, follow=True)
    assert "the editors have your answer" in response.text
    answer = article.transitions.get()
    assert (answer.action, answer.by_name, answer.by) == ("author_approved", "Outside Olga", None)
    assert [m.to for m in mail.outbox] == [["edith@example.org"]]
    assert mail.outbox[0].subject == "Outside Olga approved Answered"


def test_comments_need_words_and_are_logged(client, editor):
    client.force_login(editor)
    article = make_article("Commented", status="in_review")
    link = create_link(client, article)
    client.logout()
    empty = client.post(link.get_absolute_url(), {"verdict": "comment", "comment": ""})
    assert "Write your comments first." in empty.text
    assert not article.transitions.exists()
    client.post(link.get_absolute_url(), {"verdict": "comment", "comment": "Fix my name."})
    assert article.transitions.get().comment == "Fix my name."
    assert "Fix my name." in mail.outbox[0].body


def test_a_preview_link_never_allows_editing(client, editor):
    client.force_login(editor)
    article = make_article("Untouchable", status="in_review")
    link = create_link(client, article)
    client.logout()
    client.post(link.get_absolute_url(), {"verdict": "approve", "title": "Hacked", "status": "x"})
    article.refresh_from_db()
    assert (article.title, article.status) == ("Untouchable", "in_review")


def test_a_preview_link_expires(client, editor):
    client.force_login(editor)
    article = make_article("Short Lived", status="in_review")
    link = create_link(client, article)
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(link.get_absolute_url()).status_code == 404


def test_a_preview_link_can_be_revoked(client, editor):
    client.force_login(editor)
    article = make_article("Revoked", status="in_review")
    link = create_link(client, article)
    url = reverse("admin:articles_article_revoke_link", args=[link.pk])
    assert "no longer works" in client.post(url, follow=True).text
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.post(link.get_absolute_url(), {"verdict": "approve"}).status_code == 404


def test_a_tampered_preview_link_is_refused(client, editor):
    client.force_login(editor)
    article = make_article("Guarded", status="in_review")
    link = create_link(client, article)
    assert client.get(link.get_absolute_url()[:-3] + "xx/").status_code == 404


def test_contributors_cannot_hand_out_preview_links(contributor_client, contributor):
    article = make_article("Hers", status="draft", authors=[contributor.author])
    url = reverse("admin:articles_article_share", args=[article.pk])
    assert contributor_client.post(url, {"preview_for": "Friend"}).status_code == 403
    assert (
        contributor_client.get(
            reverse("admin:articles_article_preview", args=[article.pk])
        ).status_code
        == 200
    )


def test_after_approving_the_page_says_so_instead_of_the_form(client, editor):
    client.force_login(editor)
    article = make_article("Approved Once", status="in_review")
    link = create_link(client, article)
    client.logout()
    client.post(link.get_absolute_url(), {"verdict": "approve"})
    page = client.get(link.get_absolute_url()).text
    assert "You approved this article on " in page
    assert 'name="verdict"' not in page
    client.post(link.get_absolute_url(), {"verdict": "approve"})
    assert article.transitions.count() == 1


def test_usable_links_are_listed_with_their_address_and_a_copy_button(client, editor, settings):
    client.force_login(editor)
    article = make_article("Shared", status="in_review")
    link = create_link(client, article)
    other = create_link_for(client, article, "Revoked Rita")
    other.revoke()
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    address = f"{settings.SITE_URL}{link.get_absolute_url()}"
    assert f'value="{address}"' in page
    assert f'data-copy="preview-address-{link.pk}">Copy</button>' in page
    assert f"preview-address-{other.pk}" not in page


def create_link_for(client, article, recipient):
    url = reverse("admin:articles_article_share", args=[article.pk])
    client.post(url, {"preview_for": recipient})
    return PreviewLink.objects.get(article=article, recipient=recipient)
