"""Articles move through review by their roles' buttons in the admin, each move logged."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Transition
from articles.models.workflow import TransitionRefused
from tests.factories import TEST_DAY, make_article, make_member

pytestmark = pytest.mark.django_db

CONTRIBUTOR, EDITOR, MANAGING = "Contributor", "Editor", "Managing editor"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def act(client, article, action, **fields):
    """Press a workflow button on the article's admin page."""
    data = {"CHANGE_FORM-action": action, "_selected_action": article.pk, **fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(change_url(article), data, follow=True)


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def people(contributor, editor, managing_editor):
    """The staff of tests/conftest.py by role."""
    return {CONTRIBUTOR: contributor, EDITOR: editor, MANAGING: managing_editor}


def article_in(state, owner, **fields):
    if state in ("scheduled",) and "published_at" not in fields:
        fields["published_at"] = timezone.now() + timedelta(days=2)
    return make_article(status=state, authors=[owner.author], **fields)


# Two days after the moment every test starts: far enough ahead never to come during a test.
IN_TWO_DAYS = (TEST_DAY + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

# (action, from, to, extra form fields)
MOVES = [
    ("submit", "draft", "in_review", {}),
    ("submit", "changes_requested", "in_review", {}),
    ("request_changes", "in_review", "changes_requested", {"workflow_comment": "Shorter."}),
    ("approve", "in_review", "approved", {}),
    ("approve", "in_review", "scheduled", {"workflow_at": IN_TWO_DAYS}),
    ("schedule", "approved", "scheduled", {"workflow_at": IN_TWO_DAYS}),
    ("unschedule", "scheduled", "approved", {}),
    ("publish", "approved", "published", {}),
    ("publish", "scheduled", "published", {}),
    ("withdraw", "published", "withdrawn", {"confirmed": "yes"}),
    ("withdraw", "scheduled", "withdrawn", {}),
    ("publish", "withdrawn", "published", {}),
]
ALLOWED = {CONTRIBUTOR: {"submit"}, EDITOR: {m[0] for m in MOVES}, MANAGING: {m[0] for m in MOVES}}


@pytest.mark.parametrize("role", [CONTRIBUTOR, EDITOR, MANAGING])
@pytest.mark.parametrize(("action", "source", "target", "fields"), MOVES)
def test_each_role_may_make_exactly_its_own_moves(
    client, people, role, action, source, target, fields
):
    user = people[role]
    article = article_in(source, people[CONTRIBUTOR])
    client.force_login(user)
    response = act(client, article, action, **fields)
    article.refresh_from_db()
    if action in ALLOWED[role]:
        assert article.status == target
        log = Transition.objects.get(article=article)
        assert (log.action, log.from_state, log.to_state, log.by) == (action, source, target, user)
        assert log.comment == fields.get("workflow_comment", "")
        assert any("1 article" in message for message in shown_messages(response))
    else:
        assert article.status == source
        assert not Transition.objects.exists()
        assert any("Only editors can" in message for message in shown_messages(response))


def test_requesting_changes_needs_a_comment(client, people):
    article = article_in("in_review", people[CONTRIBUTOR])
    client.force_login(people[EDITOR])
    response = act(client, article, "request_changes", workflow_comment="  ")
    article.refresh_from_db()
    assert article.status == "in_review"
    assert "requesting changes needs a comment" in " ".join(shown_messages(response))
    assert not Transition.objects.exists()


def test_a_move_the_state_does_not_allow_is_refused_with_a_clear_message(client, people):
    article = article_in("draft", people[CONTRIBUTOR], title="Early Bird")
    client.force_login(people[EDITOR])
    response = act(client, article, "approve")
    article.refresh_from_db()
    assert article.status == "draft"
    assert "“Early Bird” is draft: it cannot be approved now. Nothing was changed." in (
        shown_messages(response)
    )


def test_scheduling_needs_a_time_in_the_future(client, people):
    article = article_in("approved", people[CONTRIBUTOR])
    client.force_login(people[EDITOR])
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = act(client, article, "schedule", workflow_at=past)
    assert "Give a publication time in the future, or publish now." in shown_messages(response)
    response = act(client, article, "schedule")
    assert "Give the time the article should go public." in shown_messages(response)
    article.refresh_from_db()
    assert article.status == "approved"


def test_a_live_scheduled_article_cannot_be_unscheduled_only_withdrawn(client, people):
    article = article_in(
        "scheduled", people[CONTRIBUTOR], published_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(people[EDITOR])
    response = act(client, article, "unschedule")
    assert any("already public: withdraw it instead" in m for m in shown_messages(response))
    article.refresh_from_db()
    assert article.status == "scheduled"


def test_the_page_shows_only_the_buttons_the_user_may_press(client, people):
    article = article_in("in_review", people[CONTRIBUTOR])
    client.force_login(people[EDITOR])
    page = client.get(change_url(article)).text
    assert 'value="approve"' in page and 'value="request_changes"' in page
    assert 'value="submit"' not in page and 'value="withdraw"' not in page
    client.force_login(people[CONTRIBUTOR])
    page = client.get(change_url(article)).text
    assert 'value="approve"' not in page
    assert "no workflow move to make" in page


def test_editors_publish_and_withdraw_several_articles_from_the_list(client, people):
    first = article_in("approved", people[CONTRIBUTOR], title="One")
    second = article_in("approved", people[CONTRIBUTOR], title="Two")
    draft = article_in("draft", people[CONTRIBUTOR], title="Three")
    client.force_login(people[EDITOR])
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [first.pk, second.pk, draft.pk]},
        follow=True,
    )
    assert Article.objects.filter(status="published").count() == 2
    assert "2 articles published." in shown_messages(response)
    assert "“Three” is draft: it cannot be published now. Nothing was changed." in (
        shown_messages(response)
    )
    assert client.get(first.get_absolute_url()).status_code == 200


def test_two_editors_approving_at_once_do_not_both_win(people):
    article = article_in("in_review", people[CONTRIBUTOR])
    stale = Article.objects.get(pk=article.pk)
    article.approve(by=people[EDITOR])

    with pytest.raises(TransitionRefused, match="is approved: it cannot be approved now"):
        stale.approve(by=people[MANAGING])
    assert Transition.objects.count() == 1
    stale.refresh_from_db()
    assert stale.status == "approved"


# Notifications


def test_a_submitted_article_is_announced_to_the_editors_only(client, people, settings):
    settings.SITE_URL = "https://analyst.example.org"
    article = article_in("draft", people[CONTRIBUTOR], title="Steppe Politics")
    make_member("otherwriter", CONTRIBUTOR)
    client.force_login(people[CONTRIBUTOR])
    act(client, article, "submit", workflow_comment="Ready, I think.")
    assert sorted(m.to[0] for m in mail.outbox) == ["edith@example.org", "manuel@example.org"]
    message = mail.outbox[0]
    assert message.subject == "For review: Steppe Politics"
    assert "Carla submitted “Steppe Politics”" in message.body
    assert "Ready, I think." in message.body
    link = f"https://analyst.example.org/admin/articles/article/{article.pk}/change/"
    assert link in message.body
    html = message.alternatives[0].content
    assert f'href="{link}"' in html


@pytest.mark.parametrize(
    ("action", "source", "fields", "subject"),
    [
        ("request_changes", "in_review", {"workflow_comment": "Cut it."}, "Changes requested: "),
        ("approve", "in_review", {}, "Approved: "),
        ("schedule", "approved", {"workflow_at": IN_TWO_DAYS}, "Scheduled for "),
        ("publish", "approved", {}, "Published: "),
    ],
)
def test_the_authors_with_accounts_hear_of_their_article(
    client, people, action, source, fields, subject
):
    from tests.factories import make_author

    coauthor = make_member("cosmo", CONTRIBUTOR).author
    article = make_article(
        "Shared Piece",
        status=source,
        authors=[people[CONTRIBUTOR].author, coauthor, make_author("No Account")],
    )
    client.force_login(people[EDITOR])
    act(client, article, action, **fields)
    assert sorted(m.to[0] for m in mail.outbox) == ["carla@example.org", "cosmo@example.org"]
    assert all(m.subject.startswith(subject) and "Shared Piece" in m.subject for m in mail.outbox)
    if action == "request_changes":
        assert "Cut it." in mail.outbox[0].body
    if action == "schedule":
        assert f"({timezone.get_current_timezone_name()})" in mail.outbox[0].subject


def test_the_person_who_acts_is_not_told_of_their_own_act(client, people):
    article = article_in("in_review", people[EDITOR])
    client.force_login(people[EDITOR])
    act(client, article, "approve")
    assert mail.outbox == []


def test_a_refused_move_sends_nothing(client, people):
    article = article_in("in_review", people[CONTRIBUTOR])
    client.force_login(people[CONTRIBUTOR])
    act(client, article, "approve")
    assert mail.outbox == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_pressing_at_the_same_moment_make_one_move(people):
    import threading

    from django.db import connection

    article = article_in("in_review", people[CONTRIBUTOR])
    start = threading.Barrier(2, timeout=300)  # a bound on a thread that never comes
    outcomes = []

    def press(user, action, **kwargs):
        try:
            start.wait()
            getattr(Article.objects.get(pk=article.pk), action)(by=user, **kwargs)
            outcomes.append("moved")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press, args=(people[EDITOR], "approve")),
        threading.Thread(target=press, args=(people[MANAGING], "approve")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["moved", "refused"]
    assert Transition.objects.count() == 1


def test_the_workflow_log_lists_every_move_across_articles(client, people):
    article = article_in("draft", people[CONTRIBUTOR], title="Logged Piece")
    article.submit(by=people[CONTRIBUTOR], comment="Have a look.")
    client.force_login(people[EDITOR])
    page = client.get(reverse("admin:articles_transition_changelist")).text
    assert "Logged Piece" in page and "Have a look." in page and "Carla" in page
    other = make_member("olga", CONTRIBUTOR)
    client.force_login(other)
    assert "Logged Piece" not in client.get(reverse("admin:articles_transition_changelist")).text
