"""Import a Word file on the article form: its text fills the form, to check before saving."""

import hashlib
import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from analyst.images import validate_image

from ..models import AUTOSAVED_FIELDS, Author, AutosavedDraft
from ..text.wordfiles import WordFileRefused, read_word_file


def store_image(data, content_type):
    """Keep a picture of the Word file in the media storage; its address, or None if unusable."""
    picture = ContentFile(data)
    try:
        validate_image(picture)
    except ValidationError:
        return None
    extension = mimetypes.guess_extension(content_type) or ".img"
    name = f"articles/from-word/{hashlib.sha256(data).hexdigest()[:24]}{extension}"
    if not default_storage.exists(name):
        name = default_storage.save(name, picture)
    return default_storage.url(name)


def imported_fields(posted, word_article, article):
    """The form's fields after the import: what was typed, overlaid with what the file holds."""
    fields = {name: posted[name] for name in AUTOSAVED_FIELDS if name in posted}
    fields |= word_article.fields
    if article is None and fields.get("title") and not fields.get("slug"):
        fields["slug"] = slugify(fields["title"])[:200]
    return fields


def match_authors(names):
    """([author id, …] in byline order, [names not among the authors])."""
    found, unknown = [], []
    for name in names:
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            unknown.append(name)
        else:
            found.append(author.pk)
    return found, unknown


def summary(file_name, word_article, unknown_authors):
    said = "; ".join(word_article.recognised) or "no text"
    sentence = f"Read from “{file_name}”: {said}."
    if unknown_authors:
        sentence += " Not yet among the authors (add them under Authors): "
        sentence += ", ".join(unknown_authors) + "."
    return sentence + " Check the form, then save: nothing is saved until you do."


class WordImportViews:
    """Mixed into ArticleAdmin: the Import button of the article form."""

    def word_import_view(self, request, object_id=None):
        article = None if object_id is None else self.viewable_article(request, object_id)
        allowed = (
            self.has_add_permission(request)
            if article is None
            else self.has_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        upload = request.FILES.get("word_file")
        typed = {name: request.POST[name] for name in AUTOSAVED_FIELDS if name in request.POST}
        fields = typed
        if upload is None:
            self.message_user(request, "Choose a Word file (.docx) to import.", messages.ERROR)
        else:
            try:
                word_article = read_word_file(upload, store_image)
            except WordFileRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                fields = imported_fields(request.POST, word_article, article)
                author_ids, unknown = match_authors(word_article.author_names)
                fields["author_ids"] = author_ids
                self.message_user(
                    request, summary(upload.name, word_article, unknown), messages.SUCCESS
                )
        # What was typed is kept either way, and the form opens with it.
        AutosavedDraft.objects.update_or_create(
            user=request.user,
            article=article,
            defaults={"fields": fields, "saved_at": timezone.now()},
        )
        if article is None:
            return HttpResponseRedirect(reverse("admin:articles_article_add") + "?restore=1")
        change = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(change + "?restore=1")
