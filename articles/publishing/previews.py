"""Previews of an article as it will look: for staff in the admin, and by secret link.

A preview is marked as one, never counted (no read beacon, no pixel), never cached and never
indexed. A secret link is signed, expires and can be revoked; whoever holds it can read the
article and answer (approve, or send comments), and can change nothing.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from ..models import Article, PreviewLink, Transition
from ..models.records import PREVIEW_SALT
from ..site.related import ArticlePage
from . import notifications


class AnswerForm(forms.Form):
    verdict = forms.ChoiceField(choices=[("approve", "Approve"), ("comment", "Send comments")])
    comment = forms.CharField(required=False, widget=forms.Textarea, max_length=5000)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == "comment" and not data.get("comment", "").strip():
            raise forms.ValidationError("Write your comments first.", code="no_comment")
        return data


def render_preview(request, article, *, link=None, form=None):
    """The article page as readers will see it, marked as a preview and never counted."""
    article = (
        Article.objects.filter(pk=article.pk)
        .select_related("section", "issue")
        .with_authors()
        .prefetch_related("tags")
        .get()
    )
    context = {
        "article": article,
        "object": article,
        "page": ArticlePage(article),
        "preview": True,
        "preview_link": link,
    }
    if link is not None:
        context["answer_form"] = form or AnswerForm()
        context["approval"] = approval_through(link)
    response = TemplateResponse(request, "articles/article_preview.html", context)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_from_token(token):
    try:
        key = signing.Signer(salt=PREVIEW_SALT).unsign(token)
    except signing.BadSignature:
        raise Http404("This preview link is not valid.") from None
    link = PreviewLink.objects.usable().select_related("article", "created_by").filter(key=key)
    link = link.first()
    if link is None:
        raise Http404("This preview link has expired or was withdrawn.")
    return link


def approval_through(link):
    """The outside author's approval given through this link, if they gave it."""
    return link.article.transitions.filter(
        action=Transition.Action.AUTHOR_APPROVED,
        by_name=link.recipient,
        at__gte=link.created_at,
    ).first()


@require_http_methods(["GET", "POST"])
def preview_link(request, token):
    """An outside author reads the article by secret link, and approves it or comments."""
    link = link_from_token(token)
    if request.method == "GET" or approval_through(link):
        return render_preview(request, link.article, link=link)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render_preview(request, link.article, link=link, form=form)
    approved = form.cleaned_data["verdict"] == "approve"
    article = link.article
    action = Transition.Action.AUTHOR_APPROVED if approved else Transition.Action.AUTHOR_COMMENTED
    transition = Transition.record(
        article, action, by_name=link.recipient, comment=form.cleaned_data["comment"].strip()
    )
    notifications.preview_answered(link, transition)
    messages.success(request, "Thank you: the editors have your answer.")
    return HttpResponseRedirect(request.path)
