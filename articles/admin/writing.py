"""The article form as a place to write: nothing typed is lost, and what is missing is listed."""

import json

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.urls import path
from django.utils.text import get_text_list
from django.views.decorators.http import require_POST

from ..models import AUTOSAVED_FIELDS, STRUCTURED_PARTS, Article, Issue
from . import autosave, kept_uploads
from .word_import import WordImportViews

# How often the form sends what was typed, and the reading speed its "minutes to read" assumes.
AUTOSAVE_SECONDS = 5
WORDS_PER_MINUTE = 230


class ArticleForm(forms.ModelForm):
    change_note = forms.CharField(
        required=False,
        max_length=100,
        help_text="What you changed and why, in a few words; kept in the article's history. "
        "Editing a published article is logged as a correction.",
    )
    kept_image = forms.CharField(required=False, widget=forms.HiddenInput)
    take_offline = forms.BooleanField(
        required=False,
        label="Take it off the site",
        help_text="Needed only to move a live article into an issue not yet published: "
        "its page goes offline until that issue is published.",
    )

    # Set by the admin on a form opened to restore an unsaved copy.
    restored = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(self.restored)

    def clean(self):
        data = super().clean()
        if self.takes_offline(data) and not data.get("take_offline"):
            message = (
                "This article is live: in the issue of %(issue)s, which is not published, "
                "it goes off the site until that issue is. Tick “Take it off the site” to save."
            )
            error = forms.ValidationError(
                message, code="takes_offline", params={"issue": data["issue"]}
            )
            self.add_error("issue", error)
        return data

    def takes_offline(self, data):
        """Whether this save moves a live article into an issue readers cannot see yet."""
        issue = data.get("issue")
        if self.instance.pk is None or "issue" not in self.changed_data or issue is None:
            return False
        if Issue.objects.published().filter(pk=issue.pk).exists():
            return False
        return Article.objects.live().filter(pk=self.instance.pk).exists()

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if self.add_prefix("image") in self.files or image is False:
            return image
        token = self.cleaned_data.get("kept_image") or self.data.get(self.add_prefix("kept_image"))
        return kept_uploads.reopen(token or "") or image

    def keep_valid_upload(self):
        """On a form coming back with errors, keep a valid image for the next try."""
        upload = getattr(self, "cleaned_data", {}).get("image")
        token = self.data.get(self.add_prefix("kept_image"), "")
        if isinstance(upload, UploadedFile):
            token = kept_uploads.keep(upload)
        kept = kept_uploads.described(token)
        if kept is None:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("kept_image")] = token
        # The bound field took its help text when the form was validated.
        self["image"].help_text = (
            f"Kept from your last try: {kept['name']}. It is saved with the article; "
            "choose another file to replace it."
        )


def restored_author_ids(request, article):
    """The authors of an imported byline, for an article that has none yet."""
    if article is not None and article.pk is None:
        article = None  # the add form's unsaved instance
    if article is not None and article.authorships.exists():
        return []
    return autosave.restored_fields(request, article).get("author_ids", [])


def still_missing_message(article):
    """The sentence shown after saving an article that cannot go further yet, or None."""
    problems = article.problems()
    if not problems:
        return None
    missing = get_text_list([problem.summary for problem in problems], "and")
    return f"Saved. Before “{article}” can be submitted, approved or published: it {missing}."


class ArticleWritingAdmin(autosave.AutosaveViews, WordImportViews):
    """Mixed into ArticleAdmin: drafts save in any state, and nothing typed is lost."""

    form = ArticleForm

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "autosave/",
                wrap(require_POST(self.autosave_view)),
                name="articles_article_autosave_new",
            ),
            path(
                "autosave/discard/",
                wrap(require_POST(self.discard_autosave_view)),
                name="articles_article_discard_new",
            ),
            path(
                "word/",
                wrap(require_POST(self.word_import_view)),
                name="articles_article_word_new",
            ),
            path(
                "<path:object_id>/word/",
                wrap(require_POST(self.word_import_view)),
                name="articles_article_word",
            ),
            path(
                "<path:object_id>/autosave/",
                wrap(require_POST(self.autosave_view)),
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/autosave/discard/",
                wrap(require_POST(self.discard_autosave_view)),
                name="articles_article_discard",
            ),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if restored := autosave.restored_fields(request, obj):
            return type(form.__name__, (form,), {"restored": restored})
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """An imported byline's authors fill a new article's author rows."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        author_ids = restored_author_ids(request, obj)
        if prefix == "authorships" and author_ids:
            kwargs["initial"] = [
                {"author": author_id, "position": position}
                for position, author_id in enumerate(author_ids)
            ]
        return kwargs

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.autosave_context(request, None)}
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                **self.autosave_context(request, article),
                "checklist": article.problems(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def autosave_context(self, request, article):
        restoring = request.method == "GET" and "restore" in request.GET
        return {
            "autosaved": None if restoring else autosave.offered(request.user, article),
            "restoring": restoring and autosave.copy_of(request.user, article),
            **autosave.addresses(article),
            "may_write": (
                self.has_add_permission(request)
                if article is None
                else self.has_change_permission(request, article)
            ),
            "autosave_fields_json": json.dumps(AUTOSAVED_FIELDS),
            "text_parts_json": json.dumps(["body", *STRUCTURED_PARTS]),
            "words_per_minute": WORDS_PER_MINUTE,
            "autosave_seconds": AUTOSAVE_SECONDS,
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:
            form.keep_valid_upload()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        taken_offline = change and form.takes_offline(form.cleaned_data)
        super().save_model(request, obj, form, change)
        if taken_offline:
            message = f"Taken off the site: moved into the unpublished issue of {obj.issue}."
            self.log_change(request, obj, message)
            self.message_user(request, message, messages.WARNING)
        kept_uploads.discard(form.cleaned_data.get("kept_image", ""))
        autosave.forget(request.user, obj, new=not change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if message := still_missing_message(form.instance):
            self.message_user(request, message, messages.WARNING)
