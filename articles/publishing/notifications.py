"""Email about the workflow: who hears of each move, and the message they get.

Submitted articles go to the editors; changes requested, approval, scheduling and publication
go to the article's authors who have accounts; an outside author's answer to a preview link goes
to the editor who sent the link. The person who acted is never told of their own act. One
message per recipient, so a refused address does not hide the others.
"""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from analyst.links import absolute_url
from analyst.plaintext import render_subject, render_text

from ..models import ArticleStatus
from ..models.workflow import EDITOR, MANAGING_EDITOR

# The state an article reaches: (template, who is told)
NOTICES = {
    ArticleStatus.IN_REVIEW: ("article_submitted", "editors"),
    ArticleStatus.CHANGES_REQUESTED: ("article_changes_requested", "authors"),
    ArticleStatus.APPROVED: ("article_approved", "authors"),
    ArticleStatus.SCHEDULED: ("article_scheduled", "authors"),
    ArticleStatus.PUBLISHED: ("article_published", "authors"),
}


def article_moved(sender, transition, **kwargs):
    """Tell the people concerned that an article moved (connected to workflow.article_moved)."""
    if transition.from_state == transition.to_state or transition.to_state not in NOTICES:
        return
    template, audience = NOTICES[transition.to_state]
    article = transition.article
    people = editors() if audience == "editors" else authors_of(article)
    send(template, people, exclude=transition.by, article=article, transition=transition)


def preview_answered(link, transition):
    """Tell the editor who sent a preview link what the outside author answered."""
    if link.created_by is None:
        return
    send(
        "preview_answered",
        [link.created_by],
        article=link.article,
        transition=transition,
        link=link,
    )


def editors():
    User = get_user_model()
    return User.objects.filter(
        groups__name__in=[EDITOR, MANAGING_EDITOR], is_active=True
    ).distinct()


def authors_of(article):
    User = get_user_model()
    return User.objects.filter(author__authorships__article=article, is_active=True).distinct()


def send(template, people, *, exclude=None, **context):
    """Send one message from a subject/text/html template triplet to each person."""
    article = context["article"]
    context["admin_url"] = absolute_url(reverse("admin:articles_article_change", args=[article.pk]))
    context["site_url"] = absolute_url("")
    for person in people:
        if not person.email or (exclude is not None and person.pk == exclude.pk):
            continue
        message_context = {**context, "recipient": person}
        message = EmailMultiAlternatives(
            render_subject(f"email/{template}_subject.txt", message_context),
            render_text(f"email/{template}_body.txt", message_context),
            to=[person.email],
        )
        message.attach_alternative(
            render_to_string(f"email/{template}_body.html", message_context), "text/html"
        )
        message.send()
