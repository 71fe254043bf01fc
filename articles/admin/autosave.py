"""Autosave: the article form's text sent to the server as one types, offered back after a crash."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from ..models import AUTOSAVED_FIELDS, AutosavedDraft

# Far more than any article (the longest in the archive is ~60,000 characters of HTML).
MAX_AUTOSAVE_CHARACTERS = 1_000_000


def addresses(article):
    """Where the form's script posts its copies, and where Discard posts."""
    if article is None:
        return {
            "autosave_url": reverse("admin:articles_article_autosave_new"),
            "discard_url": reverse("admin:articles_article_discard_new"),
            "word_import_url": reverse("admin:articles_article_word_new"),
        }
    return {
        "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
        "discard_url": reverse("admin:articles_article_discard", args=[article.pk]),
        "word_import_url": reverse("admin:articles_article_word", args=[article.pk]),
    }


def copy_of(user, article):
    """The user's unsaved copy of the article (None: of their new article), or None."""
    return AutosavedDraft.objects.filter(user=user, article=article).first()


def store(request, article):
    """Keep the posted text fields as the user's copy; answer when, for "Saved 12:04"."""
    fields = {name: request.POST[name] for name in AUTOSAVED_FIELDS if name in request.POST}
    if sum(map(len, fields.values())) > MAX_AUTOSAVE_CHARACTERS:
        refusal = "Too long to keep as you type: save the article."
        return JsonResponse({"error": refusal}, status=413)
    now = timezone.now()
    AutosavedDraft.objects.update_or_create(
        user=request.user, article=article, defaults={"fields": fields, "saved_at": now}
    )
    return JsonResponse({"saved": f"Saved {time_format(timezone.localtime(now), 'H:i')}"})


def offered(user, article):
    """The copy to offer back on opening the form, dropping one that adds nothing."""
    copy = copy_of(user, article)
    if copy is None or article is None or _differs(copy, article):
        return copy
    copy.delete()
    return None


def _differs(copy, article):
    return any(
        value != (getattr(article, name) if name != "change_note" else "")
        for name, value in copy.fields.items()
        if name in AUTOSAVED_FIELDS
    ) or bool(copy.fields.get("author_ids"))


def restored_fields(request, article):
    """The copy's fields when the form is opened to restore it (`?restore`), else {}."""
    if request.method != "GET" or "restore" not in request.GET:
        return {}
    copy = copy_of(request.user, article)
    return copy.fields if copy else {}


def forget(user, article, *, new):
    """Drop the user's copy once the article is saved for real."""
    AutosavedDraft.objects.filter(user=user, article=None if new else article).delete()


class AutosaveViews:
    """Mixed into ArticleAdmin: the two addresses the form's script posts to."""

    def autosave_view(self, request, object_id=None):
        article = None
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            article = self.viewable_article(request, object_id)
            if not self.has_change_permission(request, article):
                raise PermissionDenied
        return store(request, article)

    def discard_autosave_view(self, request, object_id=None):
        article = None if object_id is None else self.viewable_article(request, object_id)
        AutosavedDraft.objects.filter(user=request.user, article=article).delete()
        self.message_user(request, "The unsaved text was discarded.", messages.INFO)
        if article is None:
            return HttpResponseRedirect(reverse("admin:articles_article_add"))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
