"""What the archive import leaves behind: where each article came from, and its old addresses."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from analyst.links import site_path


class ImportRecordQuerySet(models.QuerySet):
    def to_check(self):
        """Imported articles with warnings that no editor has marked checked yet."""
        return self.exclude(warnings="").filter(checked_at__isnull=True)


class ImportRecord(models.Model):
    """Where an imported article came from, so that importing again updates it in place."""

    class Source(models.TextChoices):
        K2 = "k2", "Joomla/K2"
        PAGES = "pages", "Saved pages"

    source = models.CharField(max_length=20, choices=Source)
    key = models.CharField(
        max_length=300, help_text="The item's id in its source (a K2 item id, a page's date/title)."
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="import_records"
    )
    checksum = models.CharField(max_length=64, help_text="Digest of the source item last imported.")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    warnings = models.TextField(
        blank=True,
        help_text="What the import was unsure of (a date read two ways, a guessed affiliation, "
        "parts not found, text repaired), one per line.",
    )
    checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor checked the article against its warnings."
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        ordering = ["source", "key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="importrecord_unique_key"),
        ]
        permissions = [("check_importrecord", "Can mark imported articles as checked")]

    def __str__(self):
        return f"{self.get_source_display()} {self.key}"

    @property
    def warning_list(self):
        return [line for line in self.warnings.splitlines() if line.strip()]

    def set_warnings(self, warnings):
        """Keep the import's warnings; new ones put the article back in the review queue."""
        text = "\n".join(dict.fromkeys(warning.strip() for warning in warnings if warning.strip()))
        if text != self.warnings:
            self.warnings = text
            self.checked_at = self.checked_by = None

    def mark_checked(self, by):
        self.checked_at, self.checked_by = timezone.now(), by
        self.save(update_fields=["checked_at", "checked_by"])


class Redirect(models.Model):
    """An old address that now answers with a permanent redirect (only where no page answers)."""

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="The path on the old site, such as /analytical-articles/item/123-title.html. "
        "A query string (?print=1) is ignored.",
    )
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="redirects",
        help_text="The article it leads to; it redirects only while the article is public.",
    )
    target_url = models.CharField(
        "other target",
        max_length=500,
        blank=True,
        help_text="Or another page of this site, such as /issues/ (its full address works too). "
        "Redirects lead only to this site's own pages.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=True, target_url__gt="")
                | Q(article__isnull=False, target_url=""),
                name="redirect_has_one_target",
            ),
        ]

    def __str__(self):
        return self.old_path

    def save(self, *args, **kwargs):
        self.old_path = normalize_path(self.old_path)
        super().save(*args, **kwargs)

    def clean(self):
        self.old_path = normalize_path(self.old_path)
        if not self.old_path.startswith("/"):
            raise ValidationError(
                {"old_path": "Give the path on the old site, starting with /."}, code="not_a_path"
            )
        if (self.article_id is None) == (not self.target_url.strip()):
            raise ValidationError(
                "Choose either an article or another target, not both.", code="one_target"
            )
        if self.target_url:
            self.target_url = self._own_target()

    def _own_target(self):
        path = site_path(self.target_url)
        if path is None:
            raise ValidationError(
                {
                    "target_url": "Give a page of this site, such as /issues/: a redirect may "
                    "not lead to another site, and the address may hold no backslash, "
                    "control or invisible character."
                },
                code="not_this_site",
            )
        return path

    @property
    def target(self):
        return self.article.get_absolute_url() if self.article_id else self.target_url


def normalize_path(address):
    """Return the path of an address as the old site would have been asked for it."""
    path = urlsplit(address.strip()).path or "/"
    return unquote(path)
