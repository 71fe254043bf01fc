"""Files attached to an article (a PDF of the paper, say), offered to its readers as downloads."""

import secrets
from pathlib import PurePath

from django.db import models
from django.urls import reverse
from django.utils.text import get_valid_filename

from analyst.documents import document_type, kind_label, validate_document


def attachment_path(attachment, filename):
    # A random folder: the file is reached through the article, never by a guessable path.
    name = get_valid_filename(PurePath(filename).name)[-150:] or "file"
    return f"attachments/{secrets.token_urlsafe(12)}/{name}"


class Attachment(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        upload_to=attachment_path,
        max_length=300,
        validators=[validate_document],
        help_text="A PDF, Word, Excel, PowerPoint or OpenDocument file.",
    )
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="The link's text for readers; the file's name if empty.",
    )
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    imported_from = models.CharField(
        max_length=500, blank=True, editable=False, help_text="Where the import found the file."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.content_type or not self.file._committed:
            self.size = self.file.size
            self.content_type = document_type(self.file) or "application/octet-stream"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:attachment", args=[self.article.slug, self.pk])

    @property
    def filename(self):
        return PurePath(self.file.name).name

    @property
    def label(self):
        return self.title or self.filename

    @property
    def kind(self):
        return kind_label(self.content_type)
