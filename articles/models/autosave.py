"""The copy of an article form kept as one types, so that a crash or a closed tab loses nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q

# What the form sends as one types: the text fields, never the files, the state or the authors.
AUTOSAVED_FIELDS = (
    "title",
    "slug",
    "teaser",
    "body",
    "background",
    "implications",
    "conclusions",
    "bio",
    "image_alt",
    "image_caption",
    "change_note",
)


class AutosavedDraft(models.Model):
    """One person's unsaved text of one article (or of a new one, `article` empty)."""

    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaved_drafts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaved_drafts"
    )
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_one_new"
            ),
        ]

    def __str__(self):
        return f"Unsaved text of {self.article or 'a new article'} by {self.user}"
